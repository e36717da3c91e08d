//! The practical half of the platform: national authorities, services for victims and
//! survivors, and good practices. Indexed by country and directive, and validated:
//! countries and directives must exist, contacts must be well formed, and entries no
//! one has checked for a year are flagged.

use std::collections::{btree_map, BTreeMap, HashMap};

use time::Date;

use super::contact::{check_phone, check_phones, is_email, is_web_url};
use super::countries::Countries;
use super::library::Library;
use super::meta::{CatalogKind, Meta, PageMeta};
use super::plans::Plans;
use super::values::{self, Email, LanguageCode, Phone, LANGUAGE_CODE};
use super::Content;
use super::Document;
use super::EntryKey;
use super::Lang;
use super::Place;
use crate::diagnostic::{codes, did_you_mean, Diagnostic};

/// Entry keys of authorities, services, practices and every other listed kind, by
/// what refers to them.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Entry keys of each listed kind, per country entry key; entries about no
    /// country under the empty key.
    entries: HashMap<CatalogKind, HashMap<EntryKey, Vec<EntryKey>>>,
    /// Practice entry keys per directive entry key they implement.
    pub practices_by_directive: HashMap<EntryKey, Vec<EntryKey>>,
    /// Per plan item (entry key), the entries that name it: declared kinds' entries
    /// by their plan-item fields (a document's `serves`), pages by their `serves`.
    pub named_by: HashMap<EntryKey, Vec<EntryKey>>,
    /// The entry that holds each file (a document's), and the file's language, by
    /// the file's path: where "Source: …, line N" leads.
    pub files: HashMap<String, (EntryKey, Lang)>,
    /// The entry key of the section page that lists each kind (`lists = "service"`).
    pub listings: BTreeMap<CatalogKind, EntryKey>,
}

impl Catalog {
    /// The entry keys of `kind` per country entry key (the empty key for entries
    /// about no country).
    pub fn by_country(
        &self,
        kind: CatalogKind,
    ) -> impl Iterator<Item = (&EntryKey, &Vec<EntryKey>)> {
        self.entries.get(&kind).into_iter().flatten()
    }

    /// The entry keys of `kind` about the country with entry key `country`.
    pub fn of_country(&self, kind: CatalogKind, country: &str) -> &[EntryKey] {
        self.entries
            .get(&kind)
            .and_then(|by_country| by_country.get(country))
            .map_or(&[], Vec::as_slice)
    }

    /// Notes that the entry `by` names the plan item `reference`, which `doc` writes
    /// under `key` (`by` is `None` for a translation: the original speaks for it); a
    /// reference to no item is an error.
    fn note_item(
        &mut self,
        plans: &Plans,
        doc: &Document,
        key: &str,
        reference: &str,
        by: Option<&EntryKey>,
    ) -> Option<Diagnostic> {
        let Some(item) = plans.resolve(reference) else {
            return Some(plans.unknown_reference(reference, doc, key));
        };
        if let Some(by) = by {
            self.named_by.entry(item).or_default().push(by.clone());
        }
        None
    }

    /// The entry key of the page that lists `kind`, if one does.
    pub fn listing(&self, kind: CatalogKind) -> Option<&str> {
        self.listings.get(&kind).map(EntryKey::as_str)
    }

    /// The kind the page of entry `key` lists, if it lists one.
    pub fn listed_on(&self, key: &str) -> Option<CatalogKind> {
        self.listings
            .iter()
            .find_map(|(kind, k)| (k == key).then_some(*kind))
    }
}

