//! What each page reads as it renders, so that `faro serve` can re-render exactly the
//! pages an edit reaches (see [`crate::incremental`]).
//!
//! A page's record holds the entries whose front matter it read ([`Dep::Entry`]) or
//! whose text it read ([`Dep::Body`]), and the indexes that decided which entries it
//! shows ([`Dep::Children`], [`Dep::CountryCatalog`] …), as pseudo-keys. After an
//! edit, [`touched`] says which of those the edited entry belongs to before and after
//! it, and every page whose record holds one of them is re-rendered: the new view needs
//! no table of its own, only to read through the [`Renderer`] accessors below.
//!
//! Views read through the accessors, which [`record`] into the log of the page being
//! rendered on the current thread: a page renders on one thread from start to end
//! (nothing inside it runs in parallel), and the log is opened by [`recording`] around
//! it. Reads outside any log (the data exports) are not recorded. Values cached across
//! pages (rendered bodies, listings) keep the reads that made them, and every page that
//! uses them records those too ([`cached`]).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::Renderer;
use crate::model::indicators::Indicators;
use crate::model::kinds::report::ReportMeta;
use crate::model::meta::{CatalogKind, Meta};
use crate::model::record::Declared;
use crate::model::reports::Reports;
use crate::model::{Body, Entry, EntryKey, Lang, Page, Site};

/// Something a page can read: an entry, or an index that decides which entries it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Dep {
    /// The front matter of the entry with this key, in any of its files.
    Entry(EntryKey),
    /// The text of the entry's bodies, in any of its files: read by fewer views than
    /// its front matter (its own pages, the plan pages that quote an item's text), so
    /// that an edit of the text alone re-renders no listing.
    Body(EntryKey),
    /// Which entries section `key` holds, and in what order.
    Children(EntryKey),
    /// Which top-level pages and sections exist: every page's navigation.
    TopLevel,
    /// Which entry is the country with this ISO code (alpha-2 upper case, or alpha-3).
    Country(String),
    /// Which countries exist at all.
    Countries,
    /// Every entry of a catalog kind, with anything in them: a listing shows them all.
    Kind(CatalogKind),
    /// Which entries of a kind are about the country with entry key `1`.
    CountryCatalog(CatalogKind, EntryKey),
    /// Which page lists each catalog kind.
    Listings,
    /// Which practices implement the directive with this entry key.
    Practices(EntryKey),
    /// Which entries of declared kinds name the plan item with this entry key.
    Records(EntryKey),
    /// Which entries hold which files (a document's), by path.
    Files,
    /// The structure of the plan with this id: its sections, items and their order.
    Plan(String),
    /// Which items continue the item with this entry key.
    ContinuedBy(EntryKey),
    /// Which rows the alignment with this entry key has.
    AlignmentRows(EntryKey),
    /// Which alignment rows are about the directive with this entry key.
    DirectiveRows(EntryKey),
    /// Which alignments the country with this entry key has.
    CountryAlignments(EntryKey),
    /// The plans' indicators, with their texts and directives: read from the
    /// directives' front matter, so any of it may change them.
    Indicators,
}

/// The reads of one page, or of all the pages of an entry.
pub type Reads = HashSet<Dep>;

/// The reads of every page rendered, by entry key: an entry's pages in every language
/// and every facet view of a listing are rendered together, so they share one record.
pub type PageReads = HashMap<EntryKey, Reads>;

thread_local! {
    /// The logs open on this thread, innermost last: a page's, and within it the log of
    /// a cached value being made.
    static LOGS: RefCell<Vec<Reads>> = const { RefCell::new(Vec::new()) };
}

/// Adds `dep` to the innermost open log of this thread, if any.
pub fn record(dep: Dep) {
    LOGS.with(|logs| {
        if let Some(log) = logs.borrow_mut().last_mut() {
            log.insert(dep);
        }
    });
}

/// Runs `f` with a log of its own open, and returns what it read.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Reads) {
    /// Closes the log even if `f` panics, so that the thread's next page starts clean.
    struct Open;
    impl Drop for Open {
        fn drop(&mut self) {
            LOGS.with(|logs| logs.borrow_mut().pop());
        }
    }
    LOGS.with(|logs| logs.borrow_mut().push(Reads::new()));
    let open = Open;
    let value = f();
    let reads = LOGS.with(|logs| logs.borrow_mut().last_mut().map(std::mem::take));
    drop(open);
    (value, reads.unwrap_or_default())
}

