//! Stage 4: Markdown bodies to HTML, then every page through its template, in every
//! language: a translation where one exists, otherwise the original under a notice.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{codes, partition, Diagnostic};
use crate::i18n::{Catalog, I18n};
use crate::markdown;
use crate::model::kinds::report::ReportMeta;
use crate::model::kinds::Kind;
use crate::model::library::served_path;
use crate::model::meta::{CatalogKind, ItemKind, Meta, Translation};
use crate::model::order::fold;
use crate::model::record::Declared;
use crate::model::schema::Field;
use crate::model::Lang;
use crate::model::{url_for, Entry, EntryKey, Page, Site};
use crate::outputs::OutputFile;
use crate::outputs::{netlify, sitemap};
use crate::theme::{template_diagnostic, Theme};

mod admin;
mod alignments;
mod catalog;
mod chrome;
mod coverage;
mod csv_export;
mod data;
mod diff;
mod editions;
mod feed;
mod json_ld;
mod labels;
mod layered;
mod listing;
mod mandates;
mod marks;
mod plans;
pub mod reads;
mod record;
mod reports;

use chrome::Chromes;
use layered::Layered;
use reads::{Dep, PageReads};

/// Where rendered pages go as they are made: written to the staging folder by a
/// build, kept by `faro serve`, dropped by `faro check`. Called from several threads.
pub type Emit<'e> = dyn Fn(OutputFile) -> std::io::Result<()> + Sync + 'e;

/// What the render stage produced besides the pages it emitted.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The pages emitted.
    pub pages: usize,
    /// The site's other files: data exports, feeds, sitemap, theme files, 404 pages.
    pub files: Vec<OutputFile>,
    /// Per language, in configuration order: pages from a translation, and pages
    /// showing the original instead.
    pub counts: Vec<(Lang, usize, usize)>,
    /// What each entry's pages read, for `faro serve` to know what an edit reaches.
    pub reads: PageReads,
    /// What the pages that no single entry makes (see [`generated`]) read.
    pub generated: reads::Reads,
    /// The library files the documents hold, to copy as they are: a PDF is not read
    /// into memory to be written again.
    pub copies: Vec<LibraryCopy>,
}

/// A library file the site serves: from its place under the site root to its
/// sanitized place in the output (see [`crate::model::library::served_path`]).
#[derive(Debug, Clone)]
pub struct LibraryCopy {
    /// Path from the site root: `documents/Informe 2024.pdf`.
    pub from: PathBuf,
    /// Path in the output: `files/documents/informe-2024.pdf`.
    pub to: PathBuf,
}

/// Every file a document holds that the library has and may publish.
fn library_copies(site: &Site) -> Vec<LibraryCopy> {
    let mut copies: Vec<LibraryCopy> = site
        .catalog
        .files
        .keys()
        .filter(|path| site.library.check(path).is_ok())
        .map(|path| LibraryCopy {
            from: PathBuf::from(path),
            to: PathBuf::from(served_path(path).trim_start_matches('/')),
        })
        .collect();
    copies.sort_by(|a, b| a.from.cmp(&b.from));
    copies
}

