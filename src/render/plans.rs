//! Views of the Work Plans for templates: a plan with its sections and items, a
//! section with the full text of its items, an item with its neighbours.

use serde::Serialize;

use super::diff::word_diff;
use super::labels::word;
use super::marks::delegation_name;
use super::{Link, Renderer};
use crate::model::meta::{
    ComparisonMeta, Indicator, ItemKind, ItemMeta, Lineage, Meta, PlanStatus, SectionMeta,
};
use crate::model::values::ItemRef;
use crate::model::Lang;
use crate::model::{url_for, Entry, EntryKey};
use crate::proposals::proposals;

/// A plan page: its sections, each with links to its items.
#[derive(Serialize)]
pub struct PlanView {
    id: String,
    period: [i32; 2],
    extended_to: Option<i32>,
    status: PlanStatus,
    sections: Vec<SectionBlock>,
    /// Each delegation's proposals in the plan, by item.
    delegations: Vec<Delegation>,
    /// How many indicators its adopted table has (none: they are pending).
    indicators: usize,
}

/// The proposals one delegation made in a plan.
#[derive(Serialize)]
struct Delegation {
    code: String,
    name: String,
    total: usize,
    items: Vec<(Link, usize)>,
}

/// How many proposals each delegation made in `body`, delegations in first-seen order.
fn count_by_delegation(body: &str) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (delegations, _) in proposals(body) {
        for code in delegations {
            match counts.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code, 1)),
            }
        }
    }
    counts
}

/// A section as listed on its plan's page.
#[derive(Serialize)]
struct SectionBlock {
    link: Link,
    numeral: String,
    items: Vec<ItemLink>,
}

/// A numbered item as listed on a plan page.
#[derive(Serialize)]
struct ItemLink {
    kind: &'static str,
    number: String,
    url: String,
    title: String,
}

/// A section page: every item of the section with its text.
#[derive(Serialize)]
pub struct SectionView<'a> {
    plan: Link,
    numeral: &'a str,
    items: Vec<ItemBlock<'a>>,
}

/// An item with its full text, as shown on its section's page.
#[derive(Serialize)]
struct ItemBlock<'a> {
    link: Link,
    kind: &'static str,
    number: &'a str,
    html: &'a str,
    /// The language of `html` where it differs from the page's.
    lang: Option<&'a Lang>,
}

/// An item page: where it sits and what surrounds it.
#[derive(Serialize)]
pub struct ItemView<'a> {
    kind: &'static str,
    number: &'a str,
    plan: Link,
    section: Option<Link>,
    indicators: &'a [Indicator],
    earlier_indicators: &'a [Indicator],
    previous: Option<Link>,
    next: Option<Link>,
    source: &'a str,
    source_line: u32,
    /// That line on the page of the document that holds the source, if one does.
    source_url: Option<String>,
    /// Proposals in the text shown, per delegation.
    proposals: Vec<(String, usize)>,
    /// How the item relates to the previous plan.
    lineage: Option<Lineage>,
    /// The previous plan's items it continues, with a word diff where revised.
    continues: Vec<Previous>,
    /// The later plan's items that continue this one.
    continued_by: Vec<(Link, Option<Lineage>)>,
}

/// A previous plan's item that an item continues.
#[derive(Serialize)]
struct Previous {
    link: Link,
    /// Word diff from the previous text to this one, in the originals' language.
    diff: Option<String>,
    diff_lang: Lang,
}

/// The view of a plan's `_index` page.
pub fn plan_view(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Option<PlanView> {
    let plan = r.plan_of(&entry.key)?;
    let Meta::Plan(meta) = &r.site.original(entry).doc.meta else {
        return None;
    };
    let sections = plan
        .sections
        .iter()
        .filter_map(|key| {
            let section = r.entry(key);
            let Meta::Section(section_meta) = &r.site.original(section).doc.meta else {
                return None;
            };
            let items = plan
                .items_by_section
                .get(&section_meta.key)
                .into_iter()
                .flatten()
                .map(|item_key| item_link(r, r.entry(item_key), lang))
                .collect();
            Some(SectionBlock {
                link: r.link_to(section, lang),
                numeral: section_meta.numeral.clone(),
                items,
            })
        })
        .collect();
    // The plan itself (its preamble), then its sections and items, in document order.
    let keyed = std::iter::once(&plan.key)
        .chain(plan.sections.iter())
        .chain(plan.items.values().flatten());
    let mut delegations: Vec<Delegation> = Vec::new();
    for key in keyed {
        let item = r.entry(key);
        for (code, n) in count_by_delegation(r.markdown(r.site.original(item))) {
            let at = match delegations.iter().position(|d| d.code == code) {
                Some(at) => at,
                None => {
                    let name = delegation_name(r.site, &code, lang);
                    delegations.push(Delegation {
                        code,
                        name,
                        total: 0,
                        items: Vec::new(),
                    });
                    delegations.len() - 1
                }
            };
            delegations[at].total += n;
            delegations[at].items.push((r.link_to(item, lang), n));
        }
    }
    delegations.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.code.cmp(&b.code)));
    Some(PlanView {
        delegations,
        id: plan.id.clone(),
        period: meta.period,
        extended_to: meta.extended_to,
        status: meta.status,
        sections,
        indicators: r
            .indicators()
            .of_plan(&plan.id, crate::model::indicators::Table::Adopted)
            .count(),
    })
}

