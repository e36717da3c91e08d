//! The theme: Tera templates (autoescaped) and static files, with CSS and JavaScript
//! fingerprinted so that they can be cached for a long time, and the editors' form's
//! scripts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tera::Tera;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{codes, Diagnostic};
use crate::outputs::OutputFile;

mod admin;

pub use admin::{AdminScripts, Script};

/// A loaded theme.
pub struct Theme {
    /// The templates, by file name under `templates/`.
    pub tera: Tera,
    /// Static files to copy into the output.
    pub files: Vec<OutputFile>,
    /// Site path of each static file by its name under `static/`
    /// (`style.css` → `/style.3f2a9c1e.css`).
    pub assets: BTreeMap<String, String>,
    /// The theme folder relative to the site root, for diagnostics.
    pub dir: PathBuf,
    /// The editors' form's scripts (`themes/<theme>/admin/`).
    pub admin: AdminScripts,
    /// Whether a template calls the function `entry_title`: only then does a render
    /// gather every entry's title in every language for it.
    pub calls_entry_title: bool,
}

/// The files under `root`/`dir`, by name: each one's path, and its path relative to
/// `dir`.
fn files_under(root: &Path, dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let base = root.join(dir);
    WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
            (entry.path().to_path_buf(), rel.to_path_buf())
        })
        .collect()
}

/// `/`-separated site path of an output path.
pub(crate) fn site_path(path: &Path) -> String {
    format!("/{}", path.to_string_lossy().replace('\\', "/"))
}

/// `rel` with a hash of `bytes` before its extension: `style.css` → `style.3f2a9c1e.css`.
pub(crate) fn fingerprinted(rel: &Path, bytes: &[u8]) -> PathBuf {
    let hash = Sha256::digest(bytes);
    let short: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or_default();
    rel.with_extension(format!("{short}.{ext}"))
}

impl Theme {
    /// Loads `themes/<theme>/templates` and `themes/<theme>/static`.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let dir = Path::new("themes").join(&config.theme);
        let templates_dir = dir.join("templates");
        let mut diagnostics = Vec::new();
        let mut sources = Vec::new();
        for (file, rel) in files_under(root, &templates_dir) {
            let name = rel.to_string_lossy().replace('\\', "/");
            let path = templates_dir.join(&rel);
            match std::fs::read_to_string(&file) {
                // Parse each template on its own first so that an error names its file.
                Ok(text) => match tera::Template::new(&name, None, &text) {
                    Ok(_) => sources.push((name, text)),
                    Err(e) => diagnostics.push(template_diagnostic(&path, &e)),
                },
                Err(e) => diagnostics.push(Diagnostic::error(
                    codes::TEMPLATE,
                    &path,
                    1,
                    1,
                    format!("cannot read the template: {e}"),
                )),
            }
        }
        if sources.is_empty() && diagnostics.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    codes::TEMPLATE,
                    &templates_dir,
                    1,
                    1,
                    "the theme has no templates",
                )
                .with_hint(format!(
                    "check `theme = \"{}\"` in config.toml",
                    config.theme
                )),
            );
        }
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        // A mention in a comment counts too: it only costs the gathering.
        let calls_entry_title = sources.iter().any(|(_, text)| text.contains("entry_title"));
        let mut tera = Tera::default();
        tera.set_escape_fn(crate::html::escape);
        tera.add_raw_templates(sources)
            .map_err(|e| vec![template_diagnostic(&templates_dir, &e)])?;
        let (files, assets) = static_files(root, &dir.join("static")).map_err(|d| vec![d])?;
        let admin = AdminScripts::load(root, &dir.join("admin")).map_err(|d| vec![d])?;
        Ok(Theme {
            tera,
            files,
            assets,
            dir,
            admin,
            calls_entry_title,
        })
    }
}

/// Static files, with `.css` and `.js` names carrying a hash of their content.
fn static_files(
    root: &Path,
    static_dir: &Path,
) -> Result<(Vec<OutputFile>, BTreeMap<String, String>), Diagnostic> {
    let mut files = Vec::new();
    let mut assets = BTreeMap::new();
    for (file, rel) in files_under(root, static_dir) {
        let bytes = std::fs::read(&file).map_err(|e| {
            Diagnostic::error(
                codes::IO,
                static_dir.join(&rel),
                1,
                1,
                format!("cannot read: {e}"),
            )
        })?;
        let name = rel.to_string_lossy().replace('\\', "/");
        let out = match rel.extension().and_then(|e| e.to_str()) {
            Some("css" | "js") => fingerprinted(&rel, &bytes),
            _ => rel.clone(),
        };
        assets.insert(name, site_path(&out));
        files.push(OutputFile { path: out, bytes });
    }
    Ok((files, assets))
}

/// A Tera error as a diagnostic. Tera puts the position in the message as ` --> L:C`.
pub fn template_diagnostic(path: &Path, error: &tera::Error) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let (line, col) = message
        .split("--> ")
        .nth(1)
        .and_then(|rest| {
            let (l, c) = rest.split_once(':')?;
            let c: String = c.chars().take_while(char::is_ascii_digit).collect();
            Some((l.trim().parse().ok()?, c.parse().ok()?))
        })
        .unwrap_or((1, 1));
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    Diagnostic::error(codes::TEMPLATE, path, line, col, message)
        .with_hint("see https://keats.github.io/tera/docs/ for the template syntax")
}
