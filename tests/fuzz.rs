//! Never a crash: arbitrary bytes as whole content files, and arbitrary TOML-like
//! front matter over Markdown full of links, anchors, images and HTML, go through the
//! whole pipeline (`faro check`: load, parse, link, render, search, lint). Each case
//! must end in success or in diagnostics, never a panic, and every diagnostic about the
//! file must point inside it (line and column within its text) and carry a hint.
//!
//! proptest rather than the fixed sequence of `errors.rs`: it generates structured
//! input (keys of every kind, typed values, Markdown constructs), and when a case
//! fails it shrinks it to a minimal file, which is what one needs to fix the bug.
//! `PROPTEST_CASES=5000 cargo test --test fuzz` searches longer.

mod common;

use std::path::Path;

use common::*;
use faro::diagnostic::Diagnostic;
use faro::pipeline::{self, BuildOptions};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use tempfile::TempDir;

/// The rules' base site, with countries XA and XB.
fn site() -> TempDir {
    fixture_site("rules/base")
}

/// Where the generated file goes: a page, each catalog kind's folder, a country.
const PLACES: [&str; 6] = [
    "content/fuzz.es.md",
    "content/about.pt.md",
    "content/directory/xa/fuzz.es.md",
    "content/services/xb/fuzz.en.md",
    "content/practices/fuzz.fr.md",
    "content/countries/xz.es.md",
];

fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96);
    TestRunner::new(Config {
        cases,
        // The pipeline is slow next to a unit: don't shrink forever.
        max_shrink_iters: 256,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Writes `bytes` at `place`, checks the site, and checks the diagnostics' locations.
fn check_file(root: &Path, place: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let file = root.join(place);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, bytes).unwrap();
    let outcome = std::panic::catch_unwind(|| {
        pipeline::check(&BuildOptions {
            root: root.to_path_buf(),
            ..Default::default()
        })
    });
    std::fs::remove_file(&file).unwrap();
    let diagnostics =
        outcome.map_err(|_| TestCaseError::fail(format!("panic on {place}: {bytes:?}")))?;
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diagnostics.iter().filter(|d| d.path == Path::new(place)) {
        let located = |d: &Diagnostic| {
            let line = lines.get(d.line - 1)?;
            (d.col <= line.chars().count() + 1).then_some(())
        };
        prop_assert!(
            located(d).is_some(),
            "{d}\npoints outside the file ({} lines): {text:?}",
            lines.len()
        );
        prop_assert!(d.hint.is_some(), "no hint: {d}\nfor {text:?}");
    }
    Ok(())
}

#[test]
fn arbitrary_bytes_as_whole_files_never_crash() {
    let site = site();
    let bytes = prop_oneof![
        vec(any::<u8>(), 0..600),
        // Mostly text, with the fences that make it a content file.
        (".{0,300}", ".{0,300}")
            .prop_map(|(front, body)| format!("+++\n{front}\n+++\n{body}").into_bytes()),
    ];
    runner()
        .run(&(0..PLACES.len(), bytes), |(place, bytes)| {
            check_file(site.path(), PLACES[place], &bytes)
        })
        .unwrap();
}

/// Front matter keys: every kind's, misspellings, and noise.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "kind", "title", "description", "weight", "template", "translation",
            "institution", "role", "country", "legal_basis", "address", "phones",
            "emails", "website", "languages", "source", "last_verified", "name", "types",
            "coverage", "populations", "provider", "cost", "hours", "year", "area",
            "implements", "target_groups", "summary", "results", "iso2", "iso3",
            "status", "status_note", "plan", "number", "section", "order", "source_line",
            "period", "short_title", "directive", "matches", "continues", "lineage",
        ])
        .prop_map(str::to_string),
        1 => "[a-z_]{1,12}",
        1 => "\"[^\"\\\\]{0,8}\"",
    ]
}

