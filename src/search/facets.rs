//! The kind of each page and the facets results are filtered by (plan, country), with
//! their names in each language for the browser's filters.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Lang;
use crate::i18n::I18n;
use crate::link::{Entry, Site};
use crate::meta::Meta;
use crate::render::title_of;

use super::documents::SearchDoc;

/// A document's kind and the facets its kind has.
pub struct Facets {
    /// `directive`, `country`, `page` …
    pub kind: &'static str,
    /// The Work Plan id.
    pub plan: Option<String>,
    /// The item number in its plan.
    pub number: Option<String>,
    /// The ISO alpha-2 country code.
    pub country: Option<String>,
}

impl Facets {
    fn of(kind: &'static str) -> Facets {
        Facets {
            kind,
            plan: None,
            number: None,
            country: None,
        }
    }

    fn plan(self, plan: Option<&str>) -> Facets {
        Facets {
            plan: plan.map(str::to_owned),
            ..self
        }
    }

    fn number(self, number: &str) -> Facets {
        Facets {
            number: Some(number.to_owned()),
            ..self
        }
    }

    fn country(self, country: Option<&str>) -> Facets {
        Facets {
            country: country.map(str::to_ascii_uppercase),
            ..self
        }
    }
}

/// The facets of `entry`, whose front matter is `meta`. One line per kind of content:
/// a new kind adds its line here.
pub fn facets(site: &Site, entry: &Entry, meta: &Meta) -> Facets {
    let plan_of_key = || site.plans.plan_of(&entry.key).map(|p| p.id.as_str());
    match meta {
        Meta::Page(_) => Facets::of("page"),
        Meta::Plan(_) => Facets::of("plan").plan(plan_of_key()),
        Meta::Section(_) => Facets::of("section").plan(plan_of_key()),
        Meta::Item(m) => Facets::of(m.kind.name())
            .plan(Some(&m.plan))
            .number(&m.number),
        Meta::Country(m) => Facets::of("country").country(Some(&m.iso2)),
        Meta::Alignment(m) => Facets::of("alignment")
            .plan(Some(&m.plan))
            .country(Some(&m.country)),
        Meta::AlignmentRow(m) => Facets::of("alignment-row")
            .plan(m.directive.split_once('/').map(|(plan, _)| plan))
            .country(alignment_country(site, entry)),
        Meta::Comparison(_) => Facets::of("comparison"),
        Meta::Authority(m) => Facets::of("authority").country(Some(&m.country)),
        Meta::Service(m) => Facets::of("service").country(Some(&m.country)),
        Meta::Practice(m) => Facets::of("practice").country(Some(&m.country)),
    }
}

/// The country of the alignment an alignment row sits in.
fn alignment_country<'s>(site: &'s Site, entry: &Entry) -> Option<&'s str> {
    let parent = site.entries.get(entry.parent.as_ref()?)?;
    match &site.original(parent).doc.meta {
        Meta::Alignment(m) => Some(&m.country),
        _ => None,
    }
}

/// The names of the facet values found in `docs`, in `lang`.
#[derive(Debug, Default, Serialize)]
pub struct Labels {
    /// Kind → its plural name (`search_kind_<kind>` in the interface text), or the
    /// kind itself where the interface text has none.
    pub kind: BTreeMap<String, String>,
    /// Plan id → the plan's short title.
    pub plan: BTreeMap<String, String>,
    /// Country code → the country's name.
    pub country: BTreeMap<String, String>,
}

/// The names of the facet values of `docs` in `lang`.
pub fn labels(i18n: &I18n, site: &Site, lang: &Lang, docs: &[SearchDoc]) -> Labels {
    let catalog = i18n.catalog(lang);
    let mut labels = Labels::default();
    for doc in docs {
        let kind = catalog
            .get(&format!("search_kind_{}", doc.kind))
            .map_or(doc.kind, String::as_str);
        labels.kind.insert(doc.kind.into(), kind.into());
        if let Some(id) = &doc.plan {
            let plan = site
                .plans
                .plans
                .get(id)
                .and_then(|p| site.entries.get(&p.key));
            let title = plan.map(|entry| {
                let page = site
                    .translation(entry, lang)
                    .unwrap_or_else(|| site.original(entry));
                title_of(catalog, page, lang, true).0
            });
            labels
                .plan
                .insert(id.clone(), title.unwrap_or_else(|| id.clone()));
        }
        if let Some(code) = &doc.country {
            let entry = site
                .countries
                .by_iso2(code)
                .and_then(|k| site.entries.get(k));
            let name = entry.and_then(|e| match &site.original(e).doc.meta {
                Meta::Country(m) => Some(m.name_in(lang.as_str()).to_string()),
                _ => None,
            });
            labels
                .country
                .insert(code.clone(), name.unwrap_or_else(|| code.clone()));
        }
    }
    labels
}
