//! Views of a declared kind's entries (see [`crate::model::record`]): every field of
//! its struct, labelled and shown in the page's language by what the field holds (a
//! choice by its label, a country or plan item as a link, a web address as a link),
//! and the facets its listing is narrowed by. A declared kind needs no code here.

use serde::Serialize;
use serde_json::{Map, Value};

use super::labels::{field_word, labelled, snake_case, word, Labelled};
use super::{Link, Renderer};
use crate::model::kinds::{FacetOf, Kind};
use crate::model::library::served_path;
use crate::model::meta::ItemKind;
use crate::model::record::Record;
use crate::model::schema::{Field, Shape};
use crate::model::{Entry, Lang};

/// A declared kind's entry as its page shows it.
#[derive(Serialize)]
pub struct RecordView<'a> {
    /// The kind's name.
    kind: &'static str,
    /// Every field as the struct serializes it, for templates that lay a kind out.
    fields: &'a Map<String, Value>,
    /// Every field that has a value, labelled, in the struct's order (not the title,
    /// the translation flag, nor tables, which a kind's template shows its own way).
    facts: Vec<Fact>,
    /// The country it is about.
    country: Option<Link>,
    /// The text of its file in the page's language (else in the site's default
    /// language, else any), line by line, where the site has it (see
    /// [`crate::model::texts`]).
    text: Option<TextView<'a>>,
    /// Its files, one link each, served from the site itself (see
    /// [`crate::model::library`]) or, for a web address, where it is.
    downloads: Vec<Download>,
}

/// A link to one of a record's files, saying what a visitor will get before they
/// follow it: its language, format and size.
#[derive(Serialize)]
struct Download {
    /// Where it is: `/files/documents/report-2024.pdf`, or a web address.
    url: String,
    /// The file's name as a visitor saves it.
    name: String,
    /// The language code of the file, for `hreflang`.
    lang: String,
    /// The language's name in the page's language.
    language: String,
    /// `PDF`, `TXT`; none for a web address.
    format: Option<&'static str>,
    /// Its media type, for the link's `type`.
    media_type: Option<&'static str>,
    /// Its size, `1.2 MB`, `340 KB`; none for a web address.
    size: Option<String>,
    /// Whether it is on another site.
    external: bool,
}

/// A source text as a page shows it: each line an anchor (`#L305`).
#[derive(Serialize)]
struct TextView<'a> {
    path: &'a str,
    lang: &'a str,
    lines: Vec<&'a str>,
}

/// One field of a record: its label (see [`field_word`]) and its values.
#[derive(Serialize)]
pub(super) struct Fact {
    key: &'static str,
    label: String,
    values: Vec<Shown>,
}

/// A value as shown: its text, and where it leads, if anywhere.
#[derive(Serialize, Clone)]
struct Shown {
    text: String,
    url: Option<String>,
}

/// Every field of `fields` (an entry of `kind`) that has a value, but those of
/// `skip`, labelled and shown in `lang`, in the struct's order.
pub(super) fn facts(
    r: &Renderer<'_>,
    kind: &Kind,
    fields: &Map<String, Value>,
    lang: &Lang,
    skip: &[&str],
) -> Vec<Fact> {
    r.schema(kind)
        .iter()
        .filter(|f| !skip.contains(&f.name))
        .filter_map(|field| {
            let value = fields.get(field.name)?;
            let values = shown(r, &field.shape, value, lang);
            (!values.is_empty()).then(|| Fact {
                key: field.name,
                label: field_word(r, lang, kind.name, field.name, "").to_string(),
                values,
            })
        })
        .collect()
}

/// `value`, a field of an entry of `kind`, as a page shows it in `lang`: its values'
/// texts, joined.
pub(super) fn shown_text(
    r: &Renderer<'_>,
    kind: &Kind,
    key: &str,
    value: &Value,
    lang: &Lang,
) -> String {
    let shape = r
        .schema(kind)
        .iter()
        .find(|f| f.name == key)
        .map_or(&Shape::Other, |f| &f.shape);
    let texts: Vec<String> = match shape {
        // A table (an alignment's, a document's files) is shown as written.
        Shape::Map(_) | Shape::Other => vec![value.to_string()],
        shape => shown(r, shape, value, lang)
            .into_iter()
            .map(|s| s.text)
            .collect(),
    };
    texts.join("; ")
}

