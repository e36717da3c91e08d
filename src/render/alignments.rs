//! Views of national-plan alignments: the matrix of a whole alignment, one row, and the
//! alignment rows shown on a directive's page.

use serde::Serialize;

use super::{Link, Renderer};
use crate::model::meta::{AlignmentMatch, Coverage, Meta};
use crate::model::Entry;
use crate::model::Lang;

/// An alignment page: every directive's row, and how many rows have each status.
#[derive(Serialize)]
pub struct AlignmentView<'a> {
    country: Option<Link>,
    plan: Option<Link>,
    national_plan: &'a str,
    counts: Vec<(Coverage, usize)>,
    rows: Vec<RowView<'a>>,
}

/// One directive's row.
#[derive(Serialize)]
pub struct RowView<'a> {
    url: String,
    alignment: Link,
    country: Option<Link>,
    directive: Option<Link>,
    status: Coverage,
    matches: &'a [AlignmentMatch],
    observation: &'a str,
    /// The language of `matches` and `observation` where it differs from the page's.
    lang: Option<&'a Lang>,
}

/// The view of an alignment's `_index` page.
pub fn alignment_view<'a>(
    r: &'a Renderer<'_>,
    entry: &Entry,
    lang: &Lang,
) -> Option<AlignmentView<'a>> {
    let Meta::Alignment(meta) = &r.site.original(entry).doc.meta else {
        return None;
    };
    let rows: Vec<RowView> = r
        .alignment_rows(&entry.key)?
        .iter()
        .filter_map(|k| row_view(r, r.entry(k), lang))
        .collect();
    let counts = Coverage::ALL
        .iter()
        .map(|c| (*c, rows.iter().filter(|row| row.status == *c).count()))
        .collect();
    Some(AlignmentView {
        country: r.country_link(&meta.country, lang),
        plan: r
            .site
            .plans
            .plans
            .get(meta.plan.as_str())
            .map(|p| r.link_to(r.entry(&p.key), lang)),
        national_plan: &meta.national_plan,
        counts,
        rows,
    })
}

/// The view of one row, on its own page or in a list.
pub fn row_view<'a>(r: &'a Renderer<'_>, entry: &Entry, lang: &Lang) -> Option<RowView<'a>> {
    let page = r.site.shown(entry, lang);
    let Meta::AlignmentRow(meta) = &page.doc.meta else {
        return None;
    };
    let alignment = r.entry(entry.parent.as_ref()?);
    let Meta::Alignment(alignment_meta) = &r.site.original(alignment).doc.meta else {
        return None;
    };
    Some(RowView {
        url: crate::model::url_for(&entry.key, lang),
        alignment: r.link_to(alignment, lang),
        country: r.country_link(&alignment_meta.country, lang),
        directive: r
            .site
            .plans
            .resolve(&meta.directive)
            .map(|k| r.link_to(r.entry(&k), lang)),
        status: meta.status,
        matches: &meta.matches,
        observation: r.body(page),
        lang: (&page.doc.lang != lang).then_some(&page.doc.lang),
    })
}

/// The rows of every alignment that covers the directive `entry`.
pub fn rows_for_directive<'a>(r: &'a Renderer<'_>, entry: &Entry, lang: &Lang) -> Vec<RowView<'a>> {
    r.rows_of_directive(&entry.key)
        .iter()
        .filter_map(|k| row_view(r, r.entry(k), lang))
        .collect()
}
