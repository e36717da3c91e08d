//! Stage 3: build the [`Site`] from the parsed documents (see [`Site::build`]) and
//! check what pages say about each other.

use std::sync::Arc;

use time::Date;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::kinds::Kinds;
use crate::model::{Document, Holdings, Site};

pub mod targets;

/// Builds the [`Site`] of `kinds`, with its [`Holdings`] (source texts, library files,
/// editions), and reports duplicate URLs, translations of another kind and
/// links to pages that do not exist. `today` is the build date: entries not verified
/// in the year before it are stale.
pub fn link(
    config: &Config,
    documents: Vec<Arc<Document>>,
    kinds: &Kinds,
    holdings: Holdings,
    today: Date,
) -> (Site, Vec<Diagnostic>) {
    let langs = config.codes().cloned().collect();
    let default = config.default_language.clone();
    let (site, mut diagnostics) =
        Site::build(documents, default, langs, kinds.clone(), holdings, today);
    diagnostics.extend(targets::missing_pages(&site));
    (site, diagnostics)
}

/// Decodes `%XX` escapes in a URL path or fragment (see [`targets::percent_decode`]).
pub use targets::percent_decode;