/// Values of every TOML type, valid and not, including what rules look at.
fn value() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        prop::sample::select(vec![
            "\"authority\"",
            "\"service\"",
            "\"practice\"",
            "\"country\"",
            "\"page\"",
            "\"directive\"",
            "\"plan\"",
            "\"XA\"",
            "\"XZ\"",
            "\"xa\"",
            "\"national-authority\"",
            "\"hotline\"",
            "\"assistance\"",
            "\"TODO\"",
            "\"TODO: x\"",
            "\"+51 1 234 5678\"",
            "\"1818\"",
            "\"a@b.org\"",
            "\"https://www.example.org/\"",
            "\"2021-2026/99\"",
            "2025-02-30",
            "2999-01-01",
            "2025-01-01",
            "2025-01-01T10:00:00Z",
            "10:00:00",
            "1e999",
            "nan",
            "-inf",
            "9223372036854775807",
            "-1",
            "0",
            "true",
            "\"\"",
            "'''\nmulti\nline'''",
            "\"\\u0000\"",
            "\"\\uD800\"",
        ])
        .prop_map(str::to_string),
        "\"[^\"\\\\\n]{0,20}\"",
        any::<i64>().prop_map(|n| n.to_string()),
    ];
    scalar.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            vec(("[a-z]{1,3}", inner), 0..3).prop_map(|v| {
                let pairs: Vec<String> = v.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", pairs.join(", "))
            }),
        ]
    })
}

fn front_line() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (key(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => prop::sample::select(vec![
            "[", "]]", "=", "\"", "[table]", "[[array]]", "# comment", "key =", "= value",
            "+++", "\u{feff}", "\t", "kind = \"authority\"\nkind = \"service\"",
        ])
        .prop_map(str::to_string),
        1 => ".{0,20}",
    ]
}

/// Markdown that exercises the lint rules: links, anchors, images, raw HTML, TODO.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "[a](",
            "](",
            ")",
            "[",
            "]",
            "![",
            "![](x.png)",
            "![a](https://e.org/x.png)",
            "[x](/es/about/#marco-legal)",
            "[x](/es/about/#nope)",
            "[x](#)",
            "[x](#top)",
            "[x](../../../..)",
            "[x](./a.es.md)",
            "[x](/%zz/)",
            "[x](javascript:1)",
            "[x][y]",
            "[x][]",
            "[y]: /es/\n",
            "# ",
            "## Título {#",
            "{#id}",
            "[^1]",
            "[^1]: n\n",
            "<a href=\"",
            "<a href=/es/x/>",
            "<img src=x>",
            "<img alt=''>",
            "<p onclick=x style=y class=z>",
            "<script>",
            "</",
            "<!--",
            "-->",
            "<td>",
            "<table><tr><td align=left>",
            "TODO",
            "TODO: x",
            "\n",
            "\n\n",
            "    code\n",
            "```\n",
            "> ",
            "- ",
            "| a |\n|---|\n",
            "&amp;",
            "%",
            "#",
            "\u{0}",
            "é",
            "👩‍⚖️",
        ])
        .prop_map(str::to_string),
        ".{0,12}",
    ];
    vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// A valid front matter for each of [`PLACES`], so that bodies reach the rules that
/// need a parsed page.
const VALID: [&str; 6] = [
    "title = \"Fuzz\"",
    "title = \"Fuzz\"",
    "kind = \"authority\"\ninstitution = \"I\"\nrole = \"contact-point\"\ncountry = \"XA\"\nsource = \"https://www.example.org/\"\nlast_verified = 2026-01-01",
    "kind = \"service\"\nname = \"S\"\ntypes = [\"hotline\"]\ncountry = \"XB\"\nsource = \"https://www.example.org/\"",
    "kind = \"practice\"\ntitle = \"P\"\ncountry = \"XA\"\nyear = 2019\narea = \"general\"\nsummary = \"S\"\nsource = \"https://www.example.org/\"",
    "kind = \"country\"\niso2 = \"XZ\"\niso3 = \"XZZ\"\nname = { es = \"Z\" }",
];

#[test]
fn arbitrary_front_matter_and_markdown_never_crash() {
    let site = site();
    // Half the cases keep a valid front matter (their body reaches every rule), a
    // quarter add a few arbitrary lines to it, a quarter are arbitrary throughout.
    let case = (0..PLACES.len(), 0..4u8, vec(front_line(), 0..10), body()).prop_map(
        |(place, mode, lines, body)| {
            let front = match mode {
                0 | 1 => VALID[place].to_string(),
                2 => format!(
                    "{}\n{}",
                    VALID[place],
                    lines[..lines.len().min(3)].join("\n")
                ),
                _ => lines.join("\n"),
            };
            (place, format!("+++\n{front}\n+++\n{body}").into_bytes())
        },
    );
    runner()
        .run(&case, |(place, bytes)| {
            check_file(site.path(), PLACES[place], &bytes)
        })
        .unwrap();
}
