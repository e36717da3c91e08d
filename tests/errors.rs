//! Bad input ends in a located diagnostic with a hint, never a panic, and never
//! touches the last good output.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::*;
use faro::diagnostic::{codes, Diagnostic};
use faro::pipeline::{check, BuildOptions};

fn check_site(root: &std::path::Path) -> Vec<Diagnostic> {
    check(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })
}

fn only_error(diagnostics: &[Diagnostic]) -> &Diagnostic {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", render(diagnostics));
    errors[0]
}

#[test]
fn a_broken_file_leaves_the_previous_output_byte_identical() {
    let site = fixture_site("basic");
    let root = site.path();
    build(root).unwrap();
    let before = snapshot(&root.join("public"));
    std::fs::write(
        root.join("content/guide/first.en.md"),
        "+++\ntitle = \"First\"\nweight = = 1\n+++\nText\n",
    )
    .unwrap();
    let diagnostics = build(root).unwrap_err();
    let error = only_error(&diagnostics);
    assert_eq!(
        error
            .to_string()
            .lines()
            .next()
            .unwrap()
            .split(": error")
            .next()
            .unwrap(),
        "content/guide/first.en.md:3:10"
    );
    assert_eq!(error.code, codes::TOML);
    assert!(error.hint.is_some());
    assert_unchanged(root, &before);
}

/// `public/` as it was in `before`, and no staging folder left beside it.
fn assert_unchanged(root: &std::path::Path, before: &BTreeMap<PathBuf, Vec<u8>>) {
    assert_eq!(
        &snapshot(&root.join("public")),
        before,
        "public/ changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn a_build_failing_after_its_pages_were_written_leaves_the_previous_output() {
    // Pages are written as they are rendered; errors found later (the 404 page's
    // template, rendered after the pages, or a broken anchor found by the lint) must
    // still leave the previous site whole.
    let site = fixture_site("basic");
    let root = site.path();
    build(root).unwrap();
    let before = snapshot(&root.join("public"));
    let template = root.join("themes/default/templates/404.html");
    let good = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        "{% extends \"base.html\" %}\n{% block main %}{{ t.no_such_key }}{% endblock main %}\n",
    )
    .unwrap();
    let error = only_error(&build(root).unwrap_err()).clone();
    assert_eq!(error.code, codes::TEMPLATE, "{error}");
    assert_unchanged(root, &before);

    std::fs::write(&template, good).unwrap();
    let page = root.join("content/guide/first.en.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\n[see](/en/guide/first/#no-such-heading)\n"),
    )
    .unwrap();
    let error = only_error(&build(root).unwrap_err()).clone();
    assert_eq!(error.code, codes::BROKEN_ANCHOR, "{error}");
    assert_unchanged(root, &before);
}

#[test]
fn unknown_key_names_the_line_and_suggests_the_right_key() {
    let site = fixture_site("basic");
    std::fs::write(
        site.path().join("content/about.en.md"),
        "+++\ntitle = \"About\"\ndescripton = \"x\"\n+++\n",
    )
    .unwrap();
    let d = check_site(site.path());
    let error = only_error(&d);
    assert_eq!(
        (error.code, error.line, error.col),
        (codes::UNKNOWN_KEY, 3, 1)
    );
    assert_eq!(error.hint.as_deref(), Some("did you mean `description`?"));
}

#[test]
fn missing_title_and_bad_kind_are_reported() {
    let site = fixture_site("basic");
    std::fs::write(
        site.path().join("content/about.en.md"),
        "+++\ndescription = \"x\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/about.fr.md"),
        "+++\nkind = \"directiv\"\ntitle = \"x\"\n+++\n",
    )
    .unwrap();
    let d = check_site(site.path());
    let codes_found: Vec<(&str, String)> = d
        .iter()
        .map(|d| (d.code, d.path.display().to_string()))
        .collect();
    assert!(
        codes_found.contains(&(codes::MISSING_KEY, "content/about.en.md".into())),
        "{}",
        render(&d)
    );
    let kind = d.iter().find(|d| d.path.ends_with("about.fr.md")).unwrap();
    assert_eq!((kind.code, kind.line), (codes::BAD_VALUE, 2));
    assert_eq!(
        kind.hint.as_deref(),
        Some("did you mean `kind = \"directive\"`?")
    );
}

