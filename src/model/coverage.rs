//! What the directory holds for each state, by role. The III Plan's mandate 7 asks
//! every member state to designate a national contact point; the directory page, the
//! country pages, the open data and `faro check` all say which states have, from this
//! one reading of the directory.

use std::collections::BTreeMap;

use super::catalog::to_date;
use super::meta::{AuthorityMeta, AuthorityRole, CatalogKind, CountryMeta, Meta};
use super::values;
use super::{Entry, Site};

/// What the directory holds of one role for one state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// How many entries of the state have the role.
    pub entries: usize,
    /// The oldest verification among them; `None` when one of them was never verified
    /// (or its date is not a calendar date): a role is as current as its least current
    /// entry, as a directory group is.
    pub last_verified: Option<values::Date>,
}

/// The roles the directory holds among `authorities` (one state's entries); a role
/// with no entry is absent.
pub fn roles<'a>(
    authorities: impl IntoIterator<Item = &'a AuthorityMeta>,
) -> BTreeMap<AuthorityRole, Held> {
    // Per role: how many entries, and the oldest date so far, or `None` once an
    // unverified entry was seen.
    let mut found: BTreeMap<AuthorityRole, (usize, Option<values::Date>)> = BTreeMap::new();
    for meta in authorities {
        let date = meta.last_verified.filter(|d| to_date(d).is_some());
        found
            .entry(meta.role)
            .and_modify(|(entries, oldest)| {
                *entries += 1;
                *oldest = match (*oldest, date) {
                    (Some(a), Some(b)) => Some(if to_date(&b) < to_date(&a) { b } else { a }),
                    _ => None,
                };
            })
            .or_insert((1, date));
    }
    found
        .into_iter()
        .map(|(role, (entries, last_verified))| {
            (
                role,
                Held {
                    entries,
                    last_verified,
                },
            )
        })
        .collect()
}

/// The roles the directory holds for the country with entry key `country`.
pub fn roles_of(site: &Site, country: &str) -> BTreeMap<AuthorityRole, Held> {
    let keys = site.catalog.of_country(CatalogKind::AUTHORITY, country);
    roles(
        keys.iter()
            .filter_map(|k| site.entries.get(k))
            .filter_map(|entry| match &site.original(entry).doc.meta {
                Meta::Authority(m) => Some(m),
                _ => None,
            }),
    )
}

/// The participating states (status `member`) without a contact point in the
/// directory, with their entries, by ISO code.
pub fn without_contact_point(site: &Site) -> Vec<(&Entry, &CountryMeta)> {
    let mut states: Vec<(&Entry, &CountryMeta)> = site
        .entries
        .values()
        .filter_map(|entry| match &site.original(entry).doc.meta {
            Meta::Country(m) if m.status.participates() => Some((entry, m)),
            _ => None,
        })
        .filter(|(entry, _)| !roles_of(site, &entry.key).contains_key(&AuthorityRole::ContactPoint))
        .collect();
    states.sort_by(|a, b| a.1.iso2.cmp(&b.1.iso2));
    states
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authority(role: &str, verified: Option<&str>) -> AuthorityMeta {
        let date = verified.map_or(String::new(), |d| format!("last_verified = {d}\n"));
        toml::from_str(&format!(
            "kind = \"authority\"\ninstitution = \"I\"\nrole = \"{role}\"\ncountry = \"XA\"\nsource = \"s\"\n{date}"
        ))
        .unwrap()
    }

    #[test]
    fn a_role_is_as_current_as_its_least_current_entry() {
        let entries = [
            authority("contact-point", Some("2026-01-01")),
            authority("contact-point", Some("2025-03-01")),
            authority("national-authority", Some("2026-01-01")),
            authority("national-authority", None),
        ];
        let held = roles(&entries);
        let contact = &held[&AuthorityRole::ContactPoint];
        assert_eq!(contact.entries, 2);
        assert_eq!(
            contact.last_verified.map(|d| d.to_string()).as_deref(),
            Some("2025-03-01")
        );
        assert_eq!(held[&AuthorityRole::NationalAuthority].last_verified, None);
        assert!(!held.contains_key(&AuthorityRole::CoordinatingBody));
    }

    #[test]
    fn role_names_are_the_front_matter_values() {
        let names: Vec<&str> = AuthorityRole::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(names, super::super::schema::variants::<AuthorityRole>());
    }
}
