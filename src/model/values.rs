//! The typed values of front matter: a country code, a reference to a plan item, a
//! phone, an e-mail, a web address, a language code, a date.
//!
//! Each is a named newtype, so that its name travels with the field: the editors' form
//! (`outputs::admin`) learns from it that `country` is a choice among the countries,
//! that `phones` are phone numbers with a shape to check, and that `last_verified` is
//! a date, without a second list of fields. The shapes a browser can check are the
//! regular expressions below, which `faro check` applies too: one rule for both.

use std::fmt;
use std::ops::Deref;
use std::sync::OnceLock;

use regex::Regex;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A value written as text whose type has a name of its own.
macro_rules! text_value {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        pub struct $name(String);

        impl $name {
            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_string())
            }
        }
    };
}

text_value!(
    /// ISO 3166-1 alpha-2 code of a country of `content/countries/`, e.g. `PE`.
    CountryCode
);
text_value!(
    /// The ISO 3166-1 alpha-2 code a country file declares: `PE`.
    IsoAlpha2
);
text_value!(
    /// The ISO 3166-1 alpha-3 code a country file declares: `PER`.
    IsoAlpha3
);
text_value!(
    /// A Work Plan, by its years as its folder names it: `2021-2026`.
    PlanId
);
text_value!(
    /// A plan's item, as `<plan>/<number>`: `2021-2026/99`.
    ItemRef
);
text_value!(
    /// A reporting period of a plan, two years: `2015-2016`.
    Period
);
text_value!(
    /// An indicator of a plan's adopted table, by its row: `i12`.
    IndicatorId
);
text_value!(
    /// A phone number: international (E.164, spaces allowed) or a national short number.
    Phone
);
text_value!(
    /// An e-mail address.
    Email
);
text_value!(
    /// An absolute `http(s)` address.
    WebAddress
);
text_value!(
    /// A lowercase ISO 639 language code: `es`, `qu`, `gn`.
    LanguageCode
);
text_value!(
    /// Where facts come from: a file under `sources/` or a web address.
    Source
);
text_value!(
    /// A file of the documents library, by its path from the site root
    /// (`documents/report-2024.pdf`), or a web address.
    FileRef
);

/// Whether a translated text is the official one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Translation {
    /// An original, or a translation the OAS published.
    #[default]
    Official,
    /// Our own translation: every page built from it says so.
    Unofficial,
}

/// A rule on the shape of a value, in a regular expression that both Rust's `regex`
/// and a browser's `RegExp` read the same way (no look-around, no flags).
pub struct Shape {
    /// The expression, anchored at both ends.
    pub pattern: &'static str,
    /// The `i18n/<lang>.toml` key of what the form says when a value does not fit.
    pub message_key: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Shape {
    const fn new(pattern: &'static str, message_key: &'static str) -> Shape {
        Shape {
            pattern,
            message_key,
            compiled: OnceLock::new(),
        }
    }

    /// Whether `text` fits.
    pub fn fits(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| Regex::new(self.pattern).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(text))
    }
}

/// A phone in international form (`+`, a calling code that does not start with 0, 8 to
/// 15 digits in all) or a national short number of 3 to 6 digits; spaces between
/// digits. Whether the number exists in its country's plan is `faro check`'s
/// (libphonenumber's metadata), which a browser does not have.
pub static PHONE: Shape = Shape::new(
    r"^ *(?:\+ *[1-9](?: *[0-9]){7,14}|[0-9](?: *[0-9]){2,5}) *$",
    "form_bad_phone",
);

/// `local@domain.tld`: no spaces or commas, one `@`, a dot inside the domain.
pub static EMAIL: Shape = Shape::new(
    r"^[^@\s,]+@[^@\s,.][^@\s,]*\.[^@\s,]*[^@\s,.]$",
    "form_bad_email",
);

/// `http://` or `https://`, a host name with a dot and no user name, then any path;
/// no white space. `faro check` also parses it as browsers do (the `url` crate).
pub static WEB_ADDRESS: Shape = Shape::new(
    r"^https?://[^\s/?#@.][^\s/?#@]*\.[^\s/?#@]+(?:[/?#]\S*)?$",
    "form_bad_url",
);

