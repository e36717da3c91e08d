//! The states' reports (see [`super::kinds::report`]) related to the plans'
//! indicators: for each plan its reporting periods (two years each, over the years
//! the plan is in force: the II Plan's mandate 11 asks for biennial reports), the
//! reports filed for each period, and each state's answer on each indicator. Also
//! what a report's struct cannot check: that its period is one of its plan's, and
//! that it answers indicators of that plan, each once.

use std::collections::BTreeMap;

use serde_json::Value;

use super::indicators::{Indicators, Table};
use super::kinds::report::{Answer, ReportMeta};
use super::meta::{Meta, PlanStatus};
use super::plans::Plans;
use super::record::Declared;
use super::{Content, Document, EntryKey, Lang};
use crate::diagnostic::{codes, did_you_mean, Diagnostic};

/// One report, as the indexes hold it.
#[derive(Debug, Clone)]
pub struct Filed {
    /// Its entry.
    pub key: EntryKey,
    /// The reporting state's ISO code.
    pub country: String,
    /// The day it was submitted, where the report says.
    pub submitted: Option<String>,
    /// Its answers, by indicator id within the plan (`i12`).
    pub answers: BTreeMap<String, Answer>,
}

/// Every report, by plan and period.
#[derive(Debug, Clone, Default)]
pub struct Reports {
    /// Each plan's reporting periods, in order (`2015-2016` …), reports or not.
    periods: BTreeMap<String, Vec<String>>,
    /// The reports of each (plan, period), by country.
    filed: BTreeMap<(String, String), BTreeMap<String, Filed>>,
}

impl Reports {
    /// The reporting periods of `plan`, in order.
    pub fn periods(&self, plan: &str) -> &[String] {
        self.periods.get(plan).map_or(&[], Vec::as_slice)
    }

    /// Every plan with reporting periods, and its periods.
    pub fn plans(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.periods.iter().map(|(p, v)| (p.as_str(), v.as_slice()))
    }

    /// The reports filed for `plan` and `period`, by country code.
    pub fn of_period(&self, plan: &str, period: &str) -> Option<&BTreeMap<String, Filed>> {
        self.filed.get(&(plan.to_string(), period.to_string()))
    }

    /// Whether any report has been filed.
    pub fn is_empty(&self) -> bool {
        self.filed.is_empty()
    }

    /// Every state that filed a report, by ISO code.
    pub fn states(&self) -> std::collections::BTreeSet<&str> {
        self.filed
            .values()
            .flat_map(|by_country| by_country.keys().map(String::as_str))
            .collect()
    }
}

/// The site path of the biennial report of `period`, in `lang`: `/es/reports/2015-2016/`.
pub fn period_path(lang: &Lang, period: &str) -> String {
    format!("/{lang}/reports/{period}/")
}

/// The site path of the page of a state's reports across periods: `/es/reports/states/pe/`.
pub fn state_path(lang: &Lang, iso2: &str) -> String {
    format!("/{lang}/reports/states/{}/", iso2.to_ascii_lowercase())
}

/// The site path of the table of indicators of the plan whose page is `plan_key`.
pub fn indicators_path(plan_key: &str, lang: &Lang) -> String {
    format!("{}indicators/", super::url_for(plan_key, lang))
}

/// The two-year periods from the plan's first year to the last year it is in force:
/// 2015-2020 gives 2015-2016, 2017-2018, 2019-2020.
pub fn biennia(first: i32, last: i32) -> Vec<String> {
    (first..=last)
        .step_by(2)
        .map(|year| format!("{year}-{}", year + 1))
        .collect()
}

