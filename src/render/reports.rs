//! The reporting cycle (see [`crate::model::reports`]): a report's answers on every
//! indicator of its plan, "no information" where it gives none; for each period the
//! biennial report (how many states reported, the indicators × states matrix, a
//! summary per area); a page per indicator with every state's status per period; the
//! plan's table of indicators; and the open data (`/data/reports/<period>.json` and
//! `.csv`, one row per state and indicator, and `/data/indicators.json`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::csv_export::csv_file;
use super::labels::{labelled, word, Labelled};
use super::{Link, OutputFile, Renderer};
use crate::diagnostic::Diagnostic;
use crate::model::indicators::{IndicatorEntry, Table};
use crate::model::kinds::report::{Answer, ReportMeta, Status};
use crate::model::meta::{CatalogKind, Meta, PlanStatus};
use crate::model::record::Declared;
use crate::model::reports::{indicators_path, period_path, state_path, Filed};
use crate::model::{url_for, Entry, Lang};

/// The columns of `/data/reports/<period>.csv`, in order.
pub const REPORT_COLUMNS: &[&str] = &[
    "period",
    "country",
    "indicator",
    "status",
    "measures",
    "figures",
    "submitted",
    "source",
    "report",
];

/// A status as shown: its mark's class and its label; `None` is "no information".
#[derive(Serialize, Clone)]
struct Mark {
    /// `achieved` … or `no-information`.
    status: &'static str,
    label: String,
}

fn mark(r: &Renderer<'_>, lang: &Lang, status: Option<Status>) -> Mark {
    let name = status.map_or("no-information", Status::name);
    Mark {
        status: name,
        label: labelled(r, lang, "status", name).label,
    }
}

/// An indicator as a row's heading: its link and its text in `lang` (or the
/// original's), with the text's language and whether it is official.
#[derive(Serialize, Clone)]
struct IndicatorHead {
    link: Link,
    text: String,
    text_lang: Option<String>,
    unofficial: bool,
}

fn indicator_head(r: &Renderer<'_>, indicator: &IndicatorEntry, lang: &Lang) -> IndicatorHead {
    let title = word(r, lang, "indicator_title").replace("{row}", &indicator.row.to_string());
    let found = indicator.text_in(lang, &r.site.default_lang);
    IndicatorHead {
        link: Link {
            title,
            url: indicator.path(lang),
            lang: None,
            description: None,
        },
        text: found.map_or(String::new(), |(_, t)| t.text.clone()),
        text_lang: found
            .filter(|(l, _)| *l != lang)
            .map(|(l, _)| l.to_string()),
        unofficial: found.is_some_and(|(_, t)| !t.official),
    }
}

/// One answer of a report's page.
#[derive(Serialize)]
struct AnswerRow {
    indicator: IndicatorHead,
    mark: Mark,
    measures: Option<String>,
    figures: Vec<String>,
}

/// A report's page: its answers on every indicator of its plan, in order, the
/// biennial report it is part of, and what changed since the state's report of the
/// period before.
#[derive(Serialize)]
pub struct ReportView {
    answers: Vec<AnswerRow>,
    answered: usize,
    period: Link,
    /// The state's report of the previous period, if it filed one.
    previous: Option<Link>,
    /// Each indicator whose status differs from that report's, before → after.
    changes: Vec<(IndicatorHead, Mark, Mark)>,
    /// The page of all the state's reports.
    state: String,
}

fn figures(answer: &Answer) -> Vec<String> {
    answer
        .figures
        .iter()
        .map(|f| format!("{} {} ({})", f.value, f.unit, f.year))
        .collect()
}