/// Two or three lowercase letters.
pub static LANGUAGE_CODE: Shape = Shape::new(r"^[a-z]{2,3}$", "form_bad_language");

/// Two capital letters.
pub static ISO_ALPHA2: Shape = Shape::new(r"^[A-Z]{2}$", "form_bad_iso");

/// Three capital letters.
pub static ISO_ALPHA3: Shape = Shape::new(r"^[A-Z]{3}$", "form_bad_iso");

/// The shape each named value must have, by the value type's name.
pub static SHAPES: [(&str, &Shape); 6] = [
    ("IsoAlpha2", &ISO_ALPHA2),
    ("IsoAlpha3", &ISO_ALPHA3),
    ("Phone", &PHONE),
    ("Email", &EMAIL),
    ("WebAddress", &WEB_ADDRESS),
    ("LanguageCode", &LANGUAGE_CODE),
];

/// The shape of the value type named `name`, if it has one.
pub fn shape_of(name: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// A date: written as a TOML date (`2026-01-31`) or as text in the same form
/// (`"2026-01-31"`, what the editors' form writes). Whether it is a real calendar day,
/// and not in the future, is `faro check`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub toml::value::Datetime);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A newtype, so that the form's probe reads the name `Date`.
        deserializer.deserialize_newtype_struct("Date", DateVisitor)
    }
}

impl Serialize for Date {
    /// As `YYYY-MM-DD` text: TOML's own date type serializes as a private table, which
    /// open data and templates could not read.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl From<time::Date> for Date {
    /// The calendar day as a TOML date.
    fn from(day: time::Date) -> Date {
        Date(toml::value::Datetime {
            date: Some(toml::value::Date {
                year: u16::try_from(day.year()).unwrap_or_default(),
                month: u8::from(day.month()),
                day: day.day(),
            }),
            time: None,
            offset: None,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date, YYYY-MM-DD")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Date, D::Error> {
        d.deserialize_any(DateVisitor)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
        text.parse()
            .map(Date)
            .map_err(|_| E::custom(format!("`{text}` is not a date, YYYY-MM-DD")))
    }

    /// A TOML date reaches serde as a one-key table holding its text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
        match map.next_entry::<String, String>()? {
            Some((_, text)) => self.visit_str(&text),
            None => Err(de::Error::custom("a date, YYYY-MM-DD")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_accept_what_faro_check_accepts_and_refuse_the_rest() {
        for phone in ["+51 1 411 8000", "+18339001010", "1818", "1 818", "911"] {
            assert!(PHONE.fits(phone), "{phone}");
        }
        for phone in [
            "011-5300-4000",
            "12-34",
            "+0 123 4567",
            "+51",
            "18",
            "1234567",
        ] {
            assert!(!PHONE.fits(phone), "{phone}");
        }
        assert!(EMAIL.fits("a@b.org") && !EMAIL.fits("a@b") && !EMAIL.fits("a b@c.org"));
        assert!(WEB_ADDRESS.fits("https://www.gob.pe/mininter?x=1"));
        for url in [
            "www.gob.pe",
            "https://localhost/",
            "https://u@x.org/",
            "https://a.org/ b",
        ] {
            assert!(!WEB_ADDRESS.fits(url), "{url}");
        }
        assert!(LANGUAGE_CODE.fits("qu") && !LANGUAGE_CODE.fits("Spanish"));
    }

    #[test]
    fn dates_are_read_from_toml_dates_and_from_text() {
        #[derive(Deserialize)]
        struct Entry {
            day: Date,
        }
        let read = |front: &str| toml::from_str::<Entry>(front).map(|e| e.day.to_string());
        assert_eq!(read("day = 2026-01-31").ok().as_deref(), Some("2026-01-31"));
        assert_eq!(
            read("day = \"2026-01-31\"").ok().as_deref(),
            Some("2026-01-31")
        );
        assert!(read("day = \"31/01/2026\"").is_err());
    }
}
