//! Runs the stages in order: load → parse → link → render (pages written as they are
//! made) and search → lint → write the rest and swap the site in.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use indicatif::ProgressBar;
use time::Date;

use crate::config::Config;
use crate::diagnostic::{codes, Diagnostic};
use crate::i18n::I18n;
use crate::model::contact;
use crate::model::kinds::Kinds;
use crate::model::{Holdings, Lang, Site};
use crate::outputs::OutputFile;
use crate::render::Rendered;
use crate::theme::Theme;
use crate::write::Staging;
use crate::{link, lint, load, parse, render, search};

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
    /// The kinds of content: the shipped ones, unless a program adds its own.
    pub kinds: Kinds,
}

impl BuildOptions {
    /// The date entries' verification is judged against: `build_date`, else today (UTC).
    pub fn today(&self) -> Date {
        self.build_date
            .unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
    }
}

/// What a build linked and rendered with, for `faro serve` to update the site in place
/// without loading and linking it again.
pub struct Built {
    /// The configuration, with the options' overrides (such as the base URL) applied.
    pub config: Config,
    /// The interface text.
    pub i18n: I18n,
    /// The templates and static files.
    pub theme: Theme,
    /// The linked site.
    pub site: Site,
    /// What each entry's pages read as they rendered.
    pub reads: crate::render::reads::PageReads,
    /// What the pages that no single entry makes read.
    pub generated_reads: crate::render::reads::Reads,
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
    compile(options, false).diagnostics
}

/// Builds the site and swaps it into the output directory. On any error the output
/// directory is untouched and every error is returned.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    build_keeping(options).map(|(report, _)| report)
}

/// [`build`], also returning what it built with.
pub fn build_keeping(options: &BuildOptions) -> Result<(BuildReport, Built), Vec<Diagnostic>> {
    let started = Instant::now();
    let compiled = compile(options, true);
    let (Some((mut rendered, search)), Some(staging), Some(output), Some(mut built)) = (
        compiled.rendered,
        compiled.staging,
        compiled.output,
        compiled.built,
    ) else {
        return Err(compiled.diagnostics);
    };
    if compiled.diagnostics.iter().any(Diagnostic::is_error) {
        // Dropping the staging folder deletes the pages written so far.
        return Err(compiled.diagnostics);
    }
    built.reads = std::mem::take(&mut rendered.reads);
    built.generated_reads = std::mem::take(&mut rendered.generated);
    let progress = Progress::new(options);
    let rest = rendered.files.iter().chain(&search.files);
    progress.stage("write", rendered.files.len() + search.files.len());
    rest.clone()
        .try_for_each(|file| staging.put(file))
        .and_then(|()| {
            rendered
                .copies
                .iter()
                .try_for_each(|c| staging.copy(&options.root.join(&c.from), &c.to))
        })
        .and_then(|()| staging.commit())
        .map_err(|e| vec![write_error(&output, e)])?;
    search.staged.persist(&options.root).map_err(|d| vec![d])?;
    progress.done();
    let report = BuildReport {
        counts: rendered.counts,
        files: rendered.pages + rest.count() + rendered.copies.len(),
        seconds: started.elapsed().as_secs_f64(),
        output,
        warnings: compiled.diagnostics,
    };
    Ok((report, built))
}

