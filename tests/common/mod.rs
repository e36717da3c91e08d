//! Helpers shared by the integration tests: temporary sites built from the shipped
//! theme and i18n, and a parsed view of a built site.

#![allow(dead_code)] // each test file uses its own subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use faro::diagnostic::Diagnostic;
use faro::pipeline::{self, BuildOptions, BuildReport};
use scraper::{Html, Selector};
use tempfile::TempDir;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree, without the npm packages a theme's form installs.
pub fn copy_tree(from: &Path, to: &Path) {
    let walk = walkdir::WalkDir::new(from).into_iter();
    for entry in walk.filter_entry(|e| e.file_name() != "node_modules") {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary site: the shipped config, i18n and theme, with `fixture`'s content and
/// the `sources/` it cites, if any.
pub fn fixture_site(fixture: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("config.toml"), dir.path().join("config.toml")).unwrap();
    copy_tree(&repo().join("i18n"), &dir.path().join("i18n"));
    copy_tree(&repo().join("themes"), &dir.path().join("themes"));
    let fixture = repo().join("tests/fixtures").join(fixture);
    copy_tree(&fixture.join("content"), &dir.path().join("content"));
    if fixture.join("sources").is_dir() {
        copy_tree(&fixture.join("sources"), &dir.path().join("sources"));
    }
    dir
}

/// Runs the `faro` binary on the site at `root` with `args`.
pub fn faro_at(root: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_faro"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

/// Builds the site at `root` into `root/public`.
pub fn build(root: &Path) -> Result<BuildReport, Vec<Diagnostic>> {
    pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })
}

/// Builds the shipped site into a temporary folder.
pub fn build_shipped() -> (TempDir, BuildReport) {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: repo(),
        output: Some(out.path().join("public")),
        ..Default::default()
    };
    let report = pipeline::build(&options)
        .unwrap_or_else(|d| panic!("shipped site fails to build:\n{}", render(&d)));
    (out, report)
}

/// Diagnostics as the CLI prints them.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

/// A built site, every HTML page parsed, by site path (`/es/about/`, `/es/404.html`).
pub struct Output {
    /// The output folder.
    pub dir: PathBuf,
    /// Page sources by site path (parsed on demand: parsed pages are not `Sync`).
    pub pages: BTreeMap<String, String>,
}

impl Output {
    /// Reads and parses every `.html` file under `dir`: the site's pages, not the
    /// editors' form (`admin/`), an application that tests/admin.rs and the browser
    /// tests check.
    pub fn read(dir: &Path) -> Output {
        let mut pages = BTreeMap::new();
        let walk = walkdir::WalkDir::new(dir).into_iter();
        for entry in walk.filter_entry(|e| e.path() != dir.join("admin")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "html") {
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let url = match rel.strip_suffix("index.html") {
                    Some(prefix) => format!("/{prefix}"),
                    None => format!("/{rel}"),
                };
                pages.insert(url, std::fs::read_to_string(entry.path()).unwrap());
            }
        }
        Output {
            dir: dir.to_path_buf(),
            pages,
        }
    }

    /// The page at a site path, parsed; panics with the path if it is missing.
    pub fn page(&self, url: &str) -> Html {
        Html::parse_document(
            self.pages
                .get(url)
                .unwrap_or_else(|| panic!("no page at {url}")),
        )
    }

    /// Whether a site path names a file of the output.
    pub fn exists(&self, path: &str) -> bool {
        let file = self.dir.join(path.trim_start_matches('/'));
        if path.ends_with('/') {
            file.join("index.html").is_file()
        } else {
            file.is_file()
        }
    }
}

/// The values of `attr` on every element matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The text of every element matching `selector`.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// A site path from an absolute URL under `base`, or a site-absolute link.
pub fn site_path(link: &str, base: &str) -> Option<String> {
    let path = link.strip_prefix(base).unwrap_or(link);
    path.starts_with('/')
        .then(|| path.to_string())
        .filter(|p| !p.starts_with("//"))
}