/// The view of a section page.
pub fn section_view<'a>(
    r: &'a Renderer<'_>,
    entry: &Entry,
    meta: &'a SectionMeta,
    lang: &Lang,
) -> Option<SectionView<'a>> {
    let plan = r.plan_of(&entry.key)?;
    let items = plan
        .items_by_section
        .get(&meta.key)
        .into_iter()
        .flatten()
        .filter_map(|key| {
            let item = r.entry(key);
            let page = r.site.shown(item, lang);
            let Meta::Item(item_meta) = &page.doc.meta else {
                return None;
            };
            Some(ItemBlock {
                link: r.link_to(item, lang),
                kind: item_meta.kind.name(),
                number: &item_meta.number,
                html: r.body(page),
                lang: (&page.doc.lang != lang).then_some(&page.doc.lang),
            })
        })
        .collect();
    Some(SectionView {
        plan: r.link_to(r.entry(&plan.key), lang),
        numeral: &meta.numeral,
        items,
    })
}

/// The view of an objective, principle, directive or mandate page.
pub fn item_view<'a>(
    r: &Renderer<'_>,
    entry: &Entry,
    meta: &'a ItemMeta,
    lang: &Lang,
) -> Option<ItemView<'a>> {
    let plan = r.plan_of(&entry.key)?;
    let siblings = plan.items.get(&meta.kind)?;
    let at = siblings.iter().position(|k| k == &entry.key)?;
    let neighbour = |i: Option<usize>| {
        i.and_then(|i| siblings.get(i))
            .map(|k| r.link_to(r.entry(k), lang))
    };
    Some(ItemView {
        kind: meta.kind.name(),
        number: &meta.number,
        plan: r.link_to(r.entry(&plan.key), lang),
        section: plan
            .section_by_key
            .get(&meta.section)
            .map(|k| r.link_to(r.entry(k), lang)),
        indicators: &meta.indicators,
        earlier_indicators: &meta.earlier_indicators,
        previous: neighbour(at.checked_sub(1)),
        next: neighbour(Some(at + 1)),
        source: &meta.source,
        source_line: meta.source_line,
        source_url: r.source_url(&meta.source, meta.source_line),
        proposals: count_by_delegation(r.markdown(r.site.shown(entry, lang))),
        lineage: lineage_of(r, entry),
        continues: continues_of(r, entry)
            .iter()
            .filter_map(|reference| r.resolve(reference))
            .map(|key| previous(r, r.entry(&key), entry, lang))
            .collect(),
        continued_by: r
            .continued_by(&entry.key)
            .iter()
            .map(|k| {
                (
                    cross_plan_link(r, r.entry(k), lang),
                    lineage_of(r, r.entry(k)),
                )
            })
            .collect(),
    })
}

/// The curated lineage, read from the original: it is the same in every language.
fn lineage_of(r: &Renderer<'_>, entry: &Entry) -> Option<Lineage> {
    match &r.site.original(entry).doc.meta {
        Meta::Item(meta) => meta.lineage,
        _ => None,
    }
}

