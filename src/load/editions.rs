//! The yearly editions of the listings (see [`crate::model::edition`]): every
//! `content/<listing>/editions/<year>.toml`, parsed. A file that does not parse is an
//! error at its line; whether an edition is still what its digest says is the link
//! stage's to judge, with the rest of the site's checks.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::CONTENT_DIR;
use crate::diagnostic::{codes, line_col, Diagnostic};
use crate::model::edition::Edition;

/// The name of the folder, beside a listing's `_index`, that holds its editions.
pub const EDITIONS_DIR: &str = "editions";

/// Reads every edition file under `content/`, in path order.
pub fn editions(root: &Path) -> (Vec<Edition>, Vec<Diagnostic>) {
    let mut editions = Vec::new();
    let mut diagnostics = Vec::new();
    let files = WalkDir::new(root.join(CONTENT_DIR))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && is_edition(e.path()));
    for file in files {
        let path = file
            .path()
            .strip_prefix(root)
            .unwrap_or(file.path())
            .to_path_buf();
        match read(root, &path) {
            Ok(edition) => editions.push(edition),
            Err(d) => diagnostics.push(d),
        }
    }
    (editions, diagnostics)
}

/// Whether `path` is `…/editions/<name>.toml`.
fn is_edition(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|dir| dir == EDITIONS_DIR)
}

fn read(root: &Path, path: &PathBuf) -> Result<Edition, Diagnostic> {
    let bytes = std::fs::read(root.join(path)).map_err(|e| {
        Diagnostic::error(codes::IO, path, 1, 1, format!("cannot read the file: {e}"))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(codes::NOT_UTF8, path, 1, 1, "an edition file must be UTF-8").with_hint(
            format!(
                "the first byte that is not is at offset {}; write editions with `faro edition`",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    let mut edition: Edition = toml::from_str(&text).map_err(|e| {
        let (line, col) = e
            .span()
            .map_or((1, 1), |span| line_col(&text, span.start));
        Diagnostic::error(codes::TOML, path, line, col, e.message().to_string()).with_hint(
            "an edition is written by `faro edition` and not edited by hand; restore it with `git checkout -- <file>`",
        )
    })?;
    edition.path = path.clone();
    edition.text = text;
    Ok(edition)
}
