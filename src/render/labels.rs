//! The interface's words for values: a key's word in a language, and a value labelled
//! by the key its enum and name make (`service_type_hotline`).

use serde::Serialize;

use super::Renderer;
use crate::model::Lang;

/// A word of the interface, by key.
pub(super) fn word<'a>(r: &'a Renderer<'_>, lang: &Lang, key: &str) -> &'a str {
    r.i18n.catalog(lang).get(key).map_or("", String::as_str)
}

/// A value with its label in the page's language: `("hotline", "Línea telefónica")`.
#[derive(Serialize, Clone)]
pub struct Labelled {
    pub(super) value: String,
    pub(super) label: String,
}

/// `value` labelled by interface key `<prefix>_<value>` (dashes as underscores), or by
/// itself when the interface has no word for it (e.g. a rare language code).
pub(super) fn labelled(r: &Renderer<'_>, lang: &Lang, prefix: &str, value: &str) -> Labelled {
    let key = format!("{prefix}_{}", value.replace('-', "_"));
    let label = r
        .i18n
        .catalog(lang)
        .get(&key)
        .cloned()
        .unwrap_or_else(|| value.to_string());
    Labelled {
        value: value.to_string(),
        label,
    }
}

/// Every value of a list labelled (see [`labelled`]), by its name in front matter.
pub(super) fn labelled_all<T: Serialize>(
    r: &Renderer<'_>,
    lang: &Lang,
    prefix: &str,
    values: &[T],
) -> Vec<Labelled> {
    values
        .iter()
        .map(|v| labelled(r, lang, prefix, &serde_name(v)))
        .collect()
}

/// The name serde gives `value`, an enum's value as written in front matter.
pub(super) fn serde_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `ServiceType` → `service_type`: the prefix of an enum's values' interface keys.
pub(super) fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The word for `key` of a kind's front matter (`suffix` "" for its label, "_hint"
/// for its hint): `form_<kind>_<key>` where one kind means something else by a key
/// that others share (a document's `year`, a practice's), else `form_<key>`.
pub(super) fn field_word<'a>(
    r: &'a Renderer<'_>,
    lang: &Lang,
    kind: &str,
    key: &str,
    suffix: &str,
) -> &'a str {
    kind_word(r, lang, "form", kind, &format!("{key}{suffix}"))
}

/// The word `<prefix>_<kind>_<key>`, else `<prefix>_<key>`: a kind may say a shared
/// key its own way (a document's `year`, `type`).
pub(super) fn kind_word<'a>(
    r: &'a Renderer<'_>,
    lang: &Lang,
    prefix: &str,
    kind: &str,
    key: &str,
) -> &'a str {
    match word(r, lang, &format!("{prefix}_{kind}_{key}")) {
        "" => word(r, lang, &format!("{prefix}_{key}")),
        own => own,
    }
}