#[test]
fn check_reports_every_broken_file_not_just_the_first() {
    let site = fixture_site("basic");
    let content = site.path().join("content");
    std::fs::write(
        content.join("about.en.md"),
        [0x2b, 0x2b, 0x2b, 0x0a, 0xff, 0xfe],
    )
    .unwrap();
    std::fs::write(content.join("empty.es.md"), "  \n").unwrap();
    std::fs::write(content.join("nolang.md"), "+++\ntitle = \"x\"\n+++\n").unwrap();
    std::fs::write(
        content.join("guide/third.xx.md"),
        "+++\ntitle = \"x\"\n+++\n",
    )
    .unwrap();
    std::fs::write(content.join("open.es.md"), "+++\ntitle = \"x\"\n").unwrap();
    std::fs::write(
        content.join("link.es.md"),
        "+++\ntitle = \"x\"\n+++\n\nSee [nothing](/es/nowhere/).\n",
    )
    .unwrap();
    let d = check_site(site.path());
    let found: Vec<String> = d
        .iter()
        .map(|d| format!("{}:{}:{} {}", d.path.display(), d.line, d.col, d.code))
        .collect();
    for expected in [
        "content/about.en.md:2:1 not-utf8",
        "content/empty.es.md:1:1 empty-file",
        "content/nolang.md:1:1 file-name",
        "content/guide/third.xx.md:1:1 file-name",
        "content/open.es.md:1:1 front-matter",
        "content/link.es.md:5:5 broken-link",
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "missing {expected} in:\n{}",
            found.join("\n")
        );
    }
    assert!(d.iter().all(|d| d.hint.is_some()), "{}", render(&d));
}

