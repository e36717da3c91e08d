//! `source`: where an entry's facts come from, a file under `sources/` or a web address
//! (content/README.md, "Source"). A path must name a file of the repository, so that a
//! reader can open what the entry cites.

use std::path::Path;

use crate::diagnostic::{codes, Diagnostic};
use crate::model::contact::is_web_url;
use crate::model::Document;

use super::todo::is_placeholder;

const HINT: &str =
    "name a file under sources/ (\"sources/004_00f5d4a57eac71c3.txt\") or the address of a public web page (\"https://…\")";

/// An error when `doc`'s `source` is neither a web address nor a file under `sources/`
/// of the site at `root`. Placeholders are the `todo` rule's.
pub fn check(root: &Path, doc: &Document) -> Option<Diagnostic> {
    let source = doc.meta.source()?;
    if is_web_url(source) || is_placeholder(source) {
        return None;
    }
    let line = doc.front_line("source");
    let under_sources = source
        .strip_prefix("sources/")
        .is_some_and(|rest| !rest.is_empty() && !rest.split('/').any(|part| part == ".."));
    if !under_sources {
        return Some(
            Diagnostic::error(
                codes::BAD_VALUE,
                &doc.path,
                line,
                1,
                format!("source `{source}` is neither a file under sources/ nor a web address"),
            )
            .with_hint(HINT),
        );
    }
    (!root.join(source).is_file()).then(|| {
        Diagnostic::error(
            codes::BROKEN_LINK,
            &doc.path,
            line,
            1,
            format!("source `{source}` is not a file of this repository"),
        )
        .with_hint(HINT)
    })
}
