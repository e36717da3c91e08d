//! Rules that look at the linked site as a whole, run once after linking and
//! rendering: every page's links, anchors, images and raw HTML, placeholders, entries
//! entered twice, and how much is left to translate.
//!
//! | code | severity | rule |
//! | --- | --- | --- |
//! | `broken-link` | error | a relative link, an HTML `<a href>` or a reference label that leads nowhere; a link to a `.md` file |
//! | `broken-anchor` | error | `#fragment` naming no element of the target page |
//! | `missing-alt` | error | an image without alt text |
//! | `stripped-html` | warning | raw HTML, a link or an image source the sanitizer removes |
//! | `duplicate-id` | error | ids that differ only in case or accents; one open-data id for two entries; one institution, service or practice entered twice |
//! | `todo` | warning | a value or paragraph that is still a `TODO` placeholder |
//! | `missing-translation` | info | per language, the pages without a translation |

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::link::Site;
use crate::render::Rendered;

mod body;
pub mod html;
mod ids;
pub mod links;
pub mod todo;
mod translations;

/// Runs every rule on `site` (whose root folder is `root`). Fragments are checked
/// against the rendered pages, so only when `rendered` is given: that is, once the
/// rest of the site builds.
pub fn lint(root: &Path, site: &Site, rendered: Option<&Rendered>) -> Vec<Diagnostic> {
    let facts: Vec<body::Facts> = site
        .pages
        .par_iter()
        .map(|page| body::scan(&page.doc))
        .collect();
    let mut diagnostics: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .flat_map_iter(|page| todo::in_front_matter(&page.doc))
        .collect();
    diagnostics.extend(links::check(site, &facts, rendered));
    diagnostics.extend(facts.into_iter().flat_map(|f| f.diagnostics));
    diagnostics.extend(ids::check(site));
    diagnostics.extend(translations::summary(root, site));
    diagnostics
}
