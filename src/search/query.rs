//! `faro search`: queries the index the last build kept under `.faro/search/<lang>/`.
//!
//! A document's score is the sum over the query's words of the best of each word's
//! [`term_query`]s, times the document's weight, exactly the sum the browser makes of
//! the exported contributions (see [`super::words`]). Items the query names come
//! first; then documents that match more of the query's words before those that match
//! fewer, and by score among those that match as many.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, EnableScoring, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, ReloadPolicy, Score, TantivyDocument, Term};

use super::analyzer::Analyzer;
use super::export::excerpt;
use super::index::{self, ids_and_weights, term_query, Fields};
use super::persist::{index_dir, WORDS_FILE};
use super::words::Words;
use crate::model::Lang;

/// Characters of body text a snippet shows.
const SNIPPET_CHARS: usize = 180;

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    /// The words, as typed.
    pub query: &'a str,
    /// Only results of this kind.
    pub kind: Option<&'a str>,
    /// At most this many results.
    pub limit: usize,
    /// The last word is still being typed: match it as a prefix, as the search box does.
    pub typing: bool,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// The page's title.
    pub title: String,
    /// Its site path.
    pub url: String,
    /// The BM25 score (0 for an item named by the query that matches no word).
    pub score: f32,
    /// Kind of content.
    pub kind: String,
    /// Work Plan id, where it has one.
    pub plan: Option<String>,
    /// Item number, where it has one.
    pub number: Option<String>,
    /// Country code, where it has one.
    pub country: Option<String>,
    /// Whether the query named this item (`directriz 99`).
    pub direct: bool,
    /// A passage of the body, HTML-escaped, the query's words in `<b>`.
    pub snippet: String,
    /// The passage as plain text, and the byte ranges of the query's words in it.
    #[serde(skip)]
    pub passage: (String, Vec<std::ops::Range<usize>>),
}

/// Why the index cannot be searched.
#[derive(Debug)]
pub enum OpenError {
    /// No build has kept an index for the language.
    Missing(std::path::PathBuf),
    /// The index is there but unreadable.
    Broken(String),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Missing(dir) => write!(
                f,
                "no search index at {}: run `faro build` first",
                dir.display()
            ),
            OpenError::Broken(e) => write!(f, "the search index cannot be read: {e}"),
        }
    }
}

impl std::error::Error for OpenError {}

/// The index of one language, open for queries.
pub struct Searcher {
    searcher: tantivy::Searcher,
    fields: Fields,
    words: Words,
    analyzer: Analyzer,
}

impl Searcher {
    /// Opens the index the last build of the site at `root` kept for `lang`.
    pub fn open(root: &Path, lang: &Lang) -> Result<Searcher, OpenError> {
        let dir = index_dir(root, lang);
        let words =
            std::fs::read(dir.join(WORDS_FILE)).map_err(|_| OpenError::Missing(dir.clone()))?;
        let words: Words =
            serde_json::from_slice(&words).map_err(|e| OpenError::Broken(e.to_string()))?;
        let broken = |e: tantivy::TantivyError| OpenError::Broken(e.to_string());
        let analyzer = Analyzer::new(lang);
        let index = index::open(&dir, &analyzer).map_err(broken)?;
        let fields = Fields::of(&index).map_err(broken)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(broken)?;
        Ok(Searcher {
            searcher: reader.searcher(),
            fields,
            words,
            analyzer,
        })
    }

