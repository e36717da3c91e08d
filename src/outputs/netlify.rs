//! Netlify's `_redirects`, written from the configuration so that a new language needs
//! no edit here: `/` goes to the visitor's language, and each language has its own 404.
//! Also the `[[headers]]` of `netlify.toml`, as Netlify applies them, for `faro serve`.

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

/// One `[[headers]]` rule of `netlify.toml`: the paths it is `for` and the headers it
/// sets. `faro serve` sends them too, so that a page that breaks under the site's
/// Content-Security-Policy breaks on the editor's machine, not first in production.
#[derive(Debug, Clone)]
pub struct HeaderRule {
    path: regex::Regex,
    /// Header names and values, as written.
    pub values: Vec<(String, String)>,
}

impl HeaderRule {
    /// Whether the rule applies to the site path `path`.
    pub fn matches(&self, path: &str) -> bool {
        self.path.is_match(path)
    }
}

/// The `[[headers]]` rules of `netlify.toml` under `root`, in order; none when the file
/// is missing or does not parse (it is Netlify's to judge, and `tests/deploy.rs` reads
/// it).
pub fn header_rules(root: &std::path::Path) -> Vec<HeaderRule> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        headers: Vec<Rule>,
    }
    #[derive(serde::Deserialize)]
    struct Rule {
        #[serde(rename = "for")]
        path: String,
        #[serde(default)]
        values: std::collections::BTreeMap<String, String>,
    }
    let Ok(text) = std::fs::read_to_string(root.join("netlify.toml")) else {
        return Vec::new();
    };
    let Ok(file) = toml::from_str::<File>(&text) else {
        return Vec::new();
    };
    file.headers
        .into_iter()
        .filter_map(|rule| {
            // Netlify's `*` matches any run of characters, `/` included.
            let pattern = format!("^{}$", regex::escape(&rule.path).replace("\\*", ".*"));
            Some(HeaderRule {
                path: regex::Regex::new(&pattern).ok()?,
                values: rule.values.into_iter().collect(),
            })
        })
        .collect()
}

/// The headers Netlify sends for `path`: every matching rule applies, in order, and a
/// later rule's value for a header replaces an earlier one's (as Netlify's own
/// `headersForPath` merges them).
pub fn headers_for(rules: &[HeaderRule], path: &str) -> Vec<(String, String)> {
    let mut merged: Vec<(String, String)> = Vec::new();
    for rule in rules.iter().filter(|r| r.matches(path)) {
        for (name, value) in &rule.values {
            match merged
                .iter_mut()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                Some(slot) => slot.1 = value.clone(),
                None => merged.push((name.clone(), value.clone())),
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_s_policy_replaces_the_site_s_and_only_under_admin() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = header_rules(root);
        let csp = |path: &str| {
            headers_for(&rules, path)
                .into_iter()
                .find(|(n, _)| n == "Content-Security-Policy")
                .map(|(_, v)| v)
                .unwrap_or_default()
        };
        assert!(!csp("/es/").contains("unsafe"));
        assert!(!csp("/style.1a2b3c4d.css").contains("unsafe"));
        assert!(csp("/admin/").contains("'unsafe-eval'"));
        assert!(csp("/admin/decap-cms-3.16.3/decap-cms.js").contains("'unsafe-eval'"));
        let cache = headers_for(&rules, "/search.0a1b2c3d.js");
        assert!(cache
            .iter()
            .any(|(n, v)| n == "Cache-Control" && v.contains("immutable")));
    }
}
