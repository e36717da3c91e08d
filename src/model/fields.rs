//! Every problem of a file's front matter in one run, not one per run.
//!
//! serde stops at the first error, so a file with a misspelt key, a value of the wrong
//! type and a missing key used to take three rounds of `faro check`. When the typed
//! parse fails, this module parses the TOML once more, keeping spans, and asks serde
//! about each key on its own: a table holding only that key fails for that key's
//! reason alone (serde checks keys and values in order, and missing keys only at the
//! end). Missing keys are then found one by one, each filled with a stand-in value so
//! that serde moves on to the next. Each error keeps the span toml gives it, so it
//! points at the line and column of the very value (or key) at fault.
//!
//! Why not the `eserde` crate, which collects errors the same way: its path-tracking
//! deserializer is private to it and its own TOML support is on toml 0.8 (faro is on
//! toml 1), so its errors could not be placed; and with `deny_unknown_fields` its
//! collection stops at the first unknown key, which is the commonest slip here.
//!
//! Directory and service entries get more (see [`super::unparsed`]): the checks on
//! their contacts, languages and verification date run on the raw TOML values.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue, Error};
use toml::Spanned;

use crate::diagnostic::did_you_mean;

/// Why front matter could not become a a kind's struct.
pub enum MetaError {
    /// The TOML does not parse.
    Toml(toml::de::Error),
    /// The TOML parses but does not fit the kind: every problem, in file order.
    Fields(Vec<toml::de::Error>),
    /// `kind` names no known kind.
    UnknownKind(String),
}

/// Stand-ins for a missing key, tried in turn until serde accepts one: they cover
/// strings, numbers, pairs of years, lists, tables and flags. An enum takes the
/// first of the variants its error lists.
const STAND_INS: &str =
    "string = \"\"\nnumber = 0\npair = [0, 0]\nlist = []\ntable = {}\nflag = false\nday = 2000-01-01\n";

/// More missing keys than any front matter struct has fields: a bound on the search.
const MAX_MISSING: usize = 64;

/// The span given to the table as a whole: empty, at the start, so that an error
/// about the table (a missing key) points at the first line, and so that it can be
/// told from an error about a key's value, whose span is never empty.
const TABLE: Range<usize> = 0..0;

/// Parses front matter into `T`, or says everything that is wrong with it: a TOML
/// syntax error alone (nothing else can be known then), else every key's problem.
pub fn from_str<T: DeserializeOwned>(front: &str) -> Result<T, MetaError> {
    let first = match toml::from_str(front) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let table = match DeTable::parse(front) {
        Ok(table) => table.into_inner(),
        Err(e) => return Err(MetaError::Toml(e)),
    };
    let mut errors = key_errors::<T>(&table);
    // Should the probing miss what serde saw, serde's own error still gets through.
    if errors.is_empty() {
        errors.push(first);
    }
    Err(MetaError::Fields(errors))
}

/// The keys a file of `T` cannot do without, in the order serde asks for them.
pub fn required<T: DeserializeOwned>() -> Vec<String> {
    missing_keys::<T>(DeTable::new(), &DeTable::new(), &[])
        .iter()
        .filter_map(missing_key)
        .map(str::to_string)
        .collect()
}

/// Deserializes `T` from `table`, which has the span [`TABLE`].
fn deserialize<T: DeserializeOwned>(table: DeTable<'_>) -> Result<T, Error> {
    T::deserialize(toml::de::Deserializer::from(Spanned::new(TABLE, table)))
}

/// Each key's problem, then each missing key, in the order of the file.
fn key_errors<T: DeserializeOwned>(table: &DeTable<'_>) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut valid = DeTable::new();
    let mut unknown = Vec::new();
    for (key, value) in table {
        let alone: DeTable = std::iter::once((key.clone(), value.clone())).collect();
        match deserialize::<T>(alone) {
            Err(e) if is_about(&e, key.span().start..value.span().end) => {
                if e.message().starts_with("unknown field") {
                    unknown.push(key.get_ref().as_ref());
                }
                errors.push(e);
            }
            // Accepted, or only rejected for lacking other keys.
            _ => {
                valid.insert(key.clone(), value.clone());
            }
        }
    }
    errors.extend(missing_keys::<T>(valid, table, &unknown));
    errors.sort_by_key(|e| e.span().map_or(0, |span| span.start));
    errors
}

/// Whether error `e`, from a table holding one key written at `written`, is about
/// that key rather than about the keys the table lacks.
fn is_about(e: &Error, written: Range<usize>) -> bool {
    match e.span() {
        Some(span) if span == TABLE => false,
        Some(span) => written.start <= span.start && span.end <= written.end,
        None => missing_key(e).is_none(),
    }
}