/// Renders the whole site: every page to `emit` as soon as it is made (a large site's
/// pages are not held in memory), the other files into [`Rendered::files`].
pub fn render(
    config: &Config,
    i18n: &I18n,
    theme: &Theme,
    site: &Site,
    emit: &Emit<'_>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let renderer = Renderer::new(config, i18n, theme, site);
    let all: Vec<&Entry> = site.entries.values().collect();
    let (pages, reads) = renderer.pages(&all, emit)?;
    let mut rendered = Rendered {
        pages,
        reads,
        ..Rendered::default()
    };
    let mut diagnostics = Vec::new();
    rendered.counts = site
        .langs
        .iter()
        .map(|lang| {
            let own = site
                .entries
                .values()
                .filter(|e| site.is_own_page(e, lang))
                .count();
            (lang.clone(), own, site.entries.len() - own)
        })
        .collect();
    for lang in &site.langs {
        match renderer.not_found(lang) {
            Ok(file) => {
                if *lang == config.default_language {
                    // Hosts that know nothing of languages serve /404.html.
                    rendered.files.push(OutputFile {
                        path: "404.html".into(),
                        bytes: file.bytes.clone(),
                    });
                }
                rendered.files.push(file);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    match renderer.root() {
        Ok(file) => rendered.files.push(file),
        Err(d) => diagnostics.push(d),
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    // The pages no single entry makes (editions, reports) on one core, the other
    // files on the other: one after the other they were 200 ms of a 10,000-page
    // build with a core idle. `generated` records its reads on its own thread, so it
    // must not use rayon itself: waiting, its thread could take up `other_files`
    // with the log open, and work sent to other threads would be recorded nowhere.
    let ((files, read), others) = rayon::join(
        || reads::recording(|| generated(&renderer)),
        || other_files(&renderer),
    );
    let files = files.map_err(|d| vec![d])?;
    let (exports, others) = others;
    rendered.files.extend(exports);
    rendered.files.extend(files);
    rendered.generated = read;
    rendered.files.extend(others);
    rendered.copies = library_copies(site);
    Ok(rendered)
}

/// The site's files that are not pages: the open-data exports, then the listings'
/// feeds, the sitemap, `robots.txt`, the redirects, the theme's files and the
/// editors' form.
fn other_files(renderer: &Renderer<'_>) -> (Vec<OutputFile>, Vec<OutputFile>) {
    let (config, site) = (renderer.config, renderer.site);
    let exports = data::exports(renderer);
    let mut files = Vec::new();
    for (kind, declared) in site.kinds.listed().filter(|(_, l)| l.feed) {
        if let Some(listing) = site.catalog.listing(kind) {
            files.extend(
                site.langs
                    .iter()
                    .map(|lang| feed::feed(renderer, kind, declared, listing, lang)),
            );
        }
    }
    files.extend(sitemap::sitemap(config, site));
    files.push(sitemap::robots(config));
    files.push(netlify::redirects(config));
    files.extend(renderer.theme.files.iter().cloned());
    files.extend(admin::admin(renderer));
    (exports, files)
}

/// Renders only the pages of `keys` (in every language, with the facet pages of a
/// listing among them), and with `generated` the pages no single entry makes: what
/// `faro serve` rewrites after an edit, with what they read.
pub fn render_entries(
    config: &Config,
    i18n: &I18n,
    theme: &Theme,
    site: &Site,
    keys: &[EntryKey],
    generated_too: bool,
) -> Result<(Vec<OutputFile>, PageReads, Option<reads::Reads>), Vec<Diagnostic>> {
    let renderer = Renderer::new(config, i18n, theme, site);
    let entries: Vec<&Entry> = keys.iter().filter_map(|k| site.entries.get(k)).collect();
    let files = std::sync::Mutex::new(Vec::new());
    let (_, reads) = renderer.pages(&entries, &|file| {
        files
            .lock()
            .expect("no thread panics holding it")
            .push(file);
        Ok(())
    })?;
    let mut files = files.into_inner().expect("no thread panics holding it");
    let mut generated_reads = None;
    if generated_too {
        let (made, read) = reads::recording(|| generated(&renderer));
        files.extend(made.map_err(|d| vec![d])?);
        generated_reads = Some(read);
    }
    Ok((files, reads, generated_reads))
}

/// The pages and data that no single entry makes: the listings' editions, and the
/// plans' indicators and biennial reports.
fn generated(renderer: &Renderer<'_>) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = editions::outputs(renderer)?;
    files.extend(reports::outputs(renderer)?);
    Ok(files)
}

/// What every view needs: the site, its text and the theme.
pub struct Renderer<'a> {
    config: &'a Config,
    i18n: &'a I18n,
    theme: &'a Theme,
    site: &'a Site,
    /// The theme's templates, with the functions that read the site (`entry_title`)
    /// if a template calls them.
    tera: Cow<'a, tera::Tera>,
    /// Rendered Markdown of each page, by index into `site.pages`, made when first
    /// needed (an incremental render needs only a few), with what making it read.
    bodies: Vec<OnceLock<(String, reads::Reads)>>,
    /// Each language's [`Statics`], ready to clone into a page's context.
    statics: HashMap<Lang, tera::Context>,
    /// The frame of each language's pages, by their place in the navigation.
    chromes: Chromes,
    /// The cards and facets of each listing (by kind and language), made on first use.
    listings: HashMap<(CatalogKind, Lang), OnceLock<(listing::Listing, reads::Reads)>>,
    /// Each kind's schema, probed once: cards, facets and records read it for every
    /// entry they show.
    schemas: HashMap<&'static str, Vec<Field>>,
}

/// What every template gets.
#[derive(Serialize)]
struct Common<'a> {
    languages: Vec<Switch<'a>>,
    alternates: Vec<Alternate>,
    canonical: Option<String>,
}

/// What every template gets that is the same for every page of a language. It is
/// serialized once per language: the interface text alone has hundreds of keys.
#[derive(Serialize)]
struct Statics<'a> {
    lang: &'a Lang,
    site_title: &'a str,
    t: &'a Catalog,
    asset: &'a BTreeMap<String, String>,
    /// Top-level pages and sections that exist (`about`, `plans` …), so that the
    /// navigation links only to what is there.
    top_level: &'a [&'a str],
    /// Where the quick-exit button leads (`quick_exit_url` in `config.toml`).
    quick_exit_url: &'a str,
}

