//! The Work Plans as practitioners use them: a page per directive and mandate with its
//! place, neighbours, indicators, proposals, lineage and alignments.

mod common;

use common::*;

fn site() -> &'static Output {
    shipped_output("plans")
}

#[test]
fn every_directive_and_mandate_has_a_stable_page() {
    let out = site();
    for n in (1..=118)
        .map(|n| n.to_string())
        .chain(["21bis".into(), "49bis".into()])
    {
        assert!(
            out.exists(&format!("/es/plans/2021-2026/directives/{n}/")),
            "III directive {n}"
        );
    }
    for n in (1..=19).map(|n| n.to_string()).chain(["4ALT".into()]) {
        assert!(
            out.exists(&format!("/es/plans/2021-2026/mandates/{n}/")),
            "III mandate {n}"
        );
    }
    for lang in ["es", "pt"] {
        for n in 1..=67 {
            assert!(
                out.exists(&format!("/{lang}/plans/2015-2018/directives/{n}/")),
                "II directive {n}"
            );
        }
        for n in 1..=17 {
            assert!(
                out.exists(&format!("/{lang}/plans/2015-2018/mandates/{n}/")),
                "II mandate {n}"
            );
        }
    }
}

#[test]
fn a_directive_page_shows_plan_section_text_and_neighbours_in_document_order() {
    let page = &site().page("/es/plans/2021-2026/directives/99/");
    assert_eq!(text_of(page, "h1"), "Directriz 99");
    let meta = text_of(page, ".meta-line");
    assert!(
        meta.contains("III Plan de Trabajo (2021-2026)") && meta.contains("ASISTENCIA"),
        "{meta}"
    );
    assert!(text_of(page, ".item-text")
        .starts_with("Generar y/o actualizar de forma periódica los directorios"));
    assert_eq!(
        attrs(page, "a[rel=prev]", "href"),
        ["/es/plans/2021-2026/directives/98/"]
    );
    assert_eq!(
        attrs(page, "a[rel=next]", "href"),
        ["/es/plans/2021-2026/directives/100/"]
    );
    // 21bis sits between 21 and 22, as in the document.
    let bis = &site().page("/es/plans/2021-2026/directives/21bis/");
    assert_eq!(
        attrs(bis, "a[rel=prev]", "href"),
        ["/es/plans/2021-2026/directives/21/"]
    );
    assert_eq!(
        attrs(bis, "a[rel=next]", "href"),
        ["/es/plans/2021-2026/directives/22/"]
    );
}

#[test]
fn indicators_of_the_annex_appear_on_the_directive_they_measure_in_both_languages() {
    let es = &site().page("/es/plans/2015-2018/directives/20/");
    assert!(
        text_of(es, "#indicators + ul").contains("Mecanismos de identificación y registro civil")
    );
    let pt = &site().page("/pt/plans/2015-2018/directives/20/");
    assert_eq!(attrs(pt, "html", "lang"), ["pt"]);
    assert!(
        texts(pt, ".notice").is_empty(),
        "the Portuguese II Plan is official"
    );
    assert!(!text_of(pt, "#indicators + ul").is_empty());
}

#[test]
fn proposals_are_attributed_marks_a_screen_reader_announces() {
    let page = &site().page("/es/plans/2021-2026/directives/42/");
    let proposal = text_of(page, ".item-text .proposal");
    assert!(proposal.starts_with("Propuesta de Canadá:"), "{proposal}");
    assert!(proposal.ends_with("(fin de la propuesta)"), "{proposal}");
    assert_eq!(text_of(page, ".item-text .proposal .proposal-by"), "CAN");
    let en = &site().page("/en/plans/2021-2026/directives/42/");
    assert!(text_of(en, ".item-text .proposal").starts_with("Proposal by Canada:"));
}