    /// The best results for `request`, best first.
    pub fn search(&self, request: &Request) -> tantivy::Result<Vec<Hit>> {
        let parsed = self
            .words
            .parse(&self.analyzer, request.query, request.typing);
        let words = word_queries(&self.fields, &parsed.groups);
        let snippets = if words.is_empty() {
            None
        } else {
            // A passage is chosen for all the words at once, whatever their scores.
            let text = BooleanQuery::new(
                words
                    .iter()
                    .map(|q| (Occur::Should, q.box_clone()))
                    .collect(),
            );
            let mut generator = SnippetGenerator::create(&self.searcher, &text, self.fields.body)?;
            generator.set_max_num_chars(SNIPPET_CHARS);
            Some(generator)
        };
        let mut hits = Vec::new();
        for (score, address, direct) in self.ranked(&parsed.direct, words, request.kind)? {
            if hits.len() == request.limit {
                break;
            }
            let hit = self.hit(address, score, direct, snippets.as_ref())?;
            // Items the query names are found whatever their kind.
            if request.kind.is_none_or(|k| k == hit.kind) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// The items named first, in their order, then every document the words match: more
    /// words matched first, then by score, then by id (as the browser orders them).
    fn ranked(
        &self,
        direct: &[u32],
        words: Vec<Box<dyn Query>>,
        kind: Option<&str>,
    ) -> tantivy::Result<Vec<(Score, DocAddress, bool)>> {
        let matches = self.matches(words, kind)?;
        let addresses = if direct.is_empty() {
            HashMap::new()
        } else {
            self.addresses()?
        };
        let named = direct.iter().map(|&id| u64::from(id));
        let mut ranked: Vec<(Score, DocAddress, bool)> = named
            .clone()
            .filter_map(|id| {
                let score = matches.get(&id).map_or(0.0, |m| m.score);
                addresses.get(&id).map(|&address| (score, address, true))
            })
            .collect();
        let mut rest: Vec<(u64, Match)> = matches
            .into_iter()
            .filter(|(id, _)| !named.clone().any(|d| d == *id))
            .collect();
        rest.sort_by(|(a_id, a), (b_id, b)| {
            b.words
                .cmp(&a.words)
                .then(b.score.total_cmp(&a.score))
                .then(a_id.cmp(b_id))
        });
        ranked.extend(rest.into_iter().map(|(_, m)| (m.score, m.address, false)));
        Ok(ranked)
    }

    /// The result for one document.
    fn hit(
        &self,
        address: DocAddress,
        score: Score,
        direct: bool,
        snippets: Option<&SnippetGenerator>,
    ) -> tantivy::Result<Hit> {
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let snippet = snippets.map(|g| g.snippet_from_doc(&doc));
        let (snippet, passage) = match snippet.filter(|s| !s.is_empty()) {
            Some(s) => (
                s.to_html(),
                (s.fragment().to_string(), s.highlighted().to_vec()),
            ),
            // No word of the query in the body: its beginning.
            None => {
                let start = excerpt(&text(self.fields.body).unwrap_or_default());
                (crate::html::escape(&start), (start, Vec::new()))
            }
        };
        Ok(Hit {
            title: text(self.fields.title).unwrap_or_default(),
            url: text(self.fields.url).unwrap_or_default(),
            score,
            kind: text(self.fields.kind).unwrap_or_default(),
            plan: text(self.fields.plan),
            number: text(self.fields.number),
            country: text(self.fields.country),
            direct,
            snippet,
            passage,
        })
    }

    /// `query`, restricted to one kind without changing its scores.
    fn filtered(&self, query: Box<dyn Query>, kind: Option<&str>) -> Box<dyn Query> {
        let Some(kind) = kind else { return query };
        let kind = TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            IndexRecordOption::Basic,
        );
        Box::new(BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(kind), 0.0)),
            ),
            (Occur::Must, query),
        ]))
    }

    /// Every document some word matches, by id: how many words it matches and its score,
    /// the sum of the words' weighted scores (as the browser adds them up, word by word).
    fn matches(
        &self,
        words: Vec<Box<dyn Query>>,
        kind: Option<&str>,
    ) -> tantivy::Result<HashMap<u64, Match>> {
        let mut matches: HashMap<u64, Match> = HashMap::new();
        for word in words {
            let query = self.filtered(word, kind);
            let weight = query.weight(EnableScoring::enabled_from_searcher(&self.searcher))?;
            for (ordinal, segment) in self.searcher.segment_readers().iter().enumerate() {
                let id_and_weight = ids_and_weights(segment)?;
                weight.for_each(segment, &mut |doc, score| {
                    let (id, weight) = id_and_weight(doc);
                    let address = DocAddress::new(ordinal as u32, doc);
                    let found = matches.entry(id).or_insert(Match {
                        words: 0,
                        score: 0.0,
                        address,
                    });
                    found.words += 1;
                    found.score += score * weight;
                })?;
            }
        }
        Ok(matches)
    }

    /// Every document's address, by id.
    fn addresses(&self) -> tantivy::Result<HashMap<u64, DocAddress>> {
        let mut addresses = HashMap::new();
        for (ordinal, segment) in self.searcher.segment_readers().iter().enumerate() {
            let ids = segment.fast_fields().u64("id")?;
            for doc in 0..segment.max_doc() {
                if let Some(id) = ids.first(doc) {
                    addresses.insert(id, DocAddress::new(ordinal as u32, doc));
                }
            }
        }
        Ok(addresses)
    }
}

/// A document some words of the query match.
struct Match {
    /// How many of the query's words it matches.
    words: usize,
    /// The sum of their weighted scores.
    score: Score,
    address: DocAddress,
}

/// Each word's query: the best of its terms' [`term_query`]s.
fn word_queries(fields: &Fields, groups: &[Vec<String>]) -> Vec<Box<dyn Query>> {
    groups
        .iter()
        .map(|terms| match &terms[..] {
            [term] => term_query(fields, term),
            _ => Box::new(DisjunctionMaxQuery::new(
                terms.iter().map(|t| term_query(fields, t)).collect(),
            )),
        })
        .collect()
}

/// Results as the terminal shows them: rank, title, URL, score and snippet, the
/// query's words between `open` and `close`.
pub fn format_hits(hits: &[Hit], open: &str, close: &str) -> String {
    let mut out = String::new();
    for (rank, hit) in hits.iter().enumerate() {
        let (text, ranges) = &hit.passage;
        let mut passage = String::new();
        let mut at = 0;
        for range in ranges {
            passage.push_str(&text[at..range.start]);
            let _ = write!(passage, "{open}{}{close}", &text[range.clone()]);
            at = range.end;
        }
        passage.push_str(&text[at..]);
        let _ = writeln!(
            out,
            "{}. {}  {}  ({:.4})\n   {}",
            rank + 1,
            hit.title,
            hit.url,
            hit.score,
            passage.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
    out
}
