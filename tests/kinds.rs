//! A translation is the same thing as its original in another language. For every
//! kind of the shipped content, a translation whose `kind` is removed or changed, or
//! which names another plan, number or country, is reported at its own file by
//! `faro check` and `faro build`, never a panic.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use faro::diagnostic::{codes, Diagnostic};
use faro::pipeline::{self, BuildOptions};
use tempfile::TempDir;

/// The shipped site, plus a practice (the shipped content has none yet).
fn shipped_site() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "i18n", "themes", "sources"] {
        copy_tree(&repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(repo().join("config.toml"), dir.path().join("config.toml")).unwrap();
    std::fs::write(
        dir.path().join("content/practices/ejemplo.es.md"),
        "+++\nkind = \"practice\"\ntitle = \"Práctica de prueba\"\ncountry = \"PE\"\nyear = 2020\narea = \"assistance\"\nimplements = [\"2021-2026/99\"]\nsummary = \"Una práctica inventada para esta prueba.\"\nsource = \"sources/004_00f5d4a57eac71c3.txt\"\n+++\nTexto.\n",
    )
    .unwrap();
    dir
}

/// The front matter of a content file, and its text.
fn front(path: &Path) -> (toml::Table, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let front = text.split("+++\n").nth(1).unwrap_or_default().to_string();
    (toml::from_str(&front).unwrap(), front)
}

/// One Spanish file of every kind in the site at `root`, by kind: the first in path
/// order, so that the test is repeatable.
fn one_of_each_kind(root: &Path) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .map(|e| e.into_path())
        .filter(|p| p.to_string_lossy().ends_with(".es.md"))
        .collect();
    paths.sort();
    for path in paths {
        let (table, _) = front(&path);
        let kind = table
            .get("kind")
            .and_then(|k| k.as_str())
            .unwrap_or("page")
            .to_string();
        found.entry(kind).or_insert(path);
    }
    found
}

/// The French translation's path of a Spanish file.
fn french(path: &Path) -> PathBuf {
    PathBuf::from(path.to_string_lossy().replace(".es.md", ".fr.md"))
}

fn check(root: &Path) -> Vec<Diagnostic> {
    pipeline::check(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })
}

/// The errors reported at `path`, relative to the site root.
fn errors_at<'d>(diagnostics: &'d [Diagnostic], root: &Path, path: &Path) -> Vec<&'d Diagnostic> {
    let relative = path.strip_prefix(root).unwrap();
    diagnostics
        .iter()
        .filter(|d| d.is_error() && d.path == relative)
        .collect()
}

#[test]
fn the_site_has_every_kind_the_test_changes() {
    let site = shipped_site();
    let kinds: Vec<String> = one_of_each_kind(site.path()).into_keys().collect();
    assert_eq!(
        kinds,
        [
            "alignment",
            "alignment-row",
            "authority",
            "comparison",
            "country",
            "directive",
            "document",
            "mandate",
            "objective",
            "page",
            "plan",
            "practice",
            "principle",
            "section",
            "service"
        ]
    );
}

#[test]
fn a_translation_without_its_kind_is_a_kind_mismatch_at_its_own_file() {
    let site = shipped_site();
    let root = site.path();
    let originals = one_of_each_kind(root);
    let mut translations = Vec::new();
    for (kind, original) in &originals {
        if kind == "page" {
            continue; // a page written with only a title is what it should be
        }
        let translation = french(original);
        std::fs::write(&translation, "+++\ntitle = \"Traduction\"\n+++\nTexte.\n").unwrap();
        translations.push(translation);
    }
    let diagnostics = check(root);
    for translation in &translations {
        let errors = errors_at(&diagnostics, root, translation);
        let found: Vec<(&str, usize, usize)> =
            errors.iter().map(|d| (d.code, d.line, d.col)).collect();
        assert_eq!(
            found,
            [(codes::KIND_MISMATCH, 1, 1)],
            "{}\n{}",
            translation.display(),
            render(&diagnostics)
        );
        let hint = errors[0].hint.as_deref().unwrap_or_default();
        assert!(hint.contains("kind = \""), "{hint}");
    }
    // The build stops on the same errors, without a panic, and writes nothing.
    let out = root.join("public");
    let built = pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.clone()),
        ..Default::default()
    });
    let errors = built.expect_err("a kind mismatch fails the build");
    assert!(errors.iter().any(|d| d.code == codes::KIND_MISMATCH));
    assert!(!out.exists());
}

#[test]
fn a_translation_of_another_kind_is_reported_at_its_own_file() {
    let site = shipped_site();
    let root = site.path();
    let originals = one_of_each_kind(root);
    let kinds: Vec<&String> = originals.keys().collect();
    let mut translations = Vec::new();
    for (i, (kind, original)) in originals.iter().enumerate() {
        // Each file gets the next kind's name: some then parse as that kind (a
        // directive written as a mandate), others no longer parse at all.
        let other = kinds[(i + 1) % kinds.len()];
        let (table, text) = front(original);
        let changed = if table.contains_key("kind") {
            text.replace(
                &format!("kind = \"{kind}\""),
                &format!("kind = \"{other}\""),
            )
        } else {
            format!("kind = \"{other}\"\n{text}")
        };
        let translation = french(original);
        std::fs::write(&translation, format!("+++\n{changed}+++\nTexte.\n")).unwrap();
        translations.push(translation);
    }
    let diagnostics = check(root);
    for translation in &translations {
        let errors = errors_at(&diagnostics, root, translation);
        assert!(
            !errors.is_empty(),
            "{}: no error\n{}",
            translation.display(),
            render(&diagnostics)
        );
        for d in errors {
            assert!(
                [
                    codes::KIND_MISMATCH,
                    codes::UNKNOWN_KEY,
                    codes::MISSING_KEY,
                    codes::BAD_VALUE
                ]
                .contains(&d.code),
                "{d}"
            );
        }
    }
}

#[test]
fn a_translation_of_another_plan_number_or_country_is_a_kind_mismatch() {
    let site = shipped_site();
    let root = site.path();
    let originals = one_of_each_kind(root);
    let mut changed = Vec::new();
    for original in originals.values() {
        let (table, text) = front(original);
        // The first key that says which thing this is.
        let Some(key) = [
            "plan",
            "number",
            "key",
            "iso2",
            "country",
            "directive",
            "from",
        ]
        .into_iter()
        .find(|k| table.get(*k).is_some_and(toml::Value::is_str)) else {
            continue;
        };
        let value = table[key].as_str().unwrap();
        let line = text
            .lines()
            .position(|l| l.starts_with(&format!("{key} =")))
            .unwrap();
        let other = text.replacen(
            &format!("{key} = \"{value}\""),
            &format!("{key} = \"{value}x\""),
            1,
        );
        let translation = french(original);
        std::fs::write(&translation, format!("+++\n{other}+++\nTexte.\n")).unwrap();
        // Front matter starts on the file's second line.
        changed.push((translation, line + 2));
    }
    assert!(changed.len() >= 10, "{changed:?}");
    let diagnostics = check(root);
    for (translation, line) in &changed {
        let found: Vec<(&str, usize)> = errors_at(&diagnostics, root, translation)
            .iter()
            .map(|d| (d.code, d.line))
            .collect();
        assert_eq!(
            found,
            [(codes::KIND_MISMATCH, *line)],
            "{}\n{}",
            translation.display(),
            render(&diagnostics)
        );
    }
}