/// Indexes the catalog and reports every reference or value that is wrong, plus a
/// warning for each entry not verified in the twelve months before `today`.
pub fn index(
    site: &Content,
    plans: &Plans,
    countries: &Countries,
    library: &Library,
    today: Date,
) -> (Catalog, Vec<Diagnostic>) {
    let mut catalog = Catalog::default();
    let mut diagnostics = Vec::new();
    check_phones(site.pages.iter().flat_map(|page| match &page.doc.meta {
        Meta::Authority(m) => phones_of(&m.phones, &m.country),
        Meta::Service(m) => phones_of(&m.phones, &m.country),
        _ => Vec::new(),
    }));
    for entry in site.entries.values() {
        for page in entry.translations.values().map(|&i| &site.pages[i]) {
            let doc: &Document = &page.doc;
            let is_original = std::ptr::eq(page, site.original(entry));
            // What names a plan item is read from the original, and checked in all.
            let naming = is_original.then_some(&entry.key);
            if let Meta::Page(page_meta) = &doc.meta {
                for reference in &page_meta.serves {
                    diagnostics.extend(catalog.note_item(plans, doc, "serves", reference, naming));
                }
            }
            let (country, kind) = match &doc.meta {
                Meta::Authority(m) => {
                    let contacts = Contacts {
                        country: &m.country,
                        phones: &m.phones,
                        emails: &m.emails,
                        website: m.website.as_deref(),
                    };
                    diagnostics.extend(check_entry(
                        doc,
                        contacts,
                        &m.languages,
                        m.last_verified.as_ref(),
                        today,
                    ));
                    (Some(m.country.as_str()), CatalogKind::AUTHORITY)
                }
                Meta::Service(m) => {
                    let contacts = Contacts {
                        country: &m.country,
                        phones: &m.phones,
                        emails: &m.emails,
                        website: m.website.as_deref(),
                    };
                    diagnostics.extend(check_entry(
                        doc,
                        contacts,
                        &m.languages,
                        m.last_verified.as_ref(),
                        today,
                    ));
                    if m.types.is_empty() {
                        diagnostics.push(
                            Diagnostic::error(
                                codes::MISSING_KEY,
                                &doc.path,
                                doc.front_line("types"),
                                1,
                                "a service needs at least one type",
                            )
                            .with_hint("e.g. `types = [\"hotline\"]`; see content/README.md"),
                        );
                    }
                    (Some(m.country.as_str()), CatalogKind::SERVICE)
                }
                Meta::Practice(m) => {
                    diagnostics.extend(check_languages(doc, &m.languages));
                    for reference in &m.implements {
                        match plans.resolve(reference) {
                            Some(directive) if is_original => catalog
                                .practices_by_directive
                                .entry(directive)
                                .or_default()
                                .push(entry.key.clone()),
                            Some(_) => {}
                            None => diagnostics.push(plans.unknown_reference(
                                reference,
                                doc,
                                "implements",
                            )),
                        }
                    }
                    (Some(m.country.as_str()), CatalogKind::PRACTICE)
                }
                Meta::Record(record) => {
                    let Some(kind) = site.kinds.get(record.kind) else {
                        continue;
                    };
                    let schema = (kind.schema)();
                    for item in super::record::items(record, &schema) {
                        let problem = catalog.note_item(plans, doc, item.key, item.value, naming);
                        diagnostics.extend(problem);
                    }
                    let files = super::record::files(record, &schema);
                    diagnostics.extend(library.check_files(doc, &files));
                    if is_original {
                        for (lang, path) in files {
                            let holder = (entry.key.clone(), Lang(lang.to_string()));
                            catalog.files.entry(path.to_string()).or_insert(holder);
                        }
                    }
                    for code in super::record::countries(record, &schema) {
                        diagnostics.extend(countries.check(code.value, doc, code.key));
                    }
                    if kind.listing.is_none() {
                        continue;
                    }
                    // Its country was checked above, with the rest of its countries.
                    let country = record.country.as_ref().map(|c| c.as_str());
                    let known = country.filter(|c| countries.by_iso2(c).is_some());
                    (known, CatalogKind(kind.name))
                }
                Meta::Page(PageMeta {
                    lists: Some(name), ..
                }) if is_original => {
                    let Some(kind) = site
                        .kinds
                        .listed()
                        .map(|(k, _)| k)
                        .find(|k| k.name() == name)
                    else {
                        let names = site.kinds.listed().map(|(k, _)| k.name());
                        let hint = match did_you_mean(name, names.clone()) {
                            Some(best) => format!("did you mean `lists = \"{best}\"`?"),
                            None => format!(
                                "a section can list: {}",
                                names.collect::<Vec<_>>().join(", ")
                            ),
                        };
                        diagnostics.push(
                            Diagnostic::error(
                                codes::BAD_VALUE,
                                &doc.path,
                                doc.front_line("lists"),
                                1,
                                format!("`{name}` is not a kind that a section can list"),
                            )
                            .with_hint(hint),
                        );
                        continue;
                    };
                    if !entry.key.ends_with("_index") {
                        diagnostics.push(
                            Diagnostic::error(
                                codes::BAD_VALUE,
                                &doc.path,
                                doc.front_line("lists"),
                                1,
                                "only a section's _index file can list entries",
                            )
                            .with_hint("move `lists` to the _index file of the folder that holds the entries, or remove it"),
                        );
                        continue;
                    }
                    let listing = catalog.listings.entry(kind);
                    if let btree_map::Entry::Occupied(other) = &listing {
                        diagnostics.push(
                            Diagnostic::error(
                                codes::BAD_VALUE,
                                &doc.path,
                                doc.front_line("lists"),
                                1,
                                format!("{} already lists kind `{}`", other.get(), kind.name()),
                            )
                            .with_hint(
                                "one section page lists each kind: remove `lists` from one of them",
                            ),
                        );
                    }
                    listing.or_insert_with(|| entry.key.clone());
                    continue;
                }
                _ => continue,
            };
            let list = catalog.entries.entry(kind).or_default();
            match country {
                // A declared kind's entry may be about no country.
                None if is_original => list
                    .entry(EntryKey::default())
                    .or_default()
                    .push(entry.key.clone()),
                None => {}
                Some(code) => match countries.by_iso2(code) {
                    Some(country) if is_original => list
                        .entry(country.clone())
                        .or_default()
                        .push(entry.key.clone()),
                    Some(_) => {}
                    None => diagnostics.extend(countries.check(code, doc, "country")),
                },
            }
        }
    }
    (catalog, diagnostics)
}