fn write_error(output: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(
        codes::IO,
        output,
        1,
        1,
        format!("cannot write the site: {e}"),
    )
    .with_hint("check that the output folder's parent exists and is writable")
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

/// Loads, parses and links the site, as a build does before rendering: what `faro
/// edition` freezes. Any error is returned with every other problem found.
pub fn linked(options: &BuildOptions) -> Result<(Config, Site), Vec<Diagnostic>> {
    let config = Config::load(&options.root).map_err(|d| vec![d])?;
    let (site, diagnostics) = load_and_link(options, &config, &Progress::new(options));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok((config, site))
}

/// Stages 1 to 3: the content files, the source texts, the library and the editions
/// loaded, the files parsed, the site built and linked.
fn load_and_link(
    options: &BuildOptions,
    config: &Config,
    progress: &Progress,
) -> (Site, Vec<Diagnostic>) {
    let root = options.root.as_path();
    let mut diagnostics = Vec::new();
    // The link stage checks phone numbers: their metadata loads while files are read.
    std::thread::spawn(contact::load_metadata);
    progress.stage("load", 0);
    let (files, problems) = load::load(root, config);
    diagnostics.extend(problems);
    let (texts, problems) = load::texts(root);
    diagnostics.extend(problems);
    let (library, problems) = load::library(root, &config.documents);
    diagnostics.extend(problems);
    let (editions, problems) = load::editions(root);
    diagnostics.extend(problems);
    progress.stage("parse", files.len());
    let (documents, problems) = parse::parse_all(files, &options.kinds, options.today());
    diagnostics.extend(problems);
    progress.stage("link", documents.len());
    let (site, problems) = link::link(
        config,
        documents.into_iter().map(Arc::new).collect(),
        &options.kinds,
        Holdings {
            texts,
            library,
            editions,
        },
        options.today(),
        link::Checked::Every,
    );
    diagnostics.extend(problems);
    (site, diagnostics)
}

/// What [`compile`] got to.
struct Compiled {
    /// The output directory, once the configuration is read.
    output: Option<PathBuf>,
    /// The site's files besides its pages, and the search index, when every stage ran.
    rendered: Option<(Rendered, search::Indexed)>,
    /// The folder the pages were written into, when writing was asked for.
    staging: Option<Staging>,
    /// What the site was rendered with, when rendering ran.
    built: Option<Built>,
    /// Everything wrong, in file order.
    diagnostics: Vec<Diagnostic>,
}

/// Runs every stage that can run, collecting every diagnostic on the way: a broken
/// file does not hide the problems of the others. With `write`, rendered pages go
/// straight into a staging folder beside the output directory.
fn compile(options: &BuildOptions, write: bool) -> Compiled {
    let root = options.root.as_path();
    let progress = Progress::new(options);
    let mut compiled = Compiled {
        output: None,
        rendered: None,
        staging: None,
        built: None,
        diagnostics: Vec::new(),
    };
    let mut config = match Config::load(root) {
        Ok(config) => config,
        Err(d) => {
            compiled.diagnostics.push(d);
            return compiled;
        }
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    let output = output_dir(options, &config);
    let diagnostics = &mut compiled.diagnostics;
    // The theme's templates take Tera tens of milliseconds to parse: they load on a
    // thread of their own while the content is read, which leaves a core idle at times.
    let ((i18n, theme), (site, problems)) = std::thread::scope(|scope| {
        let interface = scope.spawn(|| (I18n::load(root, &config), Theme::load(root, &config)));
        let site = load_and_link(options, &config, &progress);
        let interface = interface
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (interface, site)
    });
    let i18n = i18n.map_err(|d| diagnostics.extend(d)).ok();
    let theme = theme.map_err(|d| diagnostics.extend(d)).ok();
    diagnostics.extend(problems);
    let scan = lint::scan(&site);

    // Pages that links' fragments point into are kept for the lint; the rest are only
    // written (or, for `faro check`, dropped) as soon as they are rendered.
    let targets = scan.fragment_targets(&site);
    let kept: Mutex<Vec<OutputFile>> = Mutex::new(Vec::new());
    let mut rendered = None;
    let mut used = None;
    match (i18n, theme) {
        (Some(i18n), Some(theme)) if !diagnostics.iter().any(Diagnostic::is_error) => {
            let staging = if write {
                Staging::new(&output)
                    .map_err(|e| diagnostics.push(write_error(&output, e)))
                    .ok()
            } else {
                None
            };
            let emit = |file: OutputFile| -> io::Result<()> {
                if let Some(staging) = &staging {
                    staging.put(&file)?;
                }
                if targets.contains(&file.path) {
                    kept.lock().expect("no thread panics holding it").push(file);
                }
                Ok(())
            };
            progress.stage("render", site.pages.len());
            let pages = render::render(&config, &i18n, &theme, &site, &emit)
                .map_err(|d| diagnostics.extend(d))
                .ok();
            progress.stage("search", site.pages.len());
            // The lint reads the site and the pages it kept, not the index: it runs
            // beside indexing, where a core is idle at times.
            let kept = kept.into_inner().expect("no thread panics holding it");
            let checked = pages.is_some().then_some(kept.as_slice());
            let (indexed, lints) = rayon::join(
                || search::index(&i18n, &site),
                || lint::lint(root, &site, scan, checked),
            );
            diagnostics.extend(lints);
            let indexed = indexed.map_err(|d| diagnostics.extend(d)).ok();
            rendered = pages.zip(indexed);
            compiled.staging = staging;
            used = Some((i18n, theme));
        }
        _ => diagnostics.extend(lint::lint(root, &site, scan, None)),
    }
    progress.done();
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
    });
    // A broken template fails the same way for every page and language: say it once.
    diagnostics.dedup_by(|a, b| {
        (&a.path, a.line, a.col, &a.message) == (&b.path, b.line, b.col, &b.message)
    });
    compiled.built = used.map(|(i18n, theme)| Built {
        config,
        i18n,
        theme,
        site,
        reads: Default::default(),
        generated_reads: Default::default(),
    });
    compiled.rendered = rendered;
    compiled.output = Some(output);
    compiled
}

/// The stage the build is in, as a spinner on one terminal line (indicatif hides it
/// when standard error is not a terminal, as in CI or a redirected log).
/// With timings on, also prints each stage's duration when the next one starts.
struct Progress {
    bar: Option<ProgressBar>,
    timings: Option<std::cell::RefCell<(&'static str, Instant)>>,
}

impl Progress {
    fn new(options: &BuildOptions) -> Self {
        let bar = (options.progress && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Progress {
            bar,
            timings: options
                .timings
                .then(|| std::cell::RefCell::new(("start", Instant::now()))),
        }
    }

    fn stage(&self, name: &'static str, items: usize) {
        self.lap(name);
        if let Some(bar) = &self.bar {
            let count = if items > 0 {
                format!(" {items} files")
            } else {
                String::new()
            };
            bar.set_message(format!("{name}{count}…"));
        }
    }

    fn done(&self) {
        self.lap("done");
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
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