/// The view of the report `entry`, if it is one that the indexes hold.
pub fn report_view(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Option<ReportView> {
    let (plan, period, filed) = find(r, entry)?;
    let answers: Vec<AnswerRow> = r
        .indicators()
        .of_plan(plan, Table::Adopted)
        .map(|indicator| {
            let answer = filed.answers.get(&indicator.short_id());
            AnswerRow {
                indicator: indicator_head(r, indicator, lang),
                mark: mark(r, lang, answer.map(|a| a.status)),
                measures: answer.and_then(|a| a.measures.clone()),
                figures: answer.map(figures).unwrap_or_default(),
            }
        })
        .collect();
    let periods = r.reports().periods(plan);
    let at = periods.iter().position(|p| p == period)?;
    let before = at
        .checked_sub(1)
        .and_then(|p| r.reports().of_period(plan, &periods[p]))
        .and_then(|f| f.get(&filed.country));
    let changes = before
        .map(|before| {
            r.indicators()
                .of_plan(plan, Table::Adopted)
                .filter_map(|indicator| {
                    let id = indicator.short_id();
                    let was = before.answers.get(&id).map(|a| a.status);
                    let is = filed.answers.get(&id).map(|a| a.status);
                    (was != is).then(|| {
                        (
                            indicator_head(r, indicator, lang),
                            mark(r, lang, was),
                            mark(r, lang, is),
                        )
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(ReportView {
        state: state_path(lang, &filed.country),
        previous: before.map(|b| r.link_to(r.entry(&b.key), lang)),
        changes,
        answered: filed.answers.len(),
        answers,
        period: Link {
            title: word(r, lang, "reports_period_title").replace("{period}", period),
            url: period_path(lang, period),
            lang: None,
            description: None,
        },
    })
}

/// The plan, the period and the filing of the report `entry`.
fn find<'r>(r: &'r Renderer<'_>, entry: &Entry) -> Option<(&'r str, &'r str, &'r Filed)> {
    r.reports().plans().find_map(|(plan, periods)| {
        periods.iter().find_map(|period| {
            let filed = r.reports().of_period(plan, period)?;
            let found = filed.values().find(|f| f.key == entry.key)?;
            Some((plan, period.as_str(), found))
        })
    })
}

/// A state's column in a biennial report.
#[derive(Serialize)]
struct StateColumn {
    iso2: String,
    country: Link,
    report: Link,
    answered: usize,
}

/// One indicator's row in a biennial report: each reporting state's mark.
#[derive(Serialize)]
struct MatrixRow {
    indicator: IndicatorHead,
    marks: Vec<Mark>,
}

/// The statuses of one area (or of all), counted, with the bar that draws them.
#[derive(Serialize)]
struct Summary {
    area: Labelled,
    counts: Vec<(Mark, usize)>,
    total: usize,
    /// Each status's part of the bar, from the left, in percent.
    bar: Vec<(Mark, f64, f64)>,
}

/// A biennial report.
#[derive(Serialize)]
struct PeriodView {
    period: String,
    plan: Link,
    reported: usize,
    participating: usize,
    states: Vec<StateColumn>,
    rows: Vec<MatrixRow>,
    summaries: Vec<Summary>,
    json: String,
    csv: String,
    previous: Option<Link>,
    /// The columns of its open data, which the page's codebook explains.
    columns: &'static [&'static str],
}

fn participates(r: &Renderer<'_>, iso2: &str) -> bool {
    r.country_key(iso2).map(|key| r.entry(key)).is_some_and(
        |e| matches!(&r.site.original(e).doc.meta, Meta::Country(c) if c.status.participates()),
    )
}

fn participating(r: &Renderer<'_>) -> usize {
    r.country_keys()
        .into_iter()
        .map(|key| r.entry(key))
        .filter(
            |e| matches!(&r.site.original(e).doc.meta, Meta::Country(c) if c.status.participates()),
        )
        .count()
}

fn summary(r: &Renderer<'_>, lang: &Lang, area: Labelled, marks: &[Option<Status>]) -> Summary {
    let order = Status::ALL.iter().map(|s| Some(*s)).chain([None]);
    let counts: Vec<(Mark, usize)> = order
        .map(|status| {
            let n = marks.iter().filter(|m| **m == status).count();
            (mark(r, lang, status), n)
        })
        .collect();
    let total = marks.len();
    let mut left = 0.0;
    let bar = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| {
            let width = 100.0 * *n as f64 / total.max(1) as f64;
            let part = (m.clone(), left, width);
            left += width;
            part
        })
        .collect();
    Summary {
        area,
        counts,
        total,
        bar,
    }
}

/// Every page and data file of the reporting cycle.
pub fn outputs(r: &Renderer<'_>) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = vec![indicators_json(r)];
    for iso2 in r.reports().states() {
        for lang in &r.site.langs {
            let view = state_view(r, iso2, lang);
            let title =
                word(r, lang, "reports_state_title").replace("{state}", &view.country.title);
            let path = |l: &Lang| state_path(l, iso2);
            let parent = r
                .site
                .catalog
                .listing(CatalogKind(ReportMeta::KIND))
                .unwrap_or("_index");
            files.push(r.generated_page(
                lang,
                &path,
                "report-state.html",
                title,
                parent,
                ("state", &view),
            )?);
        }
    }
    for (plan, periods) in r.reports().plans() {
        let indicators: Vec<&IndicatorEntry> =
            r.indicators().of_plan(plan, Table::Adopted).collect();
        if indicators.is_empty() {
            continue;
        }
        for (i, period) in periods.iter().enumerate() {
            let empty = BTreeMap::new();
            let filed = r.reports().of_period(plan, period).unwrap_or(&empty);
            files.extend(period_data(r, period, &indicators, filed));
            for lang in &r.site.langs {
                let view = period_view(r, plan, periods, i, &indicators, filed, lang);
                let title = word(r, lang, "reports_period_title").replace("{period}", period);
                let path = |l: &Lang| period_path(l, period);
                let listing = r.listing(CatalogKind(ReportMeta::KIND));
                let parent = listing.unwrap_or(r.plan_key(plan).as_str());
                files.push(r.generated_page(
                    lang,
                    &path,
                    "report-period.html",
                    title,
                    parent,
                    ("period", &view),
                )?);
            }
        }
        for lang in &r.site.langs {
            let rows: Vec<IndexRow> = indicators
                .iter()
                .map(|indicator| IndexRow {
                    indicator: indicator_head(r, indicator, lang),
                    directives: indicator
                        .directives
                        .iter()
                        .map(|k| r.link_to(r.entry(k), lang))
                        .collect(),
                })
                .collect();
            let plan_key = r.plan_key(plan).as_str();
            let title = word(r, lang, "indicators_index_title").to_string();
            let path = |l: &Lang| indicators_path(plan_key, l);
            let view = IndexView {
                set: indicator_set(r, plan_key, lang),
                rows,
            };
            files.push(r.generated_page(
                lang,
                &path,
                "indicators.html",
                title,
                plan_key,
                ("indicators", &view),
            )?);
        }
        for indicator in &indicators {
            for lang in &r.site.langs {
                let view = indicator_view(r, plan, periods, indicator, lang);
                let title = indicator_head(r, indicator, lang).link.title;
                let path = |l: &Lang| indicator.path(l);
                let parent = r.plan_key(plan).as_str();
                files.push(r.generated_page(
                    lang,
                    &path,
                    "indicator.html",
                    title,
                    parent,
                    ("indicator", &view),
                )?);
            }
        }
    }
    Ok(files)
}

fn period_view(
    r: &Renderer<'_>,
    plan: &str,
    periods: &[String],
    at: usize,
    indicators: &[&IndicatorEntry],
    filed: &BTreeMap<String, Filed>,
    lang: &Lang,
) -> PeriodView {
    let period = &periods[at];
    let mut states: Vec<StateColumn> = filed
        .values()
        .map(|f| StateColumn {
            iso2: f.country.clone(),
            country: r.country_link(&f.country, lang).unwrap_or_else(|| Link {
                title: f.country.clone(),
                url: String::new(),
                lang: None,
                description: None,
            }),
            report: r.link_to(r.entry(&f.key), lang),
            answered: f.answers.len(),
        })
        .collect();
    states.sort_by_cached_key(|s| crate::model::order::fold(&s.country.title));
    let status_of = |iso2: &str, indicator: &IndicatorEntry| {
        filed
            .get(iso2)
            .and_then(|f| f.answers.get(&indicator.short_id()))
            .map(|a| a.status)
    };
    let rows = indicators
        .iter()
        .map(|indicator| MatrixRow {
            indicator: indicator_head(r, indicator, lang),
            marks: states
                .iter()
                .map(|s| mark(r, lang, status_of(&s.iso2, indicator)))
                .collect(),
        })
        .collect();
    let mut areas: Vec<&str> = Vec::new();
    for indicator in indicators {
        if !areas.contains(&indicator.area.as_str()) {
            areas.push(&indicator.area);
        }
    }
    let summaries = areas
        .into_iter()
        .map(|area| {
            let marks: Vec<Option<Status>> = indicators
                .iter()
                .filter(|i| i.area == area)
                .flat_map(|i| states.iter().map(move |s| (i, s)))
                .map(|(i, s)| status_of(&s.iso2, i))
                .collect();
            let section = r.plan(plan).and_then(|p| p.section_by_key.get(area));
            let label = section.map_or(area.to_string(), |k| r.link_to(r.entry(k), lang).title);
            summary(
                r,
                lang,
                Labelled {
                    value: area.to_string(),
                    label,
                },
                &marks,
            )
        })
        .collect();
    PeriodView {
        period: period.clone(),
        plan: r.link_to(r.entry(r.plan_key(plan)), lang),
        // Of the participating states only, as the sentence says.
        reported: states.iter().filter(|s| participates(r, &s.iso2)).count(),
        participating: participating(r),
        states,
        rows,
        summaries,
        columns: REPORT_COLUMNS,
        json: format!("/data/reports/{period}.json"),
        csv: format!("/data/reports/{period}.csv"),
        previous: at.checked_sub(1).map(|p| Link {
            title: word(r, lang, "reports_period_title").replace("{period}", &periods[p]),
            url: period_path(lang, &periods[p]),
            lang: None,
            description: None,
        }),
    }
}

/// The latest statuses reported on one indicator: in the last period any state
/// reported in, how many states gave each status.
#[derive(Serialize)]
pub struct Latest {
    row: u32,
    period: String,
    counts: Vec<(Mark, usize)>,
}

/// The latest statuses on each indicator that measures the directive `entry`.
pub fn latest_for_directive(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> Vec<Latest> {
    r.indicators()
        .of_directive(&entry.key)
        .filter(|i| i.table == Table::Adopted)
        .filter_map(|indicator| {
            let periods = r.reports().periods(&indicator.plan);
            periods.iter().rev().find_map(|period| {
                let filed = r.reports().of_period(&indicator.plan, period)?;
                let id = indicator.short_id();
                let marks: Vec<Option<Status>> = filed
                    .values()
                    .map(|f| f.answers.get(&id).map(|a| a.status))
                    .collect();
                let counts = Status::ALL
                    .iter()
                    .map(|s| Some(*s))
                    .chain([None])
                    .map(|status| {
                        (
                            mark(r, lang, status),
                            marks.iter().filter(|m| **m == status).count(),
                        )
                    })
                    .filter(|(_, n)| *n > 0)
                    .collect();
                Some(Latest {
                    row: indicator.row,
                    period: period.clone(),
                    counts,
                })
            })
        })
        .collect()
}

/// A plan's table of indicators: where it stands, and its rows.
#[derive(Serialize)]
struct IndexView {
    set: Option<SetView>,
    rows: Vec<IndexRow>,
}

/// Where a plan's table of indicators stands: approved with the plan when the plan is
/// adopted, a draft with it otherwise; dated and found in the plan's own document (the
/// library's entry that holds the plan's source).
#[derive(Serialize)]
struct SetView {
    approved: bool,
    date: Option<String>,
    document: Option<Link>,
}

fn indicator_set(r: &Renderer<'_>, plan_key: &str, lang: &Lang) -> Option<SetView> {
    let Meta::Plan(meta) = &r.site.original(r.entry(plan_key)).doc.meta else {
        return None;
    };
    let holder = r.holder_of(&meta.source);
    let date = holder.and_then(|key| {
        let fields = r.site.original(r.entry(key)).doc.meta.fields()?;
        fields.get("date")?.as_str().map(str::to_owned)
    });
    Some(SetView {
        approved: meta.status == PlanStatus::Adopted,
        date,
        document: holder.map(|key| r.link_to(r.entry(key), lang)),
    })
}

/// A row of a plan's table of indicators.
#[derive(Serialize)]
struct IndexRow {
    indicator: IndicatorHead,
    directives: Vec<Link>,
}

/// A plan's reporting periods, as the reports' listing shows them.
#[derive(Serialize)]
pub struct PlanPeriods {
    plan: Link,
    indicators: String,
    periods: Vec<(Link, usize)>,
}

/// Every plan with adopted indicators, with its periods and how many states reported
/// in each.
pub fn periods_view(r: &Renderer<'_>, lang: &Lang) -> Vec<PlanPeriods> {
    r.site
        .reports
        .plans()
        .filter(|(plan, _)| {
            r.indicators()
                .of_plan(plan, Table::Adopted)
                .next()
                .is_some()
        })
        .map(|(plan, periods)| {
            let key = r.plan_key(plan);
            PlanPeriods {
                plan: r.link_to(r.entry(key), lang),
                indicators: indicators_path(key, lang),
                periods: periods
                    .iter()
                    .map(|p| {
                        let reported = r.reports().of_period(plan, p).map_or(0, BTreeMap::len);
                        let link = Link {
                            title: word(r, lang, "reports_period_title").replace("{period}", p),
                            url: period_path(lang, p),
                            lang: None,
                            description: None,
                        };
                        (link, reported)
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A state's reports across a plan's periods.
#[derive(Serialize)]
struct StatePlan {
    plan: Link,
    /// Each period, with the state's report of it if it filed one.
    periods: Vec<(String, Option<Link>)>,
    rows: Vec<StateRow>,
}

/// One indicator across the periods: a mark per period, and whether the last two
/// reports differ on it.
#[derive(Serialize)]
struct StateRow {
    indicator: IndicatorHead,
    marks: Vec<Mark>,
    changed: bool,
}

/// The page of a state's reports.
#[derive(Serialize)]
struct StateView {
    country: Link,
    plans: Vec<StatePlan>,
}

fn state_view(r: &Renderer<'_>, iso2: &str, lang: &Lang) -> StateView {
    let plans = r
        .site
        .reports
        .plans()
        .filter_map(|(plan, periods)| {
            let filed: Vec<Option<&Filed>> = periods
                .iter()
                .map(|p| r.reports().of_period(plan, p).and_then(|f| f.get(iso2)))
                .collect();
            if filed.iter().all(Option::is_none) {
                return None;
            }
            let reported: Vec<&Filed> = filed.iter().flatten().copied().collect();
            let rows = r
                .indicators()
                .of_plan(plan, Table::Adopted)
                .map(|indicator| {
                    let id = indicator.short_id();
                    let status = |f: &Filed| f.answers.get(&id).map(|a| a.status);
                    let marks = filed
                        .iter()
                        .map(|f| match f {
                            Some(f) => mark(r, lang, status(f)),
                            None => Mark {
                                status: "not-reported",
                                label: word(r, lang, "status_not_reported").to_string(),
                            },
                        })
                        .collect();
                    let changed = match reported.as_slice() {
                        [.., before, last] => status(before) != status(last),
                        _ => false,
                    };
                    StateRow {
                        indicator: indicator_head(r, indicator, lang),
                        marks,
                        changed,
                    }
                })
                .collect();
            Some(StatePlan {
                plan: r.link_to(r.entry(r.plan_key(plan)), lang),
                periods: periods
                    .iter()
                    .zip(&filed)
                    .map(|(p, f)| (p.clone(), f.map(|f| r.link_to(r.entry(&f.key), lang))))
                    .collect(),
                rows,
            })
        })
        .collect();
    StateView {
        country: r.country_link(iso2, lang).unwrap_or_else(|| Link {
            title: iso2.to_string(),
            url: String::new(),
            lang: None,
            description: None,
        }),
        plans,
    }
}

/// One state's statuses on an indicator, a mark per period.
#[derive(Serialize)]
struct IndicatorStateRow {
    country: Link,
    marks: Vec<(String, Mark)>,
}

/// An indicator's page.
#[derive(Serialize)]
struct IndicatorView {
    head: IndicatorHead,
    /// Its text in every language that has one.
    texts: Vec<(String, String, bool)>,
    directives: Vec<Link>,
    periods: Vec<Link>,
    states: Vec<IndicatorStateRow>,
}

fn indicator_view(
    r: &Renderer<'_>,
    plan: &str,
    periods: &[String],
    indicator: &IndicatorEntry,
    lang: &Lang,
) -> IndicatorView {
    let mut countries: Vec<&str> = periods
        .iter()
        .filter_map(|p| r.reports().of_period(plan, p))
        .flat_map(|filed| filed.keys().map(String::as_str))
        .collect();
    countries.sort_unstable();
    countries.dedup();
    let mut states: Vec<IndicatorStateRow> = countries
        .into_iter()
        .map(|iso2| IndicatorStateRow {
            country: r.country_link(iso2, lang).unwrap_or_else(|| Link {
                title: iso2.to_string(),
                url: String::new(),
                lang: None,
                description: None,
            }),
            marks: periods
                .iter()
                .map(|p| {
                    let filed = r.reports().of_period(plan, p).and_then(|f| f.get(iso2));
                    let status = filed
                        .and_then(|f| f.answers.get(&indicator.short_id()))
                        .map(|a| a.status);
                    // A state that filed no report for a period has no mark for it.
                    let shown = match filed {
                        Some(_) => mark(r, lang, status),
                        None => Mark {
                            status: "not-reported",
                            label: word(r, lang, "status_not_reported").to_string(),
                        },
                    };
                    (p.clone(), shown)
                })
                .collect(),
        })
        .collect();
    states.sort_by_cached_key(|s| crate::model::order::fold(&s.country.title));
    IndicatorView {
        head: indicator_head(r, indicator, lang),
        texts: indicator
            .texts
            .iter()
            .map(|(l, t)| (l.to_string(), t.text.clone(), t.official))
            .collect(),
        directives: indicator
            .directives
            .iter()
            .map(|k| r.link_to(r.entry(k), lang))
            .collect(),
        periods: periods
            .iter()
            .map(|p| Link {
                title: p.clone(),
                url: period_path(lang, p),
                lang: None,
                description: None,
            })
            .collect(),
        states,
    }
}

/// `/data/reports/<period>.json` and `.csv`: one row per reporting state and indicator
/// of the plan, the status empty where the state gave no information.
fn period_data(
    r: &Renderer<'_>,
    period: &str,
    indicators: &[&IndicatorEntry],
    filed: &BTreeMap<String, Filed>,
) -> [OutputFile; 2] {
    let rows: Vec<Value> = filed
        .values()
        .flat_map(|f| indicators.iter().map(move |i| (f, i)))
        .map(|(f, indicator)| {
            let answer = f.answers.get(&indicator.short_id());
            let meta = &r.site.original(r.entry(&f.key)).doc.meta;
            let source = meta.fields().and_then(|m| m.get("source").cloned());
            json!({
                "period": period,
                "country": f.country,
                "indicator": indicator.id,
                "status": answer.map(|a| a.status.name()),
                "measures": answer.and_then(|a| a.measures.clone()),
                "figures": answer.map(figures).unwrap_or_default(),
                "submitted": f.submitted,
                "source": source,
                "report": r.config.absolute(&url_for(&f.key, &r.site.default_lang)),
            })
        })
        .collect();
    let json = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
    [
        OutputFile {
            path: format!("data/reports/{period}.json").into(),
            bytes: (json + "\n").into_bytes(),
        },
        csv_file(&format!("data/reports/{period}.csv"), &rows, REPORT_COLUMNS),
    ]
}

/// `/data/indicators.json`: every indicator of every plan, with the directives it
/// measures and its texts.
fn indicators_json(r: &Renderer<'_>) -> OutputFile {
    let rows: Vec<Value> = r
        .indicators()
        .iter()
        .map(|i| {
            json!({
                "id": i.id,
                "plan": i.plan,
                "table": match i.table { Table::Adopted => "adopted", Table::Earlier => "earlier" },
                "row": i.row,
                "area": i.area,
                "directives": i.directives.iter().map(|k| {
                    let entry = r.entry(k);
                    match &r.site.original(entry).doc.meta {
                        Meta::Item(item) => format!("{}/{}", i.plan, item.number),
                        _ => k.to_string(),
                    }
                }).collect::<Vec<_>>(),
                "texts": i.texts.iter().map(|(l, t)| (l.to_string(), json!({"text": t.text, "official": t.official}))).collect::<serde_json::Map<_, _>>(),
            })
        })
        .collect();
    let json = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
    OutputFile {
        path: "data/indicators.json".into(),
        bytes: (json + "\n").into_bytes(),
    }
}
