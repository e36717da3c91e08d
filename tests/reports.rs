//! Indicators and the states' reports (issue 16), on the coverage fixture: its states
//! (XA, XB, XC, XE participate; XD does not) and its plan 2000-2003, whose three
//! directives carry indicators i1-i3 and whose reporting periods are 2000-2001 and
//! 2002-2003 (tests/fixtures/coverage/content/reports/). XA reports both periods, XB the first (one indicator unanswered) and XE
//! the second with no answer at all; XC reports nothing. Every status appears.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use faro::diagnostic::codes;
use tempfile::TempDir;

const TODAY: &str = "2026-11-26";

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A report of the fixture's plan, as the fixture's are written.
fn report(country: &str, period: &str, answers: &[(&str, &str)]) -> String {
    let mut text = format!(
        "+++\nkind = \"report\"\ntitle = \"{country} {period}\"\ncountry = \"{country}\"\nplan = \"2000-2003\"\nperiod = \"{period}\"\nsubmitted = 2003-12-01\nsource = \"sources/fixture.txt\"\n"
    );
    for (indicator, status) in answers {
        text += &format!("\n[[answers]]\nindicator = \"{indicator}\"\nstatus = \"{status}\"\n");
    }
    text + "+++\nInforme de prueba.\n"
}

/// The coverage fixture: its plan 2000-2003 and its four reports.
fn site() -> TempDir {
    fixture_site("coverage")
}

fn built() -> (TempDir, Output) {
    let site = site();
    build_on(site.path(), TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&site.path().join("public"));
    (site, out)
}

fn json(root: &Path, path: &str) -> Vec<serde_json::Value> {
    serde_json::from_slice(&std::fs::read(root.join("public").join(path)).unwrap()).unwrap()
}

