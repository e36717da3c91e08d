//! What the platform holds for each mandate (issue 18, item 3), derived from content:
//! the sections that say they serve a mandate (`serves`), with their counts of entries
//! and states and their latest date, the directory's editions, and the documents that
//! name it; on each mandate's page and, one row per mandate, on the III Plan's section
//! of mandates. Checked against the open data the same build publishes.

mod common;

use std::collections::BTreeSet;

use common::*;

const LANGS: [&str; 4] = ["es", "en", "pt", "fr"];

fn records(out: &Output, name: &str) -> Vec<serde_json::Value> {
    serde_json::from_slice(&std::fs::read(out.dir.join(format!("data/{name}.json"))).unwrap())
        .unwrap()
}

/// How many records, and from how many countries.
fn counts(records: &[serde_json::Value]) -> [usize; 2] {
    let countries: BTreeSet<&str> = records
        .iter()
        .filter_map(|r| r["country"].as_str())
        .collect();
    [records.len(), countries.len()]
}

/// Each holding of a list (`ul.holdings > li`): where it leads and the numbers its
/// facts say ("Entries: 26 · States: 23").
fn holdings(page: &scraper::Html, list: &str) -> Vec<(String, Vec<usize>)> {
    let item = scraper::Selector::parse(&format!("{list} ul.holdings > li")).unwrap();
    let link = scraper::Selector::parse("a").unwrap();
    let fact = scraper::Selector::parse(".fact").unwrap();
    page.select(&item)
        .map(|li| {
            let href = li
                .select(&link)
                .next()
                .unwrap()
                .value()
                .attr("href")
                .unwrap()
                .to_string();
            let numbers = li
                .select(&fact)
                .flat_map(|f| {
                    f.text()
                        .collect::<String>()
                        .split(" · ")
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .filter_map(|f| f.rsplit(' ').next()?.trim().parse().ok())
                .collect();
            (href, numbers)
        })
        .collect()
}

#[test]
fn each_mandate_says_what_the_platform_holds_for_it_from_its_content() {
    let out = shipped_output("mandates");
    let directory = counts(&records(out, "directory"));
    let practices = records(out, "practices");
    let newest_practice = practices
        .iter()
        .filter_map(|p| p["year"].as_i64())
        .max()
        .unwrap();
    let practices = counts(&practices);
    for lang in LANGS {
        let mandate =
            |plan: &str, n: &str| out.page(&format!("/{lang}/plans/{plan}/mandates/{n}/"));
        let directory_url = format!("/{lang}/directory/");
        let practices_url = format!("/{lang}/practices/");
        for (plan, n) in [
            ("2021-2026", "7"),
            ("2021-2026", "8"),
            ("2015-2018", "9"),
            ("2015-2018", "10"),
        ] {
            assert_eq!(
                holdings(&mandate(plan, n), ".on-platform"),
                [(directory_url.clone(), directory.to_vec())],
                "{lang} {plan} mandate {n}"
            );
        }
        let twelve = mandate("2021-2026", "12");
        assert_eq!(
            holdings(&twelve, ".on-platform"),
            [(practices_url.clone(), practices.to_vec())],
            "{lang}"
        );
        let latest = text_of(&twelve, ".on-platform li .latest");
        assert!(
            latest.ends_with(&format!(": {newest_practice}")),
            "{latest}"
        );
        assert_eq!(
            holdings(&mandate("2021-2026", "13"), ".on-platform"),
            [(format!("/{lang}/about/"), vec![])]
        );
        // The biennial reports' home serves III 10-11 and II 11-12, and says that it
        // holds no report yet: none has been published.
        let reports = records(out, "reports");
        assert!(reports.is_empty(), "no state's report is shipped");
        for (plan, n) in [
            ("2021-2026", "10"),
            ("2021-2026", "11"),
            ("2015-2018", "11"),
            ("2015-2018", "12"),
        ] {
            assert_eq!(
                holdings(&mandate(plan, n), ".on-platform"),
                [(format!("/{lang}/reports/"), vec![0, 0])],
                "{lang} {plan} mandate {n}"
            );
        }
        // Nothing is claimed where the platform holds nothing: no indicators of the
        // III Plan, no guidelines yet.
        for n in ["9", "14", "15"] {
            let page = mandate("2021-2026", n);
            assert!(
                holdings(&page, ".on-platform").is_empty(),
                "{lang} mandate {n}"
            );
            assert!(
                !text_of(&page, ".holdings-none").is_empty(),
                "{lang} mandate {n}"
            );
        }

        // The overview: one row per mandate of the III Plan, saying what its page says.
        let overview = out.page(&format!("/{lang}/plans/2021-2026/sections/mandates/"));
        let rows = attrs(&overview, ".tracker-table tbody tr", "data-mandate");
        assert_eq!(rows.len(), 20, "{lang}");
        for url in rows {
            let row = format!(".tracker-table tr[data-mandate='{url}']");
            assert_eq!(
                holdings(&overview, &row),
                holdings(&out.page(&url), ".on-platform"),
                "{lang} {url}"
            );
        }
    }
}

#[test]
fn a_mandate_counts_the_directory_s_editions_and_dates() {
    // The shipped site, with a 2026 edition of its directory frozen by `faro edition`.
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    for dir in ["content", "sources", "i18n", "themes"] {
        copy_tree(&repo().join(dir), &root.join(dir));
    }
    std::fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
    let made = faro_at(
        root,
        &[
            "edition",
            "directory",
            "--year",
            "2026",
            "--date",
            "2026-12-01",
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    build(root).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&root.join("public"));
    let verified = records(&out, "directory")
        .iter()
        .filter_map(|r| r["last_verified"].as_str().map(str::to_owned))
        .max();
    let latest = verified.max(Some("2026-12-01".into())).unwrap();
    let page = out.page("/es/plans/2021-2026/mandates/8/");
    let facts = texts(&page, ".on-platform li .fact");
    assert!(
        facts.contains(&"Ediciones anuales: 1, la última de 2026".to_string()),
        "{facts:?}"
    );
    assert_eq!(
        text_of(&page, ".on-platform li .latest"),
        format!("Fecha más reciente: {latest}")
    );
    let overview = out.page("/es/plans/2021-2026/sections/mandates/");
    let row = texts(
        &overview,
        ".tracker-table tr[data-mandate='/es/plans/2021-2026/mandates/8/'] td",
    );
    assert_eq!(row.last().unwrap(), &latest);
}
