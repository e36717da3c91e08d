//! Incremental rebuilds for `faro serve`: after an edit to content files, re-parse only
//! those files, re-link the site (cheap), and re-render only the pages whose output
//! the edit can change, writing them in place. Anything else (a template, an i18n
//! file, the configuration) means a full build. Search, sitemap and data exports are
//! refreshed by the full build `faro serve` runs once edits pause.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{codes, Diagnostic};
use crate::i18n::I18n;
use crate::link;
use crate::load::{self, CONTENT_DIR};
use crate::model::meta::{CatalogKind, Meta};
use crate::model::Document;
use crate::model::Site;
use crate::outputs::OutputFile;
use crate::parse;
use crate::pipeline::{build_keeping, BuildOptions, BuildReport};
use crate::render;
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
        let (report, built) = build_keeping(options)?;
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
                let document = parse::parse(file, self.options.today())?;
                keys.insert(document.key.clone());
                documents.insert(path.clone(), Arc::new(document));
            }
        }
        let (site, problems) = link::link(
            &self.config,
            documents.values().cloned().collect(),
            self.options.today(),
        );
        let errors: Vec<Diagnostic> = problems.into_iter().filter(Diagnostic::is_error).collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        // What showed the entries before the edit, and what shows them after it.
        let mut pages: BTreeSet<String> = affected(&self.site, &keys).into_iter().collect();
        pages.extend(affected(&site, &keys));
        pages.retain(|k| site.entries.contains_key(k));
        let pages: Vec<String> = pages.into_iter().collect();
        let files = render::render_entries(&self.config, &self.i18n, &self.theme, &site, &pages)?;
        write_in_place(&self.output, &files)?;
        self.documents = documents;
        self.site = site;
        Ok(Update::Pages {
            files: files.len(),
            seconds: started.elapsed().as_secs_f64(),
        })
    }
}

/// The entries whose pages can change when `keys` change: themselves, the sections
/// above them, and every page that shows something of them.
pub fn affected(site: &Site, keys: &BTreeSet<String>) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    for key in keys {
        let Some(entry) = site.entries.get(key) else {
            // Removed: its parent section lists it no more.
            out.extend(parent_of_removed(site, key));
            continue;
        };
        with_ancestors(site, key, &mut out);
        let meta = &site.original(entry).doc.meta;
        match meta {
            Meta::Item(item) => {
                if let Some(plan) = site.plans.plan_of(key) {
                    out.extend(plan.section_by_key.get(&item.section).cloned());
                    if let Some(siblings) = plan.items.get(&item.kind) {
                        if let Some(at) = siblings.iter().position(|k| k == key) {
                            out.extend(siblings.get(at.wrapping_sub(1)).cloned());
                            out.extend(siblings.get(at + 1).cloned());
                        }
                    }
                    out.extend(comparisons_of(site, &plan.id));
                }
                out.extend(item.continues.iter().filter_map(|c| site.plans.resolve(c)));
                out.extend(
                    site.plans
                        .continued_by
                        .get(key)
                        .into_iter()
                        .flatten()
                        .cloned(),
                );
            }
            Meta::Practice(practice) => {
                out.extend(
                    practice
                        .implements
                        .iter()
                        .filter_map(|i| site.plans.resolve(i)),
                );
                country_pages(site, &practice.country, &mut out);
                out.extend(
                    site.catalog
                        .listing(CatalogKind::Practice)
                        .map(str::to_owned),
                );
            }
            Meta::Authority(authority) => {
                country_pages(site, &authority.country, &mut out);
                out.extend(
                    site.catalog
                        .listing(CatalogKind::Authority)
                        .map(str::to_owned),
                );
            }
            Meta::Service(service) => {
                country_pages(site, &service.country, &mut out);
                out.extend(
                    site.catalog
                        .listing(CatalogKind::Service)
                        .map(str::to_owned),
                );
            }
            Meta::AlignmentRow(row) => {
                out.extend(site.plans.resolve(&row.directive));
            }
            Meta::Alignment(alignment) => {
                country_pages(site, &alignment.country, &mut out);
                // Its title heads its rows' pages and is cited on their directives'.
                let folder = key.strip_suffix("_index").unwrap_or(key);
                let rows = site.entries.range(folder.to_string()..);
                for (row_key, row) in rows.take_while(|(k, _)| k.starts_with(folder)) {
                    out.insert(row_key.clone());
                    if let Meta::AlignmentRow(row) = &site.original(row).doc.meta {
                        out.extend(site.plans.resolve(&row.directive));
                    }
                }
            }
            // A country's name is shown wherever its code is (cards, listings and their
            // facets, alignments, its delegation's proposals in plan texts), a plan's
            // and a section's titles on every page of their items and on the pages
            // that cite those items. Such edits are rare: re-render every page.
            Meta::Country(_) | Meta::Plan(_) | Meta::Section(_) => {
                out.extend(site.entries.keys().cloned())
            }
            _ => {}
        }
    }
    out.into_iter()
        .filter(|k| site.entries.contains_key(k))
        .collect()
}

/// Inserts `key` and the sections above it.
fn with_ancestors(site: &Site, key: &str, out: &mut BTreeSet<String>) {
    let mut next = Some(key.to_string());
    while let Some(k) = next {
        next = site.entries[&k].parent.clone();
        out.insert(k);
    }
}

/// Inserts the page of the country `iso2` and the sections above it: a country page
/// lists the entries about the country, and the countries index above it counts them.
fn country_pages(site: &Site, iso2: &str, out: &mut BTreeSet<String>) {
    if let Some(country) = site.countries.by_iso2(iso2) {
        with_ancestors(site, country, out);
    }
}

fn comparisons_of<'a>(site: &'a Site, plan: &'a str) -> impl Iterator<Item = String> + 'a {
    site.entries
        .values()
        .filter_map(move |e| match &site.original(e).doc.meta {
            Meta::Comparison(c) if c.from == plan || c.to == plan => Some(e.key.clone()),
            _ => None,
        })
}

fn parent_of_removed(site: &Site, key: &str) -> Option<String> {
    let mut dir = key.rsplit_once('/').map(|(d, _)| d);
    while let Some(d) = dir {
        let candidate = format!("{d}/_index");
        if site.entries.contains_key(&candidate) {
            return Some(candidate);
        }
        dir = d.rsplit_once('/').map(|(p, _)| p);
    }
    Some("_index".into())
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
