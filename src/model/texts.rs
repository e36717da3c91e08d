//! The plain texts of the source documents under `sources/`, by path: what a
//! document's page shows line by line, and where "Source: …, line N" leads.

use std::collections::BTreeMap;
use std::sync::Arc;

/// Texts by their path from the site root (`sources/000_8facd6028fc97ae3.txt`).
#[derive(Debug, Clone, Default)]
pub struct Texts(BTreeMap<String, Arc<str>>);

impl Texts {
    /// Texts of `(path, text)` pairs.
    pub fn new(texts: impl IntoIterator<Item = (String, String)>) -> Texts {
        Texts(texts.into_iter().map(|(p, t)| (p, Arc::from(t))).collect())
    }

    /// The lines of the text at `path`, numbered from 1 by their place, if the site
    /// has that text.
    pub fn lines(&self, path: &str) -> Option<Vec<&str>> {
        let text = self.0.get(path)?;
        Some(text.lines().collect())
    }

    /// Whether the site has the text at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }
}
