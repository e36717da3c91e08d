//! Two files that claim to be the same thing: entries whose ids differ only in case or
//! accents, two authorities (services, practices) with one open-data id, and the same
//! institution, service or practice entered twice.
//!
//! Countries with one ISO code and sections defined twice are reported where they
//! are indexed ([`crate::countries`], [`crate::plans`]).

use std::collections::HashMap;

use crate::diagnostic::{codes, Diagnostic};
use crate::model::meta::Meta;
use crate::model::order::fold;
use crate::model::Site;

/// Every duplicate in `site`, reported on the later file (in path order).
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    // Ids are entry keys (`directory/pe/cmnp-tp-tim`; the open data drops the folder
    // of the kind): two that fold to one collide on Windows and macOS checkouts, and
    // read as one to people.
    let mut folded: HashMap<String, &str> = HashMap::new();
    for entry in site.entries.values() {
        let key = fold(&entry.key);
        match folded.get(&key) {
            Some(first) if *first != entry.key => {
                let page = site.original(entry);
                diagnostics.push(
                    Diagnostic::error(
                        codes::DUPLICATE_ID,
                        &page.doc.path,
                        1,
                        1,
                        format!(
                            "`{}` and `{first}` differ only in case or accents",
                            entry.key
                        ),
                    )
                    .with_hint("name files in lowercase ASCII letters, digits and hyphens; merge the two entries or rename one"),
                );
            }
            Some(_) => {}
            None => {
                folded.insert(key, &entry.key);
            }
        }
    }
    // The open data names an authority, service or practice by its key without the
    // kind's folder (`directory/pe/x` is `pe/x`, as in `data/vcard/pe/x.vcf`): an
    // entry of that kind filed under another folder can take another's id.
    let mut open_ids: HashMap<(&str, &str), &str> = HashMap::new();
    for entry in site.entries.values() {
        let kind = match site.original(entry).doc.meta {
            Meta::Authority(_) => "authority",
            Meta::Service(_) => "service",
            Meta::Practice(_) => "practice",
            _ => continue,
        };
        let id = entry
            .key
            .split_once('/')
            .map_or(entry.key.as_str(), |(_, id)| id);
        if let Some(first) = open_ids.insert((kind, id), &entry.key) {
            let page = site.original(entry);
            diagnostics.push(
                Diagnostic::error(
                    codes::DUPLICATE_ID,
                    &page.doc.path,
                    page.doc.front_line("kind"),
                    1,
                    format!("this {kind} and `{first}` have the same id `{id}` in the open data"),
                )
                .with_hint("authorities go in content/directory/<country>/, services in content/services/<country>/, practices in content/practices/: move the file to its kind's folder, or rename it"),
            );
        }
    }
    // The same institution, service or practice, in one language, twice.
    let mut seen: HashMap<(String, &str, String, String), &std::path::Path> = HashMap::new();
    for page in &site.pages {
        let doc = &page.doc;
        let (kind, country, name, field) = match &doc.meta {
            Meta::Authority(m) => (
                "authority",
                &m.country,
                m.institution.clone(),
                "institution",
            ),
            Meta::Service(m) => ("service", &m.country, m.name.clone(), "name"),
            Meta::Practice(m) => (
                "practice",
                &m.country,
                format!("{} {}", m.title, m.year),
                "title",
            ),
            _ => continue,
        };
        let name_key = fold(&name.split_whitespace().collect::<Vec<_>>().join(" "));
        let key = (
            doc.lang.to_string(),
            kind,
            country.to_ascii_uppercase(),
            name_key,
        );
        match seen.get(&key) {
            Some(first) => diagnostics.push(
                Diagnostic::error(
                    codes::DUPLICATE_ID,
                    &doc.path,
                    doc.front_line(field),
                    1,
                    format!(
                        "this {kind} of {} is already entered as {}",
                        country.to_ascii_uppercase(),
                        first.display()
                    ),
                )
                .with_hint("keep one file per institution, service or practice: merge what this one adds into the other and delete it"),
            ),
            None => {
                seen.insert(key, &doc.path);
            }
        }
    }
    diagnostics
}
