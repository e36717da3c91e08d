//! The files of the documents library as found on disk: what a document's `files`
//! may name, where the site serves each, and the text of each PDF page. Found by the
//! load stage (`load::library`); checked against the documents that name them when
//! the catalog is indexed, so that a missing, misplaced, oversized or mistyped file
//! is an error at the document's `files` line.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::order::fold;
use super::Document;
use crate::diagnostic::{codes, did_you_mean, line_col, Diagnostic};

/// What a file is, by its content (not its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// A PDF (it starts with `%PDF-`).
    Pdf,
    /// Plain text in UTF-8.
    Text,
    /// Anything else: binary, or text in another encoding.
    Other,
}

impl FileFormat {
    /// The format a file name's extension promises, if the library takes it.
    pub fn of_extension(path: &str) -> Option<FileFormat> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "pdf" => Some(FileFormat::Pdf),
            "txt" => Some(FileFormat::Text),
            _ => None,
        }
    }

    /// The format of `bytes`, from their content.
    pub fn of_content(bytes: &[u8]) -> FileFormat {
        if bytes.starts_with(b"%PDF-") {
            FileFormat::Pdf
        } else if !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok() {
            FileFormat::Text
        } else {
            FileFormat::Other
        }
    }

    /// Its short name, as a page shows it next to a download link: `PDF`, `TXT`.
    pub fn label(self) -> &'static str {
        match self {
            FileFormat::Pdf => "PDF",
            FileFormat::Text => "TXT",
            FileFormat::Other => "?",
        }
    }

    /// Its media type, for the link's `type` attribute.
    pub fn media_type(self) -> &'static str {
        match self {
            FileFormat::Pdf => "application/pdf",
            FileFormat::Text => "text/plain",
            FileFormat::Other => "application/octet-stream",
        }
    }
}

/// One file of the library.
#[derive(Debug, Clone)]
pub struct StoredFile {
    /// Its size in bytes.
    pub bytes: u64,
    /// What its content is.
    pub format: FileFormat,
    /// The SHA-256 of its content, in hex: the key of its extracted text's cache.
    pub digest: String,
    /// The text of each page of a PDF, in order (page 1 first); empty when it has none
    /// (a scan) or it could not be read, which the load stage reported.
    pub pages: Arc<Vec<String>>,
}

/// Every file under the library's folders, by its path from the site root with `/`
/// separators (`documents/informe-2024.pdf`), and the rules they are held to.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The folders a document's files may be in.
    pub folders: Vec<String>,
    /// The largest file, in bytes.
    pub max_bytes: u64,
    /// The files found.
    pub files: BTreeMap<String, StoredFile>,
}

/// Why a document's file cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// It is not under one of the library's folders, or climbs out with `..`.
    Outside,
    /// No such file.
    Missing,
    /// Larger than the configured maximum: (its size, the maximum), in bytes.
    TooLarge(u64, u64),
    /// Its extension is not one the library takes.
    Unsupported,
    /// Its content is not what its extension says: (what the extension says, what it is).
    Mismatch(FileFormat, FileFormat),
}

impl Library {
    /// The file at `path` (from the site root), or why a document cannot hold it.
    pub fn check(&self, path: &str) -> Result<&StoredFile, FileProblem> {
        let inside = self.folders.iter().any(|folder| {
            path.strip_prefix(folder.trim_end_matches('/'))
                .is_some_and(|rest| rest.starts_with('/'))
        });
        let climbs = path
            .split(['/', '\\'])
            .any(|part| part == ".." || part == ".");
        if !inside || climbs || path.starts_with('/') {
            return Err(FileProblem::Outside);
        }
        let expected = FileFormat::of_extension(path).ok_or(FileProblem::Unsupported)?;
        let file = self.files.get(path).ok_or(FileProblem::Missing)?;
        if file.bytes > self.max_bytes {
            return Err(FileProblem::TooLarge(file.bytes, self.max_bytes));
        }
        if file.format != expected {
            return Err(FileProblem::Mismatch(expected, file.format));
        }
        Ok(file)
    }
}

impl Library {
    /// The errors of `doc`'s files, `(language, path or web address)` as its `files`
    /// field holds them; a web address is left to the browser.
    pub fn check_files(&self, doc: &Document, files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for &(_, path) in files {
            if path.starts_with("https://") || path.starts_with("http://") {
                continue;
            }
            let Err(problem) = self.check(path) else {
                continue;
            };
            let (message, hint) = self.explain(path, &problem);
            // At the path as written, wherever the `files` table puts it.
            let (line, col) =
                doc.front
                    .find(&format!("\"{path}\""))
                    .map_or((doc.front_line("files"), 1), |at| {
                        let (line, col) = line_col(&doc.front, at);
                        (line + 1, col)
                    });
            diagnostics.push(
                Diagnostic::error(codes::BAD_FILE, &doc.path, line, col, message).with_hint(hint),
            );
        }
        diagnostics
    }