/// A link to an item of another plan: its number alone would be ambiguous.
pub(super) fn cross_plan_link(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Link {
    let mut link = r.link_to(entry, lang);
    if let Some(plan) = r.plan_of(&entry.key) {
        link.title = format!("{} ({})", link.title, plan.id);
    }
    link
}

/// The items `entry` continues, read from the original like its lineage.
fn continues_of<'a>(r: &'a Renderer<'_>, entry: &Entry) -> &'a [ItemRef] {
    match &r.site.original(entry).doc.meta {
        Meta::Item(meta) => &meta.continues,
        _ => &[],
    }
}

/// The previous item `earlier` that `entry` continues, with the word diff of the
/// originals when the lineage says the text was revised.
fn previous(r: &Renderer<'_>, earlier: &Entry, entry: &Entry, lang: &Lang) -> Previous {
    let (old, new) = (r.site.original(earlier), r.site.original(entry));
    let catalog = r.i18n.catalog(lang);
    let word = |key: &str| catalog.get(key).map_or("", String::as_str);
    let revised = lineage_of(r, entry) == Some(Lineage::Revised);
    Previous {
        link: cross_plan_link(r, earlier, lang),
        diff: revised.then(|| {
            word_diff(
                r.markdown(old),
                r.markdown(new),
                word("diff_deleted"),
                word("diff_inserted"),
            )
        }),
        diff_lang: new.doc.lang.clone(),
    }
}

fn item_link(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> ItemLink {
    let page = r.site.original(entry);
    let (kind, number) = match &page.doc.meta {
        Meta::Item(m) => (m.kind.name(), m.number.clone()),
        _ => ("", String::new()),
    };
    ItemLink {
        kind,
        number,
        url: url_for(&entry.key, lang),
        title: r.title(page, lang, true).0,
    }
}

/// A comparison page: for directives, then mandates, the later plan's items beside
/// the earlier ones they continue, then the earlier items nothing continues.
#[derive(Serialize)]
pub struct ComparisonView<'a> {
    from: Link,
    to: Link,
    sections: Vec<ComparisonSection<'a>>,
}

/// The comparison of one kind of item.
#[derive(Serialize)]
struct ComparisonSection<'a> {
    /// `directive` or `mandate`.
    kind: &'static str,
    /// The table's caption and the heading of the earlier items not continued.
    caption: &'a str,
    not_continued: &'a str,
    rows: Vec<ComparisonRow<'a>>,
    discontinued: Vec<ItemBlock<'a>>,
}

/// One later item and what it continues.
#[derive(Serialize)]
struct ComparisonRow<'a> {
    later: ItemBlock<'a>,
    lineage: Option<Lineage>,
    earlier: Vec<ItemBlock<'a>>,
}

/// The view of a comparison page.
pub fn comparison_view<'a>(
    r: &'a Renderer<'_>,
    meta: &ComparisonMeta,
    lang: &Lang,
) -> Option<ComparisonView<'a>> {
    let from = r.plan(&meta.from)?;
    let to = r.plan(&meta.to)?;
    let block = |key: &EntryKey| item_block(r, r.entry(key), lang);
    let section = |kind: ItemKind, caption: &str, not_continued: &str| {
        let rows: Vec<ComparisonRow<'a>> = to
            .items
            .get(&kind)
            .into_iter()
            .flatten()
            .filter_map(|key| {
                let entry = r.entry(key);
                let Meta::Item(item) = &r.site.original(entry).doc.meta else {
                    return None;
                };
                let earlier = item
                    .continues
                    .iter()
                    .filter_map(|c| r.resolve(c))
                    .map(|k| block(&k))
                    .collect();
                Some(ComparisonRow {
                    later: block(key),
                    lineage: item.lineage,
                    earlier,
                })
            })
            .collect();
        let discontinued = from
            .items
            .get(&kind)
            .into_iter()
            .flatten()
            .filter(|key| r.continued_by(key).is_empty())
            .map(block)
            .collect();
        ComparisonSection {
            kind: kind.name(),
            caption: word(r, lang, caption),
            not_continued: word(r, lang, not_continued),
            rows,
            discontinued,
        }
    };
    let sections = vec![
        section(ItemKind::Directive, "comparison_caption", "not_continued"),
        section(
            ItemKind::Mandate,
            "comparison_caption_mandates",
            "not_continued_mandates",
        ),
    ];
    Some(ComparisonView {
        from: r.link_to(r.entry(&from.key), lang),
        to: r.link_to(r.entry(&to.key), lang),
        sections: sections
            .into_iter()
            .filter(|s| !s.rows.is_empty())
            .collect(),
    })
}

fn item_block<'a>(r: &'a Renderer<'_>, entry: &Entry, lang: &Lang) -> ItemBlock<'a> {
    let page = r.site.shown(entry, lang);
    let (kind, number) = match &page.doc.meta {
        Meta::Item(m) => (m.kind.name(), m.number.as_str()),
        _ => ("", ""),
    };
    ItemBlock {
        link: r.link_to(entry, lang),
        kind,
        number,
        html: r.body(page),
        lang: (&page.doc.lang != lang).then_some(&page.doc.lang),
    }
}
