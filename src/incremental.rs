//! Incremental rebuilds for `faro serve`: after an edit to content files, re-parse only
//! those files, re-link the site (cheap), and re-render only the pages whose output
//! the edit can change, writing them in place. Which pages those are is not kept here:
//! each render records what each page read ([`crate::render::reads`]), and an edit
//! reaches the pages whose record holds the edited entry or an index it enters or
//! leaves. Anything else (a template, an i18n file, the configuration) means a full
//! build. Search, sitemap and data exports are refreshed by the full build `faro serve`
//! runs once edits pause.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{codes, Diagnostic};
use crate::i18n::I18n;
use crate::link;
use crate::load::{self, CONTENT_DIR};
use crate::model::Document;
use crate::model::EntryKey;
use crate::model::{Holdings, Site};
use crate::outputs::OutputFile;
use crate::parse;
use crate::pipeline::{build_keeping, BuildOptions, BuildReport};
use crate::render;
use crate::render::reads::{self, PageReads};
use crate::theme::Theme;

/// A built site kept in memory: the parsed documents, the site they link into, and
/// what rendering needs.
pub struct Session {
    options: BuildOptions,
    config: Config,
    i18n: I18n,
    theme: Theme,
    documents: BTreeMap<PathBuf, Arc<Document>>,
    /// The site as last rendered: what an edit affected is read from it too, since a
    /// removed entry, or one moved to another country, is no longer in the new site.
    site: Site,
    /// What the pages of each entry read when last rendered.
    reads: PageReads,
    /// What the pages that no single entry makes (indicators, biennial reports,
    /// editions) read when last rendered.
    generated_reads: reads::Reads,
    output: PathBuf,
}

/// What an update did.
pub enum Update {
    /// Only these pages were rewritten.
    Pages {
        /// Files written.
        files: usize,
        /// Wall time.
        seconds: f64,
    },
    /// A full build ran.
    Full(BuildReport),
}

impl Session {
    /// Builds the whole site and keeps what later updates need.
    pub fn start(options: &BuildOptions) -> Result<(Session, BuildReport), Vec<Diagnostic>> {
        let (report, mut built) = build_keeping(options)?;
        // Every content file is one page of the site.
        let documents = built
            .site
            .pages
            .iter()
            .map(|page| (page.doc.path.clone(), Arc::clone(&page.doc)))
            .collect();
        let session = Session {
            options: options.clone(),
            config: built.config,
            i18n: built.i18n,
            theme: built.theme,
            documents,
            site: built.site,
            reads: std::mem::take(&mut built.reads),
            generated_reads: std::mem::take(&mut built.generated_reads),
            output: report.output.clone(),
        };
        Ok((session, report))
    }

    /// Brings the site up to date after `changed` (paths relative to the site root)
    /// changed on disk. On error the site on disk and the session are unchanged.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Vec<Diagnostic>> {
        let started = Instant::now();
        let content_only = changed
            .iter()
            .all(|p| p.starts_with(CONTENT_DIR) && p.extension().is_some_and(|e| e == "md"));
        if !content_only {
            let (session, report) = Session::start(&self.options)?;
            *self = session;
            return Ok(Update::Full(report));
        }
        let root = self.options.root.clone();
        let mut documents = self.documents.clone();
        let mut keys = BTreeSet::new();
        for path in changed {
            if let Some(old) = documents.remove(path) {
                keys.insert(old.key.clone());
            }
            if root.join(path).is_file() {
                let file = load::read(&root, path, &self.config).map_err(|d| vec![d])?;
                let document = parse::parse(file, &self.options.kinds, self.options.today())?;
                keys.insert(document.key.clone());
                documents.insert(path.clone(), Arc::new(document));
            }
        }
        let edited: BTreeSet<PathBuf> = changed.iter().cloned().collect();
        let (site, problems) = link::link(
            &self.config,
            documents.values().cloned().collect(),
            &self.options.kinds,
            Holdings {
                texts: self.site.texts.clone(),
                library: self.site.library.clone(),
                editions: self.site.editions.clone(),
            },
            self.options.today(),
            link::Checked::Edited(&self.site, &edited),
        );
        let errors: Vec<Diagnostic> = problems.into_iter().filter(Diagnostic::is_error).collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        // What the edited entries were and are part of, and every page that read any of
        // it; the edited entries' own pages too, a new one having no record yet.
        let touched: HashSet<reads::Dep> = keys
            .iter()
            .flat_map(|key| reads::touched(&self.site, &site, key))
            .collect();
        let mut pages: BTreeSet<&EntryKey> = self
            .reads
            .iter()
            .filter(|(_, read)| !read.is_disjoint(&touched))
            .map(|(key, _)| key)
            .collect();
        pages.extend(&keys);
        let pages: Vec<EntryKey> = pages
            .into_iter()
            .filter(|k| site.entries.contains_key(*k))
            .cloned()
            .collect();
        let generated_too = !self.generated_reads.is_disjoint(&touched);
        let (files, read, generated_read) = render::render_entries(
            &self.config,
            &self.i18n,
            &self.theme,
            &site,
            &pages,
            generated_too,
        )?;
        write_in_place(&self.output, &files)?;
        self.reads
            .retain(|key, _| site.entries.contains_key(key.as_str()));
        self.reads.extend(read);
        if let Some(read) = generated_read {
            self.generated_reads = read;
        }
        self.documents = documents;
        self.site = site;
        Ok(Update::Pages {
            files: files.len(),
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}

/// Writes files straight into the served folder: a page being replaced may be read
/// half-written for an instant, which a local preview can afford.
fn write_in_place(output: &Path, files: &[OutputFile]) -> Result<(), Vec<Diagnostic>> {
    files
        .par_iter()
        .try_for_each(|file| {
            let path = output.join(&file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, &file.bytes)
        })
        .map_err(|e| {
            vec![Diagnostic::error(
                codes::IO,
                output,
                1,
                1,
                format!("cannot write the site: {e}"),
            )]
        })
}
