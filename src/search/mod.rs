//! Stage 4b: full-text search. After render, every page with its own text in a
//! language becomes a document of that language's tantivy index, and of a static,
//! sharded index the browser queries with `search.js`.
//!
//! Both rank with the same numbers: a document's score for a term is what tantivy's
//! BM25 gives [`index::term_query`] (title boosted, plus body); the static index
//! exports exactly those contributions, and `faro search` asks tantivy for the same
//! sums and maxima of them that the browser computes (see [`words`]).
//!
//! - [`analyzer`]: words and terms per language (folding, stop words, stemmer)
//! - [`stems`]: the stemmer the index uses, remembering each word's stem
//! - [`documents`] and [`facets`]: what is indexed, with kind, plan and country
//! - [`mod@index`]: the tantivy index and the per-term query
//! - [`words`]: from a query to terms and direct hits, the rules both sides follow
//! - [`export`]: the static index under `search/<lang>/`
//! - [`persist`]: the tantivy index kept under `.faro/search/` for `faro search`
//! - [`query`]: `faro search`

use rayon::prelude::*;

use crate::diagnostic::{codes, Diagnostic};
use crate::i18n::I18n;
use crate::model::Site;
use crate::outputs::OutputFile;

pub mod analyzer;
pub mod documents;
pub mod export;
pub mod facets;
pub mod index;
pub mod labels;
pub mod persist;
pub mod query;
pub mod stems;
pub mod words;

/// What the search stage produced.
#[derive(Debug, Default)]
pub struct Indexed {
    /// The static index, to add to the site's files.
    pub files: Vec<OutputFile>,
    /// The tantivy indexes, to persist once the site is written.
    pub staged: persist::Staged,
}

/// Indexes every language of `site`.
pub fn index(i18n: &I18n, site: &Site) -> Result<Indexed, Vec<Diagnostic>> {
    let results: Vec<tantivy::Result<_>> = site
        .langs
        .par_iter()
        .map(|lang| {
            let analyzer = analyzer::Analyzer::new(lang);
            let docs = documents::documents(i18n, site, lang);
            let built = index::build(&analyzer, lang.as_str(), &docs)?;
            let words = words::Words::build(&analyzer, built.vocabulary, &docs, i18n.catalog(lang));
            let labels = labels::labels(i18n, site, lang, &docs);
            let files = export::export(lang, &built.index, &docs, &words, &labels)?;
            Ok((files, (lang.clone(), built.directory, words)))
        })
        .collect();
    let mut indexed = Indexed::default();
    let mut diagnostics = Vec::new();
    for result in results {
        match result {
            Ok((files, staged)) => {
                indexed.files.extend(files);
                indexed.staged.langs.push(staged);
            }
            Err(e) => diagnostics.push(Diagnostic::error(
                codes::IO,
                ".faro/search",
                1,
                1,
                format!("cannot build the search index: {e}"),
            )),
        }
    }
    if diagnostics.is_empty() {
        Ok(indexed)
    } else {
        Err(diagnostics)
    }
}
