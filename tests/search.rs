//! Full-text search on the shipped site: `faro search` through the library and the
//! binary, and the static index read the way `search.js` reads it, which must rank
//! exactly as `faro search` does.

mod common;
#[path = "search/relevance.rs"]
mod relevance;
#[path = "search/static_index.rs"]
mod static_index;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;
use faro::model::Lang;
use faro::search::query::{Request, Searcher};
use serde_json::Value;
use static_index::StaticIndex;

/// The shipped site's sources, copied into cargo's temp folder and built there, so that
/// its `.faro/search` is this test's own whatever else builds the repository.
fn site() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-site");
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        std::fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
        for dir in ["i18n", "themes", "content", "sources"] {
            copy_tree(&repo().join(dir), &root.join(dir));
        }
        build(&root).unwrap_or_else(|d| panic!("shipped site fails to build:\n{}", render(&d)));
        root
    })
}

fn faro_search(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_faro"))
        .arg("--root")
        .arg(site())
        .arg("search")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `faro search --json` with `args`, parsed.
fn json(args: &[&str]) -> Vec<Value> {
    let (ok, stdout, stderr) = faro_search(&[args, &["--json"]].concat());
    assert!(ok, "faro search {args:?} failed: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn urls(hits: &[Value]) -> Vec<&str> {
    hits.iter().map(|h| h["url"].as_str().unwrap()).collect()
}

fn search(lang: &str, query: &str) -> Vec<faro::search::query::Hit> {
    let searcher = Searcher::open(site(), &Lang(lang.into())).unwrap();
    searcher
        .search(&Request {
            query,
            limit: 10,
            ..Request::default()
        })
        .unwrap()
}

#[test]
fn accents_do_not_matter() {
    let plain = search("es", "proteccion");
    let accented = search("es", "protección");
    assert!(!plain.is_empty());
    let key = |hits: &[faro::search::query::Hit]| -> Vec<(String, f32)> {
        hits.iter().map(|h| (h.url.clone(), h.score)).collect()
    };
    assert_eq!(key(&plain), key(&accented));
    assert!(
        plain
            .iter()
            .any(|h| h.snippet.contains("<b>protección</b>")),
        "{plain:#?}"
    );
}

#[test]
fn stems_match_other_forms_of_a_word() {
    let hits = search("es", "albergue");
    assert!(
        hits.iter()
            .any(|h| h.snippet.to_lowercase().contains("<b>albergues</b>")),
        "{hits:#?}"
    );
}

#[test]
fn a_directive_named_by_number_comes_first() {
    for (lang, query) in [
        ("es", "directriz 99"),
        ("es", "2021-2026 99"),
        ("en", "directive 99"),
        ("pt", "diretriz 99"),
        ("fr", "directive 99"),
    ] {
        let hits = json(&[query, "--lang", lang]);
        assert_eq!(
            hits[0]["url"],
            format!("/{lang}/plans/2021-2026/directives/99/"),
            "{lang}: {query}"
        );
        assert_eq!(hits[0]["direct"], true);
    }
    let older = json(&["2015-2018 directriz 9"]);
    assert_eq!(older[0]["url"], "/es/plans/2015-2018/directives/9/");
}

#[test]
fn each_language_searches_its_own_pages() {
    let hits = json(&["tráfico de pessoas", "--lang", "pt"]);
    assert!(!hits.is_empty());
    assert!(
        urls(&hits).iter().all(|u| u.starts_with("/pt/")),
        "{hits:#?}"
    );
    // Alignment rows exist in Spanish only: other languages show them, but do not index them.
    assert!(!json(&["PNAT", "--kind", "alignment-row"]).is_empty());
    assert!(json(&["PNAT", "--lang", "en", "--kind", "alignment-row"]).is_empty());
}

#[test]
fn kind_narrows_without_changing_scores() {
    let all = json(&["trata de personas", "--limit", "1000"]);
    let directives = json(&[
        "trata de personas",
        "--kind",
        "directive",
        "--limit",
        "1000",
    ]);
    assert!(!directives.is_empty() && directives.len() < all.len());
    for hit in &directives {
        assert_eq!(hit["kind"], "directive");
        let same = all.iter().find(|h| h["url"] == hit["url"]).unwrap();
        assert_eq!(same["score"], hit["score"]);
    }
}

#[test]
fn proposals_are_searchable() {
    let hits = search("es", "etnicidad");
    let directive = hits
        .iter()
        .find(|h| h.url == "/es/plans/2021-2026/directives/112/")
        .unwrap_or_else(|| panic!("{hits:#?}"));
    assert!(
        directive.snippet.contains("[CAN: <b>etnicidad</b>]"),
        "{directive:#?}"
    );
}

#[test]
fn the_terminal_shows_title_url_score_and_snippet() {
    let (ok, stdout, _) = faro_search(&["albergue", "--limit", "2"]);
    assert!(ok);
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with("1. ") && first.contains("/es/") && first.contains('('),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
}

#[test]
fn odd_queries_find_nothing_and_do_not_fail() {
    let long = "palabra ".repeat(5_000);
    for query in ["", "   ", "¿¡!?…", "\"", "%00", long.as_str(), "ß∂ƒ©˙∆˚¬"] {
        let (ok, stdout, stderr) = faro_search(&[query, "--json"]);
        assert!(ok, "{query:?}: {stderr}");
        let _: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    }
    let (ok, _, stderr) = faro_search(&["trata", "--lang", "xx"]);
    assert!(!ok && stderr.contains("xx"));
}

#[test]
fn a_failed_build_keeps_the_previous_index() {
    let fixture = fixture_site("basic");
    build(fixture.path()).unwrap();
    let index = fixture.path().join(".faro/search");
    let before = snapshot(&index);
    assert!(before.keys().any(|p| p.ends_with("words.json")));
    std::fs::write(
        fixture.path().join("content/about.es.md"),
        "+++\ntitle = 3\n+++\n",
    )
    .unwrap();
    assert!(build(fixture.path()).is_err());
    assert_eq!(snapshot(&index), before);
}

/// Queries over es, pt, en and fr: words with and without accents, stop words, stems,
/// proposals, unknown words, typos, item numbers; `true` reads the last word as a prefix.
const RANKED: &[(&str, &str, bool)] = &[
    ("es", "trata de personas", false),
    ("es", "asistencia protección víctimas", false),
    ("es", "albergues", false),
    ("es", "directriz 99", false),
    ("es", "protecciones migrantes", false),
    ("es", "cooperacion intern", true),
    ("pt", "tráfico de pessoas", false),
    ("pt", "proteção das vítimas", false),
    ("pt", "diretriz 99", false),
    ("en", "trafficking in persons", false),
    ("en", "shelters for victims", false),
    ("en", "2021-2026 99", false),
    ("en", "victim assist", true),
    ("es", "albregues víctimas", false),
    ("fr", "indemnisaton victimes", false),
    ("es", "indemnizar a las víctimas", false),
];

#[test]
fn the_static_index_ranks_as_faro_search_does() {
    let public = site().join("public");
    // The relevance set adds typos, missing accents and words the corpus has only in
    // another form, each read through one of the fallbacks.
    let set = relevance::set();
    let judged = set
        .iter()
        .map(|j| (j.lang.as_str(), j.query.as_str(), false));
    for (lang, query, typing) in RANKED.iter().copied().chain(judged) {
        let mut args = vec![query, "--lang", lang, "--limit", "10"];
        if typing {
            args.push("--prefix");
        }
        let cli: Vec<(String, f64)> = json(&args)
            .iter()
            .map(|h| {
                (
                    h["url"].as_str().unwrap().to_string(),
                    h["score"].as_f64().unwrap(),
                )
            })
            .collect();
        let shards = StaticIndex::open(&public, lang).top(query, typing, 10);
        assert!(!cli.is_empty(), "{lang} {query:?}: no results");
        assert_eq!(
            cli.iter().map(|h| &h.0).collect::<Vec<_>>(),
            shards.iter().map(|h| &h.0).collect::<Vec<_>>(),
            "{lang} {query:?}"
        );
        for ((url, a), (_, b)) in cli.iter().zip(&shards) {
            assert!((a - b).abs() < 1e-4, "{lang} {query:?} {url}: {a} vs {b}");
        }
    }
}

#[test]
fn entries_from_official_pages_are_found_first_in_their_language() {
    // One entry per kind, written from a web page (sources/web/), each asked for the way
    // a visitor would, in the entry's language.
    for (lang, query, first) in [
        ("es", "CICESCT Honduras", "/es/directory/hn/cicesct/"),
        (
            "en",
            "counter trafficking unit trinidad",
            "/en/directory/tt/ctu/",
        ),
        ("pt", "disque 100 tráfico", "/pt/services/br/disque-100/"),
        (
            "en",
            "national human trafficking hotline",
            "/en/services/us/national-human-trafficking-hotline/",
        ),
        (
            "en",
            "airport stickers",
            "/en/practices/vc-atipu-airport-stickers-2018/",
        ),
    ] {
        let hits = json(&[query, "--lang", lang]);
        assert_eq!(urls(&hits).first().copied(), Some(first), "{lang}: {query}");
    }
}

#[test]
fn the_relevance_set_finds_its_answers_first() {
    let report = relevance::Report::of(&relevance::set(), |lang, query| {
        search(lang, query).into_iter().map(|h| h.url).collect()
    });
    let all = report.all;
    assert!(all.queries >= 60, "{report}");
    assert!(all.mrr >= 0.90 && all.hits1 >= 0.80, "{report}");
    for (lang, figures) in &report.by_lang {
        assert!(figures.mrr >= 0.85, "{lang}:\n{report}");
    }
    assert_eq!(
        report.by_lang.keys().collect::<Vec<_>>(),
        ["en", "es", "fr", "pt"],
        "{report}"
    );
}

#[test]
fn the_item_with_every_word_comes_before_listings_and_headings() {
    // The services listing's epigraph and the assistance sections' headings say
    // "víctimas" but not "albergue": the directive on shelters, which says both, first.
    for (lang, query, first) in [
        (
            "es",
            "albergues víctimas",
            "/es/plans/2021-2026/directives/81/",
        ),
        (
            "pt",
            "abrigos de emergência para vítimas",
            "/pt/plans/2021-2026/directives/81/",
        ),
        (
            "en",
            "survivors advisory council",
            "/en/plans/2021-2026/mandates/19/",
        ),
    ] {
        let hits = search(lang, query);
        assert_eq!(
            hits.first().map(|h| h.url.as_str()),
            Some(first),
            "{lang}: {query}: {hits:#?}"
        );
    }
}

#[test]
fn a_broad_word_shows_items_before_the_pages_that_quote_them() {
    let hits = search("es", "víctimas");
    assert!(
        !["page", "section"].contains(&hits[0].kind.as_str()),
        "{hits:#?}"
    );
}

#[test]
fn a_word_with_one_typo_still_finds_its_item() {
    let compensation = [86, 92, 93].map(|n| format!("/fr/plans/2021-2026/directives/{n}/"));
    for (lang, query, answers) in [
        (
            "es",
            "albregues víctimas",
            &["/es/plans/2021-2026/directives/81/".to_string()][..],
        ),
        (
            "en",
            "journalsts training",
            &["/en/plans/2021-2026/directives/46/".to_string()],
        ),
        ("fr", "indemnisaton victimes", &compensation),
    ] {
        let hits = search(lang, query);
        assert!(
            hits.first().is_some_and(|h| answers.contains(&h.url)),
            "{lang}: {query}: {hits:#?}"
        );
    }
    // A word the corpus has is taken as typed: "datos" does not also find "daños".
    let hits = search("es", "datos");
    assert!(!hits.is_empty());
    for hit in &hits {
        let (text, marked) = &hit.passage;
        let words: Vec<&str> = marked.iter().map(|r| &text[r.clone()]).collect();
        assert!(
            words.iter().all(|w| w.to_lowercase().starts_with("dat")),
            "{words:?} in {hit:#?}"
        );
    }
}
