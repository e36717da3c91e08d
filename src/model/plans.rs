//! The Work Plans as a structure: each plan's sections and numbered items, checked
//! against the folders they sit in, so that templates can list, number and link them.

use std::collections::{BTreeMap, HashMap};

use super::meta::{ItemKind, ItemMeta, Lineage, Meta, SectionMeta};
use super::{Content, Document, Entry, EntryKey, Page};
use crate::diagnostic::{codes, did_you_mean, Diagnostic};

/// One plan: its entry key, sections and items, all as entry keys.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The plan id, e.g. `2021-2026`.
    pub id: String,
    /// Entry key of the plan's `_index`.
    pub key: EntryKey,
    /// Section entry keys, in document order.
    pub sections: Vec<EntryKey>,
    /// Section entry key by section key (`prevention` → `plans/2021-2026/sections/prevention`).
    pub section_by_key: HashMap<String, EntryKey>,
    /// Item entry keys per kind, in document order.
    pub items: BTreeMap<ItemKind, Vec<EntryKey>>,
    /// Item entry keys per section key, in document order (all kinds).
    pub items_by_section: HashMap<String, Vec<EntryKey>>,
}

/// Every plan, by id.
#[derive(Debug, Clone, Default)]
pub struct Plans {
    /// Plans by id, oldest first.
    pub plans: BTreeMap<String, Plan>,
    /// For each item a later item continues, the later items' entry keys.
    pub continued_by: HashMap<EntryKey, Vec<EntryKey>>,
}

impl Plans {
    /// The plan an entry key belongs to, if any: `plans/<id>/…`.
    pub fn plan_of(&self, key: &str) -> Option<&Plan> {
        let id = key.strip_prefix("plans/")?.split('/').next()?;
        self.plans.get(id)
    }

    /// The entry key of a directive or mandate from a reference as the documents'
    /// numbering has it: `2021-2026/99`, `2021-2026/21bis`, `2021-2026/m13`.
    pub fn resolve(&self, reference: &str) -> Option<EntryKey> {
        self.resolve_kind(reference).map(|(_, key)| key)
    }

    /// What [`Plans::resolve`] finds, with whether it is a directive or a mandate.
    pub fn resolve_kind(&self, reference: &str) -> Option<(ItemKind, EntryKey)> {
        let (plan, number) = reference.split_once('/')?;
        let mandate = number
            .strip_prefix('m')
            .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        let (kind, number) = match mandate {
            Some(n) => (ItemKind::Mandate, n),
            None => (ItemKind::Directive, number),
        };
        Some((kind, self.item_key(plan, kind, number)?))
    }

