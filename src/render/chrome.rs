//! The frame a page shares with every page of its language and section: the theme's
//! `chrome.html` (styles, header, main navigation, footer), rendered once per
//! language and place in the navigation rather than once per page. Its lookups of
//! interface text were a sixth of the render stage's CPU time at 10,000 pages
//! (bench/RESULTS.md).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::model::Lang;
use crate::theme::template_diagnostic;

use super::{no_statics, Renderer};

/// The template that holds the frame's parts.
const TEMPLATE: &str = "chrome.html";

/// The frames of a site, each made on first use.
pub struct Chromes {
    /// Each language's main navigation: the sections `nav` in `config.toml` names
    /// that the site has, in that order.
    nav: HashMap<Lang, Vec<NavLink>>,
    /// The frame of each language and place, once made.
    made: HashMap<(Lang, Place), OnceLock<Result<Chrome, Diagnostic>>>,
}

/// A link of the main navigation.
#[derive(Serialize, Clone)]
struct NavLink {
    href: String,
    /// The interface text `nav_<section>`.
    label: String,
    /// Whether the page is in this link's section.
    current: bool,
}

/// Where a page sits in the site: all that its frame depends on besides its
/// language.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Place {
    /// The link of the main navigation whose section holds the page. Links lead to
    /// distinct top-level sections (`/es/plans/`), so at most one holds a page.
    nav: Option<usize>,
    /// Whether the page is the safety page, which the header links to.
    safety: bool,
}

/// A frame's parts, as `base.html` prints them (`chrome.head` …).
#[derive(Serialize, Debug)]
pub struct Chrome {
    head: String,
    header_start: String,
    header_end: String,
    footer: String,
}

impl Chromes {
    /// Nothing made yet, for a site whose top-level sections are `top_level`.
    pub fn new(config: &Config, i18n: &I18n, langs: &[Lang], top_level: &[&str]) -> Self {
        let nav: HashMap<Lang, Vec<NavLink>> = langs
            .iter()
            .map(|lang| {
                let t = i18n.catalog(lang);
                // A section without its label was refused when the catalogs loaded.
                let links = config
                    .nav
                    .iter()
                    .filter(|section| top_level.contains(&section.as_str()))
                    .filter_map(|section| {
                        Some(NavLink {
                            href: format!("/{lang}/{section}/"),
                            label: t.get(&format!("nav_{section}"))?.clone(),
                            current: false,
                        })
                    })
                    .collect();
                (lang.clone(), links)
            })
            .collect();
        let made = nav
            .iter()
            .flat_map(|(lang, links)| {
                let navs = std::iter::once(None).chain((0..links.len()).map(Some));
                navs.flat_map(move |nav| {
                    [false, true]
                        .map(|safety| ((lang.clone(), Place { nav, safety }), OnceLock::new()))
                })
            })
            .collect();
        Chromes { nav, made }
    }
}

impl Renderer<'_> {
    /// The frame of a page of `lang` at `url`; `None` for a page with no place in
    /// the site, such as the 404 page.
    pub(super) fn chrome(&self, lang: &Lang, url: Option<&str>) -> Result<&Chrome, Diagnostic> {
        let links = self.chromes.nav.get(lang).map_or(&[][..], Vec::as_slice);
        let place = Place {
            nav: url.and_then(|url| links.iter().position(|l| url.starts_with(&l.href))),
            safety: url == Some(format!("/{lang}/safety/").as_str()),
        };
        let Some(cell) = self.chromes.made.get(&(lang.clone(), place)) else {
            return Err(no_statics(lang));
        };
        cell.get_or_init(|| self.make_chrome(lang, links, place))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn make_chrome(
        &self,
        lang: &Lang,
        links: &[NavLink],
        place: Place,
    ) -> Result<Chrome, Diagnostic> {
        let mut context = self
            .statics
            .get(lang)
            .ok_or_else(|| no_statics(lang))?
            .clone();
        let nav: Vec<NavLink> = links
            .iter()
            .enumerate()
            .map(|(i, link)| NavLink {
                current: place.nav == Some(i),
                ..link.clone()
            })
            .collect();
        context.insert("nav", &nav);
        context.insert("safety_current", &place.safety);
        let mut part = |name: &str| {
            context.insert("part", name);
            self.tera.render(TEMPLATE, &context).map_err(|e| {
                template_diagnostic(&self.theme.dir.join("templates").join(TEMPLATE), &e)
            })
        };
        Ok(Chrome {
            head: part("head")?,
            header_start: part("header_start")?,
            header_end: part("header_end")?,
            footer: part("footer")?,
        })
    }
}
