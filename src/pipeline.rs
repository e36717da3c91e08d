//! Runs the stages in order: load → parse → link → render and search → write.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use time::Date;

use crate::config::{Config, Lang};
use crate::diagnostic::{codes, Diagnostic};
use crate::i18n::I18n;
use crate::render::Rendered;
use crate::theme::Theme;
use crate::{link, load, parse, render, search, write};

/// What a build is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root: the folder with `config.toml`.
    pub root: PathBuf,
    /// Overrides `output_dir`; relative paths are under the root.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`, e.g. for a deploy preview or `faro serve`.
    pub base_url: Option<String>,
    /// Show stage progress on standard error (only when it is a terminal).
    pub progress: bool,
    /// The date entries' verification is judged against; today (UTC) when unset.
    pub build_date: Option<Date>,
    /// Print how long each stage took (for profiling; see bench/RESULTS.md).
    pub timings: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Per language, in configuration order: pages with their own text, pages
    /// showing the original.
    pub counts: Vec<(Lang, usize, usize)>,
    /// Files written.
    pub files: usize,
    /// Wall time of the whole build.
    pub seconds: f64,
    /// The output directory.
    pub output: PathBuf,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl BuildReport {
    /// One line: pages per language, fallbacks, seconds.
    pub fn summary(&self) -> String {
        let per_lang: Vec<String> = self
            .counts
            .iter()
            .map(|(l, own, _)| format!("{l} {own}"))
            .collect();
        let fallbacks: usize = self.counts.iter().map(|(_, _, f)| f).sum();
        format!(
            "built {} pages ({}; {} shown from the original) in {:.2} s → {}",
            self.counts.iter().map(|(_, own, f)| own + f).sum::<usize>(),
            per_lang.join(", "),
            fallbacks,
            self.seconds,
            self.output.display()
        )
    }
}

/// Everything a build would do except writing: all diagnostics, in file order.
pub fn check(options: &BuildOptions) -> Vec<Diagnostic> {
    let (_, _, diagnostics) = compile(options);
    diagnostics
}

/// Builds the site and swaps it into the output directory. On any error the output
/// directory is untouched and every error is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let (config, compiled, diagnostics) = compile(options);
    let (Some(config), Some((mut rendered, search))) = (config, compiled) else {
        return Err(diagnostics);
    };
    rendered.files.extend(search.files);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let output = output_dir(options, &config);
    let progress = Progress::new(options);
    progress.stage("write", rendered.files.len());
    write::write_atomically(&output, &rendered.files).map_err(|e| {
        vec![Diagnostic::error(
            codes::IO,
            &output,
            1,
            1,
            format!("cannot write the site: {e}"),
        )
        .with_hint("check that the output folder's parent exists and is writable")]
    })?;
    search.staged.persist(&options.root).map_err(|d| vec![d])?;
    progress.done();
    Ok(BuildReport {
        counts: rendered.counts,
        files: rendered.files.len(),
        seconds: started.elapsed().as_secs_f64(),
        output,
        warnings: diagnostics,
    })
}

/// The output directory a build writes to.
pub fn output_dir(options: &BuildOptions, config: &Config) -> PathBuf {
    let dir = options
        .output
        .clone()
        .unwrap_or_else(|| config.output_dir.clone());
    if dir.is_absolute() {
        dir
    } else {
        options.root.join(dir)
    }
}

/// Runs every stage that can run, collecting every diagnostic on the way: a broken
/// file does not hide the problems of the others.
fn compile(
    options: &BuildOptions,
) -> (
    Option<Config>,
    Option<(Rendered, search::Indexed)>,
    Vec<Diagnostic>,
) {
    let root = options.root.as_path();
    let progress = Progress::new(options);
    let mut config = match Config::load(root) {
        Ok(config) => config,
        Err(d) => return (None, None, vec![d]),
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    let mut diagnostics = Vec::new();
    let i18n = I18n::load(root, &config)
        .map_err(|d| diagnostics.extend(d))
        .ok();
    let theme = Theme::load(root, &config)
        .map_err(|d| diagnostics.extend(d))
        .ok();

    progress.stage("load", 0);
    let (files, problems) = load::load(root, &config);
    diagnostics.extend(problems);
    progress.stage("parse", files.len());
    let (documents, problems) = parse::parse_all(files);
    diagnostics.extend(problems);
    progress.stage("link", documents.len());
    let today = options
        .build_date
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let (site, problems) = link::link(
        &config,
        documents.into_iter().map(Arc::new).collect(),
        today,
    );
    diagnostics.extend(problems);

    let compiled = match (i18n, theme) {
        (Some(i18n), Some(theme)) if !diagnostics.iter().any(Diagnostic::is_error) => {
            progress.stage("render", site.pages.len());
            let rendered = render::render(&config, &i18n, &theme, &site)
                .map_err(|d| diagnostics.extend(d))
                .ok();
            progress.stage("search", site.pages.len());
            let indexed = search::index(&i18n, &site)
                .map_err(|d| diagnostics.extend(d))
                .ok();
            rendered.zip(indexed)
        }
        _ => None,
    };
    diagnostics.extend(crate::lint::lint(
        root,
        &site,
        compiled.as_ref().map(|(r, _)| r),
    ));
    progress.done();
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    // A broken template fails the same way for every page and language: say it once.
    diagnostics.dedup_by(|a, b| {
        (&a.path, a.line, a.col, &a.message) == (&b.path, b.line, b.col, &b.message)
    });
    (Some(config), compiled, diagnostics)
}

/// Stage names on one terminal line, overwritten as the build goes.
/// With timings on, also prints each stage's duration when the next one starts.
struct Progress {
    enabled: bool,
    timings: Option<std::cell::RefCell<(&'static str, Instant)>>,
}

impl Progress {
    fn new(options: &BuildOptions) -> Self {
        Progress {
            enabled: options.progress && std::io::stderr().is_terminal(),
            timings: options
                .timings
                .then(|| std::cell::RefCell::new(("start", Instant::now()))),
        }
    }

    fn stage(&self, name: &'static str, items: usize) {
        self.lap(name);
        if self.enabled {
            let count = if items > 0 {
                format!(" {items} files")
            } else {
                String::new()
            };
            eprint!("\r\x1b[2K{name}{count}…");
            let _ = std::io::stderr().flush();
        }
    }

    fn done(&self) {
        self.lap("done");
        if self.enabled {
            eprint!("\r\x1b[2K");
        }
    }

    /// Ends the current stage's timing and starts `next`'s.
    fn lap(&self, next: &'static str) {
        if let Some(timings) = &self.timings {
            let (stage, started) = timings.replace((next, Instant::now()));
            if stage != "start" {
                eprintln!(
                    "timing: {stage:<8} {:>8.1} ms",
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
        }
    }
}
