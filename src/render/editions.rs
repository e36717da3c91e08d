//! The yearly editions of a listing (see [`crate::model::edition`]): for each edition
//! and language a printable page (a table of contents by country, every entry with
//! its fields) and a page of the changes since the edition before it; for each
//! edition its open data (`/data/directory-2026.json`, `.csv`); and the list of
//! editions that the listing's page shows.

use serde::Serialize;
use serde_json::{Map, Value};

use super::csv_export::csv_file;
use super::labels::word;
use super::record::{facts, shown_text, Fact};
use super::{Link, OutputFile, Renderer};
use crate::diagnostic::Diagnostic;
use crate::model::edition::{changes, changes_path, edition_path, Edition, EditionEntry};
use crate::model::kinds::Kind;
use crate::model::meta::CatalogKind;
use crate::model::Lang;

/// An edition as the listing's page lists it.
#[derive(Serialize)]
pub struct EditionLink {
    year: i32,
    date: String,
    entries: usize,
    url: String,
    json: String,
    csv: String,
    /// The edition before it and the page of changes since, if there is one.
    changes: Option<(i32, String)>,
}

/// The editions of the listing of `kind`, newest first, with their addresses in `lang`.
pub fn edition_links(r: &Renderer<'_>, kind: CatalogKind, lang: &Lang) -> Vec<EditionLink> {
    let Some((listing, export)) = listing_of(r, kind) else {
        return Vec::new();
    };
    let editions = of_export(r, export);
    let mut links: Vec<EditionLink> = editions
        .iter()
        .enumerate()
        .map(|(i, edition)| EditionLink {
            year: edition.year,
            date: edition.date.to_string(),
            entries: edition.entries.len(),
            url: edition_path(listing, lang, edition.year),
            json: data_path(edition, "json"),
            csv: data_path(edition, "csv"),
            changes: i
                .checked_sub(1)
                .map(|p| (editions[p].year, changes_path(listing, lang, edition.year))),
        })
        .collect();
    links.reverse();
    links
}

/// Every page and data file of every edition.
pub fn outputs(r: &Renderer<'_>) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = Vec::new();
    for (kind, _) in r.site.kinds.listed() {
        let Some((listing, export)) = listing_of(r, kind) else {
            continue;
        };
        let Some(kind_row) = r.site.kinds.get(kind.name()) else {
            continue;
        };
        let editions = of_export(r, export);
        for (i, edition) in editions.iter().enumerate() {
            let previous = i.checked_sub(1).map(|p| editions[p]);
            files.extend(data_files(edition, kind_row));
            for lang in &r.site.langs {
                files.extend(edition_page(r, kind_row, listing, edition, previous, lang)?);
                if let Some(previous) = previous {
                    files.push(changes_page(r, kind_row, listing, previous, edition, lang)?);
                }
            }
        }
    }
    Ok(files)
}

/// The section page that lists `kind` and the name of its exports.
fn listing_of<'r>(r: &'r Renderer<'_>, kind: CatalogKind) -> Option<(&'r str, &'static str)> {
    let listing = r.listing(kind)?;
    let export = r.site.kinds.get(kind.name())?.listing?.export;
    Some((listing, export))
}

/// The editions of the listing exported as `export`, oldest first.
fn of_export<'r>(r: &'r Renderer<'_>, export: &str) -> Vec<&'r Edition> {
    r.site
        .editions
        .iter()
        .filter(|e| e.export == export)
        .collect()
}

fn data_path(edition: &Edition, extension: &str) -> String {
    format!("/data/{}-{}.{extension}", edition.export, edition.year)
}

/// An edition's entries as open data: the columns of the listing's own open data,
/// without the address of a page that may since have changed.
fn data_files(edition: &Edition, kind: &Kind) -> [OutputFile; 2] {
    let records: Vec<Value> = edition
        .entries
        .iter()
        .map(|entry| {
            let mut record = Map::new();
            record.insert("id".into(), Value::String(entry.id.clone()));
            record.extend(entry.fields.clone());
            Value::Object(record)
        })
        .collect();
    let columns: Vec<&str> = kind
        .export_fields()
        .into_iter()
        .filter(|f| *f != "url")
        .collect();
    let json = serde_json::to_string_pretty(&records).unwrap_or_else(|_| "[]".into());
    [
        OutputFile {
            path: data_path(edition, "json").trim_start_matches('/').into(),
            bytes: (json + "\n").into_bytes(),
        },
        csv_file(
            data_path(edition, "csv").trim_start_matches('/'),
            &records,
            &columns,
        ),
    ]
}

/// The states of an edition, by name, each with its entries.
#[derive(Serialize)]
struct CountryGroup {
    /// The fragment of its section: its ISO code in lowercase.
    anchor: String,
    country: Link,
    entries: Vec<EntryView>,
}

#[derive(Serialize)]
struct EntryView {
    id: String,
    title: String,
    facts: Vec<Fact>,
}

/// The printable page of an edition.
#[derive(Serialize)]
struct EditionView {
    year: i32,
    date: String,
    entries: usize,
    countries: Vec<CountryGroup>,
    json: String,
    csv: String,
    listing: Link,
    /// The edition before it and the page of what changed since.
    previous: Option<(i32, String)>,
}

fn country_of(r: &Renderer<'_>, iso2: &str, lang: &Lang) -> Link {
    r.country_link(iso2, lang).unwrap_or_else(|| Link {
        // A state whose page has since gone keeps its code.
        title: iso2.to_string(),
        url: String::new(),
        lang: None,
        description: None,
    })
}

