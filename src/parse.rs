//! Stage 2: split each file into TOML front matter and a Markdown body, and parse the
//! front matter into the typed metadata of its kind.

use rayon::prelude::*;
use time::Date;

use crate::diagnostic::{codes, did_you_mean, from_toml_error, line_col, partition, Diagnostic};
use crate::load::SourceFile;
use crate::markdown;
use crate::model::fields::MetaError;
use crate::model::kinds::Kinds;
use crate::model::meta::Meta;
use crate::model::unparsed::entry_checks;
use crate::model::Document;

/// The line that opens and closes front matter.
const FENCE: &str = "+++";

/// Parses every file in parallel as one of `kinds`; files that fail become
/// diagnostics. Entries' verification dates are judged against `today` when their
/// front matter fails.
pub fn parse_all(
    files: Vec<SourceFile>,
    kinds: &Kinds,
    today: Date,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let results: Vec<Result<Document, Vec<Diagnostic>>> = files
        .into_par_iter()
        .map(|file| parse(file, kinds, today))
        .collect();
    let (documents, problems) = partition(results);
    (documents, problems.into_iter().flatten().collect())
}

/// Parses one file, or says everything wrong with its front matter (see
/// [`crate::model::fields`]); `today` is for the checks of a directory or service entry.
pub fn parse(file: SourceFile, kinds: &Kinds, today: Date) -> Result<Document, Vec<Diagnostic>> {
    let (front, body, body_line) = split(&file).map_err(|d| vec![d])?;
    // Front matter starts on line 2, below the opening fence.
    let meta = Meta::parse(front, kinds).map_err(|e| match e {
        MetaError::Toml(e) => vec![from_toml_error(&file.path, front, 2, &e)],
        MetaError::Fields(errors) => {
            let mut diagnostics: Vec<Diagnostic> = errors
                .iter()
                .map(|e| from_toml_error(&file.path, front, 2, e))
                .collect();
            diagnostics.extend(entry_checks(&file.path, front, today));
            diagnostics
        }
        MetaError::UnknownKind(kind) => {
            let (line, col) = front.find("kind").map_or((1, 1), |i| line_col(front, i));
            let hint = match did_you_mean(&kind, kinds.names()) {
                Some(best) => format!("did you mean `kind = \"{best}\"`?"),
                None => format!("kinds: {}", kinds.names().collect::<Vec<_>>().join(", ")),
            };
            vec![Diagnostic::error(
                codes::BAD_VALUE,
                &file.path,
                line + 1,
                col,
                format!("unknown kind `{kind}`"),
            )
            .with_hint(hint)]
        }
    })?;
    // The one Markdown parse of this body; every later stage reads `parsed`.
    let parsed = markdown::parse(body);
    let (front, body) = (front.to_string(), body.to_string());
    Ok(Document {
        path: file.path,
        key: file.key,
        lang: file.lang,
        meta,
        front,
        body,
        parsed,
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

    /// The one diagnostic of a file that fails, or its document.
    fn parse_one(file: SourceFile) -> Result<Document, Diagnostic> {
        let today = Date::from_calendar_date(2026, time::Month::July, 1).unwrap();
        parse(file, &Kinds::default(), today).map_err(|mut d| {
            assert_eq!(d.len(), 1, "{d:?}");
            d.remove(0)
        })
    }

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/a.es.md".into(),
            key: "a".into(),
            lang: crate::model::Lang("es".into()),
            text: text.into(),
        }
    }

    #[test]
    fn toml_error_points_at_the_line_in_the_markdown_file() {
        let d = parse_one(file("+++\ntitle = \"A\"\nweight = = 3\n+++\nbody\n")).unwrap_err();
        assert_eq!((d.code, d.line), (codes::TOML, 3));
    }

    #[test]
    fn unknown_key_is_named_with_a_suggestion() {
        let d = parse_one(file("+++\ntitle = \"A\"\n\ndescripton = \"x\"\n+++\n")).unwrap_err();
        assert_eq!((d.code, d.line, d.col), (codes::UNKNOWN_KEY, 4, 1));
        assert_eq!(d.hint.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn body_line_follows_the_closing_fence() {
        let doc = parse_one(file("+++\ntitle = \"A\"\n+++\nbody\n")).unwrap();
        assert_eq!((doc.body.as_str(), doc.body_line), ("body\n", 4));
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let d = parse_one(file("+++\ntitle = \"A\"\n")).unwrap_err();
        assert_eq!(d.code, codes::FRONT_MATTER);
    }
}
