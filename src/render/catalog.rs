//! Views of authorities, services and practices: their pages, their cards, the
//! directory, and what a country or a directive page shows of them (the filterable
//! listings are in `listing`).

use serde::Serialize;

use super::labels::{labelled, labelled_all, serde_name, Labelled};
use super::{Link, Renderer};
use crate::model::catalog::is_stale;
use crate::model::meta::{
    AuthorityMeta, CatalogKind, Meta, PracticeMeta, ServiceMeta, ServiceType,
};
use crate::model::order::fold;
use crate::model::order::natural_cmp;
use crate::model::values;
use crate::model::Entry;
use crate::model::EntryKey;
use crate::model::Lang;

/// A phone number as shown and its `tel:` URI.
#[derive(Serialize)]
struct Phone {
    display: String,
    tel: String,
}

/// The phones of an entry, each with the URI that dials it.
fn phones(list: &[values::Phone]) -> Vec<Phone> {
    list.iter()
        .map(|p| Phone {
            display: p.to_string(),
            tel: crate::model::contact::tel_uri(p),
        })
        .collect()
}

/// Whether an entry is due for verification, and when it was last verified.
#[derive(Serialize)]
struct Verification {
    last_verified: Option<String>,
    stale: bool,
}

fn verification(r: &Renderer<'_>, date: Option<&values::Date>) -> Verification {
    Verification {
        last_verified: date.map(|d| d.to_string()),
        stale: is_stale(date, r.site.today),
    }
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
        country: r.country_link(&meta.country, lang),
        phones: phones(&meta.phones),
        languages: labelled_all(r, lang, "language", &meta.languages),
        verification: verification(r, meta.last_verified.as_ref()),
        vcard: format!("/data/vcard/{}.vcf", entry.key.id()),
        json_ld: super::json_ld::authority_json_ld(r, meta, lang),
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
        types: labelled_all(r, lang, "service_type", &meta.types),
        populations: labelled_all(r, lang, "population", &meta.populations),
        languages: labelled_all(r, lang, "language", &meta.languages),
        cost: meta
            .cost
            .map(|c| labelled(r, lang, "cost", &serde_name(&c))),
        country: r.country_link(&meta.country, lang),
        phones: phones(&meta.phones),
        verification: verification(r, meta.last_verified.as_ref()),
        json_ld: super::json_ld::service_json_ld(r, meta, lang),
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
        area: labelled(r, lang, "area", meta.area.name()),
        country: r.country_link(&meta.country, lang),
        implements: meta
            .implements
            .iter()
            .filter_map(|reference| r.resolve(reference))
            .map(|key| super::plans::cross_plan_link(r, r.entry(&key), lang))
            .collect(),
        target_groups: labelled_all(r, lang, "population", &meta.target_groups),
        languages: labelled_all(r, lang, "language", &meta.languages),
    }
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
    /// The day or year it is dated, for a listing newest first and its feed.
    #[serde(skip)]
    pub(super) dated: Option<String>,
}

