//! Rules that look at the linked site as a whole, with bodies scanned after linking and
//! the rules run after rendering: every page's links, anchors, images and raw HTML,
//! placeholders, entries entered twice, how much is left to translate, and which states
//! have no contact point in the directory.
//!
//! | code | severity | rule |
//! | --- | --- | --- |
//! | `broken-link` | error | a relative link, an HTML `<a href>` or a reference label that leads nowhere; a link to a `.md` file; a `source` naming no file under `sources/` |
//! | `broken-anchor` | error | `#fragment` naming no element of the target page |
//! | `missing-alt` | error | an image without alt text |
//! | `stripped-html` | warning | raw HTML, a link or an image source the sanitizer removes |
//! | `duplicate-id` | error | ids that differ only in case or accents; one open-data id for two entries; one institution, service or practice entered twice |
//! | `todo` | warning | a value or paragraph that is still a `TODO` placeholder |
//! | `missing-translation` | info | per language, the pages without a translation |
//! | `no-contact-point` | info | the participating states without a contact point in the directory |

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::outputs::OutputFile;

mod body;
mod coverage;
pub mod html;
mod ids;
pub mod links;
mod sources;
pub mod todo;
mod translations;

/// Every page's body scanned once (links, ids, images, raw HTML), before rendering:
/// the scan says which rendered pages the fragment check will read.
pub struct Scan {
    facts: Vec<body::Facts>,
}

/// Scans the bodies of `site`'s pages.
pub fn scan(site: &Site) -> Scan {
    Scan {
        facts: site
            .pages
            .par_iter()
            .map(|page| body::scan(&page.doc))
            .collect(),
    }
}

impl Scan {
    /// The output paths of the pages that links with a `#fragment` lead to.
    pub fn fragment_targets(&self, site: &Site) -> HashSet<PathBuf> {
        links::fragment_targets(site, &self.facts)
    }
}

/// Runs every rule on `site` (whose root folder is `root`), scanned by [`scan`].
/// Fragments are checked against the rendered pages of [`Scan::fragment_targets`], so
/// only when `pages` is given: that is, once the rest of the site builds.
pub fn lint(root: &Path, site: &Site, scan: Scan, pages: Option<&[OutputFile]>) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .flat_map_iter(|page| todo::in_front_matter(&page.doc))
        .collect();
    diagnostics.extend(
        site.pages
            .par_iter()
            .filter_map(|page| sources::check(root, &page.doc))
            .collect::<Vec<_>>(),
    );
    diagnostics.extend(links::check(site, &scan.facts, pages));
    diagnostics.extend(scan.facts.into_iter().flat_map(|f| f.diagnostics));
    diagnostics.extend(ids::check(site));
    diagnostics.extend(translations::summary(root, site));
    diagnostics.extend(coverage::missing_contact_points(site));
    diagnostics
}