    /// What is wrong with the file at `path`, and what to do about it.
    fn explain(&self, path: &str, problem: &FileProblem) -> (String, String) {
        let folders = self
            .folders
            .iter()
            .map(|f| format!("{}/", f.trim_end_matches('/')))
            .collect::<Vec<_>>()
            .join(", ");
        let mb = |bytes: u64| format!("{:.1} MB", bytes as f64 / 1e6);
        match problem {
            FileProblem::Outside => (
                format!("`{path}` is outside the documents library"),
                format!("put the file in {folders} and write its path from the site root (the folders are config.toml's [documents] folders)"),
            ),
            FileProblem::Missing => {
                let known = self.files.keys().map(String::as_str);
                let hint = match did_you_mean(path, known) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "commit the file, or write its path from the site root, e.g. `documents/report-2024.pdf`".into(),
                };
                (format!("`{path}` does not exist"), hint)
            }
            FileProblem::TooLarge(bytes, max) => (
                format!("`{path}` is {}, more than the {} a document's file may be", mb(*bytes), mb(*max)),
                "compress the PDF, split it, or give its web address instead; the limit is config.toml's [documents] max_file_mb".into(),
            ),
            FileProblem::Unsupported => (
                format!("`{path}` is not a file the library takes"),
                "publish it as PDF (.pdf) or plain text (.txt)".into(),
            ),
            FileProblem::Mismatch(expected, actual) => (
                format!(
                    "`{path}` is named as {} but its content is {}",
                    expected.label(),
                    match actual {
                        FileFormat::Pdf => "a PDF",
                        FileFormat::Text => "plain text",
                        FileFormat::Other => "neither PDF nor UTF-8 text",
                    }
                ),
                "export the file again in the format its name says, or rename it to what it is".into(),
            ),
        }
    }
}

/// The site path a library file is served at: `/files/` and its path with each part
/// reduced to lowercase ASCII letters, digits and hyphens (accents folded), so that
/// no name can carry spaces, quotes or markup into a URL: `documents/Informe Final
/// (2024).PDF` → `/files/documents/informe-final-2024.pdf`.
pub fn served_path(path: &str) -> String {
    let (stem, extension) = match path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => (stem, ext.to_ascii_lowercase()),
        _ => (path, String::new()),
    };
    let parts: Vec<String> = stem.split('/').map(sanitized).collect();
    let mut served = format!("/files/{}", parts.join("/"));
    if !extension.is_empty() {
        served.push('.');
        served.push_str(&sanitized(&extension));
    }
    served
}

/// `part` folded to lowercase ASCII, every other run of characters a single hyphen.
fn sanitized(part: &str) -> String {
    let mut out = String::new();
    for c in fold(part).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        let file = |bytes, format| StoredFile {
            bytes,
            format,
            digest: String::new(),
            pages: Arc::default(),
        };
        Library {
            folders: vec!["documents".into()],
            max_bytes: 100,
            files: BTreeMap::from([
                ("documents/a.pdf".into(), file(10, FileFormat::Pdf)),
                ("documents/big.pdf".into(), file(101, FileFormat::Pdf)),
                ("documents/fake.pdf".into(), file(10, FileFormat::Text)),
            ]),
        }
    }

    #[test]
    fn a_file_is_checked_for_place_presence_size_and_type() {
        let library = library();
        assert!(library.check("documents/a.pdf").is_ok());
        assert_eq!(
            library.check("config.toml").err(),
            Some(FileProblem::Outside)
        );
        assert_eq!(
            library.check("documents/../config.toml").err(),
            Some(FileProblem::Outside)
        );
        assert_eq!(
            library.check("documentsx/a.pdf").err(),
            Some(FileProblem::Outside)
        );
        assert_eq!(
            library.check("documents/b.pdf").err(),
            Some(FileProblem::Missing)
        );
        assert_eq!(
            library.check("documents/big.pdf").err(),
            Some(FileProblem::TooLarge(101, 100))
        );
        assert_eq!(
            library.check("documents/fake.pdf").err(),
            Some(FileProblem::Mismatch(FileFormat::Pdf, FileFormat::Text))
        );
        assert_eq!(
            library.check("documents/a.exe").err(),
            Some(FileProblem::Unsupported)
        );
    }

    #[test]
    fn served_names_are_plain() {
        assert_eq!(
            served_path("documents/Informe Final (2024).PDF"),
            "/files/documents/informe-final-2024.pdf"
        );
        assert_eq!(
            served_path("sources/001_4180d600d7645beb.txt"),
            "/files/sources/001-4180d600d7645beb.txt"
        );
        assert_eq!(
            served_path("documents/\"><script>.pdf"),
            "/files/documents/script.pdf"
        );
        assert_eq!(
            served_path("documents/Guía.pdf"),
            "/files/documents/guia.pdf"
        );
    }
}
