//! The countries, indexed by their ISO codes so that other content can refer to them.

use std::collections::HashMap;

use super::meta::{CountryMeta, Meta};
use super::values::{ISO_ALPHA2, ISO_ALPHA3};
use super::{Content, EntryKey};
use crate::diagnostic::{codes, did_you_mean, Diagnostic};

/// Country entry keys by ISO 3166-1 code.
#[derive(Debug, Clone, Default)]
pub struct Countries {
    by_iso2: HashMap<String, EntryKey>,
    by_iso3: HashMap<String, EntryKey>,
}

impl Countries {
    /// The entry key of the country with alpha-2 code `iso2` (any case).
    pub fn by_iso2(&self, iso2: &str) -> Option<&EntryKey> {
        self.by_iso2.get(&iso2.to_ascii_uppercase())
    }

    /// The entry key of the country with alpha-3 code `iso3`.
    pub fn by_iso3(&self, iso3: &str) -> Option<&EntryKey> {
        self.by_iso3.get(iso3)
    }

    /// The entry keys of every country.
    pub fn keys(&self) -> impl Iterator<Item = &EntryKey> {
        self.by_iso2.values()
    }

    /// The alpha-2 codes, for hints.
    pub fn iso2_codes(&self) -> impl Iterator<Item = &str> {
        self.by_iso2.keys().map(String::as_str)
    }

    /// A diagnostic for a reference to `code`, a country that does not exist, or `None`.
    pub fn check(&self, code: &str, doc: &super::Document, key: &str) -> Option<Diagnostic> {
        if self.by_iso2(code).is_some() {
            return None;
        }
        let hint = match did_you_mean(&code.to_ascii_uppercase(), self.iso2_codes()) {
            Some(best) => format!("did you mean `{best}`? Countries are ISO 3166-1 alpha-2 codes of content/countries/"),
            None => "use the ISO 3166-1 alpha-2 code of an OAS member state, e.g. \"PE\"".into(),
        };
        Some(
            Diagnostic::error(
                codes::BAD_VALUE,
                &doc.path,
                doc.front_line(key),
                1,
                format!("unknown country `{code}`"),
            )
            .with_hint(hint),
        )
    }
}

/// Indexes the countries and reports codes that contradict the file name or repeat.
pub fn index(site: &Content) -> (Countries, Vec<Diagnostic>) {
    let mut countries = Countries::default();
    let mut diagnostics = Vec::new();
    // Which state holds each tile of the directory's map: two on one tile would hide one.
    let mut tiles: HashMap<[u8; 2], &str> = HashMap::new();
    for entry in site.entries.values() {
        let page = site.original(entry);
        let Meta::Country(meta) = &page.doc.meta else {
            continue;
        };
        let file_code = entry.key.rsplit('/').next().unwrap_or("");
        if !file_code.eq_ignore_ascii_case(&meta.iso2) {
            diagnostics.push(
                Diagnostic::error(
                    codes::BAD_VALUE,
                    &page.doc.path,
                    page.doc.front_line("iso2"),
                    1,
                    format!("`iso2 = \"{}\"` in a file named {file_code}", meta.iso2),
                )
                .with_hint(format!(
                    "name the file content/countries/{}.<lang>.md",
                    meta.iso2.to_ascii_lowercase()
                )),
            );
        }
        if let Some(problem) = malformed(meta) {
            diagnostics.push(
                Diagnostic::error(codes::BAD_VALUE, &page.doc.path, 2, 1, problem)
                    .with_hint("ISO 3166-1 codes are two and three capital letters"),
            );
        }
        if let Some(tile) = meta.tile {
            if let Some(other) = tiles.insert(tile, meta.iso2.as_str()) {
                diagnostics.push(
                    Diagnostic::error(
                        codes::BAD_VALUE,
                        &page.doc.path,
                        page.doc.front_line("tile"),
                        1,
                        format!("{other} is already on tile {tile:?}"),
                    )
                    .with_hint("give each country a tile of its own on the directory's map"),
                );
            }
        }
        for (map, code, key) in [
            (&mut countries.by_iso2, meta.iso2.as_str(), "iso2"),
            (&mut countries.by_iso3, meta.iso3.as_str(), "iso3"),
        ] {
            if map.insert(code.to_string(), entry.key.clone()).is_some() {
                diagnostics.push(
                    Diagnostic::error(
                        codes::DUPLICATE_URL,
                        &page.doc.path,
                        page.doc.front_line(key),
                        1,
                        format!("two countries have the code {code}"),
                    )
                    .with_hint("each country appears once"),
                );
            }
        }
    }
    (countries, diagnostics)
}

fn malformed(meta: &CountryMeta) -> Option<String> {
    (!ISO_ALPHA2.fits(&meta.iso2) || !ISO_ALPHA3.fits(&meta.iso3))
        .then(|| format!("malformed ISO codes `{}`/`{}`", meta.iso2, meta.iso3))
}
