//! What a kind's front matter struct says of itself through serde: its keys and the
//! values of its enums. `faro new`'s templates and the documentation are checked
//! against these, so that the struct stays the one place a field is declared.

use std::cell::RefCell;

use serde::de::{self, DeserializeOwned, Visitor};
use serde::Deserialize;

/// The field names serde expects for `T`.
pub fn fields<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut probe = Probe::default();
    let _ = T::deserialize(&mut probe);
    probe.names
}

/// The values serde accepts for the enum `T`, e.g. `national-authority`.
pub fn variants<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    fields::<T>()
}

/// A deserializer that only records the field or variant names it is asked for.
#[derive(Default)]
struct Probe {
    names: &'static [&'static str],
}

impl<'de> de::Deserializer<'de> for &mut Probe {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.names = fields;
        Err(de::Error::custom("probe"))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.names = variants;
        Err(de::Error::custom("probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        identifier ignored_any
    }
}

/// What a key of front matter holds, as its type asks serde for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Free text.
    Text,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Flag,
    /// One of the values of an enum: its name (whose snake case prefixes the
    /// interface keys of its values' labels, `service_type_hotline`) and its values.
    Choice(&'static str, &'static [&'static str]),
    /// A value of a named type of [`super::values`]: `CountryCode`, `Phone`, `Date` …
    Value(&'static str),
    /// A list of values of one shape.
    List(Box<Shape>),
    /// A table from text keys (a language code, say) to values of one shape.
    Map(Box<Shape>),
    /// A table of keys of its own, or anything else the form does not edit.
    Other,
}

/// One key of a kind's front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The key.
    pub name: &'static str,
    /// What it holds.
    pub shape: Shape,
    /// Whether a file without it is refused.
    pub required: bool,
}

/// Every key of `T`'s front matter, in declaration order, with its shape and whether
/// it is required: what the editors' form and the documentation are made from.
pub fn schema<T: DeserializeOwned>() -> Vec<Field> {
    let required = super::fields::required::<T>();
    fields::<T>()
        .iter()
        .map(|&name| Field {
            name,
            shape: shape_of::<T>(name),
            required: required.iter().any(|r| r == name),
        })
        .collect()
}

/// The shape of `T`'s key `name`: `T` is handed a table with that key alone, and the
/// value's deserializer records what it is asked for.
fn shape_of<T: DeserializeOwned>(name: &'static str) -> Shape {
    let found = RefCell::new(None);
    let _ = T::deserialize(OneKey {
        name,
        found: &found,
    });
    found.into_inner().unwrap_or(Shape::Other)
}

/// A table holding one key, whose value is a [`ShapeProbe`].
struct OneKey<'a> {
    name: &'static str,
    found: &'a RefCell<Option<Shape>>,
}

impl<'de> de::Deserializer<'de> for OneKey<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_map(OneEntry {
            key: Some(self.name),
            found: self.found,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        struct enum identifier ignored_any
    }
}

/// The entry of a [`OneKey`] table, or of a map whose value shape is probed.
struct OneEntry<'a> {
    key: Option<&'static str>,
    found: &'a RefCell<Option<Shape>>,
}

impl<'de> de::MapAccess<'de> for OneEntry<'_> {
    type Error = de::value::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        match self.key.take() {
            Some(key) => seed.deserialize(KeyProbe(key)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        seed.deserialize(ShapeProbe { found: self.found })
    }
}

/// A table's key as text, which a named text type (a `LanguageCode` key) takes too:
/// serde's own text deserializer refuses a newtype.
struct KeyProbe(&'static str);

impl<'de> de::Deserializer<'de> for KeyProbe {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// The single element of a list whose element shape is probed.
struct OneElement<'a> {
    found: &'a RefCell<Option<Shape>>,
}

impl<'de> de::SeqAccess<'de> for OneElement<'_> {
    type Error = de::value::Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        seed.deserialize(ShapeProbe { found: self.found }).map(Some)
    }
}

/// A value that records the first thing it is asked to be, then refuses to be it.
struct ShapeProbe<'a> {
    found: &'a RefCell<Option<Shape>>,
}

impl ShapeProbe<'_> {
    fn record<T>(self, shape: Shape) -> Result<T, de::value::Error> {
        self.found.replace(Some(shape));
        Err(de::Error::custom("probe"))
    }

    /// Records `wrap` around the shape an inner probe records.
    fn wrapped<T>(
        self,
        wrap: fn(Box<Shape>) -> Shape,
        inner: impl FnOnce(&RefCell<Option<Shape>>) -> Result<T, de::value::Error>,
    ) -> Result<T, de::value::Error> {
        let cell = RefCell::new(None);
        let _ = inner(&cell);
        let shape = cell.into_inner().unwrap_or(Shape::Other);
        self.record(wrap(Box::new(shape)))
    }
}

impl<'de> de::Deserializer<'de> for ShapeProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        self.record(Shape::Other)
    }

    fn deserialize_str<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        self.record(Shape::Text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        self.record(Shape::Text)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        self.record(Shape::Flag)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        self.record(Shape::Integer)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        self.record(Shape::Integer)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        self.record(Shape::Integer)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        // Optional or not is told by `required`; the shape is that of the value.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.record(Shape::Value(name))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.record(Shape::Choice(name, variants))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.wrapped(Shape::List, |found| visitor.visit_seq(OneElement { found }))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.wrapped(Shape::Map, |found| {
            visitor.visit_map(OneEntry {
                key: Some("key"),
                found,
            })
        })
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i128 u8 u16 u64 u128 f32 f64 char bytes byte_buf unit unit_struct tuple
        tuple_struct struct identifier ignored_any
    }
}
