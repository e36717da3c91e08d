//! Stage 3: group translations, give every page its URL, place it in its section and
//! check what pages say about each other.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use time::Date;

use crate::alignments::{self, Alignments};
use crate::catalog::{self, Catalog};
use crate::config::{Config, Lang};
use crate::countries::{self, Countries};
use crate::diagnostic::{codes, line_col, Diagnostic};
use crate::markdown;
use crate::meta::Meta;
use crate::parse::Document;
use crate::plans::{self, Plans};

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
    pub key: String,
    /// Index into [`Site::pages`] per language that has a file.
    pub translations: BTreeMap<Lang, usize>,
    /// Key of the section `_index` this entry belongs to, if any.
    pub parent: Option<String>,
    /// Keys of the entries in this section, in display order (sections only).
    pub children: Vec<String>,
}

/// The whole site: every page, and every entry grouping its translations.
#[derive(Debug, Clone)]
pub struct Site {
    /// All pages, one per content file.
    pub pages: Vec<Page>,
    /// Entries by translation key.
    pub entries: BTreeMap<String, Entry>,
    /// The configured default language.
    pub default_lang: Lang,
    /// Configured languages, in order.
    pub langs: Vec<Lang>,
    /// The Work Plans' structure.
    pub plans: Plans,
    /// Countries by ISO code.
    pub countries: Countries,
    /// National-plan alignments.
    pub alignments: Alignments,
    /// Authorities, services and practices.
    pub catalog: Catalog,
    /// The build date, against which verification dates are judged.
    pub today: Date,
}

impl Site {
    /// The page an entry is read from where a language lacks it: the default
    /// language's, else the first official one, else the first.
    pub fn original(&self, entry: &Entry) -> &Page {
        let official = |lang: &&Lang| {
            let page = &self.pages[entry.translations[*lang]];
            page.doc.meta.translation() == crate::meta::Translation::Official
        };
        let lang = entry
            .translations
            .get_key_value(&self.default_lang)
            .map(|(l, _)| l)
            .filter(official)
            .or_else(|| {
                self.langs
                    .iter()
                    .find(|l| entry.translations.contains_key(*l) && official(l))
            })
            .or_else(|| {
                self.langs
                    .iter()
                    .find(|l| entry.translations.contains_key(*l))
            })
            .expect("an entry has at least one translation");
        &self.pages[entry.translations[lang]]
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

/// Decodes `%XX` escapes in a URL path or fragment; a malformed escape stays as is.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Builds the [`Site`] and reports duplicate URLs and links to pages that do not exist.
/// `today` is the build date: entries not verified in the year before it are stale.
pub fn link(
    config: &Config,
    documents: Vec<Arc<Document>>,
    today: Date,
) -> (Site, Vec<Diagnostic>) {
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

    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        let entry = entries.entry(page.doc.key.clone()).or_default();
        entry.key = page.doc.key.clone();
        entry.translations.insert(page.doc.lang.clone(), i);
    }
    let keys: Vec<String> = entries.keys().cloned().collect();
    for key in &keys {
        let parent = parent_section(key, &entries);
        if let Some(parent) = &parent {
            entries
                .get_mut(parent)
                .expect("parent exists")
                .children
                .push(key.clone());
        }
        entries.get_mut(key).expect("key exists").parent = parent;
    }
    let mut site = Site {
        pages,
        entries,
        default_lang: config.default_language.clone(),
        langs: config.codes().cloned().collect(),
        plans: Plans::default(),
        countries: Countries::default(),
        alignments: Alignments::default(),
        catalog: Catalog::default(),
        today,
    };
    sort_children(&mut site);
    let (plans, problems) = plans::index(&site);
    diagnostics.extend(problems);
    let (countries, problems) = countries::index(&site);
    diagnostics.extend(problems);
    let (alignments, problems) = alignments::index(&site, &plans, &countries);
    diagnostics.extend(problems);
    let (catalog, problems) = catalog::index(&site, &plans, &countries, today);
    diagnostics.extend(problems);
    (site.plans, site.countries, site.alignments, site.catalog) =
        (plans, countries, alignments, catalog);
    diagnostics.extend(check_links(&site, &by_url));
    (site, diagnostics)
}

/// The nearest `_index` above `key`: `plans/2021-2026/directives/9` → `plans/2021-2026/_index`
/// when `plans/2021-2026/directives/_index` does not exist.
fn parent_section(key: &str, entries: &BTreeMap<String, Entry>) -> Option<String> {
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
        if entries.contains_key(&candidate) {
            return Some(candidate);
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    }
}

fn sort_children(site: &mut Site) {
    let weights: HashMap<String, i64> = site
        .entries
        .values()
        .map(|e| (e.key.clone(), site.original(e).doc.meta.weight()))
        .collect();
    for entry in site.entries.values_mut() {
        entry
            .children
            .sort_by(|a, b| weights[a].cmp(&weights[b]).then_with(|| natural_cmp(a, b)));
    }
}

/// Compares with digit runs as numbers, so that `directives/9` comes before
/// `directives/10` and `21` before `21bis`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.is_empty(), b.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        let a_digits = a.len() - a.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let b_digits = b.len() - b.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let ordering = if a_digits > 0 && b_digits > 0 {
            let (x, y) = (
                a[..a_digits].trim_start_matches('0'),
                b[..b_digits].trim_start_matches('0'),
            );
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        } else {
            let (x, y) = (a.chars().next().unwrap(), b.chars().next().unwrap());
            x.cmp(&y)
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
        let step_a = if a_digits > 0 {
            a_digits
        } else {
            a.chars().next().unwrap().len_utf8()
        };
        let step_b = if b_digits > 0 {
            b_digits
        } else {
            b.chars().next().unwrap().len_utf8()
        };
        a = &a[step_a..];
        b = &b[step_b..];
    }
}