/// One entry of the language switcher.
#[derive(Serialize)]
struct Switch<'a> {
    code: &'a Lang,
    name: &'a str,
    url: String,
    current: bool,
    /// Whether this language has its own text of the page.
    translated: bool,
}

/// An `hreflang` alternate.
#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

/// A link to another page, with the language of its title when that differs.
#[derive(Serialize, Clone)]
pub struct Link {
    pub(crate) title: String,
    url: String,
    lang: Option<Lang>,
    description: Option<String>,
}

/// The longest description made from a page's text, in characters: about what
/// search engines show of one.
const DESCRIPTION_CHARS: usize = 160;

/// The page being shown.
#[derive(Serialize)]
struct PageView<'a> {
    title: String,
    /// The language of `title` where it differs from the page's interface language.
    title_lang: Option<Lang>,
    /// The page's own description, else the start of its text: every page has one
    /// for search engines' results.
    description: String,
    content: &'a str,
    url: String,
    /// The language of `title` and `content`.
    lang: &'a Lang,
    /// Set when this is an unofficial translation: where the official text is.
    official: Option<Link>,
    /// Set when the page's language has no translation: the original's language.
    fallback: Option<Link>,
}

impl<'a> Renderer<'a> {
    fn new(config: &'a Config, i18n: &'a I18n, theme: &'a Theme, site: &'a Site) -> Self {
        let bodies = site.pages.iter().map(|_| OnceLock::new()).collect();
        let top_level: Vec<&str> = site
            .entries
            .keys()
            .map(|k| k.strip_suffix("/_index").unwrap_or(k))
            .filter(|k| !k.contains('/') && *k != "_index")
            .collect();
        let statics = site
            .langs
            .iter()
            .map(|lang| {
                let statics = Statics {
                    lang,
                    site_title: &config.language(lang).expect("configured").title,
                    t: i18n.catalog(lang),
                    asset: &theme.assets,
                    top_level: &top_level,
                    quick_exit_url: &config.quick_exit_url,
                };
                let context = tera::Context::from_serialize(statics).expect("serializable");
                (lang.clone(), context)
            })
            .collect();
        let listings = site
            .kinds
            .listed()
            .flat_map(|(kind, _)| {
                site.langs
                    .iter()
                    .map(move |lang| ((kind, lang.clone()), OnceLock::new()))
            })
            .collect();
        // Every entry's title in every language, and a copy of the templates to hold
        // the function, cost each build and each update of `faro serve` about 10 ms at
        // 10,000 pages: only a theme that calls the function pays for it.
        let tera = if theme.calls_entry_title {
            let mut tera = theme.tera.clone();
            tera.register_function("entry_title", entry_title(i18n, site));
            Cow::Owned(tera)
        } else {
            Cow::Borrowed(&theme.tera)
        };
        let schemas = site.kinds.iter().map(|k| (k.name, (k.schema)())).collect();
        Renderer {
            config,
            i18n,
            theme,
            site,
            tera,
            bodies,
            statics,
            chromes: Chromes::new(config, i18n, &site.langs, &top_level),
            listings,
            schemas,
        }
    }

    /// The schema of `kind` (see [`crate::model::schema`]).
    pub(crate) fn schema(&self, kind: &Kind) -> &[Field] {
        self.schemas.get(kind.name).map_or(&[], Vec::as_slice)
    }

