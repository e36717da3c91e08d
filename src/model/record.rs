//! Kinds declared by their struct alone. A declared kind is a serde struct that
//! implements [`Declared`] plus one [`super::kinds::Kind::declared`] row: from them
//! come its parsing (every problem of a file at once, unknown keys with "did you
//! mean"), the checks of its countries and plan items, its page, its listing and
//! facets, its open data, `faro new`'s template and the editors' form. Its entries
//! are [`Record`]s: the struct's own serialization, which every view reads. It
//! imports nothing of the model but the values and the schema, so that the model's
//! modules form no cycle.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use toml::de::DeTable;

use super::schema::{Field, Shape};
use super::values::{CountryCode, Translation};

/// What a declared kind's struct says of one of its entries beyond its fields. The
/// struct needs no `kind` key: the name written as `kind = "…"` is [`Declared::KIND`].
pub trait Declared: DeserializeOwned + Serialize + 'static {
    /// The name written as `kind = "…"`.
    const KIND: &'static str;
    /// The entry's title, in the file's language.
    fn title(&self) -> &str;
    /// The country the entry is about, if it is about one.
    fn country(&self) -> Option<&CountryCode> {
        None
    }
    /// Where its facts come from: a file under `sources/` or a web address.
    fn source(&self) -> Option<&str> {
        None
    }
    /// One sentence for listings and `<meta name="description">`.
    fn description(&self) -> Option<&str> {
        None
    }
    /// Whether the file's text is an official translation.
    fn translation(&self) -> Translation {
        Translation::Official
    }
}

/// An entry of a declared kind: what its struct said of it, and its fields as the
/// struct serializes them (keys in declaration order, empty values left out).
#[derive(Debug, Clone)]
pub struct Record {
    /// The kind's name.
    pub kind: &'static str,
    /// The entry's title.
    pub title: String,
    /// The country it is about, if any.
    pub country: Option<CountryCode>,
    /// Where its facts come from.
    pub source: Option<String>,
    /// Its one-sentence description.
    pub description: Option<String>,
    /// Official or unofficial translation.
    pub translation: Translation,
    /// Every field, by key, as the struct serializes it.
    pub fields: Map<String, Value>,
}

impl Record {
    /// The record of `value`, an entry of the declared kind `T`.
    pub fn of<T: Declared>(value: &T) -> Record {
        let fields = match serde_json::to_value(value) {
            Ok(Value::Object(fields)) => fields,
            // A struct serializes as an object; anything else has no fields to show.
            _ => Map::new(),
        };
        Record {
            kind: T::KIND,
            title: value.title().to_string(),
            country: value.country().cloned(),
            source: value.source().map(str::to_string),
            description: value.description().map(str::to_string),
            translation: value.translation(),
            fields: fields.into_iter().filter(|(_, v)| !is_empty(v)).collect(),
        }
    }
}

/// `front` with its `kind = "…"` written over by spaces, so that the struct does not
/// need the key and every error keeps its line and column.
pub fn without_kind(front: &str) -> String {
    let Ok(table) = DeTable::parse(front) else {
        // The syntax error is reported by the parse that follows.
        return front.to_string();
    };
    let span = table
        .get_ref()
        .iter()
        .find(|(key, _)| key.get_ref() == "kind")
        .map(|(key, value)| key.span().start..value.span().end);
    match span {
        Some(span) => {
            let mut text = front.to_string();
            text.replace_range(span.clone(), &" ".repeat(span.len()));
            text
        }
        None => front.to_string(),
    }
}

/// Whether a serialized value says nothing: no value, an empty text or list.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A value of a record's field, with the key it is written under.
pub struct Named<'a> {
    /// The key.
    pub key: &'static str,
    /// The value as written.
    pub value: &'a str,
}

/// Every value of `record` whose type is [`super::values`]' `name` (`CountryCode`,
/// `ItemRef` …), alone or in a list, as its kind's struct declares its fields.
fn values_of<'a>(record: &'a Record, schema: &[Field], name: &str) -> Vec<Named<'a>> {
    let is = |shape: &Shape| matches!(shape, Shape::Value(n) if *n == name);
    let mut found = Vec::new();
    for field in schema {
        let holds = is(&field.shape) || matches!(&field.shape, Shape::List(inner) if is(inner));
        let Some(value) = record.fields.get(field.name).filter(|_| holds) else {
            continue;
        };
        let values = match value {
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            other => other.as_str().into_iter().collect::<Vec<_>>(),
        };
        found.extend(values.into_iter().map(|value| Named {
            key: field.name,
            value,
        }));
    }
    found
}

/// The plan items (`2021-2026/13`, `2021-2026/m8`) a record names; `schema` is its
/// kind's.
pub fn items<'a>(record: &'a Record, schema: &[Field]) -> Vec<Named<'a>> {
    values_of(record, schema, "ItemRef")
}

/// The countries (ISO alpha-2 codes) a record names; `schema` is its kind's.
pub fn countries<'a>(record: &'a Record, schema: &[Field]) -> Vec<Named<'a>> {
    values_of(record, schema, "CountryCode")
}

/// The files a record holds by language (a field of files by language code, such as
/// a document's `files`): (language code, path or address).
pub fn files<'a>(record: &'a Record, schema: &[Field]) -> Vec<(&'a str, &'a str)> {
    let by_language = |shape: &Shape| matches!(shape, Shape::Map(inner) if matches!(inner.as_ref(), Shape::Value("FileRef")));
    schema
        .iter()
        .filter(|field| by_language(&field.shape))
        .filter_map(|field| record.fields.get(field.name)?.as_object())
        .flat_map(|files| {
            files
                .iter()
                .filter_map(|(lang, file)| Some((lang.as_str(), file.as_str()?)))
        })
        .collect()
}
