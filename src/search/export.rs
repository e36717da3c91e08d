//! The static index the browser searches, under `search/<lang>/`, sharded so that a
//! query downloads the manifest, one term shard per word, then the document shards of
//! the results it shows: two rounds of requests, never the whole index.
//!
//! - `index.json`, the manifest: the rules' constants, stop words, kind words and plan
//!   ids, the first key of every shard, facet values as ranges of document ids (ids are
//!   sorted by kind, plan and country) and their names. Shards are sized so that this
//!   list of keys and one shard weigh about the same (see `split`).
//! - `t<n>.json`, terms: `{"w": {surface word: term}, "n": {number: [[id, kind, plan],
//!   …]}, "p": {term: postings}}`, words, numbers and terms in one sorted run cut into
//!   ranges, never between a word and its term; a word's completions are the ranges
//!   from the word to the word followed by U+FFFF. A term that is a prefix of its word
//!   is written as its length in characters. The postings are pairs (id gap, score) of
//!   base-32 digits, `0-9A-V` ending a number and `W-Za-z-_` continuing it; the score
//!   is the term's BM25 contribution to the document as tantivy computes it
//!   ([`term_query`]) times the document's weight ([`weight`](super::index::weight)),
//!   in units of 1/100 000 (`SCALE`).
//! - `d<n>.json`, documents by id range (of `DOCS_PER_SHARD`): `[[title, url,
//!   excerpt], …]`.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use tantivy::query::EnableScoring;
use tantivy::{Index, ReloadPolicy};

use super::documents::SearchDoc;
use super::index::{ids_and_weights, term_query, Fields};
use super::labels::Labels;
use super::words::{js_cmp, Words, EXPANSIONS, MAX_WORDS, MIN_FALLBACK_CHARS, MIN_FUZZY_CHARS};
use crate::model::Lang;
use crate::outputs::OutputFile;

/// Exported scores are integers in units of 1/SCALE: the browser's sum of up to
/// [`MAX_WORDS`] rounded contributions stays within 1e-4 of tantivy's score.
const SCALE: f64 = 100_000.0;
/// The smallest shard worth a request.
const MIN_SHARD_BYTES: usize = 512;
/// Documents per document shard: a query fetches the shards of the results it shows,
/// and the other documents of each shard are bytes it did not need. Measured at
/// 10,000 pages for «cooperación internacional» typed after another query (bench/
/// RESULTS.md, issue 19): 8 per shard downloaded 132 KiB, 4 downloaded 101, 2 downloaded
/// 82, and 1 71, while the Spanish index grew from 612 to 945, 1,611 and 2,943 files.
/// Four keeps every query under half of Pagefind's bytes with a third more files;
/// creating files is a large part of a big build's time on disk.
const DOCS_PER_SHARD: usize = 4;
/// Characters of body text a result shows.
const EXCERPT_CHARS: usize = 200;

/// The digits of the postings encoding: the first 32 end a number, the rest continue it.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The static index of one language, as files under `search/<lang>/`.
pub fn export(
    lang: &Lang,
    index: &Index,
    docs: &[SearchDoc],
    words: &Words,
    labels: &Labels,
) -> tantivy::Result<Vec<OutputFile>> {
    let dir = format!("search/{lang}");
    let file = |name: String, bytes: Vec<u8>| OutputFile {
        path: format!("{dir}/{name}").into(),
        bytes,
    };
    let mut files = Vec::new();
    let (term_keys, terms) = term_shards(index, words)?;
    for (n, shard) in terms.into_iter().enumerate() {
        files.push(file(format!("t{n}.json"), shard));
    }
    for (n, chunk) in docs.chunks(DOCS_PER_SHARD).enumerate() {
        let shard: Vec<Value> = chunk
            .iter()
            .map(|d| json!([d.title, d.url, excerpt(&d.body)]))
            .collect();
        files.push(file(format!("d{n}.json"), json_bytes(&shard)));
    }
    let manifest = json!({
        "docs": docs.len(),
        "docsPerShard": DOCS_PER_SHARD,
        "scale": SCALE,
        "maxWords": MAX_WORDS,
        "expansions": EXPANSIONS,
        "minFallback": MIN_FALLBACK_CHARS,
        "minFuzzy": MIN_FUZZY_CHARS,
        "stop": words.stop,
        "kinds": words.kinds,
        "plans": words.plans,
        "terms": term_keys,
        "facets": {
            "kind": ranges(docs, |d| Some(d.kind)),
            "plan": ranges(docs, |d| d.plan.as_deref()),
            "country": ranges(docs, |d| d.country.as_deref()),
        },
        "labels": labels,
    });
    files.push(file("index.json".into(), json_bytes(&manifest)));
    Ok(files)
}

