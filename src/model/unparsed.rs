//! The catalog's checks on front matter that did not parse: for a directory or service
//! entry, the checks on its contacts, languages and verification date run on the raw
//! TOML values, so that a bad phone is reported in the same run as a bad role.

use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::catalog::{check_entry, Contacts};
use super::document::Place;
use super::values::{Date, Email, LanguageCode, Phone};
use crate::diagnostic::{codes, line_col, Diagnostic};

/// Front matter that did not parse into its kind's struct, as raw TOML with spans.
struct Raw<'a> {
    path: &'a Path,
    front: &'a str,
    table: DeTable<'a>,
}

impl Place for Raw<'_> {
    fn path(&self) -> &Path {
        self.path
    }

    fn front_line(&self, key: &str) -> usize {
        // Front matter starts on line 2, below the opening fence.
        self.table
            .get(key)
            .map_or(1, |value| line_col(self.front, value.span().start).0 + 1)
    }
}

impl<'a> Raw<'a> {
    /// The strings of an array of strings; what is not a string serde reports.
    fn strings<T: for<'s> From<&'s str>>(&self, key: &str) -> Vec<T> {
        match self.table.get(key).map(Spanned::get_ref) {
            Some(DeValue::Array(items)) => items
                .iter()
                .filter_map(|item| item.get_ref().as_str().map(T::from))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A string value; any other type serde reports.
    fn string(&self, key: &str) -> Option<&str> {
        self.table.get(key)?.get_ref().as_str()
    }
}

/// For a directory or service entry whose front matter did not parse, what the checks
/// on a parsed entry's contacts, languages and verification date say, judged on
/// `today`; nothing for other kinds or for TOML that does not parse at all.
pub fn entry_checks(path: &Path, front: &str, today: time::Date) -> Vec<Diagnostic> {
    let Ok(table) = DeTable::parse(front) else {
        return Vec::new();
    };
    let raw = Raw {
        path,
        front,
        table: table.into_inner(),
    };
    if !matches!(raw.string("kind"), Some("authority" | "service")) {
        return Vec::new();
    }
    let (phones, emails, languages): (Vec<Phone>, Vec<Email>, Vec<LanguageCode>) = (
        raw.strings("phones"),
        raw.strings("emails"),
        raw.strings("languages"),
    );
    // A date is written as a TOML date or as text in the same form.
    let written = raw.table.get("last_verified");
    let verified = written.and_then(|value| match value.get_ref() {
        DeValue::Datetime(date) => Some(Date(*date)),
        DeValue::String(text) => text.parse().ok().map(Date),
        _ => None,
    });
    let contacts = Contacts {
        // An unknown or missing country leaves phones to the check of their form.
        country: raw.string("country").unwrap_or_default(),
        phones: &phones,
        emails: &emails,
        website: raw.string("website"),
    };
    let mut diagnostics = check_entry(&raw, contacts, &languages, verified.as_ref(), today);
    // "Never verified" would be wrong about a date serde rejected.
    if written.is_some() && verified.is_none() {
        diagnostics.retain(|d| d.code != codes::STALE);
    }
    diagnostics
}