#[test]
fn the_biennial_report_counts_what_the_states_reported_as_its_data_says() {
    let (site, out) = built();
    for period in ["2000-2001", "2002-2003"] {
        let rows = json(site.path(), &format!("data/reports/{period}.json"));
        // One row per reporting state and indicator; no information is no status.
        let data: BTreeMap<(String, String), String> = rows
            .iter()
            .map(|row| {
                let status = row["status"]
                    .as_str()
                    .unwrap_or("no-information")
                    .to_string();
                let country = row["country"].as_str().unwrap().to_string();
                let indicator = row["indicator"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("2000-2003/")
                    .to_string();
                ((country, indicator), status)
            })
            .collect();
        // The CSV has the same rows.
        let csv = std::fs::read_to_string(
            site.path()
                .join(format!("public/data/reports/{period}.csv")),
        )
        .unwrap();
        assert_eq!(csv.lines().count(), rows.len() + 1, "{period}");
        assert_eq!(
            csv.lines().next(),
            Some("period,country,indicator,status,measures,figures,submitted,source,report")
        );
        for lang in ["es", "en", "pt", "fr"] {
            let page = out.page(&format!("/{lang}/reports/{period}/"));
            let states = attrs(&page, ".report-matrix thead th[data-iso2]", "data-iso2");
            let indicators = texts(&page, ".report-matrix tbody th");
            let statuses = attrs(&page, ".report-matrix tbody td", "data-status");
            assert_eq!(
                statuses.len(),
                states.len() * indicators.len(),
                "{lang} {period}"
            );
            let mut shown = BTreeMap::new();
            for (i, status) in statuses.into_iter().enumerate() {
                let (row, column) = (i / states.len(), i % states.len());
                let indicator = format!("i{}", row + 1);
                shown.insert((states[column].clone(), indicator), status);
            }
            assert_eq!(shown, data, "{lang} {period}");
            // Two of the four participating states reported in each period.
            let lead = text_of(&page, ".lead");
            assert!(lead.contains('2') && lead.contains('4'), "{lead}");
        }
    }
    // Every status appears, and "no information" where XB left i3 unanswered and XE
    // answered nothing.
    let first = json(site.path(), "data/reports/2000-2001.json");
    let second = json(site.path(), "data/reports/2002-2003.json");
    let statuses: Vec<&str> = first
        .iter()
        .chain(&second)
        .map(|r| r["status"].as_str().unwrap_or("none"))
        .collect();
    for status in [
        "achieved",
        "in-progress",
        "not-started",
        "not-applicable",
        "none",
    ] {
        assert!(statuses.contains(&status), "{status}");
    }
    assert_eq!(second.iter().filter(|r| r["country"] == "XE").count(), 3);
    assert!(second
        .iter()
        .filter(|r| r["country"] == "XE")
        .all(|r| r["status"].is_null()));
    // XC filed nothing: it is in no period's data.
    assert!(first.iter().chain(&second).all(|r| r["country"] != "XC"));
    let figures = first
        .iter()
        .find(|r| r["country"] == "XA" && r["indicator"] == "2000-2003/i1")
        .unwrap();
    assert_eq!(figures["figures"][0], "12 víctimas identificadas (2001)");
}

#[test]
fn a_report_shows_every_indicator_and_what_changed_since_the_last() {
    let (_site, out) = built();
    let page = out.page("/es/reports/2002-2003/xa/");
    assert_eq!(
        attrs(&page, ".report-answers tbody tr", "class"),
        ["answer-achieved", "answer-achieved", "answer-in-progress"]
    );
    // Since 2000-2001: i2 in progress → achieved, i3 not started → in progress.
    let changes: Vec<String> = attrs(&page, ".report-changes td", "data-status");
    assert_eq!(
        changes,
        ["in-progress", "achieved", "not-started", "in-progress"]
    );
    assert_eq!(
        texts(&page, ".report-changes tbody th"),
        ["Indicador 2", "Indicador 3"]
    );
    let xb = out.page("/en/reports/2000-2001/xb/");
    assert_eq!(
        attrs(&xb, ".report-answers tbody tr", "class"),
        [
            "answer-not-applicable",
            "answer-achieved",
            "answer-no-information"
        ]
    );
    // An indicator's page: each reporting state per period, "no report" where it
    // filed none; the directive it measures links to it.
    let indicator = out.page("/es/plans/2000-2003/indicators/i3/");
    let cells = attrs(&indicator, ".indicator-statuses td", "data-status");
    let states = texts(&indicator, ".indicator-statuses tbody th");
    assert_eq!(states.len(), 3, "{states:?}");
    assert_eq!(cells.len(), 6);
    assert!(cells.contains(&"not-reported".to_string()));
    let directive = out.page("/es/plans/2000-2003/directives/3/");
    assert!(
        attrs(&directive, "a", "href").contains(&"/es/plans/2000-2003/indicators/i3/".to_string())
    );
    let all = json_at(&out, "data/indicators.json");
    assert_eq!(all.len(), 3);
    assert_eq!(all[2]["directives"][0], "2000-2003/3");
    // The reports' listing leads to each period.
    let listing = out.page("/es/reports/");
    let links = attrs(&listing, ".reporting a", "href");
    assert!(
        links.contains(&"/es/reports/2000-2001/".to_string()),
        "{links:?}"
    );
    assert!(
        links.contains(&"/es/plans/2000-2003/indicators/".to_string()),
        "{links:?}"
    );
}

fn json_at(out: &Output, path: &str) -> Vec<serde_json::Value> {
    serde_json::from_slice(&std::fs::read(out.dir.join(path)).unwrap()).unwrap()
}

#[test]
fn check_refuses_each_bad_value_of_a_report_at_its_line() {
    let cases = [
        (
            "indicator = \"i2\"",
            "indicator = \"i9\"",
            "did you mean",
            codes::BAD_VALUE,
        ),
        (
            "period = \"2000-2001\"",
            "period = \"2001-2002\"",
            "2000-2001, 2002-2003",
            codes::BAD_VALUE,
        ),
        ("country = \"XA\"", "country = \"XZ\"", "", codes::BAD_VALUE),
        (
            "status = \"in-progress\"",
            "status = \"done\"",
            "",
            codes::BAD_VALUE,
        ),
        (
            "plan = \"2000-2003\"",
            "plan = \"2000-2009\"",
            "2000-2003",
            codes::BAD_VALUE,
        ),
        (
            "indicator = \"i3\"",
            "indicator = \"i1\"",
            "one answer per indicator",
            codes::BAD_VALUE,
        ),
    ];
    let file = "content/reports/2000-2001/xa.es.md";
    for (from, to, hint, code) in cases {
        let site = site();
        let path = site.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from}");
        let edited = text.replacen(from, to, 1);
        let line = edited.lines().position(|l| l.contains(to)).unwrap() + 1;
        std::fs::write(&path, edited).unwrap();
        let error = &the_only_error(site.path());
        assert_eq!(
            (error.code, error.path.to_str().unwrap(), error.line),
            (code, file, line),
            "{to}: {error}"
        );
        assert!(
            error.hint.as_deref().unwrap_or("").contains(hint),
            "{to}: {error}"
        );
    }
}

