//! Views of authorities, services and practices: their pages, the directory and the
//! filterable listings, and what a country or a directive page shows of them.

use std::collections::HashMap;

use serde::Serialize;

use super::{Link, Renderer};
use crate::catalog::is_stale;
use crate::config::Lang;
use crate::link::{url_for, Entry};
use crate::meta::{AuthorityMeta, Meta, PracticeMeta, ServiceMeta};

/// A word of the interface, by key.
pub(super) fn word<'a>(r: &'a Renderer<'_>, lang: &Lang, key: &str) -> &'a str {
    r.i18n.catalog(lang).get(key).map_or("", String::as_str)
}

/// A value with its label in the page's language: `("hotline", "Línea telefónica")`.
#[derive(Serialize, Clone)]
pub struct Labelled {
    pub(super) value: String,
    pub(super) label: String,
}

/// `value` labelled by interface key `<prefix>_<value>` (dashes as underscores), or by
/// itself when the interface has no word for it (e.g. a rare language code).
pub(super) fn labelled(r: &Renderer<'_>, lang: &Lang, prefix: &str, value: &str) -> Labelled {
    let key = format!("{prefix}_{}", value.replace('-', "_"));
    let label = r
        .i18n
        .catalog(lang)
        .get(&key)
        .cloned()
        .unwrap_or_else(|| value.to_string());
    Labelled {
        value: value.to_string(),
        label,
    }
}

fn serde_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A phone number as shown and as a `tel:` link.
#[derive(Serialize)]
struct Phone {
    display: String,
    tel: String,
}

fn phones(list: &[String]) -> Vec<Phone> {
    list.iter()
        .map(|p| Phone {
            display: p.clone(),
            tel: p
                .chars()
                .filter(|c| *c == '+' || c.is_ascii_digit())
                .collect(),
        })
        .collect()
}

/// Whether an entry is due for verification, and when it was last verified.
#[derive(Serialize)]
struct Verification {
    last_verified: Option<String>,
    stale: bool,
}

fn verification(r: &Renderer<'_>, date: Option<&toml::value::Datetime>) -> Verification {
    Verification {
        last_verified: date.map(|d| d.to_string()),
        stale: is_stale(date, r.site.today),
    }
}

/// The link to the country with alpha-2 code `iso2`.
pub(super) fn country_link(r: &Renderer<'_>, iso2: &str, lang: &Lang) -> Option<Link> {
    r.site
        .countries
        .by_iso2(iso2)
        .map(|k| r.link_to(&r.site.entries[k], lang))
}

/// An authority's page.
#[derive(Serialize)]
pub struct AuthorityView<'a> {
    meta: &'a AuthorityMeta,
    role: Labelled,
    country: Option<Link>,
    phones: Vec<Phone>,
    languages: Vec<Labelled>,
    verification: Verification,
    vcard: String,
    json_ld: String,
}

/// The view of an authority's page.
pub fn authority_view<'a>(
    r: &Renderer<'_>,
    entry: &Entry,
    meta: &'a AuthorityMeta,
    lang: &Lang,
) -> AuthorityView<'a> {
    AuthorityView {
        meta,
        role: labelled(r, lang, "role", &serde_name(&meta.role)),
        country: country_link(r, &meta.country, lang),
        phones: phones(&meta.phones),
        languages: meta
            .languages
            .iter()
            .map(|l| labelled(r, lang, "language", l))
            .collect(),
        verification: verification(r, meta.last_verified.as_ref()),
        vcard: format!("/data/vcard/{}.vcf", entry_id(&entry.key)),
        json_ld: super::data::authority_json_ld(r, meta, lang),
    }
}

/// A service's page.
#[derive(Serialize)]
pub struct ServiceView<'a> {
    meta: &'a ServiceMeta,
    types: Vec<Labelled>,
    populations: Vec<Labelled>,
    languages: Vec<Labelled>,
    cost: Option<Labelled>,
    country: Option<Link>,
    phones: Vec<Phone>,
    verification: Verification,
    json_ld: String,
}

