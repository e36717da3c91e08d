//! Keeping the tantivy indexes for `faro search`: written beside `.faro/search/` and
//! swapped in whole, like the site, so that a failed build never leaves half an index.

use std::io;
use std::path::{Path, PathBuf};

use tantivy::directory::{MmapDirectory, RamDirectory};

use super::words::Words;
use crate::diagnostic::{codes, Diagnostic};
use crate::model::Lang;

/// The file beside each language's index that `faro search` reads queries with.
pub const WORDS_FILE: &str = "words.json";

/// The built indexes, in memory until the site is written.
#[derive(Default)]
pub struct Staged {
    pub(super) langs: Vec<(Lang, RamDirectory, Words)>,
}

impl std::fmt::Debug for Staged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let langs: Vec<&Lang> = self.langs.iter().map(|(l, _, _)| l).collect();
        f.debug_struct("Staged").field("langs", &langs).finish()
    }
}

/// Where the index of `lang` is kept: `<root>/.faro/search/<lang>/`.
pub fn index_dir(root: &Path, lang: &Lang) -> PathBuf {
    search_dir(root).join(lang.as_str())
}

fn search_dir(root: &Path) -> PathBuf {
    root.join(".faro").join("search")
}

impl Staged {
    /// Writes every language's index beside `<root>/.faro/search/`, then swaps it in.
    pub fn persist(&self, root: &Path) -> Result<(), Diagnostic> {
        self.replace(&search_dir(root)).map_err(|e| {
            Diagnostic::error(
                codes::IO,
                ".faro/search",
                1,
                1,
                format!("cannot keep the search index: {e}"),
            )
            .with_hint("check that the site root is writable")
        })
    }

    fn replace(&self, target: &Path) -> io::Result<()> {
        let staging = sibling(target, "tmp");
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        let written = self.write(&staging);
        if written.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
            return written;
        }
        swap(&staging, target)
    }

    fn write(&self, staging: &Path) -> io::Result<()> {
        for (lang, ram, words) in &self.langs {
            let dir = staging.join(lang.as_str());
            std::fs::create_dir_all(&dir)?;
            let mmap = MmapDirectory::open(&dir).map_err(io::Error::other)?;
            ram.persist(&mmap).map_err(io::Error::other)?;
            let json = serde_json::to_vec(words).map_err(io::Error::other)?;
            std::fs::write(dir.join(WORDS_FILE), json)?;
        }
        Ok(())
    }
}

/// Replaces `target` with `staging`. Two builds of one site may finish together (a test
/// run beside `faro serve`): if another swapped its index in meanwhile, ours replaces it.
fn swap(staging: &Path, target: &Path) -> io::Result<()> {
    let retired = sibling(target, "old");
    let mut attempts = 0;
    loop {
        if retired.exists() {
            std::fs::remove_dir_all(&retired)?;
        }
        match std::fs::rename(target, &retired) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        match std::fs::rename(staging, target) {
            Ok(()) => break,
            Err(_) if attempts < 3 && target.exists() => attempts += 1,
            Err(e) => {
                // Put the previous index back rather than leave none.
                let _ = std::fs::rename(&retired, target);
                return Err(e);
            }
        }
    }
    if retired.exists() {
        std::fs::remove_dir_all(&retired)?;
    }
    Ok(())
}

/// `.faro/search` → `.faro/.search.tmp-<pid>`, on the same file system.
fn sibling(dir: &Path, what: &str) -> PathBuf {
    dir.with_file_name(format!(".search.{what}-{}", std::process::id()))
}