    /// The pages of `entries` in every language, in parallel, plus the facet pages of
    /// the listings among them and the further pages of long listings, each to `emit`;
    /// returns how many, and what each entry's pages read.
    fn pages(
        &self,
        entries: &[&Entry],
        emit: &Emit<'_>,
    ) -> Result<(usize, PageReads), Vec<Diagnostic>> {
        let jobs: Vec<(&Entry, &Lang, Option<Facet>, usize)> = entries
            .iter()
            .flat_map(|e| self.site.langs.iter().map(move |l| (*e, l)))
            .flat_map(|(entry, lang)| {
                // Which views a listing has follows from its cards, which its pages read.
                let listed = self.site.catalog.listed_on(&entry.key);
                let views: Vec<(Option<Facet>, usize)> = match listed.filter(|k| k.faceted()) {
                    Some(kind) => std::iter::once(None)
                        .chain(
                            listing::facet_filters(self, kind, lang)
                                .into_iter()
                                .map(Some),
                        )
                        .map(|filter| {
                            let narrowed = filter.as_ref().map(|(f, v)| (*f, v.as_str()));
                            let pages = listing::page_count(self, kind, lang, narrowed);
                            (filter, pages)
                        })
                        .collect(),
                    None => vec![(None, 1)],
                };
                views.into_iter().flat_map(move |(filter, pages)| {
                    (1..=pages).map(move |page| (entry, lang, filter.clone(), page))
                })
            })
            .collect();
        let results: Vec<Result<(&str, reads::Reads), Diagnostic>> = jobs
            .par_iter()
            // Each worker clones the languages' statics once, not once per page.
            .map_init(
                || self.statics.clone(),
                |statics, (entry, lang, filter, page)| {
                    let filter = filter.as_ref().map(|(f, v)| (*f, v.as_str()));
                    let Some(base) = statics.get_mut(*lang) else {
                        return Err(no_statics(lang));
                    };
                    let (file, reads) =
                        reads::recording(|| self.page_with(base, entry, lang, filter, *page));
                    let file = file?;
                    let path = file.path.clone();
                    emit(file)
                        .map(|()| (entry.key.as_str(), reads))
                        .map_err(|e| {
                            Diagnostic::error(
                                codes::IO,
                                &path,
                                1,
                                1,
                                format!("cannot write the page: {e}"),
                            )
                            .with_hint(
                                "check that the output folder's parent exists and is writable",
                            )
                        })
                },
            )
            .collect();
        match partition(results) {
            (done, errors) if errors.is_empty() => {
                let count = done.len();
                let mut reads = PageReads::new();
                for (key, read) in done {
                    reads.entry(key.into()).or_default().extend(read);
                }
                Ok((count, reads))
            }
            (_, errors) => Err(errors),
        }
    }