/// The key a "missing field" error names.
fn missing_key(e: &Error) -> Option<&str> {
    e.message()
        .trim()
        .strip_prefix("missing field `")?
        .strip_suffix('`')
}

/// Every required key `valid` lacks that is neither `written` nor like an `unknown`
/// key: a key written with a bad value, or misspelt, has its own error, which says
/// what to write. serde names only the first missing key; filling it with a stand-in lets it
/// name the next.
fn missing_keys<T: DeserializeOwned>(
    mut valid: DeTable<'_>,
    written: &DeTable<'_>,
    unknown: &[&str],
) -> Vec<Error> {
    let mut errors = Vec::new();
    for _ in 0..MAX_MISSING {
        let Err(e) = deserialize::<T>(valid.clone()) else {
            break;
        };
        let Some(key) = missing_key(&e).map(str::to_string) else {
            break;
        };
        let misspelt = did_you_mean(&key, unknown.iter().copied());
        if !written.contains_key(key.as_str()) && misspelt.is_none() {
            errors.push(e);
        }
        let Some(stand_in) = stand_in::<T>(&valid, &key) else {
            break;
        };
        valid.insert(Spanned::new(0..0, Cow::Owned(key)), stand_in);
    }
    errors
}

/// A value for `key` that serde accepts, so that it goes on to the next missing key.
fn stand_in<'i, T: DeserializeOwned>(
    valid: &DeTable<'i>,
    key: &str,
) -> Option<Spanned<DeValue<'i>>> {
    let candidates = DeTable::parse(STAND_INS).ok()?.into_inner();
    for candidate in candidates.values() {
        let mut table = valid.clone();
        table.insert(
            Spanned::new(0..0, Cow::Owned(key.to_string())),
            candidate.clone(),
        );
        match deserialize::<T>(table) {
            Ok(_) => return Some(candidate.clone()),
            Err(e) if missing_key(&e).is_some_and(|k| k != key) => return Some(candidate.clone()),
            Err(e) => {
                if let Some(variant) = first_variant(e.message()) {
                    let value = DeValue::String(Cow::Owned(variant.to_string()));
                    return Some(Spanned::new(0..0, value));
                }
            }
        }
    }
    None
}

/// The first value an "unknown variant `x`, expected one of `a`, `b`" error allows.
fn first_variant(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown variant ")?;
    rest.split('`').skip(1).step_by(2).nth(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    #[allow(dead_code)] // only parsed
    enum Status {
        Draft,
        Adopted,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only parsed
    struct Plan {
        status: Status,
        period: [i32; 2],
        title: String,
        #[serde(default)]
        weight: i64,
    }

    fn problems(front: &str) -> Vec<String> {
        match from_str::<Plan>(front) {
            Ok(_) => Vec::new(),
            Err(MetaError::Fields(errors)) => errors
                .iter()
                .map(|e| {
                    let at = e.span().map_or(usize::MAX, |span| span.start);
                    format!("{at} {}", e.message().trim())
                })
                .collect(),
            Err(_) => vec!["not a field error".into()],
        }
    }

    #[test]
    fn missing_keys_behind_an_enum_and_a_pair_are_all_found() {
        assert_eq!(
            problems("weight = 1\n"),
            [
                "0 missing field `status`",
                "0 missing field `period`",
                "0 missing field `title`"
            ]
        );
    }

    #[test]
    fn each_bad_key_is_reported_at_its_own_span_in_file_order() {
        let front = "titel = \"A\"\nweight = \"x\"\nstatus = \"drafted\"\nperiod = [2020, 2021]\ntitle = \"A\"\n";
        let found = problems(front);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("0 unknown field `titel`"), "{found:?}");
        assert!(found[1].starts_with("21 invalid type"), "{found:?}");
        assert!(
            found[2].starts_with("34 unknown variant `drafted`"),
            "{found:?}"
        );
    }

    #[test]
    fn syntax_errors_stay_one_error() {
        assert!(matches!(
            from_str::<Plan>("title = = 1\n"),
            Err(MetaError::Toml(_))
        ));
    }

    #[test]
    fn the_first_allowed_variant_is_read_from_serde_s_message() {
        assert_eq!(
            first_variant("unknown variant ``, expected one of `draft`, `adopted`"),
            Some("draft")
        );
        assert_eq!(first_variant("invalid type: integer `0`"), None);
    }
}
