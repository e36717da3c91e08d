//! The relevance set (`relevance.tsv`, issue 21) and its figures: hits@1, hits@5 and the
//! mean reciprocal rank of the first answer in the top 10, per language and overall.
//! `bench/relevance.py` prints the same figures through `faro search --json`.

use std::collections::BTreeMap;
use std::fmt;

/// One query of the set and the URLs that answer it.
pub struct Judged {
    /// Language of the query and of its answers.
    pub lang: String,
    /// The query as a practitioner would type it.
    pub query: String,
    /// Site paths of the entries that answer it.
    pub answers: Vec<String>,
}

/// Every query of the set, in file order.
pub fn set() -> Vec<Judged> {
    include_str!("relevance.tsv")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            let lang = columns[0].to_string();
            let answers = columns[2]
                .split_whitespace()
                .map(|key| format!("/{lang}/{key}/"))
                .collect();
            Judged {
                query: columns[1].to_string(),
                lang,
                answers,
            }
        })
        .collect()
}

/// hits@1, hits@5 and MRR of a list of ranks (1-based; `None` when no answer is in the
/// top 10).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    /// How many queries.
    pub queries: usize,
    /// The share of queries answered first.
    pub hits1: f64,
    /// The share answered in the top 5.
    pub hits5: f64,
    /// The mean of 1 / rank of the first answer (0 when none is in the top 10).
    pub mrr: f64,
}

impl Figures {
    fn of(ranks: &[Option<usize>]) -> Figures {
        let n = ranks.len().max(1) as f64;
        let share = |keep: fn(usize) -> bool| {
            ranks.iter().flatten().filter(|&&r| keep(r)).count() as f64 / n
        };
        Figures {
            queries: ranks.len(),
            hits1: share(|r| r == 1),
            hits5: share(|r| r <= 5),
            mrr: ranks.iter().flatten().map(|&r| 1.0 / r as f64).sum::<f64>() / n,
        }
    }
}

/// The figures per language and overall (`all`), from each query's rank.
pub struct Report {
    /// The figures of each language's queries.
    pub by_lang: BTreeMap<String, Figures>,
    /// The figures of every query.
    pub all: Figures,
    /// The queries not answered first: language, query, rank.
    pub misses: Vec<(String, String, Option<usize>)>,
}

impl Report {
    /// Runs every query of `set` through `urls` (the top 10 URLs of a language's query).
    pub fn of(set: &[Judged], urls: impl Fn(&str, &str) -> Vec<String>) -> Report {
        let mut ranks: BTreeMap<String, Vec<Option<usize>>> = BTreeMap::new();
        let mut misses = Vec::new();
        for judged in set {
            let found = urls(&judged.lang, &judged.query)
                .iter()
                .position(|url| judged.answers.contains(url))
                .map(|i| i + 1);
            if found != Some(1) {
                misses.push((judged.lang.clone(), judged.query.clone(), found));
            }
            ranks.entry(judged.lang.clone()).or_default().push(found);
        }
        let all: Vec<Option<usize>> = ranks.values().flatten().copied().collect();
        Report {
            by_lang: ranks
                .iter()
                .map(|(lang, r)| (lang.clone(), Figures::of(r)))
                .collect(),
            all: Figures::of(&all),
            misses,
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "lang  queries  hits@1  hits@5    MRR")?;
        let rows = self.by_lang.iter().map(|(l, x)| (l.as_str(), x));
        for (lang, x) in rows.chain([("all", &self.all)]) {
            writeln!(
                f,
                "{lang:<5} {:>7} {:>7.3} {:>7.3} {:>6.3}",
                x.queries, x.hits1, x.hits5, x.mrr
            )?;
        }
        for (lang, query, rank) in &self.misses {
            writeln!(f, "  {lang} {query:?}: answer at {rank:?}")?;
        }
        Ok(())
    }
}