#[test]
fn a_state_files_one_report_per_period() {
    let site = site();
    write(
        site.path(),
        "content/reports/2000-2001/xa-bis.es.md",
        &report("XA", "2000-2001", &[("i1", "achieved")]),
    );
    let error = &the_only_error(site.path());
    assert!(
        error.message.contains("another report for 2000-2001"),
        "{error}"
    );
}

#[test]
fn search_finds_indicators_and_reports_and_directives_show_the_latest_statuses() {
    let (site, out) = built();
    let searcher =
        faro::search::query::Searcher::open(site.path(), &faro::model::Lang("es".into())).unwrap();
    let search = |query: &str, kind: &str| -> Vec<String> {
        searcher
            .search(&faro::search::query::Request {
                query,
                kind: Some(kind),
                limit: 10,
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|hit| hit.url)
            .collect()
    };
    assert_eq!(
        search("indicador de prueba 2", "indicator")[0],
        "/es/plans/2000-2003/indicators/i2/"
    );
    assert_eq!(
        search("XA 2002-2003", "report")[0],
        "/es/reports/2002-2003/xa/"
    );
    // A report is found by the measures its answers describe.
    let measures = search("medidas sobre i3", "report");
    assert!(
        measures.contains(&"/es/reports/2000-2001/xa/".to_string()),
        "{measures:?}"
    );
    // Directive 2's indicator, as last reported (2002-2003: XA achieved, XE no
    // information).
    let directive = out.page("/es/plans/2000-2003/directives/2/");
    let latest = text_of(&directive, ".latest-statuses");
    assert!(
        latest.starts_with("Lo último informado (2002-2003):"),
        "{latest}"
    );
    assert!(
        latest.contains("Logrado 1") && latest.contains("Sin información 1"),
        "{latest}"
    );
}

#[test]
fn faro_new_report_lists_every_indicator_of_the_period_s_plan_to_fill_in() {
    let site = site();
    let root = site.path();
    // As the issue writes it: no title, which the state and period give.
    let made = faro_at(
        root,
        &["new", "report", "--country", "XC", "--period", "2002-2003"],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let path = String::from_utf8_lossy(&made.stdout).trim().to_string();
    assert_eq!(path, "content/reports/2002-2003/xc.es.md");
    let text = std::fs::read_to_string(root.join(&path)).unwrap();
    assert!(text.contains("plan = \"2000-2003\""), "{text}");
    assert!(text.contains("title = \"XC 2002-2003\""), "{text}");
    for id in ["i1", "i2", "i3"] {
        assert!(text.contains(&format!("# indicator = \"{id}\"")), "{text}");
    }
    // Until the day it was submitted is written, check warns (a `todo`, which pull
    // requests deny).
    let check = faro_at(root, &["check", "--deny", "todo"]);
    assert!(!check.status.success());
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        said.contains("content/reports/2002-2003/xc.es.md:1:1: warning[todo]: the report does not say when the state submitted it"),
        "{said}"
    );
    // As written, it holds no answer: no information, never a default status.
    build_on(root, TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let rows = json(root, "data/reports/2002-2003.json");
    assert!(rows
        .iter()
        .filter(|r| r["country"] == "XC")
        .all(|r| r["status"].is_null()));
    // One answer filled in (its lines uncommented) counts.
    let filled = text.replacen(
        "# [[answers]]\n# indicator = \"i2\"\n# status = \"TODO\"",
        "[[answers]]\nindicator = \"i2\"\nstatus = \"achieved\"",
        1,
    );
    assert_ne!(filled, text);
    std::fs::write(root.join(&path), filled).unwrap();
    build_on(root, TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let rows = json(root, "data/reports/2002-2003.json");
    let xc: Vec<&str> = rows
        .iter()
        .filter(|r| r["country"] == "XC")
        .map(|r| r["status"].as_str().unwrap_or("none"))
        .collect();
    assert_eq!(xc, ["none", "achieved", "none"]);
    // A period of no plan is refused, with the nearest there is.
    let wrong = faro_at(
        root,
        &[
            "new",
            "report",
            "--country",
            "XC",
            "--period",
            "2001-2002",
            "X",
        ],
    );
    assert!(!wrong.status.success());
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        said.contains("is not a reporting period") && said.contains("`2002-2003`"),
        "{said}"
    );
}

#[test]
fn a_state_s_page_follows_its_reports_and_the_codebook_explains_every_column() {
    let (site, out) = built();
    let page = out.page("/es/reports/states/xa/");
    let marks = attrs(
        &page,
        ".state-progress tbody td[data-status]",
        "data-status",
    );
    assert_eq!(
        marks,
        [
            "achieved",
            "achieved",
            "in-progress",
            "achieved",
            "not-started",
            "in-progress"
        ]
    );
    // i2 and i3 changed between XA's two reports; i1 did not.
    assert_eq!(
        attrs(&page, ".state-progress tbody tr.changed th a", "href").len(),
        2
    );
    // A state that reported one period has no mark for the other.
    let xb = out.page("/en/reports/states/xb/");
    let marks = attrs(&xb, ".state-progress tbody td[data-status]", "data-status");
    assert_eq!(&marks[..2], ["not-applicable", "not-reported"]);
    // Every column of the CSV is explained on the period's page, and nothing else.
    let csv =
        std::fs::read_to_string(site.path().join("public/data/reports/2000-2001.csv")).unwrap();
    let header: Vec<String> = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    for lang in ["es", "en", "pt", "fr"] {
        let period = out.page(&format!("/{lang}/reports/2000-2001/"));
        assert_eq!(texts(&period, ".codebook dt"), header, "{lang}");
        assert!(
            texts(&period, ".codebook dd").iter().all(|d| !d.is_empty()),
            "{lang}"
        );
    }
}

#[test]
fn a_draft_plan_s_indicators_are_not_reported_on() {
    let site = site();
    let plan = site.path().join("content/plans/2000-2003/_index.es.md");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replace("status = \"adopted\"", "status = \"draft\""),
    )
    .unwrap();
    let errors: Vec<_> = faro::pipeline::check(&faro::pipeline::BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    })
    .into_iter()
    .filter(|d| d.is_error())
    .collect();
    // One error per report, at its plan.
    assert_eq!(errors.len(), 4, "{}", render(&errors));
    for error in &errors {
        assert!(error.message.contains("is a draft"), "{error}");
        assert_eq!(error.line, 5, "{error}");
        assert!(
            error
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("no plan is adopted"),
            "{error}"
        );
    }
    // Adopted, its table says so.
    let (_site, out) = built();
    let table = out.page("/es/plans/2000-2003/indicators/");
    assert!(text_of(&table, ".indicator-set")
        .starts_with("Tabla de indicadores de referencia aprobada con el plan"));
}