/// The ways to reach an authority or a service, and its country (phones are checked
/// against that country's numbering plan).
pub(crate) struct Contacts<'a> {
    pub(crate) country: &'a str,
    pub(crate) phones: &'a [Phone],
    pub(crate) emails: &'a [Email],
    pub(crate) website: Option<&'a str>,
}

/// What directory and service entries share: contacts, languages and verification.
/// `doc` is a parsed entry, or (see [`crate::fields`]) raw front matter that did not parse.
pub(crate) fn check_entry(
    doc: &impl Place,
    contacts: Contacts<'_>,
    languages: &[LanguageCode],
    verified: Option<&values::Date>,
    today: Date,
) -> Vec<Diagnostic> {
    let mut diagnostics = check_contacts(doc, &contacts);
    diagnostics.extend(check_languages(doc, languages));
    diagnostics.extend(check_verified(doc, verified, today));
    diagnostics
}

/// Whether an entry last verified on `verified` is due for checking on `today`.
pub fn is_stale(verified: Option<&values::Date>, today: Date) -> bool {
    match verified.and_then(to_date) {
        Some(date) => date < a_year_before(today),
        None => true,
    }
}

fn a_year_before(today: Date) -> Date {
    // 29 February has no twin a year earlier; 28 February stands in.
    Date::from_calendar_date(today.year() - 1, today.month(), today.day())
        .or_else(|_| Date::from_calendar_date(today.year() - 1, today.month(), today.day() - 1))
        .unwrap_or(today)
}

/// A TOML date as a calendar date; `None` unless it is a plain, valid date.
pub fn to_date(value: &values::Date) -> Option<Date> {
    let date = value
        .0
        .date
        .filter(|_| value.0.time.is_none() && value.0.offset.is_none())?;
    let month = time::Month::try_from(date.month).ok()?;
    Date::from_calendar_date(i32::from(date.year), month, date.day).ok()
}