/// The value in `cell`, made by `make` the first time; the reads that made it are
/// recorded by every page that uses it, not only by the first.
pub fn cached<T>(cell: &OnceLock<(T, Reads)>, make: impl FnOnce() -> T) -> &T {
    let (value, reads) = cell.get_or_init(|| recording(make));
    LOGS.with(|logs| {
        if let Some(log) = logs.borrow_mut().last_mut() {
            log.extend(reads.iter().cloned());
        }
    });
    value
}

/// Reads of the site's entries and indexes that views go through, so that they are
/// recorded.
impl Renderer<'_> {
    /// The entry with `key`, which an index or a reference gave.
    pub fn entry(&self, key: &str) -> &Entry {
        record(Dep::Entry(key.into()));
        &self.site.entries[key]
    }

    /// The Markdown of `page`'s body, as written.
    pub fn markdown<'p>(&self, page: &'p Page) -> &'p str {
        record(Dep::Body(page.doc.key.clone()));
        &page.doc.body
    }

    /// `page`'s body, parsed.
    pub fn parsed<'p>(&self, page: &'p Page) -> &'p Body {
        record(Dep::Body(page.doc.key.clone()));
        &page.doc.parsed
    }

    /// The states' reports by plan, period and state. The biennial pages count them
    /// all, so a read stands for every report, as [`Dep::Kind`] does for a listing.
    pub fn reports(&self) -> &Reports {
        record(Dep::Kind(CatalogKind(ReportMeta::KIND)));
        &self.site.reports
    }

    /// The plans' indicators.
    pub fn indicators(&self) -> &Indicators {
        record(Dep::Indicators);
        &self.site.indicators
    }

    /// The entry key of the plan with id `id`, one the site has.
    pub fn plan_key(&self, id: &str) -> &EntryKey {
        record(Dep::Plan(id.to_owned()));
        &self.site.plans.plans[id].key
    }

    /// The entry that holds the library file at `path`, if one does.
    pub fn holder_of(&self, path: &str) -> Option<&EntryKey> {
        record(Dep::Files);
        self.site.catalog.files.get(path).map(|(key, _)| key)
    }

    /// The entry key of the country with alpha-2 code `iso2` (any case).
    pub fn country_key(&self, iso2: &str) -> Option<&EntryKey> {
        record(Dep::Country(iso2.to_ascii_uppercase()));
        self.site.countries.by_iso2(iso2)
    }

    /// The entry keys of `kind` about the country `country` (an entry key).
    pub fn catalog_of(&self, kind: CatalogKind, country: &str) -> &[EntryKey] {
        record(Dep::CountryCatalog(kind, country.into()));
        self.site.catalog.of_country(kind, country)
    }

    /// Every entry of `kind`. Their contents are not recorded one by one: the listings
    /// show all of them, and [`Dep::Kind`] stands for them all.
    pub fn all_of(&self, kind: CatalogKind) -> impl Iterator<Item = (&EntryKey, &Vec<EntryKey>)> {
        record(Dep::Kind(kind));
        self.site.catalog.by_country(kind)
    }

    /// The entry key of the page that lists `kind`, if one does.
    pub fn listing(&self, kind: CatalogKind) -> Option<&str> {
        record(Dep::Listings);
        self.site.catalog.listing(kind)
    }

    /// The kind the page of entry `key` lists, if it lists one.
    pub fn listed_on(&self, key: &str) -> Option<CatalogKind> {
        record(Dep::Listings);
        self.site.catalog.listed_on(key)
    }

    /// The address of line `line` of the source text at `path` on the page of the
    /// entry that holds it (`/es/documents/…/#L305`), if an entry holds it and the
    /// site has its text.
    pub fn source_url(&self, path: &str, line: u32) -> Option<String> {
        record(Dep::Files);
        let (key, lang) = self.site.catalog.files.get(path)?;
        self.site
            .texts
            .has(path)
            .then(|| format!("{}#L{line}", crate::model::url_for(key, lang)))
    }

    /// The entries that name the plan item `key`: declared kinds' entries, and pages
    /// that say they serve it.
    pub fn naming(&self, key: &str) -> &[EntryKey] {
        record(Dep::Records(key.into()));
        self.site
            .catalog
            .named_by
            .get(key)
            .map_or(&[], Vec::as_slice)
    }

    /// The practices that implement the directive `key`.
    pub fn practices_of(&self, key: &str) -> &[EntryKey] {
        record(Dep::Practices(key.into()));
        self.site
            .catalog
            .practices_by_directive
            .get(key)
            .map_or(&[], Vec::as_slice)
    }

    /// The plan entry `key` belongs to.
    pub fn plan_of(&self, key: &str) -> Option<&crate::model::plans::Plan> {
        if let Some(id) = key.strip_prefix("plans/").and_then(|k| k.split('/').next()) {
            record(Dep::Plan(id.to_owned()));
        }
        self.site.plans.plan_of(key)
    }

    /// The plan with id `id`.
    pub fn plan(&self, id: &str) -> Option<&crate::model::plans::Plan> {
        record(Dep::Plan(id.to_owned()));
        self.site.plans.plans.get(id)
    }

    /// The entry key of a directive or mandate reference (`2021-2026/9`).
    pub fn resolve(&self, reference: &str) -> Option<EntryKey> {
        if let Some((id, _)) = reference.split_once('/') {
            record(Dep::Plan(id.to_owned()));
        }
        self.site.plans.resolve(reference)
    }

    /// The items that continue the item `key`.
    pub fn continued_by(&self, key: &str) -> &[EntryKey] {
        record(Dep::ContinuedBy(key.into()));
        self.site
            .plans
            .continued_by
            .get(key)
            .map_or(&[], Vec::as_slice)
    }

    /// The rows of the alignment `key`, if it is one.
    pub fn alignment_rows(&self, key: &str) -> Option<&Vec<EntryKey>> {
        record(Dep::AlignmentRows(key.into()));
        self.site.alignments.rows.get(key)
    }

    /// The alignment rows about the directive `key`.
    pub fn rows_of_directive(&self, key: &str) -> &[EntryKey] {
        record(Dep::DirectiveRows(key.into()));
        self.site
            .alignments
            .by_directive
            .get(key)
            .map_or(&[], Vec::as_slice)
    }

    /// The alignments of the country `key`.
    pub fn alignments_of(&self, key: &str) -> &[EntryKey] {
        record(Dep::CountryAlignments(key.into()));
        self.site
            .alignments
            .by_country
            .get(key)
            .map_or(&[], Vec::as_slice)
    }

    /// The entry keys of every country, in no particular order.
    pub fn country_keys(&self) -> Vec<&EntryKey> {
        record(Dep::Countries);
        self.site.countries.keys().collect()
    }

    /// How many countries the site has.
    pub fn country_count(&self) -> usize {
        record(Dep::Countries);
        self.site.countries.iso2_codes().count()
    }
}

