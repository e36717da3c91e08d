//! Stage 1: find the content files and read them as text.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{codes, did_you_mean, line_col, partition, Diagnostic};
use crate::model::texts::Texts;
use crate::model::{EntryKey, Lang};

mod editions;
mod library;
mod pdf;

pub use editions::{editions, EDITIONS_DIR};
pub use library::library;

/// The folder under the site root that holds the content.
pub const CONTENT_DIR: &str = "content";

/// One content file, read and decoded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `content/about.en.md`.
    pub path: PathBuf,
    /// What translations share: the path under `content/` without `.<lang>.md`,
    /// with `/` separators, e.g. `about` or `plans/_index`.
    pub key: EntryKey,
    /// The language from the file name.
    pub lang: Lang,
    /// The file's text, without a byte-order mark.
    pub text: String,
}

/// Reads every `*.md` file under `content/`, in parallel. Files that cannot be used
/// become diagnostics; the rest are returned sorted by path.
pub fn load(root: &Path, config: &Config) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let paths: Vec<PathBuf> = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_content_file(e.path()))
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap_or(e.path())
                .to_path_buf()
        })
        .collect();
    let results: Vec<Result<SourceFile, Diagnostic>> = paths
        .par_iter()
        .map(|path| read(root, path, config))
        .collect();
    partition(results)
}

/// The folder of the source documents, beside `content/`.
pub const SOURCES_DIR: &str = "sources";

/// Reads the plain-text source documents (`sources/*.txt`) that documents' pages show
/// line by line. A text that is not UTF-8 is a warning: its document still builds,
/// without its text.
pub fn texts(root: &Path) -> (Texts, Vec<Diagnostic>) {
    let Ok(entries) = std::fs::read_dir(root.join(SOURCES_DIR)) else {
        return (Texts::default(), Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut texts = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let relative = format!("{SOURCES_DIR}/{name}");
        match std::fs::read(&path).map(String::from_utf8) {
            Ok(Ok(text)) => texts.push((relative, text)),
            Ok(Err(e)) => {
                let valid = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                let (line, col) = line_col(&prefix, valid);
                diagnostics.push(
                    Diagnostic::warning(
                        codes::NOT_UTF8,
                        &relative,
                        line,
                        col,
                        "the source text is not valid UTF-8, so its document's page cannot show it",
                    )
                    .with_hint("save the text as UTF-8"),
                );
            }
            Err(e) => diagnostics.push(Diagnostic::warning(
                codes::IO,
                &relative,
                1,
                1,
                format!("cannot read the source text: {e}"),
            )),
        }
    }
    (Texts::new(texts), diagnostics)
}

/// Markdown files are content, except `README.md`, which documents a folder for editors.
fn is_content_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
        && path.file_name().is_some_and(|n| n != "README.md")
}

/// Reads one content file (`path` relative to `root`), as [`load`] does for each.
pub fn read(root: &Path, path: &Path, config: &Config) -> Result<SourceFile, Diagnostic> {
    let (key, lang) = split_name(path, config)?;
    let bytes = std::fs::read(root.join(path)).map_err(|e| {
        Diagnostic::error(codes::IO, path, 1, 1, format!("cannot read the file: {e}"))
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, col) = line_col(&prefix, valid);
            return Err(Diagnostic::error(codes::NOT_UTF8, path, line, col, "the file is not valid UTF-8")
                .with_hint("save the file as UTF-8 (most editors offer \"UTF-8\" under \"Save with encoding\")"));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(codes::EMPTY_FILE, path, 1, 1, "the file is empty")
                .with_hint("write front matter between +++ lines and a body, or delete the file"),
        );
    }
    Ok(SourceFile {
        path: path.to_path_buf(),
        key,
        lang,
        text,
    })
}

/// `content/plans/_index.pt.md` → (`plans/_index`, `pt`).
fn split_name(path: &Path, config: &Config) -> Result<(EntryKey, Lang), Diagnostic> {
    let under_content = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
    let stem = under_content.with_extension("");
    let stem = stem.to_string_lossy().replace('\\', "/");
    let codes_list = || {
        config
            .codes()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((key, code)) = stem.rsplit_once('.') else {
        return Err(Diagnostic::error(
            codes::FILE_NAME,
            path,
            1,
            1,
            "the file name has no language",
        )
        .with_hint(format!(
            "name it `{stem}.<lang>.md` with one of: {}",
            codes_list()
        )));
    };
    let lang = Lang(code.to_string());
    if config.language(&lang).is_none() {
        let hint = match did_you_mean(code, config.codes().map(|l| l.as_str())) {
            Some(best) => {
                format!("did you mean `{key}.{best}.md`? Languages are set in config.toml")
            }
            None => format!(
                "configured languages: {}; add one in config.toml",
                codes_list()
            ),
        };
        return Err(Diagnostic::error(
            codes::FILE_NAME,
            path,
            1,
            1,
            format!("`{code}` is not a configured language"),
        )
        .with_hint(hint));
    }
    Ok((key.into(), lang))
}