fn edition_page(
    r: &Renderer<'_>,
    kind: &Kind,
    listing: &str,
    edition: &Edition,
    previous: Option<&Edition>,
    lang: &Lang,
) -> Result<[OutputFile; 2], Diagnostic> {
    let mut countries: Vec<CountryGroup> = edition
        .entries_by_country()
        .into_iter()
        .map(|(iso2, entries)| CountryGroup {
            anchor: if iso2.is_empty() {
                "none".into()
            } else {
                iso2.to_lowercase()
            },
            country: country_of(r, &iso2, lang),
            entries: entries
                .into_iter()
                .map(|e| EntryView {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    facts: facts(r, kind, &e.fields, lang, &["country", kind_title(kind)]),
                })
                .collect(),
        })
        .collect();
    countries.sort_by_cached_key(|c| crate::model::order::fold(&c.country.title));
    let view = EditionView {
        year: edition.year,
        date: edition.date.to_string(),
        entries: edition.entries.len(),
        countries,
        json: data_path(edition, "json"),
        csv: data_path(edition, "csv"),
        listing: r.link_to(r.entry(listing), lang),
        previous: previous.map(|p| (p.year, changes_path(listing, lang, edition.year))),
    };
    let title = word(r, lang, "edition_title")
        .replace("{listing}", &view.listing.title)
        .replace("{year}", &edition.year.to_string());
    // The title and date in every printed page's margin: a margin box shows only
    // what a stylesheet writes, and the pages allow no inline style.
    let print = OutputFile {
        path: super::index_path(&edition_path(listing, lang, edition.year))
            .with_file_name("print.css"),
        bytes: format!(
            "@page edition {{ @bottom-left {{ content: \"{}\"; }} }}\n",
            css_string(&format!("{title} · {}", edition.date))
        )
        .into_bytes(),
    };
    let path = |l: &Lang| edition_path(listing, l, edition.year);
    let page = r.generated_page(
        lang,
        &path,
        "edition.html",
        title,
        listing,
        ("edition", &view),
    )?;
    Ok([page, print])
}

/// `text` escaped for a CSS string in double quotes.
fn css_string(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            c if c.is_control() => format!("\\{:x} ", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// The key that holds an entry's title, which the entry's heading already shows.
fn kind_title(kind: &Kind) -> &'static str {
    if (kind.fields)().contains(&"institution") {
        "institution"
    } else {
        "title"
    }
}

/// One entry added or removed.
#[derive(Serialize)]
struct EntryLine {
    id: String,
    title: String,
    country: Link,
}

/// One entry whose fields changed, each field old → new.
#[derive(Serialize)]
struct ChangedView {
    id: String,
    title: String,
    country: Link,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct FieldView {
    label: String,
    old: Option<String>,
    new: Option<String>,
}

#[derive(Serialize)]
struct ChangesView {
    year: i32,
    date: String,
    previous_year: i32,
    previous_date: String,
    edition_url: String,
    edition_title: String,
    added: Vec<EntryLine>,
    removed: Vec<EntryLine>,
    changed: Vec<ChangedView>,
}

fn changes_page(
    r: &Renderer<'_>,
    kind: &Kind,
    listing: &str,
    older: &Edition,
    newer: &Edition,
    lang: &Lang,
) -> Result<OutputFile, Diagnostic> {
    let diff = changes(older, newer);
    let listing_title = r.link_to(r.entry(listing), lang).title;
    let country = |e: &EditionEntry| {
        let iso2 = e.fields.get("country").and_then(Value::as_str);
        country_of(r, iso2.unwrap_or_default(), lang)
    };
    let line = |e: &EditionEntry| EntryLine {
        id: e.id.clone(),
        title: e.title.clone(),
        country: country(e),
    };
    let label = |key: &str| {
        let word = super::labels::field_word(r, lang, kind.name, key, "");
        if word.is_empty() {
            key.to_string()
        } else {
            word.to_string()
        }
    };
    let view = ChangesView {
        year: newer.year,
        date: newer.date.to_string(),
        previous_year: older.year,
        previous_date: older.date.to_string(),
        edition_url: edition_path(listing, lang, newer.year),
        edition_title: word(r, lang, "edition_title")
            .replace("{listing}", &listing_title)
            .replace("{year}", &newer.year.to_string()),
        added: diff.added.iter().map(|e| line(e)).collect(),
        removed: diff.removed.iter().map(|e| line(e)).collect(),
        changed: diff
            .changed
            .iter()
            .map(|(e, fields)| ChangedView {
                id: e.id.clone(),
                title: e.title.clone(),
                country: country(e),
                fields: fields
                    .iter()
                    .map(|f| FieldView {
                        label: label(&f.key),
                        old: f.old.as_ref().map(|v| shown_text(r, kind, &f.key, v, lang)),
                        new: f.new.as_ref().map(|v| shown_text(r, kind, &f.key, v, lang)),
                    })
                    .collect(),
            })
            .collect(),
    };
    let title = word(r, lang, "edition_changes_title")
        .replace("{listing}", &listing_title)
        .replace("{year}", &newer.year.to_string())
        .replace("{previous}", &older.year.to_string());
    let path = |l: &Lang| changes_path(listing, l, newer.year);
    r.generated_page(
        lang,
        &path,
        "edition-changes.html",
        title,
        listing,
        ("changes", &view),
    )
}
