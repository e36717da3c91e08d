//! What the platform holds for each mandate to the General Secretariat, derived from
//! content, never written by hand: the sections and pages that say they serve it
//! (`serves` in their front matter: the directory for mandates 7 and 8, the good
//! practices for 12, the about page for 13), each listing with its count of entries
//! and states and its latest date, the listing's yearly editions, and the documents
//! and other entries that name the mandate. A mandate's page shows it; the plan's
//! section of mandates shows it for all, one row each. Neither says whether a
//! mandate is fulfilled: the platform cannot know.

use serde::Serialize;

use super::catalog::{coverage, keys_of_kind};
use super::labels::word;
use super::record::dated;
use super::{Link, Renderer};
use crate::model::edition::Edition;
use crate::model::meta::{CatalogKind, ItemKind, Meta, SectionMeta};
use crate::model::{Entry, EntryKey, Lang};

/// One thing the platform holds for a mandate.
#[derive(Serialize)]
pub struct Holding {
    link: Link,
    /// For a listing: how many entries from how many states, and its editions.
    facts: Vec<String>,
    /// The newest date among what it holds (a verification, a year, an edition).
    latest: Option<String>,
}

/// What the platform holds for the plan item `entry`, in `lang`.
pub fn holdings(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Vec<Holding> {
    r.naming(&entry.key)
        .iter()
        .map(|key| holding(r, key, lang))
        .collect()
}

fn holding(r: &Renderer<'_>, key: &EntryKey, lang: &Lang) -> Holding {
    let entry = r.entry(key);
    let link = r.link_to(entry, lang);
    let Some(kind) = r.site.catalog.listed_on(key) else {
        // A page, or an entry of its own (a document): its own date, if it has one.
        let meta = &r.site.original(entry).doc.meta;
        let declared = r.site.kinds.get(meta.kind()).and_then(|k| k.listing);
        let latest = declared
            .zip(meta.fields())
            .and_then(|(listing, fields)| dated(listing.dated_by, &fields));
        return Holding {
            link,
            facts: Vec::new(),
            latest,
        };
    };
    let entries = keys_of_kind(r, kind);
    let covered = coverage(r, kind);
    let mut facts = vec![word(r, lang, "holding_entries")
        .replace("{n}", &entries.len().to_string())
        .replace("{countries}", &covered.countries().to_string())];
    let declared = r.site.kinds.get(kind.name()).and_then(|k| k.listing);
    let mut latest = declared.and_then(|listing| {
        entries
            .iter()
            .filter_map(|e| dated(listing.dated_by, &r.site.original(e).doc.meta.fields()?))
            .max()
    });
    let editions = editions_of(r, kind);
    if let Some(newest) = editions.last() {
        facts.push(
            word(r, lang, "holding_editions")
                .replace("{n}", &editions.len().to_string())
                .replace("{year}", &newest.year.to_string()),
        );
        latest = latest.max(Some(newest.date.to_string()));
    }
    Holding {
        link,
        facts,
        latest,
    }
}

/// The editions of the listing of `kind`, oldest first.
fn editions_of<'r>(r: &'r Renderer<'_>, kind: CatalogKind) -> Vec<&'r Edition> {
    let export = r
        .site
        .kinds
        .get(kind.name())
        .and_then(|k| k.listing)
        .map(|l| l.export);
    r.site
        .editions
        .iter()
        .filter(|e| Some(e.export.as_str()) == export)
        .collect()
}

/// One mandate of a plan and what the platform holds for it.
#[derive(Serialize)]
pub struct TrackerRow {
    mandate: Link,
    holdings: Vec<Holding>,
    /// The newest date among its holdings.
    latest: Option<String>,
}

/// Every mandate of the plan section `section` (an entry of kind section), in
/// order, with what the platform holds for each; `None` when it holds no mandate.
pub fn tracker(
    r: &Renderer<'_>,
    section: &Entry,
    meta: &SectionMeta,
    lang: &Lang,
) -> Option<Vec<TrackerRow>> {
    let items = r.plan_of(&section.key)?.items_by_section.get(&meta.key)?;
    let rows: Vec<TrackerRow> = items
        .iter()
        .map(|key| r.entry(key))
        .filter(|entry| {
            matches!(
                &r.site.original(entry).doc.meta,
                Meta::Item(item) if item.kind == ItemKind::Mandate
            )
        })
        .map(|entry| {
            let holdings = holdings(r, entry, lang);
            let latest = holdings.iter().filter_map(|h| h.latest.clone()).max();
            TrackerRow {
                mandate: r.link_to(entry, lang),
                holdings,
                latest,
            }
        })
        .collect();
    (!rows.is_empty()).then_some(rows)
}
