//! The documents library on the shipped site (issue 17): the seeds are its first
//! documents, each readable as full text with numbered lines, and every "Source: …,
//! line N" under a plan item leads to that very line. On a fixture library: the
//! listing's facets (type, year, language, country, mandate) count what the open data
//! holds, newest first, with an Atom feed per language, and each mandate lists the
//! documents that serve it.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use tempfile::TempDir;

#[test]
fn every_item_s_source_line_leads_to_that_line_of_its_document() {
    let out = shipped_output("documents");
    let mut followed = 0;
    // `/<lang>/plans/<plan>/<directives|mandates|objectives|principles>/<number>/`
    let item = |path: &str| -> Option<(String, String)> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        match parts.as_slice() {
            [_, "plans", _, kind @ ("directives" | "mandates" | "objectives" | "principles"), number] => {
                Some((kind.to_string(), number.to_string()))
            }
            _ => None,
        }
    };
    for (path, (kind, number)) in out.pages.keys().filter_map(|p| Some((p, item(p)?))) {
        let page = out.page(path);
        let links = attrs(&page, "p.source a", "href");
        let [link] = links.as_slice() else {
            panic!(
                "{path}: its source is not a link: {:?}",
                texts(&page, "p.source")
            );
        };
        let (target, line) = link.split_once("#L").unwrap();
        assert!(target.contains("/documents/"), "{path}: {link}");
        let document = out.page(target);
        let text = text_of(&document, &format!("ol.source-text li#L{line}"));
        assert!(!text.is_empty(), "{path}: {link} leads to no line");
        if kind == "directives" || kind == "mandates" {
            // The item's number opens its line in the source: "81. Aumentar …"; a
            // delegation's proposed item opens in brackets: "[4ALT. CAN: …".
            let text = text.trim_start_matches('[');
            assert!(
                text.starts_with(&format!("{number}.")) || text.starts_with(&format!("{number} ")),
                "{path}: line {line} of {target} reads {text:?}"
            );
        }
        followed += 1;
    }
    // Every item of both plans in the four languages.
    assert!(followed > 1000, "only {followed} items followed");
}

#[test]
fn the_seeds_are_documents_listed_by_type_with_their_text_in_the_page_s_language() {
    let out = shipped_output("documents");
    let listing = out.page("/es/documents/");
    let titles = texts(&listing, ".cards-list li > a");
    assert_eq!(titles.len(), 4, "{titles:?}");
    // One document is about a country (Peru's alignment annex); the others about none.
    let count = text_of(&listing, ".result-count");
    assert!(count.contains(" 1 de 35 "), "{count}");
    let drafts = out.page("/es/documents/type/draft/");
    assert_eq!(
        texts(&drafts, ".cards-list li > a"),
        ["Tercer Plan de Trabajo para Respuestas Integrales a la Trata de Personas en el Hemisferio Occidental (2021-2026)"]
    );
    // The II Plan has a text in Spanish and one in Portuguese: each language's page
    // shows its own, the others the original's.
    for (lang, text_lang) in [("es", "es"), ("pt", "pt"), ("en", "es"), ("fr", "es")] {
        let page = out.page(&format!("/{lang}/documents/segundo-plan-de-trabajo/"));
        let shown = attrs(&page, "ol.source-text", "lang");
        assert_eq!(shown, [text_lang], "{lang}");
        assert!(page
            .select(&selector("ol.source-text li#L1"))
            .next()
            .is_some());
    }
    let record = std::fs::read(out.dir.join("data/documents.json")).unwrap();
    let records: serde_json::Value = serde_json::from_slice(&record).unwrap();
    let draft = records
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "tercer-plan-de-trabajo-borrador")
        .unwrap();
    assert_eq!(draft["symbol"], "CP43847S04");
    assert_eq!(draft["type"], "draft");
    // Nothing the text does not say: the draft gives no date.
    assert!(draft.get("date").is_none() && draft.get("year").is_none());
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The catalog fixture (countries XA and XB, plan 2000-2001) with two mandates and a
/// library of four documents: dated by day (2025, 2024), by year only (2023), and not
/// dated; two serve mandate 1, one mandate 2, and one also names a directive.
fn library() -> TempDir {
    let site = fixture_site("catalog");
    let root = site.path();
    write(
        root,
        "content/plans/2000-2001/sections/mandates.es.md",
        "+++\nkind = \"section\"\nkey = \"mandates\"\nnumeral = \"II\"\ntitle = \"Mandatos\"\norder = 2\n+++\n",
    );
    for n in 1..=2 {
        write(
            root,
            &format!("content/plans/2000-2001/mandates/{n}.es.md"),
            &format!("+++\nkind = \"mandate\"\nplan = \"2000-2001\"\nnumber = \"{n}\"\nsection = \"mandates\"\norder = {n}\nsource = \"sources/fixture.txt\"\nsource_line = 1\n+++\nMandato {n}.\n"),
        );
    }
    let documents = [
        ("informe-2024", "type = \"report\"\ndate = 2024-03-01\nlanguages = [\"es\", \"en\"]\ncountry = \"XA\"\nserves = [\"2000-2001/m1\", \"2000-2001/1\"]\ndescription = \"El informe de 2024.\""),
        ("guia-2023", "type = \"guideline\"\nyear = 2023\nlanguages = [\"es\"]\nserves = [\"2000-2001/m1\", \"2000-2001/m2\"]"),
        ("informe-2025", "type = \"report\"\ndate = 2025-06-10\nlanguages = [\"pt\"]\ncountry = \"XB\""),
        ("nota", "type = \"other\"\nlanguages = [\"es\"]"),
    ];
    for (slug, fields) in documents {
        write(
            root,
            &format!("content/documents/{slug}.es.md"),
            &format!("+++\nkind = \"document\"\ntitle = \"{slug}\"\n{fields}\nsource = \"sources/fixture.txt\"\n+++\nTexto.\n"),
        );
    }
    build(root).unwrap_or_else(|d| panic!("{}", render(&d)));
    site
}