    /// The diagnostic for a reference that [`Plans::resolve`] cannot resolve, set on
    /// the line of front matter key `key`.
    pub fn unknown_reference(&self, reference: &str, doc: &Document, key: &str) -> Diagnostic {
        let hint = match reference.split_once('/') {
            Some((plan, _)) if self.plans.contains_key(plan) => {
                format!("plan {plan} has no such directive; mandates are written `{plan}/m13`")
            }
            _ => format!(
                "write `<plan>/<number>`, with a plan among {}",
                self.plans.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        };
        Diagnostic::error(
            codes::BAD_VALUE,
            &doc.path,
            doc.front_line(key),
            1,
            format!("`{reference}` is not a directive or mandate"),
        )
        .with_hint(hint)
    }

    /// A diagnostic for a reference to `plan`, a plan that does not exist, set on the
    /// line of front matter key `key`; `None` when it exists.
    pub fn check(&self, plan: &str, doc: &Document, key: &str) -> Option<Diagnostic> {
        if self.plans.contains_key(plan) {
            return None;
        }
        let known: Vec<&str> = self.plans.keys().map(String::as_str).collect();
        Some(
            Diagnostic::error(
                codes::BAD_VALUE,
                &doc.path,
                doc.front_line(key),
                1,
                format!("there is no plan `{plan}`"),
            )
            .with_hint(format!("plans: {}", known.join(", "))),
        )
    }

    /// The entry key of an item by plan id, kind and number.
    pub fn item_key(&self, plan: &str, kind: ItemKind, number: &str) -> Option<EntryKey> {
        let key = EntryKey::from(format!("plans/{plan}/{}/{number}", kind.folder()));
        self.plans
            .get(plan)?
            .items
            .get(&kind)?
            .contains(&key)
            .then_some(key)
    }
}

/// Builds the plan structure from the site's entries and reports items whose front
/// matter contradicts their place: wrong plan, unknown section, number ≠ file name.
pub fn index(site: &Content) -> (Plans, Vec<Diagnostic>) {
    let mut plans = Plans::default();
    let mut diagnostics = Vec::new();
    for entry in site.entries.values() {
        let page = site.original(entry);
        if let Meta::Plan(_) = page.doc.meta {
            let Some(id) = plan_id(&entry.key).filter(|_| entry.key.ends_with("/_index")) else {
                diagnostics.push(
                    Diagnostic::error(
                        codes::BAD_VALUE,
                        &page.doc.path,
                        2,
                        1,
                        "a plan must be `content/plans/<id>/_index.<lang>.md`",
                    )
                    .with_hint("move the file or change its kind"),
                );
                continue;
            };
            plans.plans.insert(
                id.to_string(),
                Plan {
                    id: id.into(),
                    key: entry.key.clone(),
                    ..Plan::default()
                },
            );
        }
    }
    let mut sections: Vec<(&Entry, &Page, &SectionMeta)> = Vec::new();
    let mut items: Vec<(&Entry, &Page, &ItemMeta)> = Vec::new();
    for entry in site.entries.values() {
        let page = site.original(entry);
        match &page.doc.meta {
            Meta::Section(m) => sections.push((entry, page, m)),
            Meta::Item(m) => items.push((entry, page, m)),
            _ => {}
        }
    }
    sections.sort_by_key(|(_, _, meta)| meta.order);
    items.sort_by_key(|(_, _, meta)| meta.order);
    for (entry, page, meta) in sections {
        let Some(plan) = plan_id(&entry.key).and_then(|id| plans.plans.get_mut(id)) else {
            diagnostics.push(outside_plan(&page.doc.path));
            continue;
        };
        if plan
            .section_by_key
            .insert(meta.key.clone(), entry.key.clone())
            .is_some()
        {
            diagnostics.push(
                Diagnostic::error(
                    codes::DUPLICATE_URL,
                    &page.doc.path,
                    3,
                    1,
                    format!("section `{}` is defined twice", meta.key),
                )
                .with_hint("each section key appears once per plan"),
            );
        }
        plan.sections.push(entry.key.clone());
    }
    for (entry, page, meta) in items {
        let path = &page.doc.path;
        let Some(plan) = plan_id(&entry.key).and_then(|id| plans.plans.get_mut(id)) else {
            diagnostics.push(outside_plan(path));
            continue;
        };
        let front = |key: &str| page.doc.front_line(key);
        let expected = format!("plans/{}/{}/{}", plan.id, meta.kind.folder(), meta.number);
        if meta.plan.as_str() != plan.id {
            diagnostics.push(
                Diagnostic::error(
                    codes::BAD_VALUE,
                    path,
                    front("plan"),
                    1,
                    format!(
                        "`plan = \"{}\"` but the file is in plans/{}/",
                        meta.plan, plan.id
                    ),
                )
                .with_hint(format!("write `plan = \"{}\"`", plan.id)),
            );
        } else if entry.key != expected {
            diagnostics.push(
                Diagnostic::error(codes::BAD_VALUE, path, front("number"), 1, format!("a {} numbered `{}` belongs in {expected}.<lang>.md", meta.kind.name(), meta.number))
                    .with_hint("the file name is the item's number; rename the file or fix `number` and `kind`"),
            );
        }
        if !plan.section_by_key.contains_key(&meta.section) {
            let known: Vec<&str> = plan.section_by_key.keys().map(String::as_str).collect();
            let hint = match did_you_mean(&meta.section, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("sections of this plan: {}", known.join(", ")),
            };
            diagnostics.push(
                Diagnostic::error(
                    codes::BAD_VALUE,
                    path,
                    front("section"),
                    1,
                    format!("plan {} has no section `{}`", plan.id, meta.section),
                )
                .with_hint(hint),
            );
        }
        plan.items
            .entry(meta.kind)
            .or_default()
            .push(entry.key.clone());
        plan.items_by_section
            .entry(meta.section.clone())
            .or_default()
            .push(entry.key.clone());
    }
    diagnostics.extend(link_lineage(site, &mut plans));
    for entry in site.entries.values() {
        let page = site.original(entry);
        if let Meta::Comparison(meta) = &page.doc.meta {
            for (key, plan) in [("from", &meta.from), ("to", &meta.to)] {
                diagnostics.extend(plans.check(plan, &page.doc, key));
            }
        }
    }
    (plans, diagnostics)
}

/// Checks each item's curated lineage and records it the other way round, so that an
/// item's page can show what continues it.
fn link_lineage(site: &Content, plans: &mut Plans) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut continued_by: HashMap<EntryKey, Vec<EntryKey>> = HashMap::new();
    let items = plans
        .plans
        .values()
        .flat_map(|p| p.items.values().flatten());
    for key in items {
        let page = site.original(&site.entries[key]);
        let Meta::Item(meta) = &page.doc.meta else {
            continue;
        };
        let mismatch = match (meta.lineage, meta.continues.is_empty()) {
            (Some(Lineage::New), false) => Some("`lineage = \"new\"` but `continues` names items"),
            (Some(Lineage::Same | Lineage::Revised), true) => {
                Some("`lineage` says it continues an item, but `continues` is empty")
            }
            (None, false) => Some("`continues` is set without `lineage`"),
            _ => None,
        };
        if let Some(message) = mismatch {
            diagnostics.push(
                Diagnostic::error(codes::BAD_VALUE, &page.doc.path, page.doc.front_line("lineage"), 1, message)
                    .with_hint("write `lineage = \"same\"`, `\"revised\"` or `\"new\"`, and for the first two `continues = [\"2015-2018/12\"]`"),
            );
        }
        for reference in &meta.continues {
            match plans.resolve_kind(reference) {
                Some((kind, previous)) if kind == meta.kind => {
                    continued_by.entry(previous).or_default().push(key.clone())
                }
                Some((kind, _)) => diagnostics.push(
                    Diagnostic::error(
                        codes::BAD_VALUE,
                        &page.doc.path,
                        page.doc.front_line("continues"),
                        1,
                        format!(
                            "a {} continues items of its own kind, and `{reference}` is a {}",
                            meta.kind.name(),
                            kind.name()
                        ),
                    )
                    .with_hint(format!(
                        "continue a {0} of the earlier plan, written `{1}/{2}`",
                        meta.kind.name(),
                        reference.split('/').next().unwrap_or_default(),
                        if meta.kind == ItemKind::Mandate {
                            "m10"
                        } else {
                            "10"
                        }
                    )),
                ),
                None => {
                    diagnostics.push(plans.unknown_reference(reference, &page.doc, "continues"))
                }
            }
        }
    }
    plans.continued_by = continued_by;
    diagnostics
}

/// `plans/2021-2026/directives/9` → `2021-2026`.
fn plan_id(key: &str) -> Option<&str> {
    key.strip_prefix("plans/")?
        .split('/')
        .next()
        .filter(|id| !id.is_empty() && *id != "_index")
}

fn outside_plan(path: &std::path::Path) -> Diagnostic {
    Diagnostic::error(
        codes::BAD_VALUE,
        path,
        2,
        1,
        "this file is not inside a plan folder with an _index",
    )
    .with_hint("plan content lives in content/plans/<id>/ beside the plan's _index.<lang>.md")
}
