//! States without a contact point: one note, never a failure. The III Plan's mandate 7
//! asks each member state to designate a national contact point; until a state
//! transmits one, the directory honestly shows none, and the note says which are
//! missing so that the Secretariat knows whom to ask.

use crate::diagnostic::{codes, Diagnostic, Severity};
use crate::model::coverage::without_contact_point;
use crate::model::meta::CatalogKind;
use crate::model::Site;

/// One [`Severity::Info`] diagnostic listing the participating states without a
/// contact point, located at the `lists = "authority"` line of the directory's page
/// (or at the first such state's file when no page lists the directory); none when every
/// participating state has one.
pub fn missing_contact_points(site: &Site) -> Option<Diagnostic> {
    let missing = without_contact_point(site);
    if missing.is_empty() {
        return None;
    }
    let participating = site
        .entries
        .values()
        .filter(|e| match &site.original(e).doc.meta {
            crate::model::meta::Meta::Country(m) => m.status.participates(),
            _ => false,
        })
        .count();
    let listing = site
        .catalog
        .listing(CatalogKind::AUTHORITY)
        .and_then(|key| site.entries.get(key));
    let (path, line) = match listing {
        Some(entry) => {
            let doc = &site.original(entry).doc;
            (doc.path.clone(), doc.front_line("lists"))
        }
        // No page lists the directory: the first state without one stands for them.
        None => match missing.first() {
            Some((entry, _)) => (site.original(entry).doc.path.clone(), 1),
            None => return None,
        },
    };
    let codes_list = missing
        .iter()
        .map(|(_, m)| m.iso2.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    Some(
        Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(
                codes::NO_CONTACT_POINT,
                path,
                line,
                1,
                format!(
                    "{} of {participating} participating states have no contact point in the directory: {codes_list}",
                    missing.len()
                ),
            )
        }
        .with_hint("mandate 7 of the III Plan asks each state to designate one; when a state transmits it, add it as content/directory/<iso2>/<slug>.<lang>.md with `role = \"contact-point\"` and its source"),
    )
}
