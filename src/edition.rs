//! `faro edition directory --year 2026`: freezes a listing as it stands into its
//! yearly edition (see [`crate::model::edition`]), a file beside the listing's page
//! (`content/directory/editions/2026.toml`) to commit and review like any content.
//! It never overwrites: a published edition does not change.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::load::{CONTENT_DIR, EDITIONS_DIR};
use crate::model::edition::{Edition, EditionEntry};
use crate::model::order::natural_cmp;
use crate::model::values::Date;
use crate::model::Site;

/// Why an edition was not written.
#[derive(Debug)]
pub enum Refusal {
    /// No listed kind exports under that name.
    UnknownListing {
        /// The name asked for.
        asked: String,
        /// The names there are.
        known: Vec<&'static str>,
    },
    /// The kind is listed by no section page, so its editions would have no home.
    NoListingPage(&'static str),
    /// That year's edition exists.
    Exists(PathBuf),
    /// The file could not be written, or its text would not parse as an edition.
    Write(PathBuf, String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::UnknownListing { asked, known } => write!(
                f,
                "`{asked}` is not a listing; the listings are {}",
                known.join(", ")
            ),
            Refusal::NoListingPage(kind) => write!(
                f,
                "no section page lists the kind `{kind}` (`lists = \"{kind}\"`), so its editions have no place"
            ),
            Refusal::Exists(path) => write!(
                f,
                "{} exists: a published edition does not change; a correction goes into the next year's edition",
                path.display()
            ),
            Refusal::Write(path, why) => write!(f, "cannot write {}: {why}", path.display()),
        }
    }
}

/// Writes the edition of `year` of the listing exported as `export` (`directory`),
/// taken on `date`, under `root`; returns its path from `root`.
pub fn freeze(
    root: &Path,
    site: &Site,
    export: &str,
    year: i32,
    date: Date,
) -> Result<PathBuf, Refusal> {
    let (kind, _) = site
        .kinds
        .listed()
        .find(|(_, l)| l.export == export)
        .ok_or_else(|| Refusal::UnknownListing {
            asked: export.to_string(),
            known: site.kinds.listed().map(|(_, l)| l.export).collect(),
        })?;
    let listing = site
        .catalog
        .listing(kind)
        .ok_or(Refusal::NoListingPage(kind.name()))?;
    let folder = listing.strip_suffix("_index").unwrap_or(listing);
    let path = Path::new(CONTENT_DIR)
        .join(folder)
        .join(EDITIONS_DIR)
        .join(format!("{year}.toml"));
    if root.join(&path).exists() {
        return Err(Refusal::Exists(path));
    }
    let mut keys: Vec<_> = site
        .catalog
        .by_country(kind)
        .flat_map(|(_, keys)| keys)
        .collect();
    keys.sort_by(|a, b| natural_cmp(a, b));
    let entries: Vec<EditionEntry> = keys
        .into_iter()
        .filter_map(|key| {
            let meta = &site.original(&site.entries[key]).doc.meta;
            Some(EditionEntry {
                id: key.id().to_string(),
                title: meta.title().unwrap_or_default().to_string(),
                fields: with_values(meta.fields()?),
            })
        })
        .collect();
    let failed = |why: String| Refusal::Write(path.clone(), why);
    #[derive(Serialize)]
    struct Entries<'a> {
        entries: &'a [EditionEntry],
    }
    let body =
        toml::to_string(&Entries { entries: &entries }).map_err(|e| failed(e.to_string()))?;
    // The digest is of the entries as the file will read back, so that what TOML
    // cannot keep apart (an integer-valued float, say) cannot make a fresh edition
    // look changed.
    let head = |digest: &str| {
        format!(
            "# The {year} edition of the listing `{export}`: its entries as they stood on {date}.\n# Written by `faro edition {export} --year {year}`. A published edition does not change:\n# `faro check` reports this file if its entries no longer match `digest`.\nexport = \"{export}\"\nyear = {year}\ndate = {date}\ndigest = \"{digest}\"\n\n"
        )
    };
    let read_back: Edition =
        toml::from_str(&(head("") + &body)).map_err(|e| failed(e.to_string()))?;
    let text = head(&read_back.computed_digest()) + &body;
    let full = root.join(&path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|e| failed(e.to_string()))?;
    }
    std::fs::write(&full, text).map_err(|e| failed(e.to_string()))?;
    Ok(path)
}

/// `fields` without the keys that have no value: `null` (which TOML cannot write)
/// and empty lists.
fn with_values(fields: Map<String, Value>) -> Map<String, Value> {
    fields
        .into_iter()
        .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|list| !list.is_empty()))
        .collect()
}
