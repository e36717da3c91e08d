//! The key that groups a piece of content's translations.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::Serialize;

/// An entry's key: its file's path under `content/` without language and extension,
/// e.g. `plans/2021-2026/directives/99` or `directory/_index`. A type of its own so that
/// a map of entries cannot be indexed by a URL, a title or any other string by mistake;
/// it borrows as `str`, so a key written in code (`"_index"`) still finds its entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct EntryKey(String);

impl EntryKey {
    /// The key as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A stable id for open data and editions: the key below its kind's folder
    /// (`pe/linea-1818` for `services/pe/linea-1818`).
    pub fn id(&self) -> &str {
        self.0.split_once('/').map_or(&self.0, |(_, rest)| rest)
    }
}

impl Deref for EntryKey {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for EntryKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Derived `Ord` and `Hash` are `String`'s, so lookups by `&str` agree with the map's
/// order, as [`Borrow`] requires.
impl Borrow<str> for EntryKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for EntryKey {
    fn from(key: String) -> Self {
        EntryKey(key)
    }
}

impl From<&str> for EntryKey {
    fn from(key: &str) -> Self {
        EntryKey(key.to_string())
    }
}

impl PartialEq<str> for EntryKey {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for EntryKey {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for EntryKey {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<EntryKey> for str {
    fn eq(&self, other: &EntryKey) -> bool {
        self == other.0
    }
}

impl PartialEq<EntryKey> for &str {
    fn eq(&self, other: &EntryKey) -> bool {
        *self == other.0
    }
}