    /// The language switcher of a page of `lang`: each language at `url(code)`, marked
    /// when it has a translation of its own (`translated(code)`).
    fn switches<'s>(
        &'s self,
        lang: &Lang,
        url: impl Fn(&Lang) -> String,
        translated: impl Fn(&Lang) -> bool,
    ) -> Vec<Switch<'s>> {
        self.config
            .languages
            .iter()
            .map(|l| Switch {
                code: &l.code,
                name: &l.name,
                url: url(&l.code),
                current: &l.code == lang,
                translated: translated(&l.code),
            })
            .collect()
    }

    fn common<'s>(&'s self, lang: &'s Lang, entry: Option<&Entry>) -> Common<'s> {
        let languages = self.switches(
            lang,
            |code| entry.map_or_else(|| format!("/{code}/"), |e| url_for(&e.key, code)),
            |code| entry.is_none_or(|e| self.site.is_own_page(e, code)),
        );
        let (alternates, canonical) = match entry {
            Some(entry) => {
                let original = self.site.original(entry);
                let mut alternates: Vec<Alternate> = self
                    .site
                    .langs
                    .iter()
                    .filter(|l| self.site.is_own_page(entry, l))
                    .map(|l| Alternate {
                        hreflang: l.to_string(),
                        href: self.config.absolute(&url_for(&entry.key, l)),
                    })
                    .collect();
                alternates.push(Alternate {
                    hreflang: "x-default".into(),
                    href: self.config.absolute(&self.site.x_default(entry)),
                });
                // A page showing the original in another language's frame is not a page of
                // its own: search engines should index the original.
                let canonical = if self.site.is_own_page(entry, lang) {
                    url_for(&entry.key, lang)
                } else {
                    original.url.clone()
                };
                (alternates, Some(self.config.absolute(&canonical)))
            }
            None => (Vec::new(), None),
        };
        Common {
            languages,
            alternates,
            canonical,
        }
    }

    /// The template context of a page of `lang` at `url`: the language's statics,
    /// the frame and `common`.
    fn context(
        &self,
        lang: &Lang,
        url: Option<&str>,
        common: Common<'_>,
    ) -> Result<tera::Context, Diagnostic> {
        // The statics name the top-level sections, for the navigation.
        reads::record(Dep::TopLevel);
        let mut context = self
            .statics
            .get(lang)
            .ok_or_else(|| no_statics(lang))?
            .clone();
        context.insert("chrome", self.chrome(lang, url)?);
        context.extend(tera::Context::from_serialize(common).expect("serializable"));
        Ok(context)
    }

    /// A link to `entry` as shown in `lang`, with its short title.
    pub fn link_to(&self, entry: &Entry, lang: &Lang) -> Link {
        let page = self.site.shown(entry, lang);
        let (title, title_lang) = self.title(page, lang, true);
        Link {
            title,
            url: url_for(&entry.key, lang),
            lang: title_lang,
            description: page.doc.meta.description().map(str::to_owned),
        }
    }

    /// A link to the country with code `iso2`, if there is one.
    pub fn country_link(&self, iso2: &str, lang: &Lang) -> Option<Link> {
        self.country_key(iso2)
            .map(|k| self.link_to(self.entry(k), lang))
    }

    /// A page's title in `lang` (see [`title_of`]).
    pub fn title(&self, page: &Page, lang: &Lang, short: bool) -> (String, Option<Lang>) {
        title_of(self.i18n.catalog(lang), page, lang, short)
    }

    fn language_link(&self, page: &Page) -> Link {
        Link {
            title: self
                .config
                .language(&page.doc.lang)
                .map_or_else(|| page.doc.lang.to_string(), |l| l.name.clone()),
            url: page.url.clone(),
            lang: Some(page.doc.lang.clone()),
            description: None,
        }
    }

    /// Renders `entry` in `lang`; a listing narrowed by `filter` = (facet, value) is
    /// written at its facet page, e.g. `/es/services/type/hotline/`.
    fn page_with(
        &self,
        statics: &mut tera::Context,
        entry: &Entry,
        lang: &Lang,
        filter: Option<(&str, &str)>,
        page: usize,
    ) -> Result<OutputFile, Diagnostic> {
        reads::record(Dep::Entry(entry.key.clone()));
        let original = self.site.original(entry);
        let shown = self.site.shown(entry, lang);
        let official = (shown.doc.meta.translation() == Translation::Unofficial
            && original.doc.meta.translation() == Translation::Official
            && original.doc.lang != shown.doc.lang)
            .then(|| self.language_link(original));
        let (title, title_lang) = self.title(shown, lang, false);
        let description = match shown.doc.meta.description() {
            Some(own) => own.to_string(),
            None => {
                // A page without text (an alignment's row) is described by its title.
                match markdown::opening(self.parsed(shown), DESCRIPTION_CHARS) {
                    start if start.is_empty() => title.clone(),
                    start => start,
                }
            }
        };
        let view = PageView {
            title,
            title_lang,
            description,
            content: self.body(shown),
            url: url_for(&entry.key, lang),
            lang: &shown.doc.lang,
            official,
            fallback: (!self.site.is_own_page(entry, lang)).then(|| self.language_link(original)),
        };
        // The statics name the top-level sections, for the navigation.
        reads::record(Dep::TopLevel);
        let mut context = Layered::new(statics);
        let common = self.common(lang, Some(entry));
        context.extend(tera::Context::from_serialize(common).expect("serializable"));
        context.insert("chrome", self.chrome(lang, Some(&view.url))?);
        context.insert("page", &view);
        context.insert("breadcrumbs", &self.breadcrumbs(entry, lang));
        // The template the page's kind declares; a page of kind `page` may name
        // another, and sections, listings and the home page have their own.
        let kind = self.site.kinds.get(shown.doc.meta.kind());
        let declared = kind.map_or("page.html", |k| k.template);
        let template = match &shown.doc.meta {
            Meta::Plan(_) => {
                context.insert("plan", &plans::plan_view(self, entry, lang));
                declared
            }
            Meta::Section(meta) => {
                context.insert("section", &plans::section_view(self, entry, meta, lang));
                context.insert("tracker", &mandates::tracker(self, entry, meta, lang));
                declared
            }
            Meta::Item(meta) => {
                context.insert("item", &plans::item_view(self, entry, meta, lang));
                context.insert(
                    "practices",
                    &catalog::practices_for_directive(self, entry, lang),
                );
                context.insert(
                    "alignments",
                    &alignments::rows_for_directive(self, entry, lang),
                );
                context.insert("latest", &reports::latest_for_directive(self, entry, lang));
                if meta.kind == ItemKind::Mandate {
                    context.insert("holdings", &mandates::holdings(self, entry, lang));
                } else {
                    context.insert("records", &record::naming(self, entry, lang));
                }
                declared
            }
            Meta::Comparison(meta) => {
                context.insert("comparison", &plans::comparison_view(self, meta, lang));
                declared
            }
            Meta::Alignment(_) => {
                context.insert("alignment", &alignments::alignment_view(self, entry, lang));
                declared
            }
            Meta::AlignmentRow(_) => {
                context.insert("row", &alignments::row_view(self, entry, lang));
                declared
            }
            Meta::Country(meta) => {
                let note = meta.status_note.get(lang.as_str());
                context.insert(
                    "country",
                    &serde_json::json!({ "iso2": meta.iso2, "iso3": meta.iso3, "status": meta.status, "status_note": note }),
                );
                context.insert("profile", &catalog::country_view(self, entry, lang));
                context.insert("coverage", &coverage::state_coverage(self, entry, lang));
                declared
            }
            Meta::Authority(meta) => {
                context.insert(
                    "authority",
                    &catalog::authority_view(self, entry, meta, lang),
                );
                declared
            }
            Meta::Service(meta) => {
                context.insert("service", &catalog::service_view(self, meta, lang));
                declared
            }
            Meta::Practice(meta) => {
                context.insert("practice", &catalog::practice_view(self, meta, lang));
                declared
            }
            Meta::Record(meta) => {
                if let Some(kind) = kind {
                    context.insert("record", &record::record_view(self, kind, meta, lang));
                }
                // A report's answers, on every indicator of its plan.
                if let Some(report) = reports::report_view(self, entry, lang) {
                    context.insert("report", &report);
                }
                declared
            }
            Meta::Page(meta) => {
                let listed = self.listed_on(&entry.key);
                match listed {
                    Some(CatalogKind::AUTHORITY) => {
                        context.insert("directory", &catalog::directory_view(self, lang));
                        context.insert(
                            "editions",
                            &editions::edition_links(self, CatalogKind::AUTHORITY, lang),
                        );
                        context
                            .insert("coverage", &catalog::coverage(self, CatalogKind::AUTHORITY));
                        context.insert("states", &coverage::coverage_view(self, lang));
                    }
                    Some(kind) => {
                        context.insert(
                            "listing",
                            &listing::listing_view(self, &entry.key, kind, lang, filter, page),
                        );
                        if kind.name() == ReportMeta::KIND {
                            context.insert("reporting", &reports::periods_view(self, lang));
                        }
                    }
                    None if entry.key == HOME => {
                        self.insert_children(&mut context, entry, lang);
                        context.insert("hotlines", &catalog::hotlines(self, lang));
                        if let Some(services) = self.listing(CatalogKind::SERVICE) {
                            let all = listing::facet_url(services, lang, "type", "hotline");
                            context.insert("hotlines_url", &all);
                        }
                    }
                    None => self.insert_children(&mut context, entry, lang),
                }
                meta.template
                    .as_deref()
                    .unwrap_or_else(|| default_template(&entry.key, listed))
            }
        };
        let url = listing::page_url(
            &match filter {
                Some((facet, value)) => listing::facet_url(&entry.key, lang, facet, value),
                None => view.url.clone(),
            },
            page,
        );
        let html = self.tera.render(template, context.get()).map_err(|e| {
            let mut d = template_diagnostic(&self.theme.dir.join("templates").join(template), &e);
            let hint = d.hint.take().unwrap_or_default();
            d.with_hint(format!(
                "{hint}; it failed while rendering {}",
                shown.doc.path.display()
            ))
        })?;
        Ok(OutputFile {
            path: index_path(&url),
            bytes: html.into_bytes(),
        })
    }

    /// The links a plain section page lists: its children, and for the countries index
    /// their counts. Only such pages get them: a catalog listing of 30,000 services
    /// renders cards instead, and serializing every child into each of its facet pages'
    /// contexts made rendering quadratic in the catalog's size (bench/RESULTS.md).
    fn insert_children(&self, context: &mut Layered<'_>, entry: &Entry, lang: &Lang) {
        reads::record(Dep::Children(entry.key.clone()));
        let mut children: Vec<Link> = entry
            .children
            .iter()
            .map(|k| self.link_to(self.entry(k), lang))
            .collect();
        // Countries read alphabetically in the visitor's language, not by code.
        let countries = entry.children.iter().all(|k| {
            matches!(
                self.site.original(&self.site.entries[k]).doc.meta,
                Meta::Country(_)
            )
        });
        if countries && !entry.children.is_empty() {
            children.sort_by_cached_key(|link| fold(&link.title));
            context.insert(
                "country_counts",
                &catalog::country_counts(self, &entry.children, lang),
            );
        }
        context.insert("children", &children);
    }

    /// The rendered Markdown of `page`.
    pub fn body(&self, page: &Page) -> &str {
        let entry = self.entry(&page.doc.key);
        let parsed = self.parsed(page);
        reads::cached(&self.bodies[entry.translations[&page.doc.lang]], || {
            let catalog = self.i18n.catalog(&page.doc.lang);
            markdown::to_html(parsed, &|text| {
                marks::render(text, self.site, catalog, &page.doc.lang)
            })
        })
        .as_str()
    }

    /// The folders above `entry`, outermost first; an item also shows its section.
    fn breadcrumbs(&self, entry: &Entry, lang: &Lang) -> Vec<Link> {
        let mut breadcrumbs = Vec::new();
        let mut parent = entry.parent.as_ref();
        while let Some(key) = parent {
            let parent_entry = self.entry(key);
            breadcrumbs.insert(0, self.link_to(parent_entry, lang));
            parent = parent_entry.parent.as_ref();
        }
        if let Meta::Item(item) = &self.site.original(entry).doc.meta {
            if let Some(section) = self
                .plan_of(&entry.key)
                .and_then(|p| p.section_by_key.get(&item.section))
            {
                breadcrumbs.push(self.link_to(self.entry(section), lang));
            }
        }
        breadcrumbs
    }

    fn not_found(&self, lang: &Lang) -> Result<OutputFile, Diagnostic> {
        let context = self.context(lang, None, self.common(lang, None))?;
        self.render_to(
            "404.html",
            &context,
            PathBuf::from(format!("{lang}/404.html")),
        )
    }

    /// The language chooser at `/`, which works without JavaScript.
    fn root(&self) -> Result<OutputFile, Diagnostic> {
        let lang = &self.config.default_language;
        let mut common = self.common(lang, None);
        common.canonical = Some(self.config.absolute("/"));
        common.alternates = self
            .site
            .langs
            .iter()
            .map(|l| Alternate {
                hreflang: l.to_string(),
                href: self.config.absolute(&format!("/{l}/")),
            })
            .chain([Alternate {
                hreflang: "x-default".into(),
                href: self.config.absolute("/"),
            }])
            .collect();
        let titles: BTreeMap<&Lang, &str> = self
            .config
            .languages
            .iter()
            .map(|l| (&l.code, l.title.as_str()))
            .collect();
        // The chooser is in no one language: root.js names its safety controls in the
        // visitor's browser language when the site has it.
        let safety: BTreeMap<&Lang, BTreeMap<&str, &str>> = self
            .site
            .langs
            .iter()
            .map(|l| {
                let catalog = self.i18n.catalog(l);
                let text = |key: &'static str| (key, catalog.get(key).map_or("", String::as_str));
                (l, BTreeMap::from([text("quick_exit"), text("safety_link")]))
            })
            .collect();
        let mut context = self.context(lang, None, common)?;
        context.insert("titles", &titles);
        context.insert("safety", &safety);
        self.render_to("root.html", &context, PathBuf::from("index.html"))
    }

    fn render_to(
        &self,
        template: &str,
        context: &tera::Context,
        path: PathBuf,
    ) -> Result<OutputFile, Diagnostic> {
        let html = self.tera.render(template, context).map_err(|e| {
            template_diagnostic(&self.theme.dir.join("templates").join(template), &e)
        })?;
        Ok(OutputFile {
            path,
            bytes: html.into_bytes(),
        })
    }
}

