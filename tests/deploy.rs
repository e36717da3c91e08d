//! Publishing: the pull-request workflow, the Netlify build script and headers, and the
//! built site they rely on (fingerprinted assets under a year of caching, language
//! redirects and per-language 404s, pages that a strict Content-Security-Policy lets
//! run unchanged).

mod common;

use common::*;
use faro::pipeline::{self, BuildOptions};

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn pull_requests_run_check_with_annotations_and_a_build() {
    let workflow = read(".github/workflows/check.yml");
    let on_pr = workflow
        .lines()
        .skip_while(|l| *l != "on:")
        .nth(1)
        .unwrap_or("");
    assert_eq!(on_pr.trim(), "pull_request:", "{workflow}");
    for step in [
        "uses: actions/checkout@",
        "uses: dtolnay/rust-toolchain@stable",
        "run: cargo run --release --locked -- check --format github --deny todo",
        "run: cargo run --release --locked -- build",
    ] {
        assert!(workflow.contains(step), "the workflow lacks `{step}`");
    }
    let script = read("scripts/netlify-build");
    assert!(script.contains("-- check"), "{script}");
    assert!(script.contains("-- build --base-url"), "{script}");
}

#[test]
fn netlify_sets_the_security_and_cache_headers() {
    let config: toml::Table = read("netlify.toml").parse().unwrap();
    assert_eq!(
        config["build"]["command"].as_str(),
        Some("scripts/netlify-build")
    );
    assert_eq!(config["build"]["publish"].as_str(), Some("public"));
    let headers = config["headers"].as_array().unwrap();
    let values = |path: &str| {
        headers
            .iter()
            .find(|h| h["for"].as_str() == Some(path))
            .unwrap_or_else(|| panic!("no headers for {path}"))["values"]
            .as_table()
            .unwrap()
            .clone()
    };
    let all = values("/*");
    let csp = all["Content-Security-Policy"].as_str().unwrap();
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "CSP lacks {directive}: {csp}");
    }
    assert!(!csp.contains("unsafe"), "CSP allows unsafe sources: {csp}");
    // The editors' form alone gets the looser policy Decap CMS needs, declared after
    // the site's so that it replaces it there, and is kept out of search engines.
    let position = |path: &str| headers.iter().position(|h| h["for"].as_str() == Some(path));
    assert!(position("/admin/*") > position("/*"));
    let admin = values("/admin/*");
    let admin_csp = admin["Content-Security-Policy"].as_str().unwrap();
    assert!(
        admin_csp.contains("frame-ancestors 'none'") && admin_csp.contains("object-src 'none'")
    );
    assert_eq!(admin["X-Robots-Tag"].as_str(), Some("noindex, nofollow"));
    assert_eq!(all["Referrer-Policy"].as_str(), Some("no-referrer"));
    assert_eq!(all["X-Content-Type-Options"].as_str(), Some("nosniff"));
    for assets in ["/*.css", "/*.js"] {
        let cache = values(assets)["Cache-Control"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            cache.contains("max-age=31536000") && cache.contains("immutable"),
            "{assets}: {cache}"
        );
    }
}

#[test]
fn the_build_gives_netlify_what_the_headers_and_redirects_assume() {
    let site = fixture_site("basic");
    let out = site.path().join("public");
    pipeline::build(&BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{}", render(&d)));
    let config = faro::config::Config::load(site.path()).unwrap();

    // Every style sheet and script is fingerprinted: `name.<8 hex>.css`; the editors'
    // form's bundle sits in a folder named by its pinned version instead.
    let mut assets = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.to_string_lossy().contains("/admin/decap-cms-") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".css") || name.ends_with(".js") {
            assets += 1;
            let parts: Vec<&str> = name.split('.').collect();
            let hash = parts[parts.len() - 2];
            assert!(
                parts.len() >= 3 && hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
                "{name} is cached for a year but not fingerprinted"
            );
        }
    }
    assert!(assets > 0);

    // `/` goes to the visitor's language; each language has its own 404 page.
    let redirects = std::fs::read_to_string(out.join("_redirects")).unwrap();
    let rules: Vec<Vec<&str>> = redirects
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect();
    for lang in config.codes() {
        let home = format!("/{lang}/");
        let condition = format!("Language={lang}");
        assert!(
            rules.contains(&vec!["/", home.as_str(), "302!", condition.as_str()]),
            "no language redirect to {home}:\n{redirects}"
        );
        let all = format!("/{lang}/*");
        let not_found = format!("/{lang}/404.html");
        assert!(
            rules.contains(&vec![all.as_str(), not_found.as_str(), "404"]),
            "no 404 for {lang}:\n{redirects}"
        );
        assert!(out.join(format!("{lang}/404.html")).is_file());
        // Language redirects come first: rules are tried in order.
        let redirect_at = rules.iter().position(|r| r[1] == home).unwrap();
        let not_found_at = rules.iter().position(|r| r[0] == all).unwrap();
        assert!(redirect_at < not_found_at, "{redirects}");
    }
}

#[test]
fn pages_need_nothing_the_content_security_policy_forbids() {
    let output = shipped_output("deploy");
    let base = faro::config::Config::load(&repo()).unwrap().base_url;
    let elsewhere = |url: &str| {
        !url.starts_with(base.trim_end_matches('/'))
            && (url.starts_with("//") || url.contains("://"))
    };
    assert!(output.pages.len() > 100, "{} pages", output.pages.len());
    let mut problems = Vec::new();
    for (url, html) in &output.pages {
        let page = scraper::Html::parse_document(html);
        for script in page.select(&scraper::Selector::parse("script").unwrap()) {
            let element = script.value();
            let data = element.attr("type") == Some("application/ld+json");
            if element.attr("src").is_none() && !data {
                problems.push(format!("{url}: an inline script"));
            }
        }
        if page
            .select(&scraper::Selector::parse("style, [style]").unwrap())
            .next()
            .is_some()
        {
            problems.push(format!("{url}: an inline style"));
        }
        for element in page.select(&scraper::Selector::parse("*").unwrap()) {
            if element
                .value()
                .attrs()
                .any(|(name, _)| name.starts_with("on"))
            {
                problems.push(format!("{url}: an event handler attribute"));
            }
            for attr in ["src", "srcset"] {
                if let Some(value) = element.value().attr(attr) {
                    if elsewhere(value) {
                        problems.push(format!("{url}: loads {value} from another host"));
                    }
                }
            }
        }
        let stylesheets = attrs(&page, "link[rel=stylesheet]", "href");
        for href in stylesheets {
            if elsewhere(&href) {
                problems.push(format!("{url}: style sheet from another host {href}"));
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
