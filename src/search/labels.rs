//! The names of the facet values (kinds, plans, countries) in each language, for the
//! browser's filters.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::I18n;
use crate::model::meta::Meta;
use crate::model::{Lang, Site};
use crate::render::title_of;

use super::documents::SearchDoc;

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
                let page = site.shown(entry, lang);
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