/// What one key of the term run is: a surface word (its term), an item number (the
/// items it names) and a term (its postings), any of the three.
#[derive(Default)]
struct KeyEntry {
    word: Option<Value>,
    number: Option<Value>,
    postings: Option<String>,
}

/// Term shards and the first key of each: surface words, item numbers and terms in one
/// sorted run, so that a word, its completions, a number and the postings of the
/// words' terms are found by key. No shard starts between a word and its term, so a
/// word's shard holds its term's postings: a query needs one round of requests for its
/// words before the documents, not two.
fn term_shards(index: &Index, words: &Words) -> tantivy::Result<(Vec<String>, Vec<Vec<u8>>)> {
    let mut entries: BTreeMap<String, KeyEntry> = BTreeMap::new();
    for (word, term) in &words.vocabulary {
        let spec = match word.strip_prefix(term.as_str()) {
            Some(_) => json!(term.chars().count()),
            None => json!(term),
        };
        entries.entry(word.clone()).or_default().word = Some(spec);
    }
    for (number, items) in &words.numbers {
        let items: Vec<Value> = items.iter().map(|i| json!([i.0, i.1, i.2])).collect();
        entries.entry(number.clone()).or_default().number = Some(json!(items));
    }
    for (term, postings) in postings(index, words)? {
        entries.entry(term).or_default().postings = Some(postings);
    }
    let mut entries: Vec<(String, KeyEntry)> = entries.into_iter().collect();
    entries.sort_by(|a, b| js_cmp(&a.0, &b.0));
    let tied = tied_to_previous(&entries, words);
    let entries = entries
        .into_iter()
        .zip(tied)
        .map(|((key, entry), tied)| {
            let size = key.len()
                + 6
                + entry
                    .word
                    .iter()
                    .chain(&entry.number)
                    .map(|v| v.to_string().len())
                    .sum::<usize>()
                + entry
                    .postings
                    .as_ref()
                    .map_or(0, |p| key.len() + p.len() + 6);
            (key.clone(), (key, entry), size, tied)
        })
        .collect();
    Ok(split(entries)
        .into_iter()
        .map(|(key, shard)| {
            let mut w = serde_json::Map::new();
            let mut n = serde_json::Map::new();
            let mut p = serde_json::Map::new();
            for (key, entry) in shard {
                if let Some(spec) = entry.word {
                    w.insert(key.clone(), spec);
                }
                if let Some(items) = entry.number {
                    n.insert(key.clone(), items);
                }
                if let Some(postings) = entry.postings {
                    p.insert(key, Value::String(postings));
                }
            }
            (key, json_bytes(&json!({ "w": w, "n": n, "p": p })))
        })
        .unzip())
}

/// For each key of the sorted run, whether it must stay in the shard of the key before
/// it: true for every key strictly after a word's or its term's position and up to the
/// other's, so that no shard starts between the two.
fn tied_to_previous(entries: &[(String, KeyEntry)], words: &Words) -> Vec<bool> {
    let position: std::collections::HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, (key, _))| (key.as_str(), i))
        .collect();
    // +1 where a tied stretch begins, -1 after it ends; a running sum above 0 is tied.
    let mut changes = vec![0i32; entries.len() + 1];
    for (word, term) in &words.vocabulary {
        let (a, b) = (position[word.as_str()], position[term.as_str()]);
        let (low, high) = (a.min(b), a.max(b));
        if low < high {
            changes[low + 1] += 1;
            changes[high + 1] -= 1;
        }
    }
    let mut open = 0;
    changes[..entries.len()]
        .iter()
        .map(|change| {
            open += change;
            open > 0
        })
        .collect()
}

