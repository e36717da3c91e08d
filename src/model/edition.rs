//! Yearly editions of a listing: the III Plan's mandate 8 asks the General Secretariat
//! to "preparar, divulgar y actualizar anualmente" the Regional Directory of National
//! Authorities. An edition is that listing's entries as they stood on a day, frozen
//! in a committed file (`content/directory/editions/2026.toml`, written by `faro
//! edition directory --year 2026` and reviewed by pull request like any content). It
//! records the digest of what it holds (listing, year, date, entries), so that an
//! edition changed after it was published is found. What changed from one edition to the next is computed here.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::values::Date;
use super::{url_for, Lang};
use crate::diagnostic::{codes, did_you_mean, Diagnostic};

/// One edition, as its file holds it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The listing it freezes, by its open-data name: `directory`.
    pub export: String,
    /// The year it is the edition of.
    pub year: i32,
    /// The day its entries were taken.
    pub date: Date,
    /// `sha256:` and the digest of what it holds (see [`Edition::computed_digest`]).
    pub digest: String,
    /// Every entry of the listing on that day, by id.
    #[serde(default)]
    pub entries: Vec<EditionEntry>,
    /// Where the file is, from the site root.
    #[serde(skip)]
    pub path: PathBuf,
    /// The file's text, to place a diagnostic at the line of a key.
    #[serde(skip)]
    pub text: String,
}

/// One entry of an edition: its id, its title and every field it had.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EditionEntry {
    /// The entry's stable id, as in the open data (`pe/dgsd`).
    pub id: String,
    /// Its title (an authority's institution).
    pub title: String,
    /// Its fields as the open data has them; a field with no value is left out.
    pub fields: Map<String, Value>,
}