/// The view of `record`'s page in `lang`; `kind` is its declaration.
pub fn record_view<'a>(
    r: &'a Renderer<'_>,
    kind: &Kind,
    record: &'a Record,
    lang: &Lang,
) -> RecordView<'a> {
    let schema = r.schema(kind);
    let files = crate::model::record::files(record, schema);
    let preferred = [lang.as_str(), r.site.default_lang.as_str()];
    let text = preferred
        .iter()
        .filter_map(|want| files.iter().find(|(code, _)| code == want))
        .chain(files.iter())
        .find_map(|&(code, path)| {
            let lines = r.site.texts.lines(path)?;
            Some(TextView {
                path,
                lang: code,
                lines,
            })
        });
    let downloads = files
        .iter()
        .map(|&(code, path)| download(r, code, path, lang))
        .collect();
    let facts = facts(r, kind, &record.fields, lang, &["title", "translation"]);
    RecordView {
        kind: record.kind,
        fields: &record.fields,
        facts,
        country: record
            .country
            .as_ref()
            .and_then(|c| r.country_link(c.as_str(), lang)),
        text,
        downloads,
    }
}

/// The link to the file `path` in language `code`, on a page in `lang`.
fn download(r: &Renderer<'_>, code: &str, path: &str, lang: &Lang) -> Download {
    let language = labelled(r, lang, "language", code).label;
    let stored = r.site.library.check(path).ok();
    let url = match stored {
        Some(_) => served_path(path),
        None => path.to_string(),
    };
    Download {
        name: url.rsplit('/').next().unwrap_or_default().to_string(),
        url,
        lang: code.to_string(),
        language,
        format: stored.map(|f| f.format.label()),
        media_type: stored.map(|f| f.format.media_type()),
        size: stored.map(|f| size(f.bytes, word(r, lang, "decimal_separator"))),
        external: stored.is_none(),
    }
}

/// `bytes` as a reader wants it: `340 KB`, `1.2 MB`, with the language's decimal
/// separator.
fn size(bytes: u64, separator: &str) -> String {
    let text = if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    };
    text.replace('.', separator)
}

/// `value`, of `shape`, as the page shows it in `lang`.
fn shown(r: &Renderer<'_>, shape: &Shape, value: &Value, lang: &Lang) -> Vec<Shown> {
    let text = |text: String| Shown { text, url: None };
    match (shape, value) {
        (Shape::List(inner), Value::Array(list)) => {
            list.iter().flat_map(|v| shown(r, inner, v, lang)).collect()
        }
        (Shape::Choice(name, _), Value::String(v)) => {
            vec![text(labelled(r, lang, &snake_case(name), v).label)]
        }
        (Shape::Value("LanguageCode"), Value::String(v)) => {
            vec![text(labelled(r, lang, "language", v).label)]
        }
        (Shape::Value("CountryCode"), Value::String(v)) => match r.country_link(v, lang) {
            Some(link) => vec![Shown {
                text: link.title,
                url: Some(link.url),
            }],
            None => vec![text(v.clone())],
        },
        (Shape::Value("ItemRef"), Value::String(v)) => {
            let entry = r.site.plans.resolve(v).map(|key| r.entry(&key));
            match entry {
                Some(entry) => {
                    let link = r.link_to(entry, lang);
                    vec![Shown {
                        text: link.title,
                        url: Some(link.url),
                    }]
                }
                None => vec![text(v.clone())],
            }
        }
        (Shape::Value("WebAddress"), Value::String(v)) => vec![Shown {
            text: v.clone(),
            url: Some(v.clone()),
        }],
        (Shape::Map(_) | Shape::Other, _) => Vec::new(),
        (_, Value::String(v)) => vec![text(v.clone())],
        (_, Value::Number(n)) => vec![text(n.to_string())],
        (_, Value::Bool(b)) => vec![text(b.to_string())],
        _ => Vec::new(),
    }
}

