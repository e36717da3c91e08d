//! Netlify's `_redirects`, written from the configuration so that a new language needs
//! no edit here: `/` goes to the visitor's language, and each language has its own 404.

use crate::config::Config;
use crate::outputs::OutputFile;

/// `_redirects`: rules are tried in order, so language redirects come before the
/// per-language 404s; a browser language we do not publish stays on the chooser at `/`.
pub fn redirects(config: &Config) -> OutputFile {
    let mut text = String::from("# Written by faro build from config.toml.\n");
    for lang in config.codes() {
        text.push_str(&format!("/  /{lang}/  302!  Language={lang}\n"));
    }
    for lang in config.codes() {
        text.push_str(&format!("/{lang}/*  /{lang}/404.html  404\n"));
    }
    OutputFile {
        path: "_redirects".into(),
        bytes: text.into_bytes(),
    }
}
