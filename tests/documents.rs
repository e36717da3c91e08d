//! The documents library on the shipped site (issue 17): the seeds are its first
//! documents, each readable as full text with numbered lines, and every "Source: …,
//! line N" under a plan item leads to that very line.

mod common;

use common::*;

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

fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap()
}