/// A page's title in `lang`, and the title's language when it differs from
/// `lang`. Items are titled by kind and number in the interface language.
pub fn title_of(
    catalog: &Catalog,
    page: &Page,
    lang: &Lang,
    short: bool,
) -> (String, Option<Lang>) {
    let written = if short {
        page.doc.meta.short_title()
    } else {
        page.doc.meta.title()
    };
    match (written, &page.doc.meta) {
        (_, Meta::Country(country)) => {
            let name = country.name.get(lang.as_str());
            let name_lang = name.is_none().then(|| page.doc.lang.clone());
            (country.name_in(lang.as_str()).to_string(), name_lang)
        }
        (_, Meta::AlignmentRow(row)) => {
            let kind = catalog.get("directive").map_or("", String::as_str);
            let (plan, number) = row
                .directive
                .split_once('/')
                .unwrap_or(("", &row.directive));
            (format!("{kind} {number} ({plan})"), None)
        }
        (_, Meta::Item(item)) => {
            let kind = catalog.get(item.kind.name()).map_or("", String::as_str);
            (format!("{kind} {}", item.number), None)
        }
        (Some(title), _) => (
            title.to_string(),
            (&page.doc.lang != lang).then(|| page.doc.lang.clone()),
        ),
        (None, _) => (String::new(), None),
    }
}

