//! National-plan alignments: for each, its rows by directive, checked against the
//! plans and countries they refer to.

use std::collections::HashMap;

use super::countries::Countries;
use super::meta::Meta;
use super::plans::Plans;
use super::{Content, EntryKey};
use crate::diagnostic::{codes, Diagnostic};

/// Alignment entry keys, and their rows.
#[derive(Debug, Clone, Default)]
pub struct Alignments {
    /// Row entry keys per alignment entry key, in the plan's directive order.
    pub rows: HashMap<EntryKey, Vec<EntryKey>>,
    /// Row entry keys per directive entry key, across alignments.
    pub by_directive: HashMap<EntryKey, Vec<EntryKey>>,
    /// Alignment entry keys per country entry key.
    pub by_country: HashMap<EntryKey, Vec<EntryKey>>,
}

/// Indexes alignments and reports rows outside an alignment, unknown countries and
/// references to directives that do not exist.
pub fn index(
    site: &Content,
    plans: &Plans,
    countries: &Countries,
) -> (Alignments, Vec<Diagnostic>) {
    let mut alignments = Alignments::default();
    let mut diagnostics = Vec::new();
    for entry in site.entries.values() {
        let page = site.original(entry);
        match &page.doc.meta {
            Meta::Alignment(meta) => {
                alignments.rows.entry(entry.key.clone()).or_default();
                match countries.by_iso2(&meta.country) {
                    Some(country) => alignments
                        .by_country
                        .entry(country.clone())
                        .or_default()
                        .push(entry.key.clone()),
                    None => {
                        diagnostics.extend(countries.check(&meta.country, &page.doc, "country"))
                    }
                }
                diagnostics.extend(plans.check(&meta.plan, &page.doc, "plan"));
            }
            Meta::AlignmentRow(meta) => {
                let parent = entry.parent.as_ref().filter(|p| {
                    matches!(
                        site.original(&site.entries[*p]).doc.meta,
                        Meta::Alignment(_)
                    )
                });
                let Some(parent) = parent else {
                    diagnostics.push(
                        Diagnostic::error(
                            codes::BAD_VALUE,
                            &page.doc.path,
                            2,
                            1,
                            "an alignment row must sit in an alignment folder",
                        )
                        .with_hint("put it beside an _index file of kind \"alignment\""),
                    );
                    continue;
                };
                match plans.resolve(&meta.directive) {
                    Some(directive) => {
                        alignments
                            .rows
                            .entry(parent.clone())
                            .or_default()
                            .push(entry.key.clone());
                        alignments
                            .by_directive
                            .entry(directive)
                            .or_default()
                            .push(entry.key.clone());
                    }
                    None => diagnostics.push(plans.unknown_reference(
                        &meta.directive,
                        &page.doc,
                        "directive",
                    )),
                }
            }
            _ => {}
        }
    }
    // Rows read in the plan's order, whatever their file names.
    let order = |row: &EntryKey| {
        let Meta::AlignmentRow(meta) = &site.original(&site.entries[row]).doc.meta else {
            return i64::MAX;
        };
        plans
            .resolve(&meta.directive)
            .and_then(|k| site.entries.get(&k))
            .map_or(i64::MAX, |e| site.original(e).doc.meta.weight())
    };
    for rows in alignments.rows.values_mut() {
        rows.sort_by_cached_key(order);
    }
    (alignments, diagnostics)
}