/// The entry key of the country with alpha-3 code `iso3`, recorded: for the Markdown of
/// bodies, which names delegations' countries and sees only the site.
pub fn country_by_iso3<'s>(site: &'s Site, iso3: &str) -> Option<&'s EntryKey> {
    record(Dep::Country(iso3.to_owned()));
    let key = site.countries.by_iso3(iso3)?;
    record(Dep::Entry(key.clone()));
    Some(key)
}

/// What an edit of the entry `key` reaches, given the site before it (`old`) and after
/// it (`new`): the entry's text; unless the edit changed only that text, its front
/// matter and the sets read in full that it is part of (its catalog kind, whose
/// listings show front matter as cards, facets and counts; the plans' indicators); and,
/// when the edit added, removed or moved it (other country, section, directive, order
/// …), every index it belongs to before and after.
pub fn touched(old: &Site, new: &Site, key: &str) -> Vec<Dep> {
    let mut deps = vec![Dep::Body(key.into())];
    let (before, after) = (belongs(old, key), belongs(new, key));
    let bodies_only = fronts(old, key).is_some_and(|f| Some(f) == fronts(new, key));
    if !bodies_only {
        deps.push(Dep::Entry(key.into()));
        for site_belongs in [&before, &after].into_iter().flatten() {
            deps.extend(site_belongs.whole.iter().cloned());
        }
    }
    if before != after {
        for (site, belongs) in [(old, before), (new, after)] {
            let Some(belongs) = belongs else { continue };
            deps.extend(belongs.indexes);
            // A section that comes or goes takes or gives back the entries below it,
            // whose breadcrumbs and parent change.
            if let Some(entry) = site.entries.get(key) {
                deps.extend(entry.children.iter().cloned().map(Dep::Entry));
            }
        }
    }
    deps
}

/// The front matter of each file of the entry `key`, by language, as written.
fn fronts<'s>(site: &'s Site, key: &str) -> Option<Vec<(&'s Lang, &'s str)>> {
    let entry = site.entries.get(key)?;
    Some(
        entry
            .translations
            .iter()
            .map(|(lang, &page)| (lang, site.pages[page].doc.front.as_str()))
            .collect(),
    )
}

/// The indexes an entry belongs to, and what orders it among its siblings.
#[derive(PartialEq)]
struct Belongs {
    /// The sets read in full that its front matter is part of: its catalog kind, the
    /// plans' indicators.
    whole: Vec<Dep>,
    indexes: Vec<Dep>,
    /// Its weight, and an item's section (or the kind a page lists): where it sits in
    /// its lists.
    place: (i64, String),
}

