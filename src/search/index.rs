//! The tantivy index of one language: its schema, how it is built, and the one query
//! per term whose score both `faro search` and the static index add up.

use std::collections::BTreeMap;
use std::path::Path;

use tantivy::directory::RamDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::SegmentReader;
use tantivy::{Index, IndexSettings, IndexWriter, TantivyDocument, Term};

use super::analyzer::{Analyzer, TOKENIZER};
use super::documents::SearchDoc;
use super::stems::Met;

/// How much more a word in the title counts than one in the body.
pub const TITLE_BOOST: f32 = 2.0;

/// Memory for the single indexing thread: far more than a site needs, so that the
/// index is one segment with documents in id order.
const WRITER_MEMORY: usize = 64_000_000;

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The document's id in the static index (its position in id order).
    pub id: Field,
    /// What its matches are worth ([`weight`]).
    pub weight: Field,
    /// The title, analyzed and stored.
    pub title: Field,
    /// The plain-text body, analyzed and stored for snippets.
    pub body: Field,
    /// Kind of content, as is.
    pub kind: Field,
    /// Work Plan id, as is.
    pub plan: Field,
    /// Item number, as is.
    pub number: Field,
    /// ISO alpha-2 country code, as is.
    pub country: Field,
    /// Language code.
    pub lang: Field,
    /// Site path.
    pub url: Field,
}

impl Fields {
    /// The schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            id: builder.add_u64_field("id", FAST | STORED),
            weight: builder.add_f64_field("weight", FAST),
            title: builder.add_text_field("title", text.clone()),
            body: builder.add_text_field("body", text),
            kind: builder.add_text_field("kind", STRING | STORED),
            plan: builder.add_text_field("plan", STRING | STORED),
            number: builder.add_text_field("number", STRING | STORED),
            country: builder.add_text_field("country", STRING | STORED),
            lang: builder.add_text_field("lang", STRING | STORED),
            url: builder.add_text_field("url", STRING | STORED),
        };
        (builder.build(), fields)
    }

    /// The fields of an index built by [`build`].
    pub fn of(index: &Index) -> tantivy::Result<Fields> {
        let schema = index.schema();
        let field = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: field("id")?,
            weight: field("weight")?,
            title: field("title")?,
            body: field("body")?,
            kind: field("kind")?,
            plan: field("plan")?,
            number: field("number")?,
            country: field("country")?,
            lang: field("lang")?,
            url: field("url")?,
        })
    }
}

/// An index built by [`build`].
pub struct Built {
    /// The index, to export from.
    pub index: Index,
    /// Its files, to persist.
    pub directory: RamDirectory,
    /// Every surface word of the texts that is not a stop word → the term the index
    /// holds for it.
    pub vocabulary: BTreeMap<String, String>,
}

/// Indexes `docs` (in id order) into memory.
pub fn build(analyzer: &Analyzer, lang: &str, docs: &[SearchDoc]) -> tantivy::Result<Built> {
    let (schema, fields) = Fields::schema();
    let directory = RamDirectory::create();
    let index = Index::create(directory.clone(), schema, IndexSettings::default())?;
    let met = Met::default();
    index.tokenizers().register(TOKENIZER, analyzer.text(&met));
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    for (id, doc) in docs.iter().enumerate() {
        let mut document = TantivyDocument::default();
        document.add_u64(fields.id, id as u64);
        document.add_f64(fields.weight, f64::from(weight(doc.kind)));
        document.add_text(fields.title, &doc.title);
        document.add_text(fields.body, &doc.body);
        document.add_text(fields.kind, doc.kind);
        document.add_text(fields.lang, lang);
        document.add_text(fields.url, &doc.url);
        for (field, value) in [
            (fields.plan, &doc.plan),
            (fields.number, &doc.number),
            (fields.country, &doc.country),
        ] {
            if let Some(value) = value {
                document.add_text(field, value);
            }
        }
        writer.add_document(document)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(Built {
        index,
        directory,
        vocabulary: met.take(),
    })
}

/// Opens the index persisted in `dir`, with its language's analyzer.
pub fn open(dir: &Path, analyzer: &Analyzer) -> tantivy::Result<Index> {
    let index = Index::open_in_dir(dir)?;
    index
        .tokenizers()
        .register(TOKENIZER, analyzer.text(&Met::default()));
    Ok(index)
}

/// The query for one term: BM25 in the title, boosted, plus BM25 in the body. Its score
/// for a document is what the static index exports as the term's contribution, and
/// `faro search` combines these same queries, so both add up the same numbers.
pub fn term_query(fields: &Fields, term: &str) -> Box<dyn Query> {
    let in_field = |field: Field| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        ))
    };
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(in_field(fields.title), TITLE_BOOST)),
        ),
        (Occur::Should, in_field(fields.body)),
    ]))
}

/// How much a match in a document of `kind` counts. Listings, sections and plain pages
/// quote or name the items they gather (a listing's epigraph quotes a directive, a
/// section's heading names its topic), and their short, boosted titles would otherwise
/// put them above the item that is about the words: their matches count for less. So
/// do an indicator, whose words are its directive's, and a directory edition, which
/// repeats its authorities' names.
/// Everything else (plan items, authorities, services, practices, countries, the plans
/// themselves, alignment rows) is what people look for and counts in full.
pub fn weight(kind: &str) -> f32 {
    match kind {
        "page" | "section" | "comparison" | "alignment" | "indicator" | "edition" => QUOTING_WEIGHT,
        _ => 1.0,
    }
}

/// The weight of documents that quote or name items rather than being them (see
/// [`weight`]).
pub const QUOTING_WEIGHT: f32 = 0.5;

/// For each document of `segment`, its id and weight: what a score of tantivy's for it
/// is multiplied by, on both sides, before it is summed or exported.
pub fn ids_and_weights(
    segment: &SegmentReader,
) -> tantivy::Result<impl Fn(tantivy::DocId) -> (u64, f32)> {
    let ids = segment.fast_fields().u64("id")?;
    let weights = segment.fast_fields().f64("weight")?;
    Ok(move |doc| {
        let id = ids.first(doc).unwrap_or_default();
        let weight = weights.first(doc).unwrap_or(1.0) as f32;
        (id, weight)
    })
}
