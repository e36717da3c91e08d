//! The web sources' record (`sources/web/`) and the content agree: a reviewer who
//! follows the record finds every entry that cites a web page, and no row of the
//! record is left without an entry.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::repo;

/// Every web `source` of `content/`: URL → the content files citing it. Read by
/// faro's own load and parse stages, so every file faro publishes is counted.
fn cited() -> BTreeMap<String, BTreeSet<String>> {
    let root = repo();
    let config = faro::config::Config::load(&root).unwrap();
    let (files, _) = faro::load::load(&root, &config);
    let today = faro::pipeline::BuildOptions::default().today();
    let (documents, _) = faro::parse::parse_all(files, &Default::default(), today);
    let mut cited: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for doc in &documents {
        if let Some(url) = doc.meta.source().filter(|s| s.starts_with("http")) {
            cited
                .entry(url.to_string())
                .or_default()
                .insert(doc.path.to_string_lossy().replace('\\', "/"));
        }
    }
    cited
}

/// The rows of the record's "Sources cited" tables: URL → the entries the row names.
fn recorded() -> BTreeMap<String, BTreeSet<String>> {
    let mut rows = BTreeMap::new();
    for file in std::fs::read_dir(repo().join("sources/web")).unwrap() {
        let path = file.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| l.starts_with("| http")) {
            let cells: Vec<&str> = line.split(" | ").collect();
            let url = cells[0].trim_start_matches("| ").trim().to_string();
            let entries = cells[1]
                .split([',', ';', ' '])
                .map(|e| e.trim().trim_matches('`'))
                .filter(|e| e.starts_with("content/"))
                .map(str::to_string)
                .collect();
            assert!(
                rows.insert(url.clone(), entries).is_none(),
                "{url} has two rows in sources/web/"
            );
        }
    }
    rows
}

#[test]
fn every_web_source_has_its_row_and_every_row_its_entries() {
    let cited = cited();
    let recorded = recorded();
    // The shipped content cites web pages of at least 20 institutions.
    assert!(cited.len() >= 20, "only {} web sources", cited.len());
    for (url, entries) in &cited {
        let Some(named) = recorded.get(url) else {
            panic!("{url}, cited by {entries:?}, has no row in sources/web/");
        };
        assert_eq!(named, entries, "the row of {url} names other entries");
    }
    for url in recorded.keys() {
        assert!(
            cited.contains_key(url),
            "{url} is in the record but no entry cites it"
        );
    }
}