/// What `key` belongs to in `site`, `None` when it has no entry there.
fn belongs(site: &Site, key: &str) -> Option<Belongs> {
    let entry = site.entries.get(key)?;
    let meta = &site.original(entry).doc.meta;
    let mut indexes = Vec::new();
    indexes.extend(entry.parent.clone().map(Dep::Children));
    let own = key.strip_suffix("/_index").unwrap_or(key);
    if !own.contains('/') {
        indexes.push(Dep::TopLevel);
    }
    let plan = || {
        let id = key.strip_prefix("plans/")?.split('/').next()?;
        Some(Dep::Plan(id.to_owned()))
    };
    let country = |iso2: &str| site.countries.by_iso2(iso2).cloned();
    let mut whole = Vec::new();
    let mut section = String::new();
    match meta {
        Meta::Country(m) => indexes.extend([
            Dep::Country(m.iso2.to_string()),
            Dep::Country(m.iso3.to_string()),
            Dep::Countries,
        ]),
        Meta::Authority(m) => {
            whole.push(Dep::Kind(CatalogKind::AUTHORITY));
            indexes.extend(
                country(&m.country).map(|c| Dep::CountryCatalog(CatalogKind::AUTHORITY, c)),
            );
        }
        Meta::Service(m) => {
            whole.push(Dep::Kind(CatalogKind::SERVICE));
            indexes
                .extend(country(&m.country).map(|c| Dep::CountryCatalog(CatalogKind::SERVICE, c)));
        }
        Meta::Record(m) => {
            whole.push(Dep::Kind(CatalogKind(m.kind)));
            let code = m.country.as_ref().and_then(|c| country(c));
            indexes.extend(code.map(|c| Dep::CountryCatalog(CatalogKind(m.kind), c)));
            if let Some(kind) = site.kinds.get(m.kind) {
                let schema = (kind.schema)();
                let items = crate::model::record::items(m, &schema);
                let named = items.iter().filter_map(|i| site.plans.resolve(i.value));
                indexes.extend(named.map(Dep::Records));
                if !crate::model::record::files(m, &schema).is_empty() {
                    indexes.push(Dep::Files);
                }
            }
        }
        Meta::Practice(m) => {
            whole.push(Dep::Kind(CatalogKind::PRACTICE));
            indexes
                .extend(country(&m.country).map(|c| Dep::CountryCatalog(CatalogKind::PRACTICE, c)));
            indexes.extend(
                m.implements
                    .iter()
                    .filter_map(|i| site.plans.resolve(i))
                    .map(Dep::Practices),
            );
        }
        Meta::Plan(_) => indexes.extend(plan()),
        Meta::Section(m) => {
            indexes.extend(plan());
            section.clone_from(&m.key);
        }
        Meta::Item(m) => {
            indexes.extend(plan());
            whole.push(Dep::Indicators);
            indexes.extend(
                m.continues
                    .iter()
                    .filter_map(|c| site.plans.resolve(c))
                    .map(Dep::ContinuedBy),
            );
            section.clone_from(&m.section);
        }
        Meta::Alignment(m) => {
            indexes.push(Dep::AlignmentRows(key.into()));
            indexes.extend(country(&m.country).map(Dep::CountryAlignments));
        }
        Meta::AlignmentRow(m) => {
            indexes.extend(entry.parent.clone().map(Dep::AlignmentRows));
            indexes.extend(site.plans.resolve(&m.directive).map(Dep::DirectiveRows));
        }
        Meta::Page(m) => {
            if let Some(lists) = &m.lists {
                indexes.push(Dep::Listings);
                section.clone_from(lists);
            }
        }
        Meta::Comparison(_) => {}
    }
    Some(Belongs {
        whole,
        indexes,
        place: (meta.weight(), section),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_value_counts_as_read_by_every_page_that_uses_it() {
        let cell = OnceLock::new();
        let made = |name: &str| {
            record(Dep::Entry(name.into()));
            name.len()
        };
        let ((), first) = recording(|| {
            record(Dep::TopLevel);
            assert_eq!(*cached(&cell, || made("countries/xa")), 12);
        });
        // The second page does not make the value again, but reads what made it.
        let ((), second) = recording(|| {
            assert_eq!(*cached(&cell, || made("never")), 12);
        });
        let entry = Dep::Entry("countries/xa".into());
        assert_eq!(first, Reads::from([Dep::TopLevel, entry.clone()]));
        assert_eq!(second, Reads::from([entry]));
    }

    #[test]
    fn reads_outside_a_page_are_not_kept() {
        record(Dep::TopLevel);
        let ((), reads) = recording(|| {});
        assert!(reads.is_empty());
    }
}