/// The view of a service's page.
pub fn service_view<'a>(r: &Renderer<'_>, meta: &'a ServiceMeta, lang: &Lang) -> ServiceView<'a> {
    ServiceView {
        meta,
        types: meta
            .types
            .iter()
            .map(|t| labelled(r, lang, "service_type", &serde_name(t)))
            .collect(),
        populations: meta
            .populations
            .iter()
            .map(|p| labelled(r, lang, "population", &serde_name(p)))
            .collect(),
        languages: meta
            .languages
            .iter()
            .map(|l| labelled(r, lang, "language", l))
            .collect(),
        cost: meta
            .cost
            .map(|c| labelled(r, lang, "cost", &serde_name(&c))),
        country: country_link(r, &meta.country, lang),
        phones: phones(&meta.phones),
        verification: verification(r, meta.last_verified.as_ref()),
        json_ld: super::data::service_json_ld(r, meta, lang),
    }
}

/// A practice's page.
#[derive(Serialize)]
pub struct PracticeView<'a> {
    meta: &'a PracticeMeta,
    area: Labelled,
    country: Option<Link>,
    implements: Vec<Link>,
    target_groups: Vec<Labelled>,
    languages: Vec<Labelled>,
}

/// The view of a practice's page.
pub fn practice_view<'a>(
    r: &Renderer<'_>,
    meta: &'a PracticeMeta,
    lang: &Lang,
) -> PracticeView<'a> {
    PracticeView {
        meta,
        area: labelled(r, lang, "area", &meta.area),
        country: country_link(r, &meta.country, lang),
        implements: meta
            .implements
            .iter()
            .filter_map(|reference| r.site.plans.resolve(reference))
            .map(|key| super::plans::cross_plan_link(r, &r.site.entries[&key], lang))
            .collect(),
        target_groups: meta
            .target_groups
            .iter()
            .map(|p| labelled(r, lang, "population", &serde_name(p)))
            .collect(),
        languages: meta
            .languages
            .iter()
            .map(|l| labelled(r, lang, "language", l))
            .collect(),
    }
}

/// A stable id for exports: the entry key below its kind's folder (`pe/linea-1818`).
pub fn entry_id(key: &str) -> String {
    key.split_once('/')
        .map_or(key, |(_, rest)| rest)
        .to_string()
}

