//! One content file: its place, language, typed front matter and Markdown body.

use std::path::{Path, PathBuf};

use super::meta::Meta;
use super::Body;
use super::EntryKey;
use super::Lang;
use crate::diagnostic::line_col;

/// A content file with its front matter parsed.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Translation key: the path under `content/` without language and extension,
    /// e.g. `plans/2021-2026/directives/99`.
    pub key: EntryKey,
    /// The file's language.
    pub lang: Lang,
    /// The parsed front matter.
    pub meta: Meta,
    /// The front matter as written, to point diagnostics at a key's line.
    pub front: String,
    /// The Markdown body.
    pub body: String,
    /// The body parsed, once, for every stage that reads its Markdown.
    pub parsed: Body,
    /// The line of the file on which the body starts, for diagnostics in the body.
    pub body_line: usize,
}

impl Document {
    /// The file line and column of byte `offset` of the body, for diagnostics in it.
    pub fn body_position(&self, offset: usize) -> (usize, usize) {
        let (line, col) = line_col(&self.body, offset);
        (line + self.body_line - 1, col)
    }

    /// The file line on which front matter key `key` is set (the opening fence's line
    /// when it is not set), for diagnostics about its value.
    pub fn front_line(&self, key: &str) -> usize {
        let found = self.front.lines().position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        });
        // Front matter starts on line 2, below the opening fence.
        found.map_or(1, |i| i + 2)
    }
}

/// Where a diagnostic goes: a file, and the line each front matter key is set on. The
/// checks that run on parsed entries take one, so that they also run on front matter
/// that did not parse.
pub trait Place {
    /// The file, relative to the site root.
    fn path(&self) -> &Path;
    /// The file line on which `key` is set; the opening fence's when it is not set.
    fn front_line(&self, key: &str) -> usize;
}

impl Place for Document {
    fn path(&self) -> &Path {
        &self.path
    }

    fn front_line(&self, key: &str) -> usize {
        Document::front_line(self, key)
    }
}