/// Hashes of every file under `dir`, by relative path, to compare two states.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Every problem a visitor or a crawler would hit, as readable lines: internal links,
/// fragments, stylesheets and hreflang targets that do not exist; pages without
/// `<html lang>` or canonical URL; translations that do not link back; a sitemap that
/// misses a page or lists one that does not exist.
pub fn site_problems(out: &Output, base: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let id_selector = Selector::parse("[id]").unwrap();
    let ids = |html: &Html| -> Vec<String> {
        html.select(&id_selector)
            .filter_map(|e| e.value().attr("id").map(str::to_owned))
            .collect()
    };
    let mut canonical_pages = Vec::new();
    let parsed: BTreeMap<&String, Html> = out
        .pages
        .iter()
        .map(|(u, t)| (u, Html::parse_document(t)))
        .collect();
    let page_ids: BTreeMap<&String, std::collections::HashSet<String>> = parsed
        .iter()
        .map(|(u, h)| (*u, ids(h).into_iter().collect()))
        .collect();
    for (url, html) in &parsed {
        let url = *url;
        if attrs(html, "html", "lang")
            .first()
            .is_none_or(|l| l.is_empty())
        {
            problems.push(format!("{url}: no <html lang>"));
        }
        let canonical = attrs(html, "link[rel=canonical]", "href");
        let is_404 = url.ends_with("404.html");
        if canonical.len() != 1 && !is_404 {
            problems.push(format!("{url}: {} canonical links", canonical.len()));
        }
        if canonical
            .first()
            .and_then(|c| site_path(c, base))
            .as_deref()
            == Some(url.as_str())
        {
            canonical_pages.push(url.clone());
        }
        let links = ["a[href]", "link[href]"]
            .iter()
            .flat_map(|s| attrs(html, s, "href"))
            .chain(attrs(html, "script[src], img[src]", "src"));
        for link in links {
            let Some(path) = site_path(&link, base) else {
                let external = ["http://", "https://", "mailto:", "tel:"]
                    .iter()
                    .any(|scheme| link.starts_with(scheme));
                if !link.starts_with('#') && !external {
                    problems.push(format!("{url}: relative link {link}"));
                }
                continue;
            };
            let (path, fragment) = path
                .split_once('#')
                .map_or((path.as_str(), None), |(p, f)| (p, Some(f)));
            if !out.exists(path) {
                problems.push(format!("{url}: link to missing {path}"));
                continue;
            }
            if let (Some(fragment), Some(target)) = (fragment, page_ids.get(&path.to_string())) {
                let fragment = faro::link::percent_decode(fragment);
                if !target.contains(&fragment) {
                    problems.push(format!("{url}: link to missing fragment {path}#{fragment}"));
                }
            }
        }
    }
    for url in &canonical_pages {
        let html = &parsed[url];
        let lang = attrs(html, "html", "lang").remove(0);
        let own = alternates(html, base);
        if url != "/" && !own.iter().any(|(l, p)| l == &lang && p == url) {
            problems.push(format!("{url}: no hreflang alternate to itself"));
        }
        for (hreflang, target) in &own {
            match parsed.get(target) {
                None => problems.push(format!("{url}: hreflang {hreflang} to missing {target}")),
                // The chooser at `/` is the x-default of the homes, not a translation.
                Some(other) if hreflang != "x-default" && url != "/" => {
                    if !alternates(other, base)
                        .iter()
                        .any(|(l, p)| l == &lang && p == url)
                    {
                        problems.push(format!(
                            "{url}: {target} does not link back with hreflang {lang}"
                        ));
                    }
                }
                Some(_) => {}
            }
        }
    }
    let read = |path: &str| {
        let xml =
            std::fs::read_to_string(out.dir.join(path.trim_start_matches('/'))).unwrap_or_default();
        let locs: Vec<String> = xml
            .split("<loc>")
            .skip(1)
            .filter_map(|s| s.split("</loc>").next())
            .filter_map(|l| site_path(l, base))
            .collect();
        (xml.contains("<sitemapindex"), locs)
    };
    // A large site's sitemap.xml is an index of numbered sitemaps.
    let locs: Vec<String> = match read("/sitemap.xml") {
        (true, parts) => parts.iter().flat_map(|part| read(part).1).collect(),
        (false, locs) => locs,
    };
    for url in &canonical_pages {
        if !locs.contains(url) {
            problems.push(format!("sitemap.xml misses {url}"));
        }
    }
    for loc in &locs {
        if !out.pages.contains_key(loc) {
            problems.push(format!("sitemap.xml lists missing {loc}"));
        }
    }
    problems
}

/// The `hreflang` alternates of a page, as (language, site path).
pub fn alternates(html: &Html, base: &str) -> Vec<(String, String)> {
    let selector = Selector::parse("link[rel=alternate][hreflang]").unwrap();
    html.select(&selector)
        .filter_map(|e| {
            let href = site_path(e.value().attr("href")?, base)?;
            Some((e.value().attr("hreflang")?.to_string(), href))
        })
        .collect()
}

/// The shipped site, built once per test binary into cargo's target temp folder
/// (`name` keeps binaries that run in parallel apart).
pub fn shipped_output(name: &str) -> &'static Output {
    static OUTPUT: std::sync::OnceLock<Output> = std::sync::OnceLock::new();
    OUTPUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("shipped-{name}"));
        let options = BuildOptions {
            root: repo(),
            output: Some(dir.clone()),
            ..Default::default()
        };
        pipeline::build(&options)
            .unwrap_or_else(|d| panic!("shipped site fails to build:\n{}", render(&d)));
        Output::read(&dir)
    })
}

/// The text of the first element matching `selector`, whitespace collapsed.
pub fn text_of(html: &Html, selector: &str) -> String {
    texts(html, selector)
        .first()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Builds the site at `root` into `root/public` as if on `date` (YYYY-MM-DD), so that
/// "to be verified" labels do not depend on the day the tests run.
pub fn build_on(root: &Path, date: &str) -> Result<BuildReport, Vec<Diagnostic>> {
    let parts: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let month = time::Month::try_from(parts[1] as u8).unwrap();
    let date = time::Date::from_calendar_date(parts[0] as i32, month, parts[2] as u8).unwrap();
    pipeline::build(&BuildOptions {
        root: root.to_path_buf(),
        build_date: Some(date),
        ..Default::default()
    })
}

/// The one error `faro check` finds in the site at `root`; fails, listing them, when
/// it finds none or several.
pub fn the_only_error(root: &Path) -> Diagnostic {
    let errors: Vec<Diagnostic> = faro::pipeline::check(&BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    })
    .into_iter()
    .filter(|d| d.is_error())
    .collect();
    match errors.as_slice() {
        [error] => error.clone(),
        _ => panic!("not one error:\n{}", render(&errors)),
    }
}
