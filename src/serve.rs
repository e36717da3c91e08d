//! `faro serve`: build, serve on localhost, rebuild when a source changes and reload
//! open pages. A failed rebuild keeps the last good site and shows the diagnostics on
//! every page until the file is fixed.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Request, Response, Server};

use crate::diagnostic::{format_all, Diagnostic, Format};
use crate::incremental::{Session, Update};
use crate::outputs::netlify::{header_rules, headers_for, HeaderRule};
use crate::pipeline::BuildOptions;

/// Where the browser asks whether the site changed; no content path starts like this.
const RELOAD_PREFIX: &str = "/__faro/";

/// The build generation and the diagnostics of the last failed build, shared between
/// the watcher and the request handlers.
#[derive(Default)]
struct State {
    generation: u64,
    errors: Option<String>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// How long edits must pause before the full build that refreshes what incremental
/// updates skip (search index, sitemap, data exports).
const QUIET: Duration = Duration::from_millis(1500);

/// Builds, then serves `output` on `127.0.0.1:port` until the process is stopped.
pub fn serve(mut options: BuildOptions, port: u16, output: PathBuf) -> std::io::Result<()> {
    options.base_url = Some(format!("http://127.0.0.1:{port}"));
    // Watch events carry absolute paths; an absolute root lets us make them relative.
    options.root = options.root.canonicalize()?;
    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    let session = start(&options, &shared);

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(std::io::Error::other)?;
    for dir in ["content", "i18n"] {
        let path = options.root.join(dir);
        if path.exists() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(std::io::Error::other)?;
        }
    }
    // The theme folder by folder, leaving out the npm packages of its form: tens of
    // thousands of files that could exhaust the system's watches.
    let theme = walkdir::WalkDir::new(options.root.join("themes")).into_iter();
    for folder in theme
        .filter_entry(|e| e.file_name() != "node_modules")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
    {
        watcher
            .watch(folder.path(), RecursiveMode::NonRecursive)
            .map_err(std::io::Error::other)?;
    }
    watcher
        .watch(
            &options.root.join(crate::config::CONFIG_FILE),
            RecursiveMode::NonRecursive,
        )
        .map_err(std::io::Error::other)?;
    let watch_state = Arc::clone(&shared);
    let root = options.root.clone();
    std::thread::spawn(move || watch(rx, session, options, &watch_state));

    let server = Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
    eprintln!("serving http://127.0.0.1:{port}/ (Ctrl+C to stop)");
    let rules = Arc::new(header_rules(&root));
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        let output = output.clone();
        let rules = Arc::clone(&rules);
        std::thread::spawn(move || respond(request, &shared, &output, &rules));
    }
    drop(watcher);
    Ok(())
}

/// Applies each burst of edits incrementally; after a pause, runs one full build.
fn watch(
    rx: Receiver<notify::Result<notify::Event>>,
    mut session: Option<Session>,
    options: BuildOptions,
    shared: &Shared,
) {
    // Files whose last update failed stay in every update until they are fixed.
    let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
    let mut partial = false;
    loop {
        let event = match rx.recv_timeout(if partial {
            QUIET
        } else {
            Duration::from_secs(3600)
        }) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) if partial => {
                session = start(&options, shared);
                partial = false;
                continue;
            }
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut changed: BTreeSet<PathBuf> = changed_paths(event, &options.root).collect();
        // Editors save in bursts (temp file, rename, metadata), whose events the kernel
        // sends within a few milliseconds: one update per burst. A burst cut short
        // only costs a second, small update.
        while let Ok(event) = rx.recv_timeout(Duration::from_millis(10)) {
            changed.extend(changed_paths(event, &options.root));
        }
        if changed.is_empty() {
            continue;
        }
        changed.extend(pending.iter().cloned());
        let Some(current) = session.as_mut() else {
            session = start(&options, shared);
            continue;
        };
        let paths: Vec<PathBuf> = changed.iter().cloned().collect();
        match current.update(&paths) {
            Ok(Update::Pages { files, seconds }) => {
                eprintln!("updated {files} files in {:.0} ms", seconds * 1000.0);
                pending.clear();
                partial = true;
                publish(shared, None);
            }
            Ok(Update::Full(report)) => {
                eprintln!("{}", report.summary());
                pending.clear();
                partial = false;
                publish(shared, None);
            }
            Err(diagnostics) => {
                pending = changed;
                publish(shared, Some(diagnostics));
            }
        }
    }
}

/// The paths an event touched, relative to the site root, outside the output.
fn changed_paths(
    event: notify::Result<notify::Event>,
    root: &Path,
) -> impl Iterator<Item = PathBuf> + '_ {
    let event = event
        .ok()
        .filter(|e| e.kind.is_modify() || e.kind.is_create() || e.kind.is_remove());
    event
        .into_iter()
        .flat_map(|e| e.paths)
        .filter_map(move |p| p.strip_prefix(root).ok().map(Path::to_path_buf))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
}

