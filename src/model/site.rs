//! The site as content: every page, grouped by translation key into entries, placed
//! in its section, and the indexes built from them. Built once, complete, by
//! [`Site::build`].

use std::collections::{BTreeMap, HashMap};
use std::ops::Deref;
use std::sync::Arc;

use time::Date;

use super::alignments::{self, Alignments};
use super::catalog::{self, Catalog};
use super::countries::{self, Countries};
use super::edition::Edition;
use super::indicators::{self, Indicators};
use super::kinds::Kinds;
use super::library::Library;
use super::meta::Meta;
use super::order::natural_cmp;
use super::plans::{self, Plans};
use super::reports::{self, Reports};
use super::texts::Texts;
use super::translations;
use super::{Document, EntryKey, Lang};
use crate::diagnostic::{codes, Diagnostic};

/// A parsed document with its place in the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// The document, shared so that `faro serve` can re-link without copying it.
    pub doc: Arc<Document>,
    /// Site path, e.g. `/es/about/`.
    pub url: String,
}

/// One piece of content in all the languages it exists in.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Translation key, e.g. `plans/_index`.
    pub key: EntryKey,
    /// Index into [`Content::pages`] per language that has a file.
    pub translations: BTreeMap<Lang, usize>,
    /// Key of the section `_index` this entry belongs to, if any.
    pub parent: Option<EntryKey>,
    /// Keys of the entries in this section, in display order (sections only).
    pub children: Vec<EntryKey>,
}

/// Every page and every entry grouping its translations: what the indexes are built
/// from.
#[derive(Debug, Clone)]
pub struct Content {
    /// All pages, one per content file.
    pub pages: Vec<Page>,
    /// Entries by translation key.
    pub entries: BTreeMap<EntryKey, Entry>,
    /// The configured default language.
    pub default_lang: Lang,
    /// Configured languages, in order.
    pub langs: Vec<Lang>,
    /// The kinds of content the site was built with.
    pub kinds: Kinds,
}

/// The whole site: its [`Content`] and the indexes that relate entries to each other.
/// It dereferences to its content, so that `site.entries` reads as what it is.
#[derive(Debug, Clone)]
pub struct Site {
    /// Pages and entries.
    pub content: Content,
    /// The Work Plans' structure.
    pub plans: Plans,
    /// The plans' result indicators, each an entry of its own.
    pub indicators: Indicators,
    /// The states' reports on the indicators, by plan and period.
    pub reports: Reports,
    /// Countries by ISO code.
    pub countries: Countries,
    /// National-plan alignments.
    pub alignments: Alignments,
    /// Authorities, services and practices.
    pub catalog: Catalog,
    /// The build date, against which verification dates are judged.
    pub today: Date,
    /// The source documents' plain texts.
    pub texts: Texts,
    /// The documents library's files.
    pub library: Library,
    /// The listings' yearly editions, by listing and year.
    pub editions: Vec<Edition>,
}

/// What the site holds beside its content files, loaded before it is built: the
/// source texts, the library's files, the listings' editions.
#[derive(Debug, Clone, Default)]
pub struct Holdings {
    /// The source documents' plain texts.
    pub texts: Texts,
    /// The documents library's files.
    pub library: Library,
    /// The listings' yearly editions.
    pub editions: Vec<Edition>,
}

impl Deref for Site {
    type Target = Content;

    fn deref(&self) -> &Content {
        &self.content
    }
}

impl Content {
    /// The page an entry is read from where a language lacks it (see
    /// [`translations::original_lang`]).
    pub fn original(&self, entry: &Entry) -> &Page {
        let translation = |lang: &Lang| {
            entry
                .translations
                .get(lang)
                .map(|&i| self.pages[i].doc.meta.translation())
        };
        let lang = translations::original_lang(&self.default_lang, &self.langs, translation)
            // Only languages outside the configuration are left: load never makes them.
            .or_else(|| entry.translations.keys().next());
        let index = lang.and_then(|l| entry.translations.get(l)).copied();
        // An entry exists only because a page has its key, so it has a translation.
        &self.pages[index.unwrap_or_default()]
    }

