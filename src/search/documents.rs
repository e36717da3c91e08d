//! What search indexes: one document per page that has its own text in a language,
//! with the facets results are filtered by.

use serde_json::Value;

use crate::i18n::{Catalog, I18n};
use crate::markdown;
use crate::model::edition::edition_path;
use crate::model::indicators::Table;
use crate::model::library::served_path;
use crate::model::meta::Meta;
use crate::model::record;
use crate::model::{url_for, Entry, Lang, Site};
use crate::render::title_of;

use super::facets::facets;

/// One searchable page in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// The title as the page shows it, e.g. "Directriz 99".
    pub title: String,
    /// The body as plain text, proposals such as `[CAN: …]` included.
    pub body: String,
    /// The kind of content: `directive`, `country`, `page` …
    pub kind: &'static str,
    /// The Work Plan it belongs to, e.g. `2021-2026`.
    pub plan: Option<String>,
    /// An item's number in its plan: `99`, `21bis`, `iv`.
    pub number: Option<String>,
    /// The ISO 3166-1 alpha-2 code of the country it is about.
    pub country: Option<String>,
    /// Site path, e.g. `/es/plans/2021-2026/directives/99/`.
    pub url: String,
}

/// The pages of `lang` to index, in id order: by kind, plan, country and URL, so that
/// every facet value is a few ranges of ids (see `export`).
pub fn documents(i18n: &I18n, site: &Site, lang: &Lang) -> Vec<SearchDoc> {
    let catalog = i18n.catalog(lang);
    let mut docs: Vec<SearchDoc> = site
        .entries
        .values()
        // A page showing another language's original is that language's document.
        .filter(|entry| site.is_own_page(entry, lang))
        .flat_map(|entry| {
            let page = site.shown(entry, lang);
            let facets = facets(site, entry, &page.doc.meta);
            let mut body = markdown::to_text(&page.doc.parsed);
            body.push_str(&table_words(&page.doc.meta));
            let own = SearchDoc {
                title: title_of(catalog, page, lang, false).0,
                body,
                kind: facets.kind,
                plan: facets.plan,
                number: facets.number,
                country: facets.country,
                url: url_for(&entry.key, lang),
            };
            let pages = pdf_pages(site, catalog, entry, lang, &own);
            std::iter::once(own).chain(pages)
        })
        .collect();
    docs.extend(editions(site, catalog, lang));
    docs.extend(indicators(site, catalog, lang));
    docs.sort_by(|a, b| {
        (a.kind, &a.plan, &a.country, &a.url).cmp(&(b.kind, &b.plan, &b.country, &b.url))
    });
    docs
}

/// The words a record holds in its lists of tables, which its page shows: a report's
/// answers, the measures a state took. One line each, after the page's own text.
fn table_words(meta: &Meta) -> String {
    let Meta::Record(record) = meta else {
        return String::new();
    };
    record
        .fields
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|table| table.values().filter_map(Value::as_str))
        .map(|text| format!("\n{text}"))
        .collect()
}

/// One document per page of the PDF files in `lang` that the entry holds, found by
/// the words on that page and leading to it (`file.pdf#page=2`), with the entry's
/// facets: a researcher lands on the page that says what they searched for.
fn pdf_pages(
    site: &Site,
    catalog: &Catalog,
    entry: &Entry,
    lang: &Lang,
    own: &SearchDoc,
) -> Vec<SearchDoc> {
    let Meta::Record(entry_record) = &site.original(entry).doc.meta else {
        return Vec::new();
    };
    let Some(kind) = site.kinds.get(entry_record.kind) else {
        return Vec::new();
    };
    let page_word = catalog.get("document_page").map_or("{n}", String::as_str);
    let schema = (kind.schema)();
    record::files(entry_record, &schema)
        .into_iter()
        .filter(|(code, _)| *code == lang.as_str())
        .filter_map(|(_, path)| Some((path, site.library.check(path).ok()?)))
        .flat_map(|(path, file)| {
            let url = served_path(path);
            file.pages
                .iter()
                .enumerate()
                .filter(|(_, text)| !text.trim().is_empty())
                .map(move |(i, text)| SearchDoc {
                    title: format!(
                        "{} · {}",
                        own.title,
                        page_word.replace("{n}", &(i + 1).to_string())
                    ),
                    body: text.clone(),
                    kind: own.kind,
                    plan: own.plan.clone(),
                    number: None,
                    country: own.country.clone(),
                    url: format!("{url}#page={}", i + 1),
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// One document per yearly edition of a listing (the directory's), in `lang`: found by
/// the names and facts of the entries it froze, and leading to its printable page.
fn editions(site: &Site, catalog: &Catalog, lang: &Lang) -> Vec<SearchDoc> {
    site.editions
        .iter()
        .filter_map(|edition| {
            let listing = site.listing_of_export(&edition.export)?;
            let listing_page = site.shown(site.entries.get(listing)?, lang);
            let title = catalog
                .get("edition_title")
                .map_or("{listing} {year}", String::as_str)
                .replace("{listing}", &title_of(catalog, listing_page, lang, false).0)
                .replace("{year}", &edition.year.to_string());
            let mut words: Vec<&str> = Vec::new();
            for entry in &edition.entries {
                words.push(&entry.title);
                for value in entry.fields.values() {
                    match value {
                        Value::String(text) => words.push(text),
                        Value::Array(list) => words.extend(list.iter().filter_map(Value::as_str)),
                        _ => {}
                    }
                }
            }
            Some(SearchDoc {
                title,
                body: words.join("\n"),
                kind: "edition",
                plan: None,
                number: None,
                country: None,
                url: edition_path(listing, lang, edition.year),
            })
        })
        .collect()
}

/// One document per row of a plan's adopted indicator table, in `lang`: found by its
/// text (or the original's, where `lang` has none), leading to its page.
fn indicators(site: &Site, catalog: &Catalog, lang: &Lang) -> Vec<SearchDoc> {
    site.indicators
        .iter()
        .filter(|i| i.table == Table::Adopted)
        .filter_map(|indicator| {
            let (_, text) = indicator.text_in(lang, &site.default_lang)?;
            let title = catalog
                .get("indicator_title")
                .map_or("{row}", String::as_str)
                .replace("{row}", &indicator.row.to_string());
            Some(SearchDoc {
                title: format!("{title} ({})", indicator.plan),
                body: text.text.clone(),
                kind: "indicator",
                plan: Some(indicator.plan.clone()),
                number: Some(indicator.short_id()),
                country: None,
                url: indicator.path(lang),
            })
        })
        .collect()
}