/// A full build that the watcher can then update incrementally.
fn start(options: &BuildOptions, shared: &Shared) -> Option<Session> {
    match Session::start(options) {
        Ok((session, report)) => {
            eprintln!("{}", report.summary());
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            publish(shared, None);
            Some(session)
        }
        Err(diagnostics) => {
            publish(shared, Some(diagnostics));
            None
        }
    }
}

/// Tells open pages to reload, with the diagnostics to show if the update failed.
fn publish(shared: &Shared, diagnostics: Option<Vec<Diagnostic>>) {
    let (lock, changed) = &**shared;
    let mut state = lock.lock().expect("state lock");
    state.errors = diagnostics.map(|d| {
        let text = format_all(&d, Format::Human);
        eprint!("{text}");
        text
    });
    state.generation += 1;
    changed.notify_all();
}

fn respond(request: Request, shared: &Shared, output: &Path, rules: &[HeaderRule]) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let response = if let Some(route) = path.strip_prefix(RELOAD_PREFIX) {
        match route {
            "reload.js" => text(200, "text/javascript", RELOAD_JS.as_bytes().to_vec()),
            "wait" => {
                let since = url
                    .split("since=")
                    .nth(1)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                text(
                    200,
                    "text/plain",
                    wait_for_change(shared, since).to_string().into_bytes(),
                )
            }
            _ => text(404, "text/plain", b"not found".to_vec()),
        }
    } else {
        serve_file(&path, shared, output)
    };
    let _ = request.respond(with_site_headers(response, rules, &path));
}

/// Adds the headers `netlify.toml` gives `path` (its Content-Security-Policy above
/// all), but not its caching: while editing, nothing is cached.
fn with_site_headers(
    mut response: Response<Cursor<Vec<u8>>>,
    rules: &[HeaderRule],
    path: &str,
) -> Response<Cursor<Vec<u8>>> {
    for (name, value) in headers_for(rules, path) {
        if name.eq_ignore_ascii_case("Cache-Control") {
            continue;
        }
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

/// Long poll: answers when the generation differs from `since`, or after 25 seconds.
fn wait_for_change(shared: &Shared, since: u64) -> u64 {
    let (lock, changed) = &**shared;
    let state = lock.lock().expect("state lock");
    let (state, _) = changed
        .wait_timeout_while(state, Duration::from_secs(25), |s| s.generation == since)
        .expect("state lock");
    state.generation
}

fn serve_file(path: &str, shared: &Shared, output: &Path) -> Response<Cursor<Vec<u8>>> {
    let (status, file) = match resolve(output, &crate::link::percent_decode(path)) {
        Some(file) => (200, file),
        None => {
            let lang = path.trim_start_matches('/').split('/').next().unwrap_or("");
            let localized = output.join(lang).join("404.html");
            (
                404,
                if localized.is_file() {
                    localized
                } else {
                    output.join("404.html")
                },
            )
        }
    };
    let mut bytes = std::fs::read(&file).unwrap_or_default();
    let content_type = content_type(&file);
    // Reloading the editors' form on a rebuild (each save is one) would lose what the
    // editor is typing.
    let form = path.starts_with("/admin/");
    if content_type.starts_with("text/html") && !form {
        let state = shared.0.lock().expect("state lock");
        bytes = inject(&bytes, state.generation, state.errors.as_deref());
    }
    text(status, content_type, bytes)
}

/// The file for a URL path, refusing anything that would leave `output`.
fn resolve(output: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let candidate = output.join(relative);
    if candidate.is_file() {
        Some(candidate)
    } else if candidate.join("index.html").is_file() {
        Some(candidate.join("index.html"))
    } else {
        None
    }
}

/// Adds the reload script and, after a failed build, the diagnostics, to a page.
fn inject(html: &[u8], generation: u64, errors: Option<&str>) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut tail = format!(
        "<script src=\"{RELOAD_PREFIX}reload.js\" data-generation=\"{generation}\"></script>"
    );
    if let Some(errors) = errors {
        // Styled by the reload script: the site's policy forbids inline styles.
        tail.push_str(&format!(
            "<pre role=\"alert\" data-faro-errors>{}</pre>",
            crate::html::escape(errors)
        ));
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{tail}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{tail}").into_bytes(),
    }
}

const RELOAD_JS: &str = r#"(function () {
  var generation = Number(document.currentScript.dataset.generation);
  var errors = document.querySelector("pre[data-faro-errors]");
  if (errors) {
    errors.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;margin:0;padding:1rem;background:#fff0f0;color:#600;border-top:3px solid #a00;white-space:pre-wrap;z-index:9";
  }
  function poll() {
    fetch("/__faro/wait?since=" + generation)
      .then(function (r) { return r.text(); })
      .then(function (t) { if (Number(t) !== generation) { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

fn text(status: u16, content_type: &str, bytes: Vec<u8>) -> Response<Cursor<Vec<u8>>> {
    let header = Header::from_bytes("Content-Type", content_type).expect("valid header");
    let no_cache = Header::from_bytes("Cache-Control", "no-store").expect("valid header");
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header)
        .with_header(no_cache)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}