/// Site-absolute links (`/es/about/`) in Markdown must name a page that exists.
fn check_links(site: &Site, by_url: &HashMap<String, usize>) -> Vec<Diagnostic> {
    let every_lang_url = |url: &str| {
        // A page that exists in one language exists, as a fallback, in all of them.
        let rest = url
            .trim_start_matches('/')
            .split_once('/')
            .map(|(_, r)| r)
            .unwrap_or("");
        site.langs
            .iter()
            .any(|l| by_url.contains_key(&format!("/{l}/{rest}")))
    };
    // Most bodies hold no link at all: a substring test spares parsing them.
    let linking = site.pages.par_iter().filter(|p| p.doc.body.contains("]("));
    linking.flat_map_iter(|page| {
        let body = &page.doc.body;
        let mut diagnostics = Vec::new();
        for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. }) => dest_url,
                _ => continue,
            };
            let Some(path) = dest.strip_prefix('/') else {
                continue;
            };
            let path = path.split(['#', '?']).next().unwrap_or("");
            if path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.'))
            {
                continue; // a file such as /data/directory.json, checked in the output
            }
            let normalized = format!("/{}/", path.trim_end_matches('/'));
            let is_lang_root = site.langs.iter().any(|l| normalized == format!("/{l}/"));
            if normalized == "//" || is_lang_root || every_lang_url(&normalized) {
                continue;
            }
            let (line, col) = line_col(body, range.start);
            diagnostics.push(
                Diagnostic::error(codes::BROKEN_LINK, &page.doc.path, line + page.doc.body_line - 1, col, format!("link to {dest}, a page that does not exist"))
                    .with_hint("link to an existing page such as /es/about/; URLs are /<lang>/<path under content>/"),
            );
        }
        diagnostics
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_reads_numbers_as_numbers() {
        let mut v = vec!["d/10", "d/21bis", "d/9", "d/21", "d/100"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["d/9", "d/10", "d/21", "d/21bis", "d/100"]);
    }

    #[test]
    fn urls_are_pretty_and_per_language() {
        let es = Lang("es".into());
        assert_eq!(url_for("_index", &es), "/es/");
        assert_eq!(url_for("plans/_index", &es), "/es/plans/");
        assert_eq!(url_for("about", &es), "/es/about/");
    }
}
