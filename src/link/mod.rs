//! Stage 3: build the [`Site`] from the parsed documents (see [`Site::build`]) and
//! check what pages say about each other.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use time::Date;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::Kinds;
use crate::model::{Document, Holdings, Page, Site};

pub mod targets;

/// Which pages' links to other pages [`link`] checks.
pub enum Checked<'a> {
    /// Every page's: a build.
    Every,
    /// After an edit of these content files (paths relative to the site root) to
    /// `before`, a site whose links all led to pages: the edited files' links, and
    /// every page's again only if a page appeared or went away, since only that can
    /// break a link the edit did not touch. At 10,000 pages this saves `faro serve`
    /// a scan of every body on every keystroke's save.
    Edited(&'a Site, &'a BTreeSet<PathBuf>),
}

/// Builds the [`Site`] of `kinds`, with its [`Holdings`] (source texts, library files,
/// editions), and reports duplicate URLs, translations of another kind and
/// links to pages that do not exist (on the pages `checked` says). `today` is the
/// build date: entries not verified in the year before it are stale.
pub fn link(
    config: &Config,
    documents: Vec<Arc<Document>>,
    kinds: &Kinds,
    holdings: Holdings,
    today: Date,
    checked: Checked<'_>,
) -> (Site, Vec<Diagnostic>) {
    let langs = config.codes().cloned().collect();
    let default = config.default_language.clone();
    let (site, mut diagnostics) =
        Site::build(documents, default, langs, kinds.clone(), holdings, today);
    let missing = match checked {
        Checked::Edited(before, edited) if same_pages(before, &site) => {
            targets::missing_pages(&site, |page: &Page| edited.contains(&page.doc.path))
        }
        _ => targets::missing_pages(&site, |_: &Page| true),
    };
    diagnostics.extend(missing);
    (site, diagnostics)
}

/// Whether `a` and `b` have pages at the same addresses. Pages come in the order of
/// their files' paths, so the same files give the same order; any other difference
/// answers no, which only costs a full check.
fn same_pages(a: &Site, b: &Site) -> bool {
    a.pages.len() == b.pages.len() && a.pages.iter().zip(&b.pages).all(|(a, b)| a.url == b.url)
}

/// Decodes `%XX` escapes in a URL path or fragment (see [`targets::percent_decode`]).
pub use targets::percent_decode;