/// The values of `key` in `fields`, each labelled as a page shows it (see [`shown`]),
/// with its value as written (text in lowercase, for addresses).
fn labelled_values(
    r: &Renderer<'_>,
    schema: &[Field],
    fields: &Map<String, Value>,
    key: &str,
    lang: &Lang,
) -> Vec<Labelled> {
    let Some(field) = schema.iter().find(|f| f.name == key) else {
        return Vec::new();
    };
    let values = match fields.get(key) {
        Some(Value::Array(list)) => list.clone(),
        Some(other) => vec![other.clone()],
        None => Vec::new(),
    };
    let inner = match &field.shape {
        Shape::List(inner) => inner.as_ref(),
        shape => shape,
    };
    values
        .iter()
        .flat_map(|v| {
            let value = match v {
                Value::String(s) => s.to_ascii_lowercase(),
                other => other.to_string(),
            };
            shown(r, inner, v, lang).into_iter().map(move |s| Labelled {
                value: value.clone(),
                label: s.text,
            })
        })
        .collect()
}

/// The facets an entry of `kind` is listed under, as its declaration names them
/// ([`crate::model::kinds::Listing::facets`]), with the entry's values, labelled.
pub fn facets(
    r: &Renderer<'_>,
    kind: &Kind,
    fields: &Map<String, Value>,
    lang: &Lang,
) -> Vec<(&'static str, Vec<Labelled>)> {
    let schema = r.schema(kind);
    let Some(listing) = kind.listing else {
        return Vec::new();
    };
    listing
        .facets
        .iter()
        .map(|&(name, of)| {
            let values = match of {
                FacetOf::Key(key) => labelled_values(r, schema, fields, key, lang),
                FacetOf::Year => dated(listing.dated_by, fields)
                    .map(|date| {
                        let year = date.get(..4).unwrap_or(&date).to_string();
                        Labelled {
                            value: year.clone(),
                            label: year,
                        }
                    })
                    .into_iter()
                    .collect(),
                FacetOf::Items(key, item_kind) => items(r, fields, key, item_kind, lang),
            };
            (name, values)
        })
        .collect()
}

/// When an entry is dated, by the first of `keys` it has: a day (`2014-11-25`) or a
/// year (`2014`), so that the two sort together as text.
pub fn dated(keys: &[&str], fields: &Map<String, Value>) -> Option<String> {
    keys.iter().find_map(|key| match fields.get(*key)? {
        Value::String(day) => Some(day.clone()),
        Value::Number(year) => Some(year.to_string()),
        _ => None,
    })
}

/// The plan items of `item_kind` among the references under `key`, labelled with
/// their plan (`Mandato 8 (2021-2026)`: both plans number their mandates from 1), each
/// value the reference with `-` for `/`, to stand in one segment of an address.
fn items(
    r: &Renderer<'_>,
    fields: &Map<String, Value>,
    key: &str,
    item_kind: ItemKind,
    lang: &Lang,
) -> Vec<Labelled> {
    let Some(Value::Array(references)) = fields.get(key) else {
        return Vec::new();
    };
    references
        .iter()
        .filter_map(Value::as_str)
        .filter_map(|reference| {
            let (kind, entry) = r.site.plans.resolve_kind(reference)?;
            let (plan, _) = reference.split_once('/')?;
            (kind == item_kind).then(|| Labelled {
                value: reference.to_ascii_lowercase().replace('/', "-"),
                label: format!("{} ({plan})", r.link_to(r.entry(&entry), lang).title),
            })
        })
        .collect()
}

/// What the card of an entry of `kind` shows under its title: the values of the keys
/// its declaration names ([`crate::model::kinds::Listing::card`]), labelled.
pub fn card_labels(
    r: &Renderer<'_>,
    kind: &Kind,
    fields: &Map<String, Value>,
    lang: &Lang,
) -> Vec<Labelled> {
    let schema = r.schema(kind);
    let keys = kind.listing.map_or(&[][..], |l| l.card);
    keys.iter()
        .flat_map(|key| labelled_values(r, schema, fields, key, lang))
        .collect()
}

/// The entries of declared kinds that name the plan item `entry`, as links.
pub fn naming(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Vec<Link> {
    r.naming(&entry.key)
        .iter()
        .map(|key| r.link_to(r.entry(key), lang))
        .collect()
}
