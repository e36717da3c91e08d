//! Site configuration, read from `config.toml` at the site root.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{codes, from_toml_error, Diagnostic};
use crate::model::Lang;

/// The configuration file's name, relative to the site root.
pub const CONFIG_FILE: &str = "config.toml";

/// One language the site is published in.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The code used in file names (`about.pt.md`) and URLs (`/pt/`).
    pub code: Lang,
    /// The language's name in itself ("Português"), shown in the switcher.
    pub name: String,
    /// The site's title in this language.
    pub title: String,
}

/// Everything `config.toml` says.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Absolute URL the site is served from, used for canonical links and the sitemap.
    pub base_url: String,
    /// The language of `x-default` and of the original text when translations differ.
    pub default_language: Lang,
    /// Where `faro build` writes the site, relative to the root.
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// The theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The languages, in the order the switcher shows them.
    pub languages: Vec<Language>,
    /// Where the quick-exit button and Escape pressed three times send a visitor who
    /// must leave the site at once: a neutral, widely used page that draws no attention
    /// on a shared or watched device. Absolute `https://` or `http://` URL.
    #[serde(default = "default_quick_exit_url")]
    pub quick_exit_url: String,
    /// Entries per page of the services and practices listings and their filtered
    /// views: past this many, a listing continues on `page/2/`, `page/3/` …
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// The top-level sections the main navigation links to, in order (`plans`,
    /// `directory` …): each is shown where the site has it, labelled by the interface
    /// text `nav_<section>`.
    #[serde(default)]
    pub nav: Vec<String>,
    /// Where the editors' form at `/admin/` saves: see [`Editors`].
    #[serde(default)]
    pub editors: Editors,
    /// Where the documents library's files may be, and how large: see [`Library`].
    #[serde(default)]
    pub documents: Library,
}

/// The rules for the files of the documents library (`files` of a document). A file
/// is served from the site itself, so these rules decide what the site publishes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    /// The folders, from the site root, a document's file may be in: anything
    /// outside them (or reached with `..`) is refused, so that a document cannot
    /// publish the repository's other files.
    #[serde(default = "default_library_folders")]
    pub folders: Vec<String>,
    /// The largest file, in megabytes (10^6 bytes), that a document may hold.
    #[serde(default = "default_max_file_mb")]
    pub max_file_mb: u64,
}

impl Default for Library {
    fn default() -> Library {
        Library {
            folders: default_library_folders(),
            max_file_mb: default_max_file_mb(),
        }
    }
}

fn default_library_folders() -> Vec<String> {
    vec!["documents".into(), "sources".into()]
}

fn default_max_file_mb() -> u64 {
    50
}

/// How the editors' form at `/admin/` reaches the repository. Every save becomes a
/// branch and a pull request (Decap CMS's editorial workflow), so that it gets the
/// same checks and deploy preview as any other change.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Editors {
    /// The GitHub repository, `owner/name`: editors sign in with GitHub, through the
    /// OAuth app the administrator registers (README, "The editors' form"). Without
    /// it, the form uses Netlify's Git Gateway, whose editors are invited by e-mail.
    #[serde(default)]
    pub repo: Option<String>,
    /// The branch pull requests go to; `main` when not set.
    #[serde(default)]
    pub branch: Option<String>,
}

fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}

fn default_theme() -> String {
    "default".into()
}

fn default_page_size() -> usize {
    50
}

fn default_quick_exit_url() -> String {
    "https://www.google.com/search?q=weather".into()
}

impl Config {
    /// Reads and validates `config.toml` under `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = Path::new(CONFIG_FILE);
        let text = std::fs::read_to_string(root.join(path)).map_err(|e| {
            Diagnostic::error(
                codes::CONFIG,
                path,
                1,
                1,
                format!("cannot read the configuration: {e}"),
            )
            .with_hint("run faro from the site root or pass --root")
        })?;
        let config: Config = toml::from_str(&text).map_err(|e| {
            let mut d = from_toml_error(path, &text, 1, &e);
            d.code = codes::CONFIG;
            d
        })?;
        config.validate(&text)?;
        Ok(config)
    }

    fn validate(&self, text: &str) -> Result<(), Diagnostic> {
        let path = Path::new(CONFIG_FILE);
        let at = |needle: &str| {
            text.find(needle)
                .map_or((1, 1), |i| crate::diagnostic::line_col(text, i))
        };
        // An error at the first mention of `key`.
        let error_at = |key: &str, message: String| {
            let (line, col) = at(key);
            Diagnostic::error(codes::CONFIG, path, line, col, message)
        };
        if self.languages.is_empty() {
            return Err(Diagnostic::error(
                codes::CONFIG,
                path,
                1,
                1,
                "no languages are configured",
            )
            .with_hint("add a [[languages]] table with code, name and title"));
        }
        for (i, language) in self.languages.iter().enumerate() {
            let code = language.code.as_str();
            let well_formed = !code.is_empty()
                && code.len() <= 8
                && code.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            let (line, col) = at(&format!("\"{code}\""));
            if !well_formed {
                return Err(Diagnostic::error(
                    codes::CONFIG,
                    path,
                    line,
                    col,
                    format!("`{code}` is not a language code"),
                )
                .with_hint("use a lowercase BCP 47 code such as `es`, `pt` or `ht`"));
            }
            if self.languages[..i].iter().any(|l| l.code == language.code) {
                return Err(Diagnostic::error(
                    codes::CONFIG,
                    path,
                    line,
                    col,
                    format!("language `{code}` is configured twice"),
                ));
            }
        }
        let exit = &self.quick_exit_url;
        if !(exit.starts_with("https://") || exit.starts_with("http://"))
            || exit.contains(['"', '<', '>', ' '])
        {
            return Err(error_at(
                "quick_exit_url",
                format!("quick_exit_url `{exit}` is not an absolute web address"),
            )
            .with_hint("use a neutral page such as \"https://www.google.com/search?q=weather\""));
        }
        if self.page_size == 0 {
            return Err(error_at(
                "page_size",
                "page_size is 0: a listing page would show no entries".into(),
            )
            .with_hint("use a number of entries per page such as 50"));
        }
        if self.language(&self.default_language).is_none() {
            return Err(error_at(
                "default_language",
                format!(
                    "default language `{}` is not among the languages",
                    self.default_language
                ),
            )
            .with_hint("add it as a [[languages]] entry or pick one of those listed"));
        }
        Ok(())
    }

    /// The configured language with this code.
    pub fn language(&self, code: &Lang) -> Option<&Language> {
        self.languages.iter().find(|l| &l.code == code)
    }

    /// The language codes, in configuration order.
    pub fn codes(&self) -> impl Iterator<Item = &Lang> {
        self.languages.iter().map(|l| &l.code)
    }

    /// `base_url` joined with a site path such as `/es/about/`.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), site_path)
    }
}
