//! The services and practices listings: one page of cards, whole or narrowed to one
//! facet value, with every facet's values and counts and the page navigation.

use serde::Serialize;

use super::catalog::{card, coverage, keys_of_kind, Card, Coverage};
use super::labels::{kind_word, Labelled};
use super::Renderer;
use crate::model::kinds::Order;
use crate::model::meta::CatalogKind;
use crate::model::order::{fold, natural_cmp};
use crate::model::url_for;
use crate::model::Lang;

/// The site path of the page listing `kind` entries whose `facet` has `value`.
pub fn facet_url(listing: &str, lang: &Lang, facet: &str, value: &str) -> String {
    format!("{}{facet}/{value}/", url_for(listing, lang))
}

/// A listing (services or practices), whole or narrowed to one facet value: one page
/// of its cards.
#[derive(Serialize)]
pub struct ListingView {
    /// The kind listed: `service`, `practice`, `document` …
    kind: CatalogKind,
    /// The name of its open-data files (`/data/<export>.json`).
    export: &'static str,
    cards: Vec<Card>,
    total: usize,
    /// Links to the listing's other pages, when it takes more than one.
    pagination: Option<Pagination>,
    facets: Vec<FacetView>,
    /// The facet value this page is narrowed to, if any.
    current: Option<Labelled>,
    /// The whole listing, to clear the filter.
    all_url: String,
    /// How many countries the kind has entries from.
    coverage: Coverage,
    /// Its Atom feed, when its declaration asks for one.
    feed: Option<String>,
}

/// Where a page of a listing stands among the others.
#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    /// The first and last pages and those around the current one, in order; a gap
    /// between two of them is a link numbered 0, shown as an ellipsis.
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

/// The address of page `number` of a listing view whose first page is at `first`.
pub fn page_url(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{number}/")
    }
}

/// How many pages the listing of `kind` in `lang`, narrowed to `filter`, takes.
pub fn page_count(
    r: &Renderer<'_>,
    kind: CatalogKind,
    lang: &Lang,
    filter: Option<(&str, &str)>,
) -> usize {
    let entries = cached_listing(r, kind, lang)
        .cards
        .iter()
        .filter(|c| filter.is_none_or(|(name, value)| has_value(c, name, value)))
        .count();
    entries.div_ceil(r.config.page_size).max(1)
}

fn pagination(first: &str, current: usize, total: usize) -> Option<Pagination> {
    if total <= 1 {
        return None;
    }
    let link = |number| PageLink {
        number,
        url: page_url(first, number),
        current: number == current,
    };
    let mut pages: Vec<PageLink> = Vec::new();
    for number in 1..=total {
        let near = number.abs_diff(current) <= 2;
        if number == 1 || number == total || near {
            if pages.last().is_some_and(|p| p.number + 1 < number) {
                pages.push(PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                });
            }
            pages.push(link(number));
        }
    }
    Some(Pagination {
        current,
        total,
        previous: (current > 1).then(|| page_url(first, current - 1)),
        next: (current < total).then(|| page_url(first, current + 1)),
        pages,
    })
}

/// One facet and the number of entries for each of its values.
#[derive(Serialize)]
struct FacetView {
    name: &'static str,
    label: String,
    values: Vec<FacetValue>,
}

#[derive(Serialize)]
struct FacetValue {
    label: String,
    count: usize,
    url: String,
    current: bool,
}

