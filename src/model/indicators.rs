//! A plan's result indicators as entries of their own: each row of the II Plan's table
//! of reference indicators (annex I) is `2015-2018/i12`, each row of its earlier table
//! `2015-2018/e12`, with the directives it measures, its area and its text in every
//! language a directive's file gives it (Spanish and Portuguese are the official
//! texts; a file marked `translation = "unofficial"` gives an unofficial one). The rows
//! are read from the directives' front matter, where the import puts them (see
//! `scripts/import_plans.py`), so an indicator is written once.

use std::collections::{BTreeMap, HashMap};

use super::meta::{ItemKind, Meta, Translation};
use super::order::natural_cmp;
use super::plans::Plans;
use super::{Content, EntryKey, Lang};

/// Which of a plan's tables a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// The table of reference indicators the plan adopted (the II Plan's annex I),
    /// which states report on: ids `i<row>`.
    Adopted,
    /// An earlier wording of the table (seed 002): ids `e<row>`.
    Earlier,
}

impl Table {
    /// The letter of its rows' ids.
    pub fn prefix(self) -> char {
        match self {
            Table::Adopted => 'i',
            Table::Earlier => 'e',
        }
    }
}

/// One text of an indicator, and whether it is official.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorText {
    /// The text as the table gives it.
    pub text: String,
    /// Whether it is an official text (not a translation of ours).
    pub official: bool,
}

/// One row of a plan's indicator table.
#[derive(Debug, Clone)]
pub struct IndicatorEntry {
    /// `2015-2018/i12`.
    pub id: String,
    /// The plan's id.
    pub plan: String,
    /// Its table.
    pub table: Table,
    /// Its row in the table.
    pub row: u32,
    /// The directives it measures, in the plan's order.
    pub directives: Vec<EntryKey>,
    /// The area (section key) of the first directive it measures.
    pub area: String,
    /// Its text in each language a directive's file gives it.
    pub texts: BTreeMap<Lang, IndicatorText>,
}

impl IndicatorEntry {
    /// Its id within its plan: `i12`.
    pub fn short_id(&self) -> String {
        format!("{}{}", self.table.prefix(), self.row)
    }

    /// The site path of its page in `lang`: `/es/plans/2015-2018/indicators/i12/`.
    pub fn path(&self, lang: &Lang) -> String {
        format!(
            "{}indicators/{}/",
            super::url_for(&format!("plans/{}/_index", self.plan), lang),
            self.short_id()
        )
    }

    /// Its text in `lang`, else in `default`, else any, with the language it is in.
    pub fn text_in(&self, lang: &Lang, default: &Lang) -> Option<(&Lang, &IndicatorText)> {
        self.texts
            .get_key_value(lang)
            .or_else(|| self.texts.get_key_value(default))
            .or_else(|| self.texts.iter().next())
    }
}

/// Every plan's indicators.
#[derive(Debug, Clone, Default)]
pub struct Indicators {
    /// By plan, table and row.
    entries: Vec<IndicatorEntry>,
    /// Index into `entries` by id.
    by_id: HashMap<String, usize>,
}

impl Indicators {
    /// The indicator `id` (`2015-2018/i12`), if there is one.
    pub fn get(&self, id: &str) -> Option<&IndicatorEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Every indicator, by plan, table and row.
    pub fn iter(&self) -> impl Iterator<Item = &IndicatorEntry> {
        self.entries.iter()
    }

    /// The indicators of `table` in the plan `plan`, by row.
    pub fn of_plan<'a>(
        &'a self,
        plan: &'a str,
        table: Table,
    ) -> impl Iterator<Item = &'a IndicatorEntry> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.plan == plan && e.table == table)
    }

    /// The indicators that measure the directive `key`.
    pub fn of_directive<'a>(
        &'a self,
        key: &'a str,
    ) -> impl Iterator<Item = &'a IndicatorEntry> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.directives.iter().any(|d| d == key))
    }
}

/// The indicators of every plan, from its directives' front matter.
pub fn index(content: &Content, plans: &Plans) -> Indicators {
    let mut found: BTreeMap<(String, Table, u32), IndicatorEntry> = BTreeMap::new();
    for plan in plans.plans.values() {
        let directives = plan.items.get(&ItemKind::Directive).into_iter().flatten();
        for key in directives {
            let Some(entry) = content.entries.get(key) else {
                continue;
            };
            for (lang, &page) in &entry.translations {
                let Meta::Item(item) = &content.pages[page].doc.meta else {
                    continue;
                };
                let official = item.translation == Translation::Official;
                let tables = [
                    (Table::Adopted, &item.indicators),
                    (Table::Earlier, &item.earlier_indicators),
                ];
                for (table, rows) in tables {
                    for row in rows.iter() {
                        let indicator = found
                            .entry((plan.id.clone(), table, row.row))
                            .or_insert_with(|| IndicatorEntry {
                                id: format!("{}/{}{}", plan.id, table.prefix(), row.row),
                                plan: plan.id.clone(),
                                table,
                                row: row.row,
                                directives: Vec::new(),
                                area: item.section.clone(),
                                texts: BTreeMap::new(),
                            });
                        if !indicator.directives.contains(key) {
                            indicator.directives.push(key.clone());
                        }
                        indicator
                            .texts
                            .entry(lang.clone())
                            .or_insert(IndicatorText {
                                text: row.text.clone(),
                                official,
                            });
                    }
                }
            }
        }
    }
    let mut entries: Vec<IndicatorEntry> = found.into_values().collect();
    for entry in &mut entries {
        entry.directives.sort_by(|a, b| natural_cmp(a, b));
    }
    let by_id = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    Indicators { entries, by_id }
}
