//! The house's rules, read from the `crate::` and `super::` paths of `src/`: the
//! model imports nothing but itself and `diagnostic`, and no two modules import each
//! other, directly or through others (`../shared/tools/module-cycles src` says the
//! same from outside the repository).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::repo;

/// Module path (`["model", "site"]`) → the file's text, without `//` comments.
fn modules() -> BTreeMap<Vec<String>, String> {
    let src = repo().join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let relative = e.path().strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            (parts, without_comments(e.path()))
        })
        .collect()
}

fn without_comments(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `::`-separated names after each `prefix::` in `text`; a `{a, b::c}` group after
/// it gives one path per member.
fn paths_after(text: &str, prefix: &str) -> Vec<Vec<String>> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut paths = Vec::new();
    let needle = format!("{prefix}::");
    for (at, _) in text.match_indices(&needle) {
        if text[..at].chars().next_back().is_some_and(word) {
            continue;
        }
        let rest = &text[at + needle.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or("");
            for member in group.split(',') {
                let member = member.split(" as ").next().unwrap_or("");
                paths.push(member.split("::").map(|s| s.trim().to_string()).collect());
            }
        } else {
            let end = rest
                .find(|c: char| !(word(c) || c == ':'))
                .unwrap_or(rest.len());
            paths.push(
                rest[..end]
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    paths
}

/// For each module, the other modules its paths name.
fn imports() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules();
    let module_of = |path: &[String]| {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|p| modules.contains_key(p))
    };
    let mut edges = BTreeMap::new();
    for (module, text) in &modules {
        let mut targets = BTreeSet::new();
        for path in paths_after(text, "crate") {
            targets.extend(module_of(&path));
        }
        for path in paths_after(text, "super") {
            let mut full = module[..module.len().saturating_sub(1)].to_vec();
            full.extend(path);
            targets.extend(module_of(&full));
        }
        targets.retain(|t| t != module && !t.is_empty());
        edges.insert(module.clone(), targets);
    }
    edges
}

#[test]
fn the_model_imports_only_itself_and_the_diagnostic_type() {
    let edges = imports();
    let top = |m: &Vec<String>| m.first().cloned().unwrap_or_default();
    let model: Vec<&Vec<String>> = edges.keys().filter(|m| top(m) == "model").collect();
    assert!(model.len() >= 5, "{model:?}");
    for module in model {
        for target in &edges[module] {
            assert!(
                top(target) == "model" || top(target) == "diagnostic",
                "src/{} imports {}",
                module.join("/"),
                target.join("::")
            );
        }
    }
}

#[test]
fn a_stage_imports_only_the_stages_before_it() {
    // The pipeline's order (src/lib.rs): each stage may use what earlier stages made.
    const STAGES: [&str; 7] = ["load", "parse", "link", "render", "search", "lint", "write"];
    let edges = imports();
    let stage = |m: &Vec<String>| {
        m.first()
            .and_then(|top| STAGES.iter().position(|s| s == top))
    };
    for (module, targets) in &edges {
        let Some(from) = stage(module) else { continue };
        for target in targets {
            if let Some(to) = stage(target) {
                assert!(
                    to <= from,
                    "src/{} ({}) imports {}, a later stage",
                    module.join("/"),
                    STAGES[from],
                    target.join("::")
                );
            }
        }
    }
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = imports();
    // Every module that `from` reaches through imports.
    let reach = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&Vec<String>> = edges[from].iter().collect();
        while let Some(next) = todo.pop() {
            if seen.insert(next.clone()) {
                todo.extend(edges.get(next).into_iter().flatten());
            }
        }
        seen
    };
    let cycles: Vec<String> = edges
        .keys()
        .filter(|m| reach(m).contains(*m))
        .map(|m| m.join("::"))
        .collect();
    assert!(cycles.is_empty(), "modules in an import cycle: {cycles:?}");
}

#[test]
fn a_cycle_would_be_seen() {
    let text = "use crate::{model::Site, render::Renderer};\nfn f() { super::x::y(); }";
    assert_eq!(
        paths_after(text, "crate"),
        [vec!["model", "Site"], vec!["render", "Renderer"]]
    );
    assert_eq!(paths_after(text, "super"), [vec!["x", "y"]]);
}
