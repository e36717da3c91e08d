//! The Regional Directory's yearly editions (issue 18, item 2; the III Plan's mandate
//! 8), on the coverage fixture, which holds two editions written by `faro edition`:
//! 2026 (taken when XB still had a second authority, XA no contact point, and XE's
//! coordinating body a phone) and 2027 (the fixture's directory as it is). Each edition
//! is published as a printable page, open data, and the changes since the one before;
//! `faro edition` freezes the directory and never overwrites; an edition changed after
//! it was published fails `faro check`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use faro::diagnostic::codes;
use faro::model::Lang;
use faro::search::query::{Request, Searcher};

const TODAY: &str = "2026-11-26";

fn built() -> (tempfile::TempDir, Output) {
    let site = fixture_site("coverage");
    build_on(site.path(), TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&site.path().join("public"));
    (site, out)
}

fn json(root: &Path, path: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(root.join("public").join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_directory_lists_its_editions_newest_first_with_their_data_and_changes() {
    let (_site, out) = built();
    for lang in ["es", "en", "pt", "fr"] {
        let page = out.page(&format!("/{lang}/directory/"));
        let years = texts(&page, ".edition-list > li > a:first-child");
        assert_eq!(years, ["2027", "2026"], "{lang}");
        let links = attrs(&page, ".edition-list a", "href");
        assert_eq!(
            links,
            [
                format!("/{lang}/directory/editions/2027/"),
                "/data/directory-2027.json".into(),
                "/data/directory-2027.csv".into(),
                format!("/{lang}/directory/editions/2027/changes/"),
                format!("/{lang}/directory/editions/2026/"),
                "/data/directory-2026.json".into(),
                "/data/directory-2026.csv".into(),
            ],
            "{lang}"
        );
        for link in links {
            if link.starts_with("/data/") {
                assert!(out.exists(link.trim_start_matches('/')), "{link}");
            } else {
                out.page(&link);
            }
        }
    }
    // Search engines find each edition in every language, with its translations.
    let sitemap = std::fs::read_to_string(out.dir.join("sitemap.xml")).unwrap();
    for lang in ["es", "en", "pt", "fr"] {
        let url = format!("<loc>http://127.0.0.1:1111/{lang}/directory/editions/2026/</loc>");
        assert!(sitemap.contains(&url), "{url}");
    }
    // No link of the fixture site leads nowhere, the editions' pages included.
    let problems = site_problems(&out, "http://127.0.0.1:1111");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn an_edition_page_holds_every_entry_of_its_data_by_state_with_a_table_of_contents() {
    let (site, out) = built();
    for year in ["2026", "2027"] {
        let records = json(site.path(), &format!("data/directory-{year}.json"));
        let mut by_country: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for record in &records {
            let country = record["country"].as_str().unwrap().to_lowercase();
            let title = record["institution"].as_str().unwrap().to_string();
            by_country.entry(country).or_default().push(title);
        }
        let page = out.page(&format!("/en/directory/editions/{year}/"));
        // The contents lead to one section per state, in the order of the sections.
        let toc: Vec<String> = attrs(&page, ".edition-toc a", "href");
        let sections: Vec<String> = attrs(&page, "section.edition-country", "id")
            .into_iter()
            .map(|id| format!("#{id}"))
            .collect();
        assert_eq!(toc, sections, "{year}");
        assert_eq!(sections.len(), by_country.len(), "{year}");
        for (country, mut titles) in by_country {
            let mut shown = texts(&page, &format!("section#{country} .edition-entry h3"));
            shown.sort();
            titles.sort();
            assert_eq!(shown, titles, "{year} {country}");
        }
        // The CSV holds the same entries as the JSON, with the listing's columns.
        let csv = std::fs::read_to_string(
            site.path()
                .join(format!("public/data/directory-{year}.csv")),
        )
        .unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next().unwrap(),
            "id,institution,role,country,legal_basis,address,phones,emails,website,languages,source,last_verified"
        );
        let ids: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
        let json_ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, json_ids, "{year}");
    }
    // Printed, every page carries the edition's title and date (its print.css), and
    // the page asks for it.
    let page = out.page("/es/directory/editions/2027/");
    assert_eq!(
        attrs(&page, "link[rel=stylesheet][media=print]", "href"),
        ["/es/directory/editions/2027/print.css"]
    );
    let print =
        std::fs::read_to_string(out.dir.join("es/directory/editions/2027/print.css")).unwrap();
    assert!(
        print.contains("content: \"Directorio: edición 2027 · 2027-01-15\""),
        "{print}"
    );
    assert_eq!(attrs(&page, "body", "class"), ["edition-print"]);
}

#[test]
fn the_changes_page_says_exactly_what_changed_between_two_editions() {
    let (_site, out) = built();
    let page = out.page("/es/directory/editions/2027/changes/");
    assert_eq!(attrs(&page, ".edition-added li", "data-id"), ["xa/punto"]);
    assert_eq!(
        attrs(&page, ".edition-removed li", "data-id"),
        ["xb/antigua"]
    );
    assert_eq!(
        attrs(&page, ".edition-changed h3", "data-id"),
        ["xe/comision"]
    );
    let rows: Vec<Vec<String>> = page
        .select(&scraper::Selector::parse(".edition-changed tbody tr").unwrap())
        .map(|row| {
            row.select(&scraper::Selector::parse("th, td").unwrap())
                .map(|cell| cell.text().collect::<String>())
                .collect()
        })
        .collect();
    assert_eq!(
        rows,
        [["Teléfonos", "+1 202 555 0100", "(sin valor)"]],
        "{rows:?}"
    );
    // The first edition has no changes page: there is nothing before it.
    assert!(!out.exists("es/directory/editions/2026/changes/index.html"));
}

#[test]
fn an_edition_does_not_follow_later_edits_of_the_directory() {
    let site = fixture_site("coverage");
    let path = site.path().join("content/directory/xa/punto.es.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("punto de prueba", "punto renombrado")).unwrap();
    build_on(site.path(), TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let out = Output::read(&site.path().join("public"));
    let directory = text_of(&out.page("/es/directory/xa/punto/"), "h1");
    assert_eq!(directory, "punto renombrado");
    let edition = out.page("/es/directory/editions/2027/");
    assert_eq!(texts(&edition, "section#xa .edition-entry h3").len(), 3);
    assert!(
        texts(&edition, "section#xa .edition-entry h3").contains(&"punto de prueba".to_string())
    );
}

#[test]
fn faro_edition_freezes_the_directory_and_never_overwrites() {
    let site = fixture_site("coverage");
    let root = site.path();
    let run = |args: &[&str]| faro_at(root, args);
    let made = run(&[
        "edition",
        "directory",
        "--year",
        "2028",
        "--date",
        "2026-11-20",
    ]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&made.stdout).trim(),
        "content/directory/editions/2028.toml"
    );
    let text = std::fs::read_to_string(root.join("content/directory/editions/2028.toml")).unwrap();
    assert!(text.contains("\ndate = 2026-11-20\n"), "{text}");
    // Every entry of the directory, as /data/directory.json has it.
    build_on(root, TODAY).unwrap_or_else(|d| panic!("{}", render(&d)));
    let now: Vec<String> = json(root, "data/directory.json")
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let frozen: Vec<String> = json(root, "data/directory-2028.json")
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(frozen, now);
    // The 2028 edition follows 2027: its changes page exists and says nothing changed.
    let out = Output::read(&root.join("public"));
    let changes = out.page("/en/directory/editions/2028/changes/");
    assert!(
        texts(&changes, "h2").iter().all(|h| h.ends_with("(0)")),
        "{:?}",
        texts(&changes, "h2")
    );

    // Asked again, it refuses and leaves the file as it was.
    let again = run(&["edition", "directory", "--year", "2028"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("does not change"));
    assert_eq!(
        std::fs::read_to_string(root.join("content/directory/editions/2028.toml")).unwrap(),
        text
    );
    // A listing that is not one is named with those there are.
    let unknown = run(&["edition", "directorio", "--year", "2029"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("directory"));
}

#[test]
fn faro_edition_refuses_to_freeze_a_directory_with_errors() {
    let site = fixture_site("coverage");
    let path = site.path().join("content/directory/xa/punto.es.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("role = \"contact-point\"", "role = \"punto\""),
    )
    .unwrap();
    let run = faro_at(site.path(), &["edition", "directory", "--year", "2028"]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("content/directory/xa/punto.es.md:"),
        "{stderr}"
    );
    assert!(!site
        .path()
        .join("content/directory/editions/2028.toml")
        .exists());
}

#[test]
fn an_edition_changed_after_it_was_published_fails_check_at_its_digest() {
    let site = fixture_site("coverage");
    let path = site.path().join("content/directory/editions/2026.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let digest_line = text
        .lines()
        .position(|l| l.starts_with("digest = "))
        .unwrap()
        + 1;
    for (from, to) in [
        (
            "phones = [\"+1 202 555 0100\"]",
            "phones = [\"+1 202 555 0199\"]",
        ),
        ("date = 2026-09-30", "date = 2026-09-29"),
    ] {
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let error = &the_only_error(site.path());
        assert_eq!(error.code, codes::EDITION_CHANGED);
        assert_eq!(
            error.path,
            Path::new("content/directory/editions/2026.toml")
        );
        assert_eq!(error.line, digest_line);
        assert!(error.hint.as_deref().unwrap_or("").contains("git checkout"));
    }
}

#[test]
fn search_finds_an_edition_by_the_entries_it_froze() {
    let (site, out) = built();
    let searcher = Searcher::open(site.path(), &Lang("es".into())).unwrap();
    let search = |query: &str, kind: Option<&str>| -> Vec<(String, String)> {
        searcher
            .search(&Request {
                query,
                kind,
                limit: 10,
                ..Request::default()
            })
            .unwrap()
            .into_iter()
            .map(|hit| (hit.url, hit.title))
            .collect()
    };
    // Only the 2026 edition holds the authority removed since.
    assert_eq!(
        search("anterior", Some("edition")),
        [(
            "/es/directory/editions/2026/".to_string(),
            "Directorio: edición 2026".to_string()
        )]
    );
    let both: Vec<String> = search("punto de prueba", Some("edition"))
        .into_iter()
        .map(|(url, _)| url)
        .collect();
    assert_eq!(both.len(), 2, "{both:?}");
    // The browser's static index has the kind, labelled.
    let meta = std::fs::read_to_string(out.dir.join("search/es/index.json")).unwrap();
    assert!(meta.contains("Ediciones del directorio"), "{meta}");
}

#[test]
fn two_editions_of_one_listing_and_year_are_refused() {
    let site = fixture_site("coverage");
    let root = site.path();
    let second = root.join("content/practices/editions/2026.toml");
    std::fs::create_dir_all(second.parent().unwrap()).unwrap();
    std::fs::copy(root.join("content/directory/editions/2026.toml"), &second).unwrap();
    let error = the_only_error(root);
    assert_eq!(error.code, codes::DUPLICATE_ID);
    assert!(
        error
            .message
            .contains("content/directory/editions/2026.toml"),
        "{error}"
    );
}