/// Page `page` (from 1) of the listing at `listing` (an `_index` key) of entries of
/// `kind`, narrowed to `filter` = (facet, value) when given.
pub fn listing_view(
    r: &Renderer<'_>,
    listing: &str,
    kind: CatalogKind,
    lang: &Lang,
    filter: Option<(&str, &str)>,
    page: usize,
) -> ListingView {
    let cached = cached_listing(r, kind, lang);
    let all = &cached.cards;
    let facets = cached
        .facets
        .iter()
        .cloned()
        .map(|(name, values)| FacetView {
            name,
            label: kind_word(r, lang, "facet", kind.name(), name).to_string(),
            values: values
                .into_iter()
                .map(|(value, count)| FacetValue {
                    url: facet_url(listing, lang, name, &value.value),
                    current: filter == Some((name, value.value.as_str())),
                    label: value.label,
                    count,
                })
                .collect(),
        })
        .collect();
    let current = filter.and_then(|(name, value)| {
        all.iter()
            .flat_map(|c| c.facets.iter())
            .filter(|(n, _)| *n == name)
            .flat_map(|(_, v)| v)
            .find(|v| v.value == value)
            .cloned()
    });
    let matching: Vec<&Card> = all
        .iter()
        .filter(|c| filter.is_none_or(|(name, value)| has_value(c, name, value)))
        .collect();
    let size = r.config.page_size;
    let first = match filter {
        Some((name, value)) => facet_url(listing, lang, name, value),
        None => url_for(listing, lang),
    };
    let declared = r.site.kinds.get(kind.name()).and_then(|k| k.listing);
    ListingView {
        kind,
        export: declared.map_or(kind.name(), |l| l.export),
        feed: declared
            .filter(|l| l.feed)
            .map(|_| format!("{}atom.xml", url_for(listing, lang))),
        total: matching.len(),
        pagination: pagination(&first, page, matching.len().div_ceil(size).max(1)),
        cards: matching
            .into_iter()
            .skip((page - 1) * size)
            .take(size)
            .cloned()
            .collect(),
        facets,
        current,
        all_url: url_for(listing, lang),
        coverage: coverage(r, kind),
    }
}

fn has_value(card: &Card, facet: &str, value: &str) -> bool {
    card.facets
        .iter()
        .any(|(name, values)| *name == facet && values.iter().any(|v| v.value == value))
}

/// Every facet's values with their counts, values sorted by label.
fn facet_values(cards: &[Card]) -> Vec<(&'static str, Vec<(Labelled, usize)>)> {
    let mut facets: Vec<(&'static str, Vec<(Labelled, usize)>)> = Vec::new();
    for card in cards {
        for (name, values) in &card.facets {
            let at = match facets.iter().position(|(n, _)| n == name) {
                Some(at) => at,
                None => {
                    facets.push((name, Vec::new()));
                    facets.len() - 1
                }
            };
            for value in values {
                match facets[at]
                    .1
                    .iter_mut()
                    .find(|(v, _)| v.value == value.value)
                {
                    Some((_, count)) => *count += 1,
                    None => facets[at].1.push((value.clone(), 1)),
                }
            }
        }
    }
    for (_, values) in &mut facets {
        // Numbers in order: "Mandato 8" before "Mandato 10".
        values.sort_by(|(a, _), (b, _)| natural_cmp(&fold(&a.label), &fold(&b.label)));
    }
    // A facet no entry has a value for narrows nothing.
    facets.retain(|(_, values)| !values.is_empty());
    facets
}

/// Every (facet, value) a listing of `kind` can be narrowed to.
pub fn facet_filters(
    r: &Renderer<'_>,
    kind: CatalogKind,
    lang: &Lang,
) -> Vec<(&'static str, String)> {
    cached_listing(r, kind, lang)
        .facets
        .iter()
        .cloned()
        .flat_map(|(name, values)| values.into_iter().map(move |(v, _)| (name, v.value)))
        .collect()
}

/// Every card of a kind in one language, with its facets: made once per listing and
/// language, since every facet page of the listing starts from it.
pub struct Listing {
    cards: Vec<Card>,
    facets: Vec<(&'static str, Vec<(Labelled, usize)>)>,
}

fn cached_listing<'r>(r: &'r Renderer<'_>, kind: CatalogKind, lang: &Lang) -> &'r Listing {
    let slot = &r.listings[&(kind, lang.clone())];
    // Every page of the listing shows what the cards read (their countries' names).
    super::reads::cached(slot, || {
        let mut cards: Vec<Card> = keys_of_kind(r, kind)
            .into_iter()
            .filter_map(|e| card(r, e, lang))
            .collect();
        let order = r.site.kinds.get(kind.name()).and_then(|k| k.listing);
        if order.is_some_and(|l| l.order == Order::NewestFirst) {
            // Stable: entries of one date stay in the order of their keys.
            cards.sort_by(|a, b| match (&a.dated, &b.dated) {
                (Some(a), Some(b)) => b.cmp(a),
                (a, b) => b.is_some().cmp(&a.is_some()),
            });
        }
        let facets = facet_values(&cards);
        Listing { cards, facets }
    })
}
