//! Interface text, one flat TOML file per language in `i18n/<lang>.toml`.
//!
//! Every language must define every key some language defines: a missing key is an
//! error, never a silent fallback to another language.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{codes, from_toml_error, line_col, Diagnostic};
use crate::model::Lang;

/// Interface strings of one language, by key.
pub type Catalog = BTreeMap<String, String>;

/// The interface strings of every configured language.
#[derive(Debug, Clone, Default)]
pub struct I18n {
    catalogs: BTreeMap<Lang, Catalog>,
}

impl I18n {
    /// Loads `i18n/<lang>.toml` for each configured language and checks that they all
    /// define the same keys.
    pub fn load(root: &Path, config: &Config) -> Result<I18n, Vec<Diagnostic>> {
        let mut catalogs = BTreeMap::new();
        let mut sources: BTreeMap<Lang, String> = BTreeMap::new();
        let mut diagnostics = Vec::new();
        for lang in config.codes() {
            let path = file_for(lang);
            match std::fs::read_to_string(root.join(&path)) {
                Ok(text) => match toml::from_str::<Catalog>(&text) {
                    Ok(catalog) => {
                        catalogs.insert(lang.clone(), catalog);
                        sources.insert(lang.clone(), text);
                    }
                    Err(e) => {
                        let mut d = from_toml_error(&path, &text, 1, &e);
                        d.code = codes::I18N;
                        d.hint =
                            Some("interface files are flat: `key = \"text\"` on each line".into());
                        diagnostics.push(d);
                    }
                },
                Err(e) => diagnostics.push(
                    Diagnostic::error(
                        codes::I18N,
                        &path,
                        1,
                        1,
                        format!("cannot read the interface text for `{lang}`: {e}"),
                    )
                    .with_hint(format!(
                        "copy i18n/{}.toml and translate every value",
                        config.default_language
                    )),
                ),
            }
        }
        // `nav` in config.toml labels each section with the text `nav_<section>`.
        let nav_keys: Vec<String> = config.nav.iter().map(|s| format!("nav_{s}")).collect();
        let all_keys: BTreeSet<&String> = catalogs
            .values()
            .flat_map(|c| c.keys())
            .chain(&nav_keys)
            .collect();
        for (lang, catalog) in &catalogs {
            for key in all_keys.iter().filter(|k| !catalog.contains_key(**k)) {
                let example = catalogs
                    .iter()
                    .find_map(|(l, c)| c.get(*key).map(|v| (l, v)));
                let hint = match example {
                    Some((example_lang, example)) => {
                        format!("add `{key} = \"…\"`; in {example_lang} it reads \"{example}\"")
                    }
                    None => {
                        format!("add `{key} = \"…\"`: `nav` in config.toml links to that section")
                    }
                };
                let text = &sources[lang];
                let (line, col) = line_col(text, text.len());
                diagnostics.push(
                    Diagnostic::error(
                        codes::I18N,
                        file_for(lang),
                        line,
                        col,
                        format!("interface text `{key}` is missing"),
                    )
                    .with_hint(hint),
                );
            }
        }
        if diagnostics.is_empty() {
            Ok(I18n { catalogs })
        } else {
            Err(diagnostics)
        }
    }

    /// The catalog of `lang`; empty if the language has none.
    pub fn catalog(&self, lang: &Lang) -> &Catalog {
        static EMPTY: Catalog = BTreeMap::new();
        self.catalogs.get(lang).unwrap_or(&EMPTY)
    }
}

/// `i18n/<lang>.toml`, relative to the site root.
pub fn file_for(lang: &Lang) -> PathBuf {
    Path::new("i18n").join(format!("{lang}.toml"))
}
