//! The kind of each page and the facets results are filtered by (plan, country).

use crate::model::meta::Meta;
use crate::model::{Entry, Site};

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

/// The facets of `entry`, whose front matter is `meta`: one line per kind written
/// out in the model, one for every declared kind.
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
        Meta::Record(m) => Facets::of(m.kind).country(m.country.as_ref().map(|c| c.as_str())),
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
