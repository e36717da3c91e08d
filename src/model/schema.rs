//! What a kind's front matter struct says of itself through serde: its keys and the
//! values of its enums. `faro new`'s templates and the documentation are checked
//! against these, so that the struct stays the one place a field is declared.

use serde::de::{self, Visitor};
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