    /// Whether `entry` has a page of its own in `lang`: a translation, or a data entry
    /// (such as a country) with no text to translate, which every language presents
    /// in its own words.
    pub fn is_own_page(&self, entry: &Entry, lang: &Lang) -> bool {
        entry.translations.contains_key(lang) || {
            let original = self.original(entry);
            matches!(original.doc.meta, Meta::Country(_)) && original.doc.body.trim().is_empty()
        }
    }

    /// The site path of `entry`'s `x-default` alternate: the language chooser at `/`
    /// for the home page, the original elsewhere.
    pub fn x_default(&self, entry: &Entry) -> String {
        if entry.key == "_index" {
            "/".into()
        } else {
            self.original(entry).url.clone()
        }
    }

    /// The page of `entry` in `lang`, if that translation exists.
    pub fn translation(&self, entry: &Entry, lang: &Lang) -> Option<&Page> {
        entry.translations.get(lang).map(|&i| &self.pages[i])
    }

    /// The page that shows `entry` in `lang`: its translation, else the original.
    pub fn shown(&self, entry: &Entry, lang: &Lang) -> &Page {
        self.translation(entry, lang)
            .unwrap_or_else(|| self.original(entry))
    }
}

impl Site {
    /// Builds the site from every parsed document: pages get their URLs, translations
    /// are grouped into entries (a translation of another kind than its original is
    /// reported and left out), entries are placed in their sections, and the indexes
    /// are built, and the editions checked. `today` is the build date: entries not verified in the year before
    /// it are stale.
    pub fn build(
        documents: Vec<Arc<Document>>,
        default_lang: Lang,
        langs: Vec<Lang>,
        kinds: Kinds,
        holdings: Holdings,
        today: Date,
    ) -> (Site, Vec<Diagnostic>) {
        let Holdings {
            texts,
            library,
            mut editions,
        } = holdings;
        let (documents, mut diagnostics) =
            translations::of_one_kind(documents, &default_lang, &langs);
        let (pages, problems) = pages(documents);
        diagnostics.extend(problems);
        let mut content = Content {
            entries: entries(&pages),
            pages,
            default_lang,
            langs,
            kinds,
        };
        sort_children(&mut content);
        let (plans, problems) = plans::index(&content);
        diagnostics.extend(problems);
        let indicators = indicators::index(&content, &plans);
        let (reports, problems) = reports::index(&content, &plans, &indicators);
        diagnostics.extend(problems);
        let (countries, problems) = countries::index(&content);
        diagnostics.extend(problems);
        let (alignments, problems) = alignments::index(&content, &plans, &countries);
        diagnostics.extend(problems);
        let (catalog, problems) = catalog::index(&content, &plans, &countries, &library, today);
        diagnostics.extend(problems);
        let exports: Vec<&str> = content.kinds.listed().map(|(_, l)| l.export).collect();
        diagnostics.extend(editions.iter().flat_map(|e| e.check(&exports)));
        editions.sort_by(|a, b| (&a.export, a.year, &a.path).cmp(&(&b.export, b.year, &b.path)));
        // One edition per listing and year: a second would publish over the first.
        for pair in editions.windows(2) {
            if (&pair[0].export, pair[0].year) == (&pair[1].export, pair[1].year) {
                diagnostics.push(
                    Diagnostic::error(
                        codes::DUPLICATE_ID,
                        &pair[1].path,
                        1,
                        1,
                        format!(
                            "the {} edition of `{}` is also {}",
                            pair[1].year,
                            pair[1].export,
                            pair[0].path.display()
                        ),
                    )
                    .with_hint("keep one file per listing and year"),
                );
            }
        }
        let site = Site {
            content,
            plans,
            indicators,
            reports,
            countries,
            alignments,
            catalog,
            today,
            texts,
            library,
            editions,
        };
        (site, diagnostics)
    }
}

