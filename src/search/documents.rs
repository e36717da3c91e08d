//! What search indexes: one document per page that has its own text in a language,
//! with the facets results are filtered by.

use crate::i18n::I18n;
use crate::markdown;
use crate::model::Lang;
use crate::model::{url_for, Site};
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
        .map(|entry| {
            let page = site.shown(entry, lang);
            let facets = facets(site, entry, &page.doc.meta);
            SearchDoc {
                title: title_of(catalog, page, lang, false).0,
                body: markdown::to_text(&page.doc.parsed),
                kind: facets.kind,
                plan: facets.plan,
                number: facets.number,
                country: facets.country,
                url: url_for(&entry.key, lang),
            }
        })
        .collect();
    docs.sort_by(|a, b| {
        (a.kind, &a.plan, &a.country, &a.url).cmp(&(b.kind, &b.plan, &b.country, &b.url))
    });
    docs
}
