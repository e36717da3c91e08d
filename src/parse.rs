//! Stage 2: split each file into TOML front matter and a Markdown body, and parse the
//! front matter into the typed metadata of its kind.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Lang;
use crate::diagnostic::{codes, from_toml_error, Diagnostic};
use crate::load::SourceFile;

/// The line that opens and closes front matter.
const FENCE: &str = "+++";

/// Whether a translated text is the official one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Translation {
    /// An original, or a translation the OAS published.
    #[default]
    Official,
    /// Our own translation: every page built from it says so.
    Unofficial,
}

/// Front matter of an ordinary page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// The page's title, in the file's language.
    pub title: String,
    /// One sentence for listings and `<meta name="description">`.
    #[serde(default)]
    pub description: Option<String>,
    /// Position among its siblings; lower comes first.
    #[serde(default)]
    pub weight: i64,
    /// A template other than the kind's default, e.g. `search.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Official or unofficial translation.
    #[serde(default)]
    pub translation: Translation,
}

/// A content file with its front matter parsed.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Translation key (see [`SourceFile::key`]).
    pub key: String,
    /// The file's language.
    pub lang: Lang,
    /// The parsed front matter.
    pub meta: PageMeta,
    /// The Markdown body.
    pub body: String,
    /// The line of the file on which the body starts, for diagnostics in the body.
    pub body_line: usize,
}

/// Parses every file in parallel; files that fail become diagnostics.
pub fn parse_all(files: Vec<SourceFile>) -> (Vec<Document>, Vec<Diagnostic>) {
    let results: Vec<Result<Document, Diagnostic>> = files.into_par_iter().map(parse).collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for result in results {
        match result {
            Ok(d) => documents.push(d),
            Err(d) => diagnostics.push(d),
        }
    }
    (documents, diagnostics)
}

/// Parses one file.
pub fn parse(file: SourceFile) -> Result<Document, Diagnostic> {
    let (front, body, body_line) = split(&file)?;
    // Front matter starts on line 2, below the opening fence.
    let meta: PageMeta =
        toml::from_str(front).map_err(|e| from_toml_error(&file.path, front, 2, &e))?;
    let body = body.to_string();
    Ok(Document {
        path: file.path,
        key: file.key,
        lang: file.lang,
        meta,
        body,
        body_line,
    })
}

/// Splits `+++\n<toml>\n+++\n<body>` into the TOML, the body and the body's first line.
fn split(file: &SourceFile) -> Result<(&str, &str, usize), Diagnostic> {
    let text = file.text.as_str();
    let hint = "a content file starts with a line `+++`, then TOML such as `title = \"…\"`, then a line `+++`";
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != FENCE {
        return Err(Diagnostic::error(
            codes::FRONT_MATTER,
            &file.path,
            1,
            1,
            "the file does not start with `+++`",
        )
        .with_hint(hint));
    }
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = after_open;
    for (line, chunk) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        if chunk.trim_end() == FENCE {
            let front = &text[after_open..offset];
            let body = &text[offset + chunk.len()..];
            return Ok((front, body, line + 1));
        }
        offset += chunk.len();
    }
    Err(Diagnostic::error(
        codes::FRONT_MATTER,
        &file.path,
        1,
        1,
        "the front matter is not closed",
    )
    .with_hint("add a line `+++` after the last front matter key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/a.es.md".into(),
            key: "a".into(),
            lang: Lang("es".into()),
            text: text.into(),
        }
    }

    #[test]
    fn toml_error_points_at_the_line_in_the_markdown_file() {
        let d = parse(file("+++\ntitle = \"A\"\nweight = = 3\n+++\nbody\n")).unwrap_err();
        assert_eq!((d.code, d.line), (codes::TOML, 3));
    }

    #[test]
    fn unknown_key_is_named_with_a_suggestion() {
        let d = parse(file("+++\ntitle = \"A\"\n\ndescripton = \"x\"\n+++\n")).unwrap_err();
        assert_eq!((d.code, d.line, d.col), (codes::UNKNOWN_KEY, 4, 1));
        assert_eq!(d.hint.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn body_line_follows_the_closing_fence() {
        let doc = parse(file("+++\ntitle = \"A\"\n+++\nbody\n")).unwrap();
        assert_eq!((doc.body.as_str(), doc.body_line), ("body\n", 4));
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let d = parse(file("+++\ntitle = \"A\"\n")).unwrap_err();
        assert_eq!(d.code, codes::FRONT_MATTER);
    }
}
