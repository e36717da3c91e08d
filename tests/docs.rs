//! The editors' guide, content/README.md, documents each kind's front matter in a
//! table: its rows are exactly the keys of the kind's struct, and where a row lists
//! the values of an enum, they are exactly the values the struct accepts.

mod common;

use std::collections::BTreeSet;

use common::repo;
use faro::model::kinds::document::DocumentType;
use faro::model::kinds::report::Status;
use faro::model::meta::{AuthorityRole, CountryStatus, Population, ServiceType};
use faro::model::schema::variants;
use faro::scaffold::fields_of;

/// The rows of the first table under `### <heading>`: (field, the rest of the row).
fn table(heading: &str) -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(repo().join("content/README.md")).unwrap();
    let section = readme
        .split(&format!("\n### {heading}\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("content/README.md has no section {heading}"));
    section
        .lines()
        .skip_while(|l| !l.starts_with("| field"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            let mut cells = l.split('|').skip(1);
            let field = cells.next()?.trim().trim_matches('`').to_string();
            Some((field, cells.collect::<Vec<_>>().join("|")))
        })
        .collect()
}

/// The `"quoted"` values of a row.
fn quoted(row: &str) -> BTreeSet<String> {
    row.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn each_kinds_table_names_exactly_its_fields() {
    // Every kind editors create, but plain pages (the technical team's), has a
    // section titled by its name: a new kind is documented or this fails.
    let kinds = faro::model::kinds::KINDS
        .iter()
        .filter(|k| k.created_by_editors() && k.name != "page");
    for kind in kinds.map(|k| k.name) {
        let heading = format!("{}{}", kind[..1].to_uppercase(), &kind[1..]);
        let heading = heading.as_str();
        let documented: BTreeSet<String> = table(heading).into_iter().map(|(f, _)| f).collect();
        // A declared kind's struct has no `kind` key; its files still write it.
        let declared: BTreeSet<String> = fields_of(kind)
            .iter()
            .map(|f| f.to_string())
            .chain(["kind".to_string()])
            .collect();
        assert_eq!(
            documented, declared,
            "content/README.md's {heading} table and the {kind} struct differ"
        );
    }
}

#[test]
fn enum_rows_list_exactly_the_values_the_struct_accepts() {
    let expect = |values: &[&str]| {
        values
            .iter()
            .map(|v| v.to_string())
            .collect::<BTreeSet<_>>()
    };
    let cases = [
        ("Country", "status", expect(variants::<CountryStatus>())),
        ("Authority", "role", expect(variants::<AuthorityRole>())),
        ("Service", "types", expect(variants::<ServiceType>())),
        ("Service", "populations", expect(variants::<Population>())),
        (
            "Practice",
            "target_groups",
            expect(variants::<Population>()),
        ),
        ("Document", "type", expect(variants::<DocumentType>())),
        ("Report answers", "status", expect(variants::<Status>())),
    ];
    for (heading, field, values) in cases {
        let row = table(heading)
            .into_iter()
            .find(|(f, _)| f == field)
            .map(|(_, row)| row)
            .unwrap_or_else(|| panic!("{heading} has no row {field}"));
        assert_eq!(quoted(&row), values, "{heading}.{field}");
    }
}