/// Each facet of a listing page: its title → (value's address, count) in page order.
fn facets(page: &scraper::Html) -> BTreeMap<String, Vec<(String, usize)>> {
    page.select(&selector("nav.facets .facet"))
        .map(|facet| {
            let title = facet
                .select(&selector("h2"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let values = facet
                .select(&selector("a"))
                .map(|a| {
                    let count = a.select(&selector(".count")).next().unwrap();
                    let count: String = count.text().collect();
                    let count = count.trim_matches(|c| c == '(' || c == ')');
                    (
                        a.value().attr("href").unwrap().to_string(),
                        count.parse().unwrap(),
                    )
                })
                .collect();
            (title, values)
        })
        .collect()
}

#[test]
fn the_library_listing_is_newest_first_and_its_facets_count_what_the_open_data_holds() {
    let site = library();
    let out = Output::read(&site.path().join("public"));
    let json = std::fs::read(site.path().join("public/data/documents.json")).unwrap();
    let records: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
    assert_eq!(records.len(), 4);
    // What each facet value should count, from the open data alone.
    let mut expected: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for record in &records {
        let text = |key: &str| record[key].as_str().map(str::to_lowercase);
        let list = |key: &str| -> Vec<String> {
            record[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_lowercase))
                .collect()
        };
        let year = text("date")
            .map(|d| d[..4].to_string())
            .or_else(|| record["year"].as_i64().map(|y| y.to_string()));
        let mandates: Vec<String> = list("serves")
            .into_iter()
            .filter(|s| s.contains("/m"))
            .map(|s| s.replace('/', "-"))
            .collect();
        let values = [
            ("type", text("type").into_iter().collect::<Vec<_>>()),
            ("year", year.into_iter().collect()),
            ("languages", list("languages")),
            ("country", text("country").into_iter().collect()),
            ("mandate", mandates),
        ];
        for (facet, values) in values {
            for value in values {
                *expected.entry((facet, value)).or_default() += 1;
            }
        }
    }
    assert_eq!(expected[&("mandate", "2000-2001-m1".to_string())], 2);
    for lang in ["es", "en", "pt", "fr"] {
        let listing = out.page(&format!("/{lang}/documents/"));
        // Newest first: a day, a day, a year; the undated last.
        assert_eq!(
            texts(&listing, ".cards-list li > a"),
            ["informe-2025", "informe-2024", "guia-2023", "nota"],
            "{lang}"
        );
        let mut shown: BTreeMap<(&str, String), usize> = BTreeMap::new();
        for (_, values) in facets(&listing) {
            for (url, count) in values {
                // `/<lang>/documents/<facet>/<value>/`
                let parts: Vec<&str> = url.trim_matches('/').split('/').collect();
                let [_, "documents", facet, value] = parts.as_slice() else {
                    panic!("{lang}: facet link {url}");
                };
                let facet = ["type", "year", "languages", "country", "mandate"]
                    .into_iter()
                    .find(|f| f == facet)
                    .unwrap_or_else(|| panic!("{lang}: unknown facet in {url}"));
                shown.insert((facet, value.to_string()), count);
                // The value's page lists as many documents as its count says.
                let narrowed = out.page(&url);
                assert_eq!(texts(&narrowed, ".cards-list li > a").len(), count, "{url}");
            }
        }
        assert_eq!(shown, expected, "{lang}");
    }
    // The mandate facet is labelled by the mandate and its plan, and leads to the
    // documents that serve it.
    let mandate = out.page("/en/documents/mandate/2000-2001-m1/");
    assert_eq!(
        texts(&mandate, ".cards-list li > a"),
        ["informe-2024", "guia-2023"]
    );
    assert_eq!(
        text_of(&mandate, ".result-count strong"),
        "Mandate 1 (2000-2001)"
    );
    // The mandate's page lists the documents that serve it.
    let page = out.page("/es/plans/2000-2001/mandates/2/");
    let links = attrs(&page, "a", "href");
    assert!(
        links.contains(&"/es/documents/guia-2023/".to_string()),
        "{links:?}"
    );
    assert!(
        !links.contains(&"/es/documents/informe-2024/".to_string()),
        "{links:?}"
    );
}

#[test]
fn the_library_has_an_atom_feed_per_language_of_its_dated_documents() {
    let site = library();
    let out = Output::read(&site.path().join("public"));
    for lang in ["es", "en", "pt", "fr"] {
        let listing = out.page(&format!("/{lang}/documents/"));
        let feed_url = format!("/{lang}/documents/atom.xml");
        assert_eq!(
            attrs(
                &listing,
                "link[rel=alternate][type='application/atom+xml']",
                "href"
            ),
            std::slice::from_ref(&feed_url)
        );
        let feed = std::fs::read_to_string(out.dir.join(feed_url.trim_start_matches('/'))).unwrap();
        assert!(feed.contains("xmlns=\"http://www.w3.org/2005/Atom\""));
        // The undated note is not in it: a feed entry must say when.
        let titles: Vec<&str> = feed
            .split("<title>")
            .skip(2)
            .map(|t| t.split("</title>").next().unwrap())
            .collect();
        assert_eq!(
            titles,
            ["informe-2025", "informe-2024", "guia-2023"],
            "{lang}"
        );
        let updated: Vec<&str> = feed
            .split("<updated>")
            .skip(1)
            .map(|t| t.split("</updated>").next().unwrap())
            .collect();
        assert_eq!(
            updated,
            [
                "2025-06-10T00:00:00Z",
                "2025-06-10T00:00:00Z",
                "2024-03-01T00:00:00Z",
                "2023-01-01T00:00:00Z"
            ]
        );
        assert!(feed.contains(&format!(
            "<link href=\"http://127.0.0.1:1111/{lang}/documents/informe-2024/\"/>"
        )));
        assert!(feed.contains("<summary xml:lang=\"es\">El informe de 2024.</summary>"));
    }
}

fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap()
}

#[test]
fn the_ii_plan_s_indicator_table_is_dated_and_found_in_its_document() {
    let out = shipped_output("documents");
    let table = out.page("/es/plans/2015-2018/indicators/");
    let set = text_of(&table, ".indicator-set");
    assert!(set.contains("aprobada con el plan (2014-11-25)"), "{set}");
    assert_eq!(
        attrs(&table, ".indicator-set a", "href"),
        ["/es/documents/segundo-plan-de-trabajo/"]
    );
    assert_eq!(
        attrs(&table, ".indicators-table tbody tr", "class").len(),
        0
    );
    assert_eq!(texts(&table, ".indicators-table tbody th").len(), 50);
}