/// An entry of a listing: its link, the facts listings show, and its facet values.
#[derive(Serialize, Clone)]
pub struct Card {
    pub(super) link: Link,
    pub(super) country: Option<Link>,
    pub(super) labels: Vec<Labelled>,
    pub(super) stale: bool,
    pub(super) last_verified: Option<String>,
    /// Facet name → values, for filtering.
    #[serde(skip)]
    pub(super) facets: Vec<(&'static str, Vec<Labelled>)>,
}

/// The listing card of an authority, service or practice.
pub fn card(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Option<Card> {
    let page = r.site.original(entry);
    let country_facet = |iso2: &str| -> Vec<Labelled> {
        country_link(r, iso2, lang)
            .map(|c| Labelled {
                value: iso2.to_ascii_lowercase(),
                label: c.title,
            })
            .into_iter()
            .collect()
    };
    let languages = |list: &[String]| {
        list.iter()
            .map(|l| labelled(r, lang, "language", l))
            .collect::<Vec<_>>()
    };
    let card = |country: &str,
                labels: Vec<Labelled>,
                verified: Option<&toml::value::Datetime>,
                facets| Card {
        link: r.link_to(entry, lang),
        country: country_link(r, country, lang),
        labels,
        // Only directory and service entries carry contacts that go out of date.
        stale: matches!(page.doc.meta, Meta::Authority(_) | Meta::Service(_))
            && is_stale(verified, r.site.today),
        last_verified: verified.map(|d| d.to_string()),
        facets,
    };
    Some(match &page.doc.meta {
        Meta::Authority(m) => card(
            &m.country,
            vec![labelled(r, lang, "role", &serde_name(&m.role))],
            m.last_verified.as_ref(),
            vec![("country", country_facet(&m.country))],
        ),
        Meta::Service(m) => {
            let types: Vec<Labelled> = m
                .types
                .iter()
                .map(|t| labelled(r, lang, "service_type", &serde_name(t)))
                .collect();
            let populations: Vec<Labelled> = m
                .populations
                .iter()
                .map(|p| labelled(r, lang, "population", &serde_name(p)))
                .collect();
            card(
                &m.country,
                types.clone(),
                m.last_verified.as_ref(),
                vec![
                    ("country", country_facet(&m.country)),
                    ("type", types),
                    ("population", populations),
                    ("language", languages(&m.languages)),
                ],
            )
        }
        Meta::Practice(m) => {
            let area = labelled(r, lang, "area", &m.area);
            let groups: Vec<Labelled> = m
                .target_groups
                .iter()
                .map(|p| labelled(r, lang, "population", &serde_name(p)))
                .collect();
            card(
                &m.country,
                vec![
                    area.clone(),
                    Labelled {
                        value: m.year.to_string(),
                        label: m.year.to_string(),
                    },
                ],
                None,
                vec![
                    ("country", country_facet(&m.country)),
                    ("area", vec![area]),
                    ("population", groups),
                    ("language", languages(&m.languages)),
                ],
            )
        }
        _ => return None,
    })
}

/// Entry keys of every authority, service or practice, by kind name.
pub fn keys_of_kind<'a>(r: &'a Renderer<'_>, kind: &str) -> Vec<&'a Entry> {
    let mut entries: Vec<&Entry> = by_country(r, kind)
        .values()
        .flatten()
        .map(|k| &r.site.entries[k])
        .collect();
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    entries
}

/// The entry keys of `kind` (authority, service or practice) per country entry key.
fn by_country<'a>(r: &'a Renderer<'_>, kind: &str) -> &'a HashMap<String, Vec<String>> {
    match kind {
        "authority" => &r.site.catalog.authorities,
        "service" => &r.site.catalog.services,
        _ => &r.site.catalog.practices,
    }
}

/// How many of the site's countries a catalog has entries from: the directory and the
/// listings say so, so that a short list reads as unfinished rather than complete.
#[derive(Serialize)]
pub struct Coverage {
    countries: usize,
    of: usize,
}

/// The coverage of the entries of `kind` (authority, service or practice).
pub fn coverage(r: &Renderer<'_>, kind: &str) -> Coverage {
    Coverage {
        countries: by_country(r, kind)
            .values()
            .filter(|keys| !keys.is_empty())
            .count(),
        of: r.site.countries.iso2_codes().count(),
    }
}

/// The directory: each country's authorities, and when the country's entries were
/// last verified.
#[derive(Serialize)]
pub struct DirectoryGroup {
    country: Link,
    last_verified: Option<String>,
    authorities: Vec<Card>,
}

/// The view of the directory index, countries in alphabetical order.
pub fn directory_view(r: &Renderer<'_>, lang: &Lang) -> Vec<DirectoryGroup> {
    let mut groups: Vec<DirectoryGroup> = r
        .site
        .catalog
        .authorities
        .iter()
        .map(|(country, keys)| {
            let authorities: Vec<Card> = keys
                .iter()
                .filter_map(|k| card(r, &r.site.entries[k], lang))
                .collect();
            // The oldest verification speaks for the group: it is as current as its least current entry.
            let last_verified = if authorities.iter().any(|a| a.last_verified.is_none()) {
                None
            } else {
                authorities
                    .iter()
                    .filter_map(|a| a.last_verified.clone())
                    .min()
            };
            DirectoryGroup {
                country: r.link_to(&r.site.entries[country], lang),
                last_verified,
                authorities,
            }
        })
        .collect();
    groups.sort_by_cached_key(|g| super::sort_key(&g.country.title));
    groups
}

/// What a country page shows beyond the country itself.
#[derive(Serialize)]
pub struct CountryView {
    authorities: Vec<Card>,
    services: Vec<Card>,
    practices: Vec<Card>,
    alignments: Vec<Link>,
    /// The directives its practices implement.
    directives: Vec<Link>,
}

/// The view of what refers to the country `entry`.
pub fn country_view(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> CountryView {
    let cards = |map: &HashMap<String, Vec<String>>| -> Vec<Card> {
        map.get(&entry.key)
            .into_iter()
            .flatten()
            .filter_map(|k| card(r, &r.site.entries[k], lang))
            .collect()
    };
    let practices = r
        .site
        .catalog
        .practices
        .get(&entry.key)
        .cloned()
        .unwrap_or_default();
    let mut directives: Vec<String> = practices
        .iter()
        .filter_map(|k| match &r.site.original(&r.site.entries[k]).doc.meta {
            Meta::Practice(m) => Some(
                m.implements
                    .iter()
                    .filter_map(|i| r.site.plans.resolve(i))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    directives.sort_by_key(|k| {
        (
            k.clone(),
            r.site.original(&r.site.entries[k]).doc.meta.weight(),
        )
    });
    directives.dedup();
    CountryView {
        authorities: cards(&r.site.catalog.authorities),
        services: cards(&r.site.catalog.services),
        practices: cards(&r.site.catalog.practices),
        alignments: r
            .site
            .alignments
            .by_country
            .get(&entry.key)
            .into_iter()
            .flatten()
            .map(|k| r.link_to(&r.site.entries[k], lang))
            .collect(),
        directives: directives
            .iter()
            .map(|k| super::plans::cross_plan_link(r, &r.site.entries[k], lang))
            .collect(),
    }
}

/// How many authorities, services and practices one country has (the countries index).
#[derive(Serialize)]
pub struct CountryCounts {
    country: Link,
    authorities: usize,
    services: usize,
    practices: usize,
}

/// The counts of each country in `keys`, in the visitor's alphabetical order.
pub fn country_counts(r: &Renderer<'_>, keys: &[String], lang: &Lang) -> Vec<CountryCounts> {
    let count = |map: &HashMap<String, Vec<String>>, key: &String| map.get(key).map_or(0, Vec::len);
    let mut counts: Vec<CountryCounts> = keys
        .iter()
        .map(|key| CountryCounts {
            country: r.link_to(&r.site.entries[key], lang),
            authorities: count(&r.site.catalog.authorities, key),
            services: count(&r.site.catalog.services, key),
            practices: count(&r.site.catalog.practices, key),
        })
        .collect();
    counts.sort_by_cached_key(|c| super::sort_key(&c.country.title));
    counts
}

/// The practices that implement the directive `entry`.
pub fn practices_for_directive(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Vec<Card> {
    r.site
        .catalog
        .practices_by_directive
        .get(&entry.key)
        .into_iter()
        .flatten()
        .filter_map(|k| card(r, &r.site.entries[k], lang))
        .collect()
}

/// The site path of the page listing `kind` entries whose `facet` has `value`.
pub fn facet_url(listing: &str, lang: &Lang, facet: &str, value: &str) -> String {
    format!("{}{facet}/{value}/", url_for(listing, lang))
}

/// A listing (services or practices), whole or narrowed to one facet value: one page
/// of its cards.
#[derive(Serialize)]
pub struct ListingView {
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
    kind: &str,
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
    kind: &str,
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
            label: word(r, lang, &format!("facet_{name}")).to_string(),
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
    ListingView {
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
        values.sort_by_cached_key(|(v, _)| super::sort_key(&v.label));
    }
    facets
}

/// Every (facet, value) a listing of `kind` can be narrowed to.
pub fn facet_filters(r: &Renderer<'_>, kind: &str, lang: &Lang) -> Vec<(&'static str, String)> {
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

fn cached_listing<'r>(r: &'r Renderer<'_>, kind: &str, lang: &Lang) -> &'r Listing {
    let slot = r
        .listings
        .get(&(kind.to_string(), lang.clone()))
        .expect("listing kinds are known");
    slot.get_or_init(|| {
        let cards: Vec<Card> = keys_of_kind(r, kind)
            .into_iter()
            .filter_map(|e| card(r, e, lang))
            .collect();
        let facets = facet_values(&cards);
        Listing { cards, facets }
    })
}