/// The digest of an edition: SHA-256 of the JSON of its listing, year, date and
/// entries, whose object keys serde_json keeps sorted, so that the same edition gives
/// the same digest however its file orders them.
fn digest_of(export: &str, year: i32, date: &Date, entries: &[EditionEntry]) -> String {
    let published = serde_json::json!({
        "export": export,
        "year": year,
        "date": date.to_string(),
        "entries": entries,
    });
    let hash = Sha256::digest(published.to_string().as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

impl Edition {
    /// The digest of what it holds now: its listing, year, date and entries.
    pub fn computed_digest(&self) -> String {
        digest_of(&self.export, self.year, &self.date, &self.entries)
    }

    /// Whether it still holds what its digest was made of.
    pub fn is_intact(&self) -> bool {
        self.computed_digest() == self.digest
    }

    /// The line of its file where `key` is set (1 when it is not).
    fn line_of(&self, key: &str) -> usize {
        self.text
            .lines()
            .position(|line| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map_or(1, |i| i + 1)
    }

    /// What is wrong with it: a listing that is not one of `exports` (the open-data
    /// names of the listed kinds), a file not named after its year, or content that
    /// is no longer what its digest was made of.
    pub fn check(&self, exports: &[&str]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if !exports.contains(&self.export.as_str()) {
            let hint = match did_you_mean(&self.export, exports.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the listings are {}", exports.join(", ")),
            };
            problems.push(
                Diagnostic::error(
                    codes::BAD_VALUE,
                    &self.path,
                    self.line_of("export"),
                    1,
                    format!("`{}` is not a listing that has editions", self.export),
                )
                .with_hint(hint),
            );
        }
        let stem = self.path.file_stem().map(|s| s.to_string_lossy());
        if stem.as_deref() != Some(self.year.to_string().as_str()) {
            problems.push(
                Diagnostic::error(
                    codes::BAD_VALUE,
                    &self.path,
                    self.line_of("year"),
                    1,
                    format!("the edition of {} is in a file named otherwise", self.year),
                )
                .with_hint(format!("name the file {}.toml", self.year)),
            );
        }
        if !self.is_intact() {
            problems.push(
                Diagnostic::error(
                    codes::EDITION_CHANGED,
                    &self.path,
                    self.line_of("digest"),
                    1,
                    format!(
                        "the {} edition no longer holds what it was published with (its digest differs)",
                        self.year
                    ),
                )
                .with_hint(
                    "a published edition does not change: restore the file with `git checkout -- <file>`; a correction goes into the next edition (`faro edition`)",
                ),
            );
        }
        problems
    }

    /// Its entries in the order the edition presents them: by country, then title.
    pub fn entries_by_country(&self) -> BTreeMap<String, Vec<&EditionEntry>> {
        let mut by_country: BTreeMap<String, Vec<&EditionEntry>> = BTreeMap::new();
        for entry in &self.entries {
            let country = entry
                .fields
                .get("country")
                .and_then(Value::as_str)
                .unwrap_or_default();
            by_country
                .entry(country.to_string())
                .or_default()
                .push(entry);
        }
        for entries in by_country.values_mut() {
            entries.sort_by(|a, b| super::order::natural_cmp(&a.title, &b.title));
        }
        by_country
    }
}

/// The site path of the edition of `year` of the listing whose page is `listing` (an
/// `_index` key), in `lang`: `/es/directory/editions/2026/`.
pub fn edition_path(listing: &str, lang: &Lang, year: i32) -> String {
    format!("{}editions/{year}/", url_for(listing, lang))
}

/// The site path of the page of changes since the edition before the one of `year`
/// (see [`edition_path`]).
pub fn changes_path(listing: &str, lang: &Lang, year: i32) -> String {
    format!("{}changes/", edition_path(listing, lang, year))
}

/// What changed from one edition to the next.
#[derive(Debug, Default, PartialEq)]
pub struct Changes<'a> {
    /// Entries of the newer edition that the older one lacks.
    pub added: Vec<&'a EditionEntry>,
    /// Entries of the older edition that the newer one lacks.
    pub removed: Vec<&'a EditionEntry>,
    /// Entries of both whose fields differ, with each field that changed.
    pub changed: Vec<(&'a EditionEntry, Vec<FieldChange>)>,
}

/// One field of an entry, before and after (`None` where it had no value).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field's key.
    pub key: String,
    /// Its value in the older edition.
    pub old: Option<Value>,
    /// Its value in the newer edition.
    pub new: Option<Value>,
}

/// What changed from `older` to `newer`, entries matched by id, in id order.
pub fn changes<'a>(older: &'a Edition, newer: &'a Edition) -> Changes<'a> {
    let by_id = |edition: &'a Edition| -> BTreeMap<&'a str, &'a EditionEntry> {
        edition.entries.iter().map(|e| (e.id.as_str(), e)).collect()
    };
    let (old, new) = (by_id(older), by_id(newer));
    let mut changes = Changes::default();
    for (id, entry) in &new {
        match old.get(id) {
            None => changes.added.push(entry),
            Some(before) => {
                let mut keys: Vec<&String> =
                    before.fields.keys().chain(entry.fields.keys()).collect();
                keys.sort();
                keys.dedup();
                // The title is one of the fields (an authority's `institution`): a
                // new name shows once, as that field's change.
                let fields: Vec<FieldChange> = keys
                    .into_iter()
                    .filter(|k| before.fields.get(*k) != entry.fields.get(*k))
                    .map(|k| FieldChange {
                        key: k.clone(),
                        old: before.fields.get(k).cloned(),
                        new: entry.fields.get(k).cloned(),
                    })
                    .collect();
                if !fields.is_empty() {
                    changes.changed.push((entry, fields));
                }
            }
        }
    }
    changes.removed = old
        .iter()
        .filter(|(id, _)| !new.contains_key(*id))
        .map(|(_, e)| *e)
        .collect();
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, fields: Value) -> EditionEntry {
        EditionEntry {
            id: id.into(),
            title: id.to_uppercase(),
            fields: fields.as_object().cloned().unwrap_or_default(),
        }
    }

    fn edition(year: i32, entries: Vec<EditionEntry>) -> Edition {
        let mut edition: Edition = toml::from_str(&format!(
            "export = \"directory\"\nyear = {year}\ndate = {year}-12-01\ndigest = \"\"\n"
        ))
        .unwrap();
        edition.entries = entries;
        edition.digest = edition.computed_digest();
        edition
    }

    #[test]
    fn the_digest_follows_what_an_edition_holds_not_the_order_of_its_keys() {
        let a = entry(
            "xa/a",
            serde_json::json!({"role": "contact-point", "country": "XA"}),
        );
        let b = entry(
            "xa/a",
            serde_json::json!({"country": "XA", "role": "contact-point"}),
        );
        let (first, second) = (edition(2026, vec![a]), edition(2026, vec![b.clone()]));
        assert_eq!(first.digest, second.digest);
        let changed = entry(
            "xa/a",
            serde_json::json!({"country": "XA", "role": "national-authority"}),
        );
        assert_ne!(first.digest, edition(2026, vec![changed]).digest);
        assert_ne!(first.digest, edition(2027, vec![b]).digest);
    }

    #[test]
    fn changes_are_entries_added_removed_and_each_field_that_differs() {
        let older = edition(
            2025,
            vec![
                entry(
                    "xa/a",
                    serde_json::json!({"country": "XA", "phones": ["+1 1"]}),
                ),
                entry("xb/b", serde_json::json!({"country": "XB"})),
            ],
        );
        let newer = edition(
            2026,
            vec![
                entry(
                    "xa/a",
                    serde_json::json!({"country": "XA", "emails": ["a@x.org"]}),
                ),
                entry("xc/c", serde_json::json!({"country": "XC"})),
            ],
        );
        let diff = changes(&older, &newer);
        assert_eq!(
            diff.added.iter().map(|e| &e.id).collect::<Vec<_>>(),
            ["xc/c"]
        );
        assert_eq!(
            diff.removed.iter().map(|e| &e.id).collect::<Vec<_>>(),
            ["xb/b"]
        );
        let [(changed, fields)] = diff.changed.as_slice() else {
            panic!("{:?}", diff.changed);
        };
        assert_eq!(changed.id, "xa/a");
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["emails", "phones"]);
        assert_eq!(fields[1].old, Some(serde_json::json!(["+1 1"])));
        assert_eq!(fields[1].new, None);
        assert!(older.is_intact() && newer.is_intact());
    }

    #[test]
    fn a_new_name_is_one_change_of_the_field_that_holds_it() {
        let named = |name: &str| {
            let mut e = entry("xa/a", serde_json::json!({"institution": name}));
            e.title = name.into();
            e
        };
        let older = edition(2025, vec![named("Comisión")]);
        let newer = edition(2026, vec![named("Comisión Nacional")]);
        let diff = changes(&older, &newer);
        let keys: Vec<&str> = diff.changed[0].1.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["institution"]);
    }
}
