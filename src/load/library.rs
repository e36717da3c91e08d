//! The files of the documents library: every file under the configured folders, its
//! size, format and digest, and the text of each PDF page (see [`super::pdf`]).

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use super::pdf::{self, Extracted};
use crate::config;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::library::{FileFormat, Library, StoredFile};

/// Finds the library's files under `root`. A PDF whose text cannot be extracted (a
/// scan, an encrypted or corrupt file) is a warning naming it: its document still
/// builds, and search does not find inside it. Links (symlinks) are not followed, so
/// that nothing outside the folders can be published through one.
pub fn library(root: &Path, rules: &config::Library) -> (Library, Vec<Diagnostic>) {
    let max_bytes = rules.max_file_mb.saturating_mul(1_000_000);
    let mut paths: Vec<String> = rules
        .folders
        .iter()
        .flat_map(|folder| WalkDir::new(root.join(folder)).into_iter().flatten())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root).ok()?;
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            Some(parts.join("/"))
        })
        .collect();
    paths.sort();
    paths.dedup();
    let found: Vec<(String, StoredFile, Option<Diagnostic>)> = paths
        .into_par_iter()
        .filter_map(|path| {
            let (file, problem) = stored(root, &path, max_bytes)?;
            Some((path, file, problem))
        })
        .collect();
    let mut library = Library {
        folders: rules.folders.clone(),
        max_bytes,
        ..Library::default()
    };
    let mut diagnostics = Vec::new();
    for (path, file, problem) in found {
        diagnostics.extend(problem);
        library.files.insert(path, file);
    }
    (library, diagnostics)
}

/// The file at `path`, and the warning its text deserves. A file over the maximum is
/// not read (its size is all the check needs), so memory stays bounded whatever an
/// editor commits; `None` when it cannot be read at all.
fn stored(root: &Path, path: &str, max_bytes: u64) -> Option<(StoredFile, Option<Diagnostic>)> {
    let full = root.join(path);
    let bytes = std::fs::metadata(&full).ok()?.len();
    if bytes > max_bytes {
        let file = StoredFile {
            bytes,
            format: FileFormat::Other,
            digest: String::new(),
            pages: Arc::default(),
        };
        return Some((file, None));
    }
    let content = std::fs::read(&full).ok()?;
    let digest: String = Sha256::digest(&content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let format = FileFormat::of_content(&content);
    let (pages, problem) = match format {
        FileFormat::Pdf => match pdf::pages(root, &digest, &content) {
            Extracted::Pages(pages) if pages.iter().any(|p| !p.trim().is_empty()) => {
                (pages, None)
            }
            Extracted::Pages(_) => (
                Vec::new(),
                Some(
                    Diagnostic::warning(
                        codes::NO_TEXT,
                        path,
                        1,
                        1,
                        "the PDF has no text to search: a scanned image?",
                    )
                    .with_hint("publish a PDF with a text layer (run OCR on the scan), so that search finds its words"),
                ),
            ),
            Extracted::Failed(reason) => (
                Vec::new(),
                Some(
                    Diagnostic::warning(
                        codes::NO_TEXT,
                        path,
                        1,
                        1,
                        format!("the PDF's text cannot be read ({reason})"),
                    )
                    .with_hint("check that the file opens in a PDF reader and is not password-protected; save it again as PDF"),
                ),
            ),
        },
        _ => (Vec::new(), None),
    };
    let file = StoredFile {
        bytes,
        format,
        digest,
        pages: Arc::new(pages),
    };
    Some((file, problem))
}