/// Every term's postings, encoded: its contribution to every document it occurs in,
/// as tantivy scores [`term_query`], times the document's weight.
fn postings(index: &Index, words: &Words) -> tantivy::Result<Vec<(String, String)>> {
    let fields = Fields::of(index)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut terms: Vec<&String> = words.vocabulary.values().collect();
    terms.sort_unstable();
    terms.dedup();
    let mut encoded = Vec::with_capacity(terms.len());
    for term in terms {
        let weight =
            term_query(&fields, term).weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let mut postings: Vec<(u64, u64)> = Vec::new();
        for segment in searcher.segment_readers() {
            let id_and_weight = ids_and_weights(segment)?;
            weight.for_each(segment, &mut |doc, score| {
                let (id, weight) = id_and_weight(doc);
                postings.push((id, units(score * weight)));
            })?;
        }
        postings.sort_unstable();
        let mut code = String::new();
        let mut previous = 0;
        for (id, units) in postings {
            push_number(&mut code, id - previous);
            push_number(&mut code, units);
            previous = id;
        }
        encoded.push((term.clone(), code));
    }
    Ok(encoded)
}

/// Cuts sorted `(key, entry, bytes, tied)` into shards, each named by its first key; an
/// entry `tied` to the one before never starts a shard. A query downloads the
/// manifest's list of first keys and one shard per word: shards of
/// sqrt(total bytes × key bytes) make the two about equal and their sum smallest,
/// whatever the size of the corpus.
fn split<T>(entries: Vec<(String, T, usize, bool)>) -> Vec<(String, Vec<T>)> {
    let total: usize = entries.iter().map(|e| e.2).sum();
    let key_bytes: usize = entries.iter().map(|e| e.0.len() + 3).sum();
    let average_key = key_bytes / entries.len().max(1);
    let target = ((total * average_key) as f64).sqrt() as usize;
    let target = target.max(MIN_SHARD_BYTES);
    let mut shards: Vec<(String, Vec<T>)> = Vec::new();
    let mut size = 0;
    for (key, entry, bytes, tied) in entries {
        match shards.last_mut() {
            Some((_, shard)) if size < target || tied => shard.push(entry),
            _ => {
                shards.push((key, vec![entry]));
                size = 0;
            }
        }
        size += bytes;
    }
    shards
}

/// A score as exported: an integer number of 1/[`SCALE`] units.
fn units(score: f32) -> u64 {
    (f64::from(score) * SCALE).round().max(0.0) as u64
}

/// Appends `n` in the postings encoding: base-32 digits, most significant first.
fn push_number(out: &mut String, n: u64) {
    let mut digits = vec![n % 32];
    let mut rest = n / 32;
    while rest > 0 {
        digits.push(rest % 32);
        rest /= 32;
    }
    for (i, digit) in digits.iter().enumerate().rev() {
        let continues = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[(digit + continues) as usize] as char);
    }
}

/// The start of a body: whitespace collapsed, cut at a word.
pub(super) fn excerpt(body: &str) -> String {
    crate::markdown::excerpt(body, EXCERPT_CHARS)
}

/// For each value of a facet, the id ranges holding it, as `[start, end, start, end …]`
/// with `end` exclusive.
fn ranges<'d>(
    docs: &'d [SearchDoc],
    value: impl Fn(&'d SearchDoc) -> Option<&'d str>,
) -> BTreeMap<&'d str, Vec<usize>> {
    let mut ranges: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        if let Some(value) = value(doc) {
            let list = ranges.entry(value).or_default();
            match list.last_mut() {
                Some(end) if *end == id => *end = id + 1,
                _ => list.extend([id, id + 1]),
            }
        }
    }
    ranges
}

fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("JSON values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoder `search.js` uses, for the round trip.
    fn decode(text: &str) -> Vec<u64> {
        let mut numbers = Vec::new();
        let mut value = 0;
        for c in text.bytes() {
            let digit = DIGITS.iter().position(|&d| d == c).unwrap() as u64;
            value = value * 32 + (digit & 31);
            if digit < 32 {
                numbers.push(value);
                value = 0;
            }
        }
        numbers
    }

    #[test]
    fn postings_numbers_round_trip() {
        let numbers = [
            0,
            1,
            31,
            32,
            1023,
            1024,
            123_456,
            4_000_000,
            u32::MAX as u64,
        ];
        let mut text = String::new();
        for n in numbers {
            push_number(&mut text, n);
        }
        assert_eq!(decode(&text), numbers);
        assert_eq!(text.len(), 1 + 1 + 1 + 2 + 2 + 3 + 4 + 5 + 7);
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("  a\n b "), "a b");
        let long = "palabra ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.ends_with("palabra…") && cut.chars().count() <= EXCERPT_CHARS + 1);
    }
}