impl Site {
    /// The entry key of the page that lists the kind whose open data is named
    /// `export` (`directory` → `directory/_index`): where that listing's editions
    /// are published.
    pub fn listing_of_export(&self, export: &str) -> Option<&str> {
        let (kind, _) = self.kinds.listed().find(|(_, l)| l.export == export)?;
        self.catalog.listing(kind)
    }
}

/// The site path of `key` in `lang`: `about` → `/es/about/`, `plans/_index` → `/es/plans/`.
pub fn url_for(key: &str, lang: &Lang) -> String {
    let path = key
        .strip_suffix("_index")
        .unwrap_or(key)
        .trim_end_matches('/');
    if path.is_empty() {
        format!("/{lang}/")
    } else {
        format!("/{lang}/{path}/")
    }
}

/// Gives each document its URL; a second document with the same URL is reported.
fn pages(documents: Vec<Arc<Document>>) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut pages: Vec<Page> = Vec::with_capacity(documents.len());
    let mut by_url: HashMap<String, usize> = HashMap::new();
    for doc in documents {
        let url = url_for(&doc.key, &doc.lang);
        if let Some(&other) = by_url.get(&url) {
            diagnostics.push(
                Diagnostic::error(
                    codes::DUPLICATE_URL,
                    &doc.path,
                    1,
                    1,
                    format!(
                        "this file and {} both make {url}",
                        pages[other].doc.path.display()
                    ),
                )
                .with_hint("rename or remove one of them"),
            );
            continue;
        }
        by_url.insert(url.clone(), pages.len());
        pages.push(Page { doc, url });
    }
    (pages, diagnostics)
}

/// Groups pages by translation key and links each entry to its section.
fn entries(pages: &[Page]) -> BTreeMap<EntryKey, Entry> {
    let mut entries: BTreeMap<EntryKey, Entry> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        let entry = entries.entry(page.doc.key.clone()).or_default();
        entry.key = page.doc.key.clone();
        entry.translations.insert(page.doc.lang.clone(), i);
    }
    let parents: Vec<(EntryKey, EntryKey)> = entries
        .keys()
        .filter_map(|key| Some((key.clone(), parent_section(key, &entries)?)))
        .collect();
    for (key, parent) in parents {
        if let Some(section) = entries.get_mut(&parent) {
            section.children.push(key.clone());
        }
        if let Some(entry) = entries.get_mut(&key) {
            entry.parent = Some(parent);
        }
    }
    entries
}

/// The nearest `_index` above `key`: `plans/2021-2026/directives/9` → `plans/2021-2026/_index`
/// when `plans/2021-2026/directives/_index` does not exist.
fn parent_section(key: &str, entries: &BTreeMap<EntryKey, Entry>) -> Option<EntryKey> {
    if key == "_index" {
        return None;
    }
    // The folder holding this entry: `a` for both `a/b` and `a/b/_index`.
    let own = key.strip_suffix("/_index").unwrap_or(key);
    let mut dir = own.rsplit_once('/').map_or("", |(d, _)| d);
    loop {
        let candidate = if dir.is_empty() {
            "_index".to_string()
        } else {
            format!("{dir}/_index")
        };
        if entries.contains_key(candidate.as_str()) {
            return Some(candidate.into());
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
}

/// Orders each section's children by weight, then by key with numbers read as numbers.
fn sort_children(content: &mut Content) {
    let weights: HashMap<EntryKey, i64> = content
        .entries
        .values()
        .map(|e| (e.key.clone(), content.original(e).doc.meta.weight()))
        .collect();
    let weight = |key: &EntryKey| weights.get(key).copied().unwrap_or_default();
    for entry in content.entries.values_mut() {
        entry
            .children
            .sort_by(|a, b| weight(a).cmp(&weight(b)).then_with(|| natural_cmp(a, b)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_pretty_and_per_language() {
        let es = Lang("es".into());
        assert_eq!(url_for("_index", &es), "/es/");
        assert_eq!(url_for("plans/_index", &es), "/es/plans/");
        assert_eq!(url_for("about", &es), "/es/about/");
    }
}