/// The reports of the site, checked against the plans and their indicators.
pub fn index(
    content: &Content,
    plans: &Plans,
    indicators: &Indicators,
) -> (Reports, Vec<Diagnostic>) {
    let mut reports = Reports::default();
    let mut diagnostics = Vec::new();
    let mut adopted: Vec<&str> = Vec::new();
    for plan in plans.plans.values() {
        let Some(Meta::Plan(meta)) = content
            .entries
            .get(&plan.key)
            .map(|e| &content.original(e).doc.meta)
        else {
            continue;
        };
        if meta.status == PlanStatus::Adopted {
            adopted.push(&plan.id);
        }
        let last = meta.extended_to.unwrap_or(meta.period[1]);
        reports
            .periods
            .insert(plan.id.clone(), biennia(meta.period[0], last));
    }
    for entry in content.entries.values() {
        let doc = &content.original(entry).doc;
        let Meta::Record(record) = &doc.meta else {
            continue;
        };
        if record.kind != ReportMeta::KIND {
            continue;
        }
        let Ok(report) = serde_json::from_value::<ReportMeta>(Value::Object(record.fields.clone()))
        else {
            // Its own parse reported what is wrong with it.
            continue;
        };
        let plan = report.plan.as_str();
        if let Some(d) = plans.check(plan, doc, "plan") {
            diagnostics.push(d);
            continue;
        }
        // A draft plan's indicators are not approved: no state reports on them.
        if !adopted.contains(&plan) {
            diagnostics.push(
                Diagnostic::error(
                    codes::BAD_VALUE,
                    &doc.path,
                    doc.front_line("plan"),
                    1,
                    format!("plan {plan} is a draft: its indicators are not approved"),
                )
                .with_hint(if adopted.is_empty() {
                    "reports answer the indicators of an adopted plan, and no plan is adopted yet"
                        .to_string()
                } else {
                    format!(
                        "reports answer the indicators of an adopted plan: {}",
                        adopted.join(", ")
                    )
                }),
            );
            continue;
        }
        let periods = reports.periods(plan);
        if !periods.iter().any(|p| p == report.period.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    codes::BAD_VALUE,
                    &doc.path,
                    doc.front_line("period"),
                    1,
                    format!(
                        "`{}` is not a reporting period of plan {plan}",
                        report.period
                    ),
                )
                .with_hint(format!("its periods are {}", periods.join(", "))),
            );
            continue;
        }
        let known: Vec<String> = indicators
            .of_plan(plan, Table::Adopted)
            .map(|i| i.short_id())
            .collect();
        let mut answers = BTreeMap::new();
        for answer in report.answers {
            let id = answer.indicator.as_str().to_string();
            let line = line_of(doc, &id);
            if !known.contains(&id) {
                let hint = if known.is_empty() {
                    format!("plan {plan} has no adopted indicators yet")
                } else {
                    match did_you_mean(&id, known.iter().map(String::as_str)) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!(
                            "the indicators of plan {plan} are {} to {}",
                            known[0],
                            known[known.len() - 1]
                        ),
                    }
                };
                diagnostics.push(
                    Diagnostic::error(
                        codes::BAD_VALUE,
                        &doc.path,
                        line,
                        1,
                        format!("`{id}` is not an indicator of plan {plan}"),
                    )
                    .with_hint(hint),
                );
                continue;
            }
            if answers.contains_key(&id) {
                diagnostics.push(
                    Diagnostic::error(
                        codes::BAD_VALUE,
                        &doc.path,
                        line,
                        1,
                        format!("indicator `{id}` is answered twice"),
                    )
                    .with_hint("give one answer per indicator, with every measure in it"),
                );
                continue;
            }
            answers.insert(id, answer);
        }
        if report.submitted.is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    codes::TODO,
                    &doc.path,
                    1,
                    1,
                    "the report does not say when the state submitted it",
                )
                .with_hint("write `submitted = YYYY-MM-DD`, the day on the state's submission"),
            );
        }
        let country = report.country.as_str().to_string();
        let filed = reports
            .filed
            .entry((plan.to_string(), report.period.as_str().to_string()))
            .or_default();
        if let Some(other) = filed.get(&country) {
            diagnostics.push(
                Diagnostic::error(
                    codes::BAD_VALUE,
                    &doc.path,
                    doc.front_line("country"),
                    1,
                    format!(
                        "{country} has another report for {}: {}",
                        report.period.as_str(),
                        other.key
                    ),
                )
                .with_hint("a state files one report per period"),
            );
            continue;
        }
        filed.insert(
            country.clone(),
            Filed {
                key: entry.key.clone(),
                country,
                submitted: report.submitted.map(|d| d.to_string()),
                answers,
            },
        );
    }
    (reports, diagnostics)
}

/// The line of `doc` on which the answer on `indicator` is given.
fn line_of(doc: &Document, indicator: &str) -> usize {
    let quoted = format!("\"{indicator}\"");
    doc.front
        .lines()
        .position(|line| {
            let line = line.trim_start();
            line.starts_with("indicator") && line.contains(&quoted)
        })
        .map_or_else(|| doc.front_line("answers"), |i| i + 2)
}

#[cfg(test)]
mod tests {
    use super::biennia;

    #[test]
    fn a_plan_reports_every_two_years_while_in_force() {
        assert_eq!(biennia(2015, 2020), ["2015-2016", "2017-2018", "2019-2020"]);
        assert_eq!(biennia(2021, 2026), ["2021-2022", "2023-2024", "2025-2026"]);
    }
}
