//! The unofficial translations of the Work Plans mirror their originals item by item,
//! and every page built from one says it is unofficial.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

/// A plan file's front matter and body.
struct Item {
    front: toml::Table,
    body: String,
}

fn read(path: &Path) -> Item {
    let text = std::fs::read_to_string(path).unwrap();
    let mut parts = text.splitn(3, "+++\n");
    parts.next();
    let front = parts
        .next()
        .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    Item {
        front: toml::from_str(front).unwrap(),
        body: parts.next().unwrap_or("").to_string(),
    }
}

/// Files of a plan in `lang`, by path without the language suffix.
fn files(plan: &str, lang: &str) -> BTreeMap<String, Item> {
    let suffix = format!(".{lang}.md");
    walkdir::WalkDir::new(repo().join("content/plans").join(plan))
        .into_iter()
        .map(Result::unwrap)
        .filter_map(|e| {
            let path = e.path().to_string_lossy().into_owned();
            let key = path.strip_suffix(&suffix)?.to_string();
            Some((key, read(e.path())))
        })
        .collect()
}

fn proposal_count(body: &str) -> usize {
    faro::proposals::proposals(body).count()
}

fn count(item: &Item, key: &str) -> usize {
    item.front
        .get(key)
        .and_then(|v| v.as_array())
        .map_or(0, Vec::len)
}

#[test]
fn every_item_is_translated_with_the_same_number_section_proposals_and_indicators() {
    let mut problems = Vec::new();
    for (plan, original, langs) in [
        ("2021-2026", "es", &["en", "fr", "pt"][..]),
        ("2015-2018", "es", &["en", "fr"][..]),
    ] {
        let originals = files(plan, original);
        assert!(
            originals.len() > 100,
            "{plan}: {} originals",
            originals.len()
        );
        for lang in langs {
            let translations = files(plan, lang);
            for key in originals.keys().filter(|k| !translations.contains_key(*k)) {
                problems.push(format!("{key}.{original}.md has no {lang} translation"));
            }
            for (key, t) in &translations {
                let Some(o) = originals.get(key) else {
                    problems.push(format!("{key}.{lang}.md has no original"));
                    continue;
                };
                if t.front.get("translation").and_then(|v| v.as_str()) != Some("unofficial") {
                    problems.push(format!("{key}.{lang}.md is not marked unofficial"));
                }
                for field in ["kind", "number", "section", "plan", "key", "numeral"] {
                    if t.front.get(field) != o.front.get(field) {
                        problems.push(format!(
                            "{key}.{lang}.md: {field} differs from the original"
                        ));
                    }
                }
                if count(t, "indicators") != count(o, "indicators") {
                    problems.push(format!(
                        "{key}.{lang}.md: {} indicators, original {}",
                        count(t, "indicators"),
                        count(o, "indicators")
                    ));
                }
                if proposal_count(&t.body) != proposal_count(&o.body) {
                    problems.push(format!(
                        "{key}.{lang}.md: {} proposals, original {}",
                        proposal_count(&t.body),
                        proposal_count(&o.body)
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn pages_built_from_a_translation_say_it_is_unofficial_and_link_the_original() {
    let out = shipped_output("translations");
    for (url, words, original) in [
        (
            "/en/plans/2021-2026/directives/99/",
            "Unofficial translation",
            "/es/plans/2021-2026/directives/99/",
        ),
        (
            "/fr/plans/2015-2018/mandates/17/",
            "Traduction non officielle",
            "/es/plans/2015-2018/mandates/17/",
        ),
        (
            "/pt/plans/2021-2026/mandates/13/",
            "Tradução não oficial",
            "/es/plans/2021-2026/mandates/13/",
        ),
    ] {
        let page = out.page(url);
        assert!(text_of(&page, ".notice").contains(words), "{url}");
        assert_eq!(attrs(&page, ".notice a", "href"), [original], "{url}");
    }
    // The Portuguese II Plan is the OAS's own text: no notice.
    assert!(texts(&out.page("/pt/plans/2015-2018/mandates/17/"), ".notice").is_empty());
}