#[test]
fn the_plan_page_lists_proposals_per_delegation_with_counts_matching_the_text() {
    let out = site();
    let plan = &out.page("/es/plans/2021-2026/");
    let summaries = texts(plan, ".delegation summary");
    let canada = summaries
        .iter()
        .find(|s| s.contains("Canadá"))
        .expect("Canada listed");
    // Count Canada's proposals in the Spanish originals independently.
    let mut expected = 0;
    for entry in walkdir::WalkDir::new(repo().join("content/plans/2021-2026")) {
        let entry = entry.unwrap();
        if entry.path().to_string_lossy().ends_with(".es.md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let body = text.splitn(3, "+++").nth(2).unwrap();
            expected += faro::proposals::proposals(body)
                .filter(|(d, _)| d.iter().any(|c| c == "CAN"))
                .count();
        }
    }
    assert!(expected > 50, "{expected}");
    assert!(
        canada.contains(&format!(": {expected} propuestas")),
        "{canada} vs {expected}"
    );
}

#[test]
fn lineage_links_both_ways_with_a_word_diff_for_revised_text() {
    let later = &site().page("/es/plans/2021-2026/directives/42/");
    assert_eq!(text_of(later, ".lineage-tag"), "Texto revisado");
    assert!(attrs(later, ".lineage a", "href")
        .contains(&"/es/plans/2015-2018/directives/26/".to_string()));
    assert!(!texts(later, ".diff del").is_empty() && !texts(later, ".diff ins").is_empty());
    let earlier = &site().page("/es/plans/2015-2018/directives/26/");
    assert!(attrs(earlier, ".lineage a", "href")
        .contains(&"/es/plans/2021-2026/directives/42/".to_string()));
    let same = &site().page("/es/plans/2021-2026/directives/1/");
    assert_eq!(text_of(same, ".lineage-tag"), "Mismo texto");
    assert!(texts(same, ".diff").is_empty());
}

#[test]
fn the_comparison_page_sets_the_plans_side_by_side() {
    let page = &site().page("/es/plans/compare/");
    let rows = attrs(page, ".comparison-directive tbody tr", "id");
    assert_eq!(rows.len(), 120);
    assert_eq!(rows[0], "directive-1");
    // The mandates too: 20 of the III Plan (4ALT among them).
    let rows = attrs(page, ".comparison-mandate tbody tr", "id");
    assert_eq!(rows.len(), 20);
    assert_eq!(rows[8], "mandate-8");
    // Every II directive and mandate appears: continued in a row, or listed as not
    // continued.
    let linked = |folder: &str| -> std::collections::BTreeSet<String> {
        attrs(page, "a", "href")
            .into_iter()
            .filter(|h| h.starts_with(&format!("/es/plans/2015-2018/{folder}/")))
            .collect()
    };
    assert_eq!(linked("directives").len(), 67);
    assert_eq!(linked("mandates").len(), 17);
    // Mandate 8 continues the II Plan's mandate 10, revised.
    let row = page
        .select(&scraper::Selector::parse("tr#mandate-8").unwrap())
        .next()
        .unwrap();
    let earlier: Vec<String> = row
        .select(&scraper::Selector::parse("td:first-child a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(earlier, ["/es/plans/2015-2018/mandates/10/"]);
}

#[test]
fn alignments_show_on_the_directive_and_as_a_matrix() {
    let directive = &site().page("/es/plans/2015-2018/directives/3/");
    let block = text_of(directive, ".alignment-row");
    assert!(
        block.contains("Perú") && block.contains("Sin cobertura"),
        "{block}"
    );
    let matrix = &site().page("/es/alignments/pe-pnat-2017-2021/");
    assert_eq!(attrs(matrix, ".matrix tbody tr th a", "href").len(), 67);
    let counts: usize = texts(matrix, ".coverage-counts strong")
        .iter()
        .map(|n| n.parse::<usize>().unwrap())
        .sum();
    assert_eq!(counts, 67);
    // The rule that derives the status is stated on the page.
    assert!(text_of(matrix, ".prose").contains("No hay"));
}
