//! Writing the site: files go into a folder beside the output directory as they are
//! rendered, and the folder replaces the output directory only once the build has
//! succeeded, so that a failed build never leaves a half-written site behind.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::outputs::OutputFile;

/// A site being written beside `out`. Dropped without [`Staging::commit`], it deletes
/// what it wrote and `out` stays as it was.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    /// Folders made so far: creating files and folders is most of a large build's
    /// writing (bench/RESULTS.md), so each folder is made once.
    folders: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Starts an empty sibling folder of `out` (`public` → `.public.tmp-<pid>`).
    pub fn new(out: &Path) -> io::Result<Staging> {
        let dir = sibling(out, "tmp");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            folders: Mutex::new(HashSet::new()),
            committed: false,
        })
    }

    /// Writes `file`, making its folders first. Safe to call from several threads.
    pub fn put(&self, file: &OutputFile) -> io::Result<()> {
        if let Some(parent) = file.path.parent() {
            self.make_folders(parent)?;
        }
        std::fs::write(self.dir.join(&file.path), &file.bytes)
    }

    /// Copies the file at `from` to `to` in the site, making its folders first.
    pub fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        if let Some(parent) = to.parent() {
            self.make_folders(parent)?;
        }
        std::fs::copy(from, self.dir.join(to)).map(|_| ())
    }

    /// Makes `folder` and its parents, those not made yet, outermost first.
    fn make_folders(&self, folder: &Path) -> io::Result<()> {
        let missing: Vec<&Path> = {
            let made = self.folders.lock().expect("no thread panics holding it");
            folder
                .ancestors()
                .filter(|f| !f.as_os_str().is_empty())
                .take_while(|f| !made.contains(*f))
                .collect()
        };
        for folder in missing.into_iter().rev() {
            match std::fs::create_dir(self.dir.join(folder)) {
                Ok(()) => {}
                // Another thread made it between the lock and here.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
            self.folders
                .lock()
                .expect("no thread panics holding it")
                .insert(folder.to_path_buf());
        }
        Ok(())
    }

    /// Replaces the output directory with what was written. If the swap fails, the
    /// previous site is put back.
    pub fn commit(mut self) -> io::Result<()> {
        let retired = sibling(&self.out, "old");
        if retired.exists() {
            std::fs::remove_dir_all(&retired)?;
        }
        if self.out.exists() {
            std::fs::rename(&self.out, &retired)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            // Put the previous site back rather than leave none.
            let _ = std::fs::rename(&retired, &self.out);
            return Err(e);
        }
        self.committed = true;
        if retired.exists() {
            // The previous site's files go on every core: one after the other, they
            // were the last 150-220 ms of a 10,000-page build.
            remove_dir_all::remove_dir_all(&retired)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `public` → `.public.tmp-<pid>` in the same folder, so that the rename stays on one
/// file system.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}
