//! Stage 5: write the site beside the output directory, then swap it in, so that a
//! failed build never leaves a half-written site behind.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

/// Writes `files` into a sibling temporary folder and, once all are written, replaces
/// `out` with it. If anything fails, `out` is left as it was.
pub fn write_atomically(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = sibling(out, "tmp");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    std::fs::create_dir_all(&staging)?;
    // Creating files and folders is what a build spends most of its time on (see
    // bench/RESULTS.md): make each folder once, parents first, then only files.
    let folders: BTreeSet<&Path> = files
        .iter()
        .filter_map(|f| f.path.parent())
        .flat_map(Path::ancestors)
        .collect();
    let made = folders
        .iter()
        .filter(|f| !f.as_os_str().is_empty())
        .try_for_each(|folder| std::fs::create_dir(staging.join(folder)));
    let written = made.and_then(|()| {
        files
            .par_iter()
            .try_for_each(|file| std::fs::write(staging.join(&file.path), &file.bytes))
    });
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let retired = sibling(out, "old");
    if retired.exists() {
        std::fs::remove_dir_all(&retired)?;
    }
    if out.exists() {
        std::fs::rename(out, &retired)?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        // Put the previous site back rather than leave none.
        let _ = std::fs::rename(&retired, out);
        return Err(e);
    }
    if retired.exists() {
        std::fs::remove_dir_all(&retired)?;
    }
    Ok(())
}

/// `public` → `.public.tmp-<pid>` in the same folder, so that the rename stays on one
/// file system.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}
