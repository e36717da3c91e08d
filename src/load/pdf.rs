//! The text of each page of a PDF, for search by page, cached by the file's digest so
//! that a rebuild does not extract again.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use serde::{Deserialize, Serialize};

/// What extracting a PDF's text gave: the text of each page, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Extracted {
    /// The text of each page, page 1 first.
    Pages(Vec<String>),
    /// The file could not be read as a PDF (corrupt, encrypted …): the reader's words.
    Failed(String),
}

/// The folder, under the site root, that keeps extracted texts between builds. Not
/// part of the site: `.gitignore` lists `.faro/`, beside `faro search`'s index.
pub const CACHE_DIR: &str = ".faro/pdf-text";

/// The pages of the PDF `bytes` whose SHA-256 is `digest`: from the cache under
/// `root` when an earlier build extracted them, else extracted now and cached.
pub fn pages(root: &Path, digest: &str, bytes: &[u8]) -> Extracted {
    let cached = root.join(CACHE_DIR).join(format!("{digest}.json"));
    let from_cache = std::fs::read(&cached)
        .ok()
        .and_then(|json| serde_json::from_slice(&json).ok());
    if let Some(extracted) = from_cache {
        return extracted;
    }
    let extracted = extract(bytes);
    // A cache that cannot be written only costs the next build the same work again.
    if let Ok(json) = serde_json::to_vec(&extracted) {
        let _ = std::fs::create_dir_all(root.join(CACHE_DIR))
            .and_then(|()| std::fs::write(&cached, json));
    }
    extracted
}

thread_local! {
    /// Whether this thread is extracting a PDF, so that a panic inside the reader is
    /// caught quietly (see [`extract`]).
    static EXTRACTING: Cell<bool> = const { Cell::new(false) };
}

/// Extracts the text of each page. The PDF reader panics on some malformed files
/// instead of returning an error; a library file must never end a build, so such a
/// panic is caught and becomes [`Extracted::Failed`]. The panic hook stays quiet for
/// panics on a thread that is extracting, and reports every other panic as before.
fn extract(bytes: &[u8]) -> Extracted {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !EXTRACTING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    EXTRACTING.with(|e| e.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem_by_pages(bytes)
    }));
    EXTRACTING.with(|e| e.set(false));
    match result {
        Ok(Ok(pages)) => Extracted::Pages(pages.into_iter().map(|p| tidy(&p)).collect()),
        Ok(Err(e)) => Extracted::Failed(e.to_string()),
        Err(panic) => Extracted::Failed(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "the PDF reader stopped on this file".into()),
        ),
    }
}

/// A page's text with its runs of blank space made single, as search and snippets
/// want it: extraction leaves layout spaces and line breaks everywhere.
fn tidy(page: &str) -> String {
    page.split_whitespace().collect::<Vec<_>>().join(" ")
}