/// The template function `entry_title(key, lang)`: the short title of any entry in
/// `lang`, as links show it. The titles are gathered once per render, since a Tera
/// function outlives the site it would borrow; each call is recorded as a read of that
/// entry, so that a page showing another entry's title follows its edits.
fn entry_title(i18n: &I18n, site: &Site) -> impl tera::Function {
    let titles: HashMap<(EntryKey, Lang), String> = site
        .entries
        .values()
        .flat_map(|entry| {
            site.langs.iter().map(move |lang| {
                let page = site.shown(entry, lang);
                let (title, _) = title_of(i18n.catalog(lang), page, lang, true);
                ((entry.key.clone(), lang.clone()), title)
            })
        })
        .collect();
    let titles = Arc::new(titles);
    move |args: &HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
        let text = |name: &str| {
            args.get(name)
                .and_then(tera::Value::as_str)
                .ok_or_else(|| tera::Error::msg(format!("entry_title needs `{name}`, a string")))
        };
        let (key, lang) = (text("key")?, text("lang")?);
        reads::record(Dep::Entry(key.into()));
        titles
            .get(&(key.into(), Lang(lang.to_owned())))
            .map(|title| tera::Value::String(title.clone()))
            .ok_or_else(|| tera::Error::msg(format!("entry_title: no entry `{key}` in `{lang}`")))
    }
}