fn check_verified(
    doc: &impl Place,
    verified: Option<&values::Date>,
    today: Date,
) -> Vec<Diagnostic> {
    let line = doc.front_line("last_verified");
    if let Some(value) = verified {
        match to_date(value) {
            None => {
                return vec![Diagnostic::error(
                    codes::BAD_DATE,
                    doc.path(),
                    line,
                    1,
                    format!("`{value}` is not a calendar date"),
                )
                .with_hint("write the date the entry was checked as YYYY-MM-DD")]
            }
            Some(date) if date > today => {
                return vec![Diagnostic::error(
                    codes::BAD_DATE,
                    doc.path(),
                    line,
                    1,
                    format!("last_verified {date} is in the future"),
                )
                .with_hint("write the day the entry was actually checked")]
            }
            Some(_) => {}
        }
    }
    if is_stale(verified, today) {
        let message = match verified {
            Some(date) => format!("last verified on {date}, more than 12 months ago"),
            None => "no one has verified this entry yet".to_string(),
        };
        return vec![Diagnostic::warning(codes::STALE, doc.path(), line, 1, message)
            .with_hint("check every field against the institution or the source, then set `last_verified = YYYY-MM-DD`")];
    }
    Vec::new()
}

/// Each of `phones` with the country it is checked in.
fn phones_of<'a>(phones: &'a [Phone], country: &'a str) -> Vec<(&'a str, &'a str)> {
    phones.iter().map(|p| (p.as_str(), country)).collect()
}

fn check_contacts(doc: &impl Place, contacts: &Contacts<'_>) -> Vec<Diagnostic> {
    let Contacts {
        country,
        phones,
        emails,
        website,
    } = contacts;
    let mut diagnostics = Vec::new();
    for problem in phones.iter().filter_map(|p| check_phone(p, country).err()) {
        diagnostics.push(
            Diagnostic::error(
                codes::BAD_CONTACT,
                doc.path(),
                doc.front_line("phones"),
                1,
                problem.message,
            )
            .with_hint(problem.hint),
        );
    }
    for email in emails.iter().filter(|e| !is_email(e)) {
        diagnostics.push(
            Diagnostic::error(
                codes::BAD_CONTACT,
                doc.path(),
                doc.front_line("emails"),
                1,
                format!("`{email}` is not an e-mail address"),
            )
            .with_hint("write it as name@domain.tld"),
        );
    }
    if let Some(url) = website.filter(|u| !is_web_url(u)) {
        diagnostics.push(
            Diagnostic::error(
                codes::BAD_CONTACT,
                doc.path(),
                doc.front_line("website"),
                1,
                format!("`{url}` is not a web address"),
            )
            .with_hint("write the full address, starting with https://"),
        );
    }
    diagnostics
}

fn check_languages(doc: &impl Place, languages: &[LanguageCode]) -> Vec<Diagnostic> {
    languages
        .iter()
        .filter(|l| !LANGUAGE_CODE.fits(l))
        .map(|l| {
            Diagnostic::error(codes::BAD_VALUE, doc.path(), doc.front_line("languages"), 1, format!("`{l}` is not a language code"))
                .with_hint("use lowercase ISO 639 codes: \"es\", \"en\", \"pt\", \"fr\", \"qu\" (Quechua), \"ay\" (Aymara), \"gn\" (Guaraní)")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_stale_after_twelve_months_or_when_never_verified() {
        let today = Date::from_calendar_date(2026, time::Month::November, 26).unwrap();
        let date = |s: &str| values::Date(s.parse().unwrap());
        assert!(!is_stale(Some(&date("2025-11-26")), today));
        assert!(is_stale(Some(&date("2025-11-25")), today));
        assert!(is_stale(None, today));
        assert_eq!(
            to_date(&date("2025-02-28T10:00:00")),
            None,
            "a time is not a verification date"
        );
    }
}
