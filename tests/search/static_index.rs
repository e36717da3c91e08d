//! A reader of the static index that follows `search.js` step by step, so that the
//! exported shards can be checked against `faro search` without a browser.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use faro::model::order::fold as normalize;
use faro::model::Lang;
use faro::search::analyzer::Analyzer;
use faro::search::words::one_edit_apart;
use serde_json::Value;

/// The static index of one language, read the way `search.js` reads it.
pub struct StaticIndex {
    dir: PathBuf,
    manifest: Value,
    analyzer: Analyzer,
    files: RefCell<HashMap<String, String>>,
}

impl StaticIndex {
    /// Opens `search/<lang>/` under the built site `public`.
    pub fn open(public: &Path, lang: &str) -> StaticIndex {
        let dir = public.join("search").join(lang);
        let manifest =
            serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap())
                .unwrap();
        StaticIndex {
            dir,
            manifest,
            analyzer: Analyzer::new(&Lang(lang.into())),
            files: RefCell::default(),
        }
    }

    fn file(&self, name: &str) -> String {
        self.files
            .borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| std::fs::read_to_string(self.dir.join(name)).unwrap())
            .clone()
    }

    fn number(&self, key: &str) -> usize {
        self.manifest[key].as_u64().unwrap() as usize
    }

    /// The last shard whose first key is not after `key`, in JavaScript's string order.
    fn shard_of(&self, list: &str, key: &str) -> Option<usize> {
        let keys = self.manifest[list].as_array().unwrap();
        keys.iter()
            .rposition(|k| k.as_str().unwrap().encode_utf16().le(key.encode_utf16()))
    }

    /// The term shard that would hold `key`: a word, a number or a term.
    fn shard(&self, key: &str) -> Value {
        match self.shard_of("terms", key) {
            Some(n) => serde_json::from_str(&self.file(&format!("t{n}.json"))).unwrap(),
            None => serde_json::json!({ "w": {}, "n": {}, "p": {} }),
        }
    }

    fn term_of(shard: &Value, word: &str) -> Option<String> {
        match &shard["w"][word] {
            Value::Number(n) => Some(word.chars().take(n.as_u64().unwrap() as usize).collect()),
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }

    fn completions(&self, prefix: &str) -> Vec<String> {
        let Some(last) = self.shard_of("terms", &format!("{prefix}\u{ffff}")) else {
            return Vec::new();
        };
        let first = self.shard_of("terms", prefix).unwrap_or(0);
        let mut known: Vec<(String, String)> = Vec::new();
        for n in first..=last {
            let shard: Value = serde_json::from_str(&self.file(&format!("t{n}.json"))).unwrap();
            for word in shard["w"].as_object().unwrap().keys() {
                if word.starts_with(prefix) {
                    known.push((word.clone(), Self::term_of(&shard, word).unwrap()));
                }
            }
        }
        known.sort_by(|a, b| {
            (a.0.chars().count(), a.0.encode_utf16().collect::<Vec<_>>())
                .cmp(&(b.0.chars().count(), b.0.encode_utf16().collect::<Vec<_>>()))
        });
        self.distinct_terms(known)
    }

    /// The terms of sorted `(word, term)` pairs, each once, at most `expansions`.
    fn distinct_terms(&self, known: Vec<(String, String)>) -> Vec<String> {
        let mut terms: Vec<String> = Vec::new();
        for (_, term) in known {
            if !terms.contains(&term) {
                terms.push(term);
            }
            if terms.len() == self.number("expansions") {
                break;
            }
        }
        terms
    }

    fn terms(&self, word: &str, prefix: bool) -> Vec<String> {
        if prefix {
            return self.completions(word);
        }
        if self.manifest["stop"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == word)
        {
            return Vec::new();
        }
        if let Some(term) = Self::term_of(&self.shard(word), word) {
            return vec![term];
        }
        let letters: Vec<char> = word.chars().collect();
        if letters.len() < self.number("minFallback") {
            return Vec::new();
        }
        let completed = self.completions(word);
        if !completed.is_empty() {
            return completed;
        }
        if letters.len() >= self.number("minFuzzy") {
            let near = self.one_typo_away(word);
            if !near.is_empty() {
                return near;
            }
        }
        (self.number("minFallback")..letters.len())
            .rev()
            .map(|n| self.completions(&letters[..n].iter().collect::<String>()))
            .find(|terms| !terms.is_empty())
            .unwrap_or_default()
    }

    /// The terms of the known words one typo away that begin with the word's first
    /// letter, read from the shards of that letter's words.
    fn one_typo_away(&self, word: &str) -> Vec<String> {
        let first: String = word.chars().take(1).collect();
        let Some(last) = self.shard_of("terms", &format!("{first}\u{ffff}")) else {
            return Vec::new();
        };
        let mut known: Vec<(String, String)> = Vec::new();
        for n in self.shard_of("terms", &first).unwrap_or(0)..=last {
            let shard: Value = serde_json::from_str(&self.file(&format!("t{n}.json"))).unwrap();
            for candidate in shard["w"].as_object().unwrap().keys() {
                if one_edit_apart(word, candidate) {
                    known.push((candidate.clone(), Self::term_of(&shard, candidate).unwrap()));
                }
            }
        }
        known.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        self.distinct_terms(known)
    }

    fn direct(&self, query: &str) -> Vec<u64> {
        let (mut plans, mut kinds, mut numbers) = (vec![], vec![], vec![]);
        for raw in query.split_whitespace().take(self.number("maxWords")) {
            let word = normalize(raw.trim_matches(|c: char| !c.is_alphanumeric()));
            if word.is_empty() {
                continue;
            }
            if self.manifest["plans"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p == &word)
            {
                plans.push(word);
            } else if let Some(kind) = self.manifest["kinds"][&word].as_str() {
                kinds.push(kind.to_string());
            } else if let Some(items) = self.shard(&word)["n"][&word].as_array() {
                numbers.push(items.clone());
            } else {
                return Vec::new();
            }
        }
        if numbers.len() != 1 || (plans.is_empty() && kinds.is_empty()) {
            return Vec::new();
        }
        numbers[0]
            .iter()
            .filter(|item| {
                (kinds.is_empty() || kinds.iter().any(|k| item[1] == *k))
                    && (plans.is_empty() || plans.iter().any(|p| item[2] == *p))
            })
            .map(|item| item[0].as_u64().unwrap())
            .collect()
    }

    fn postings(&self, term: &str) -> HashMap<u64, u64> {
        const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
        let name = format!("t{}.json", self.shard_of("terms", term).unwrap());
        // The browser asks for a word's shard once: its term's postings must be there.
        assert!(
            self.files.borrow().contains_key(&name),
            "the postings of `{term}` are in {name}, not in a shard of its words"
        );
        let shard: Value = serde_json::from_str(&self.file(&name)).unwrap();
        let Some(code) = shard["p"][term].as_str() else {
            return HashMap::new();
        };
        let mut numbers = Vec::new();
        let mut value = 0;
        for c in code.chars() {
            let digit = DIGITS.find(c).unwrap() as u64;
            value = value * 32 + (digit & 31);
            if digit < 32 {
                numbers.push(value);
                value = 0;
            }
        }
        let mut id = 0;
        numbers
            .chunks(2)
            .map(|pair| {
                id += pair[0];
                (id, pair[1])
            })
            .collect()
    }

    /// The `limit` best results: URL and score.
    pub fn top(&self, query: &str, typing: bool, limit: usize) -> Vec<(String, f64)> {
        let mut words = self.analyzer.words(query);
        words.truncate(self.number("maxWords"));
        let last = words.len().saturating_sub(1);
        let mut totals: HashMap<u64, u64> = HashMap::new();
        let mut matched: HashMap<u64, usize> = HashMap::new();
        for (i, word) in words.iter().enumerate() {
            let prefix = typing && i == last && word.chars().count() >= 2;
            let mut best: HashMap<u64, u64> = HashMap::new();
            for term in self.terms(word, prefix) {
                for (id, units) in self.postings(&term) {
                    let slot = best.entry(id).or_default();
                    *slot = (*slot).max(units);
                }
            }
            for (id, units) in best {
                *totals.entry(id).or_default() += units;
                *matched.entry(id).or_default() += 1;
            }
        }
        let direct = self.direct(query);
        let mut rest: Vec<(u64, u64)> = totals
            .iter()
            .filter(|(id, _)| !direct.contains(id))
            .map(|(&id, &units)| (id, units))
            .collect();
        rest.sort_by(|a, b| {
            matched[&b.0]
                .cmp(&matched[&a.0])
                .then(b.1.cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        let ranked = direct
            .iter()
            .map(|id| (*id, totals.get(id).copied().unwrap_or(0)))
            .chain(rest);
        let scale = self.manifest["scale"].as_f64().unwrap();
        let per_shard = self.number("docsPerShard") as u64;
        ranked
            .take(limit)
            .map(|(id, units)| {
                let shard: Value =
                    serde_json::from_str(&self.file(&format!("d{}.json", id / per_shard))).unwrap();
                let url = shard[(id % per_shard) as usize][1]
                    .as_str()
                    .unwrap()
                    .to_string();
                (url, units as f64 / scale)
            })
            .collect()
    }
}