#[test]
fn i18n_key_missing_in_one_language_is_an_error_not_a_fallback() {
    let site = fixture_site("basic");
    let path = site.path().join("i18n/fr.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("back_home"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, without).unwrap();
    let d = check_site(site.path());
    let error = only_error(&d);
    assert_eq!(
        (error.code, error.path.to_str().unwrap()),
        (codes::I18N, "i18n/fr.toml")
    );
    assert!(error.message.contains("back_home"), "{error}");
    assert!(
        error.hint.as_deref().unwrap().contains("Volver al inicio")
            || error.hint.as_deref().unwrap().contains("Back"),
        "{error}"
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = fixture_site("basic");
    let path = site.path().join("themes/default/templates/404.html");
    std::fs::write(&path, "{% extends \"base.html\" %}\n{% block main %}\n{{ t.not_found_title \n{% endblock main %}\n").unwrap();
    let d = check_site(site.path());
    let error = only_error(&d);
    assert_eq!(error.code, codes::TEMPLATE);
    assert_eq!(
        error.path.to_str().unwrap(),
        "themes/default/templates/404.html"
    );
    assert_eq!(error.line, 4, "{error}");

    std::fs::write(
        &path,
        "{% extends \"base.html\" %}\n{% block main %}{{ t.no_such_key }}{% endblock main %}\n",
    )
    .unwrap();
    let d = check_site(site.path());
    let error = only_error(&d);
    assert_eq!(error.code, codes::TEMPLATE);
    assert!(error.message.contains("no_such_key"), "{error}");
}

#[test]
fn an_error_in_the_shared_frame_names_chrome_html_and_its_line() {
    // The frame is rendered apart from the pages (once per language and place), so
    // its errors must still name its own file.
    let site = fixture_site("basic");
    let path = site.path().join("themes/default/templates/chrome.html");
    let good = std::fs::read_to_string(&path).unwrap();
    let broken = good.replacen("{{ t.quick_exit }}", "{{ t.no_such_key }}", 1);
    assert_ne!(broken, good, "chrome.html no longer prints t.quick_exit");
    std::fs::write(&path, broken).unwrap();
    let d = check_site(site.path());
    let error = only_error(&d);
    assert_eq!(error.code, codes::TEMPLATE);
    assert_eq!(
        error.path.to_str().unwrap(),
        "themes/default/templates/chrome.html"
    );
    assert!(error.message.contains("no_such_key"), "{error}");
}

#[test]
fn arbitrary_bytes_as_content_or_front_matter_never_panic() {
    let site = fixture_site("basic");
    let file = site.path().join("content/guide/fuzz.es.md");
    // A fixed xorshift sequence: reproducible, and varied enough to hit odd UTF-8,
    // unbalanced fences, and TOML fragments.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: [&[u8]; 12] = [
        b"+++\n",
        b"title = ",
        b"\"x\"",
        b"\n",
        b"[",
        b"]]",
        b"=",
        b"\xff",
        b"\xc3",
        b"# h\n",
        b"kind = \"directive\"\n",
        b"weight = 1e999\n",
    ];
    for _ in 0..200 {
        let len = (next() % 12) as usize;
        let mut bytes = Vec::new();
        for _ in 0..len {
            if next() % 3 == 0 {
                bytes.extend((0..(next() % 8)).map(|_| next() as u8));
            } else {
                bytes.extend_from_slice(pieces[(next() % 12) as usize]);
            }
        }
        std::fs::write(&file, &bytes).unwrap();
        let outcome = std::panic::catch_unwind(|| check_site(site.path()));
        assert!(outcome.is_ok(), "panic on input {bytes:?}");
    }
}

/// Replaces `from` with `to` in a file of the site, asserting it was there.
fn edit(root: &std::path::Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_plans_fixture_is_valid() {
    let site = fixture_site("plans");
    let d = check_site(site.path());
    assert!(d.iter().all(|d| !d.is_error()), "{}", render(&d));
}

#[test]
fn references_to_missing_directives_plans_and_countries_are_errors_with_hints() {
    let cases = [
        (
            "content/plans/2002-2003/directives/1.es.md",
            "\"2000-2001/1\"",
            "\"2000-2001/9\"",
            10,
            "plan 2000-2001 has no such directive",
        ),
        (
            "content/alignments/xx/1.es.md",
            "\"2000-2001/1\"",
            "\"1999-2000/1\"",
            3,
            "write `<plan>/<number>`",
        ),
        (
            "content/alignments/xx/_index.es.md",
            "\"XA\"",
            "\"XB\"",
            4,
            "did you mean `XA`?",
        ),
        (
            "content/plans/2000-2001/directives/2.es.md",
            "\"general\"",
            "\"generl\"",
            5,
            "did you mean `general`?",
        ),
        (
            "content/plans/2002-2003/directives/1.es.md",
            "\"revised\"",
            "\"new\"",
            9,
            "`continues",
        ),
        (
            "content/alignments/xx/1.es.md",
            "\"partial\"",
            "\"partly\"",
            4,
            "did you mean `partial`?",
        ),
    ];
    for (file, from, to, line, hint) in cases {
        let site = fixture_site("plans");
        edit(site.path(), file, from, to);
        let d = check_site(site.path());
        let error = only_error(&d);
        assert_eq!(
            (error.path.to_str().unwrap(), error.line),
            (file, line),
            "{error}"
        );
        assert!(
            error.hint.as_deref().unwrap_or("").contains(hint),
            "{error}"
        );
    }
}

#[test]
fn an_item_continues_only_items_of_its_own_kind() {
    let site = fixture_site("plans");
    let mandate = site.path().join("content/plans/2000-2001/mandates/1.es.md");
    std::fs::create_dir_all(mandate.parent().unwrap()).unwrap();
    std::fs::write(
        &mandate,
        "+++\nkind = \"mandate\"\nplan = \"2000-2001\"\nnumber = \"1\"\nsection = \"general\"\norder = 1\nsource = \"sources/fixture.txt\"\nsource_line = 1\n+++\nPreparar un directorio.\n",
    )
    .unwrap();
    let file = "content/plans/2002-2003/directives/1.es.md";
    edit(site.path(), file, "\"2000-2001/1\"", "\"2000-2001/m1\"");
    let d = check_site(site.path());
    let error = only_error(&d);
    assert_eq!(
        (error.path.to_str().unwrap(), error.line),
        (file, 10),
        "{error}"
    );
    assert!(
        error.message.contains("`2000-2001/m1` is a mandate"),
        "{error}"
    );
    assert_eq!(
        error.hint.as_deref(),
        Some("continue a directive of the earlier plan, written `2000-2001/10`")
    );
}