/// A facet and one of its values, e.g. (`type`, `hotline`).
type Facet = (&'static str, String);

/// The content root's `_index`: the home page.
const HOME: &str = "_index";

/// `home.html` for the home page, `directory.html` for the page that lists
/// authorities, `listing.html` for another listing, `section.html` for other `_index`
/// files, `page.html` for the rest.
fn default_template(key: &str, listed: Option<CatalogKind>) -> &'static str {
    match (key, listed) {
        (HOME, _) => "home.html",
        (_, Some(CatalogKind::AUTHORITY)) => "directory.html",
        (_, Some(_)) => "listing.html",
        (k, None) if k.ends_with("_index") => "section.html",
        _ => "page.html",
    }
}

/// What a page of a language without interface text gets; the statics are made for
/// every language of the site, whose catalogs were all loaded.
fn no_statics(lang: &Lang) -> Diagnostic {
    Diagnostic::error(
        codes::I18N,
        format!("i18n/{lang}.toml"),
        1,
        1,
        format!("language `{lang}` has no interface text"),
    )
}

/// `/es/about/` → `es/about/index.html`.
fn index_path(url: &str) -> PathBuf {
    PathBuf::from(format!("{}index.html", url.trim_start_matches('/')))
}

impl Renderer<'_> {
    /// A page that is not a content file's but exists in every language at
    /// `path(lang)` (an edition's), below the section page `parent`: the frame every
    /// page has, `title`, and `view` under its name for `template`.
    fn generated_page(
        &self,
        lang: &Lang,
        path: &dyn Fn(&Lang) -> String,
        template: &str,
        title: String,
        parent: &str,
        view: (&str, &impl Serialize),
    ) -> Result<OutputFile, Diagnostic> {
        let url = path(lang);
        let languages = self.switches(lang, path, |_| true);
        let alternates = self
            .site
            .langs
            .iter()
            .map(|l| Alternate {
                hreflang: l.to_string(),
                href: self.config.absolute(&path(l)),
            })
            .chain([Alternate {
                hreflang: "x-default".into(),
                href: self.config.absolute(&path(&self.site.default_lang)),
            }])
            .collect();
        let common = Common {
            languages,
            alternates,
            canonical: Some(self.config.absolute(&url)),
        };
        let mut context = self.context(lang, Some(&url), common)?;
        let parent_entry = self.entry(parent);
        let mut breadcrumbs = self.breadcrumbs(parent_entry, lang);
        breadcrumbs.push(self.link_to(parent_entry, lang));
        context.insert("breadcrumbs", &breadcrumbs);
        context.insert(
            "page",
            &PageView {
                description: title.clone(),
                title,
                title_lang: None,
                content: "",
                url: url.clone(),
                lang,
                official: None,
                fallback: None,
            },
        );
        context.insert(view.0, view.1);
        self.render_to(template, &context, index_path(&url))
    }
}