/// The listing card of an entry of a listed kind (authority, service, practice,
/// document …), made from its declaration's listing.
pub fn card(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Option<Card> {
    let meta = &r.site.original(entry).doc.meta;
    let kind = r.site.kinds.get(meta.kind())?;
    let fields = meta.fields()?;
    let country = fields.get("country").and_then(|c| c.as_str()).unwrap_or("");
    let verified = meta.last_verified();
    Some(Card {
        link: r.link_to(entry, lang),
        country: r.country_link(country, lang),
        labels: super::record::card_labels(r, kind, &fields, lang),
        // Only the kinds whose contacts go out of date are verified.
        stale: (kind.fields)().contains(&"last_verified") && is_stale(verified, r.site.today),
        last_verified: verified.map(|d| d.to_string()),
        facets: super::record::facets(r, kind, &fields, lang),
        dated: kind
            .listing
            .and_then(|l| super::record::dated(l.dated_by, &fields)),
    })
}

/// Every authority, service or practice of `kind`, by key. Recorded as a read of the
/// whole kind rather than of each entry: a listing's pages would otherwise each record
/// thousands of keys.
pub fn keys_of_kind<'a>(r: &'a Renderer<'_>, kind: CatalogKind) -> Vec<&'a Entry> {
    let mut entries: Vec<&Entry> = r
        .all_of(kind)
        .flat_map(|(_, keys)| keys)
        .map(|k| &r.site.entries[k])
        .collect();
    entries.sort_by(|a, b| natural_cmp(&a.key, &b.key));
    entries
}

/// How many of the site's countries a catalog has entries from: the directory and the
/// listings say so, so that a short list reads as unfinished rather than complete.
#[derive(Serialize)]
pub struct Coverage {
    countries: usize,
    of: usize,
}

impl Coverage {
    /// How many countries it has entries from.
    pub fn countries(&self) -> usize {
        self.countries
    }
}

/// The coverage of the entries of `kind` (authority, service or practice).
pub fn coverage(r: &Renderer<'_>, kind: CatalogKind) -> Coverage {
    Coverage {
        // Entries about no country (a declared kind's may be) stand under the empty key.
        countries: r
            .all_of(kind)
            .filter(|(country, keys)| !country.is_empty() && !keys.is_empty())
            .count(),
        of: r.country_count(),
    }
}

/// A hotline of the service catalog, as the home page offers it to someone who needs
/// help now: its page, its country, its numbers, and whether it is due for
/// verification.
#[derive(Serialize)]
pub struct Hotline {
    link: Link,
    country: Option<Link>,
    phones: Vec<Phone>,
    stale: bool,
}

/// The catalog's hotlines that publish a number, by country name.
pub fn hotlines(r: &Renderer<'_>, lang: &Lang) -> Vec<Hotline> {
    let mut found: Vec<Hotline> = keys_of_kind(r, CatalogKind::SERVICE)
        .into_iter()
        .filter_map(|entry| {
            let Meta::Service(m) = &r.site.original(entry).doc.meta else {
                return None;
            };
            (m.types.contains(&ServiceType::Hotline) && !m.phones.is_empty()).then(|| Hotline {
                link: r.link_to(entry, lang),
                country: r.country_link(&m.country, lang),
                phones: phones(&m.phones),
                stale: is_stale(m.last_verified.as_ref(), r.site.today),
            })
        })
        .collect();
    found.sort_by_cached_key(|h| {
        let country = h.country.as_ref().map_or("", |c| c.title.as_str());
        (fold(country), fold(&h.link.title))
    });
    found
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
        .all_of(CatalogKind::AUTHORITY)
        .map(|(country, keys)| {
            // Each authority's content is read as part of the whole kind (`all_of`).
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
                country: r.link_to(r.entry(country), lang),
                last_verified,
                authorities,
            }
        })
        .collect();
    groups.sort_by_cached_key(|g| fold(&g.country.title));
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
    let cards = |kind: CatalogKind| -> Vec<Card> {
        r.catalog_of(kind, &entry.key)
            .iter()
            .filter_map(|k| card(r, r.entry(k), lang))
            .collect()
    };
    let practices = r.catalog_of(CatalogKind::PRACTICE, &entry.key);
    let mut directives: Vec<EntryKey> = practices
        .iter()
        .filter_map(|k| match &r.site.original(r.entry(k)).doc.meta {
            Meta::Practice(m) => Some(
                m.implements
                    .iter()
                    .filter_map(|i| r.resolve(i))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    directives.sort_by(|a, b| natural_cmp(a, b));
    directives.dedup();
    CountryView {
        authorities: cards(CatalogKind::AUTHORITY),
        services: cards(CatalogKind::SERVICE),
        practices: cards(CatalogKind::PRACTICE),
        alignments: r
            .alignments_of(&entry.key)
            .iter()
            .map(|k| r.link_to(r.entry(k), lang))
            .collect(),
        directives: directives
            .iter()
            .map(|k| super::plans::cross_plan_link(r, r.entry(k), lang))
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
pub fn country_counts(r: &Renderer<'_>, keys: &[EntryKey], lang: &Lang) -> Vec<CountryCounts> {
    let count = |kind: CatalogKind, key: &str| r.catalog_of(kind, key).len();
    let mut counts: Vec<CountryCounts> = keys
        .iter()
        .map(|key| CountryCounts {
            country: r.link_to(r.entry(key), lang),
            authorities: count(CatalogKind::AUTHORITY, key),
            services: count(CatalogKind::SERVICE, key),
            practices: count(CatalogKind::PRACTICE, key),
        })
        .collect();
    counts.sort_by_cached_key(|c| fold(&c.country.title));
    counts
}

/// The practices that implement the directive `entry`.
pub fn practices_for_directive(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Vec<Card> {
    r.practices_of(&entry.key)
        .iter()
        .filter_map(|k| card(r, r.entry(k), lang))
        .collect()
}
