//! Whether a way to reach an authority or a service is well formed: a phone number that
//! can exist in the entry's country, an e-mail address, a web address. Pure functions
//! of the text and the country's ISO 3166-1 alpha-2 code; the catalog turns what they
//! find into diagnostics, and the pages and vCards dial numbers through [`tel_uri`].
//!
//! Phone numbers are judged by libphonenumber's metadata (the `phonenumber` crate),
//! which knows each country's numbering plan: its calling code, the lengths of its
//! numbers and which ranges are in use. Someone in danger may dial a number from the
//! home page, so a number the plan says cannot exist is an error, not a style issue.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock};

use phonenumber::metadata::{Metadata, DATABASE};
use phonenumber::{country, Mode, PhoneNumber};
use rayon::prelude::*;

use super::values::{EMAIL, PHONE, WEB_ADDRESS};

/// What is wrong with a phone number, in words for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, quoting the number as written.
    pub message: String,
    /// What a valid number looks like, with an example of the country where one is known.
    pub hint: String,
}

// Why any 3 to 6 digits pass as a national short number (`"1818"`, `"911"`), in every
// country: libphonenumber keeps short numbers in a metadata file of their own
// (ShortNumberMetadata, read by its `ShortNumberInfo`). The `phonenumber` crate does
// not compile or expose that file, and even libphonenumber's own file lists for Peru
// only 105, 116 and 117: it would reject Línea 1818, the country's trafficking
// hotline. The shape of both forms is [`PHONE`], which the editors' form checks too.

/// Checks `phone`, a number of an entry in the country `iso2`.
///
/// A phone is written in one of two forms (content/README.md, "Phones"):
/// - international, `+` then the calling code and the number, spaces allowed between
///   groups, which must be a valid number of `iso2`'s numbering plan;
/// - a national short number of 3 to 6 digits.
///
/// A country the metadata does not know (the made-up `XA` of the test fixtures) keeps
/// the form check alone: `+` and 8 to 15 digits.
pub fn check_phone(phone: &str, iso2: &str) -> Result<(), Problem> {
    let key = (phone.to_string(), iso2.to_string());
    if let Some(known) = judged().lock().ok().and_then(|m| m.get(&key).cloned()) {
        return known;
    }
    let verdict = judge_phone(phone, iso2);
    if let Ok(mut m) = judged().lock() {
        m.insert(key, verdict.clone());
    }
    verdict
}

/// Judges every (number, country) of `phones` that [`check_phone`] has not, on every
/// core, so that it then answers them from memory. One after the other, the 800
/// numbers of a 10,000-page site took 350 ms of a build. The gain is partial: the
/// `phonenumber` crate keeps its compiled rules in one cache behind one lock, held
/// while a rule matches, so matching itself still takes turns.
pub fn check_phones<'a>(phones: impl IntoIterator<Item = (&'a str, &'a str)>) {
    let unknown: BTreeSet<(String, String)> = {
        let Ok(known) = judged().lock() else {
            return;
        };
        phones
            .into_iter()
            .map(|(phone, iso2)| (phone.to_string(), iso2.to_string()))
            .filter(|key| !known.contains_key(key))
            .collect()
    };
    let verdicts: Vec<_> = unknown
        .into_par_iter()
        .map(|key| {
            let verdict = judge_phone(&key.0, &key.1);
            (key, verdict)
        })
        .collect();
    if let Ok(mut known) = judged().lock() {
        known.extend(verdicts);
    }
}

/// Loads libphonenumber's metadata, which the first number judged waits for otherwise
/// (120 ms at a build's start).
pub fn load_metadata() {
    let _ = DATABASE.by_id("US");
}

/// What [`check_phone`] and [`check_phones`] said so far. libphonenumber's rules are
/// regular expressions: 260 µs a number, measured at 10,000 pages. Every translation
/// of an entry repeats its phones, and `faro serve` re-links the whole site after each
/// edit, so each (number, country) is judged once per process.
fn judged() -> &'static Mutex<Verdicts> {
    static JUDGED: OnceLock<Mutex<Verdicts>> = OnceLock::new();
    JUDGED.get_or_init(Mutex::default)
}

/// What was said of each (number, country).
type Verdicts = HashMap<(String, String), Result<(), Problem>>;

/// [`check_phone`] without its memory.
fn judge_phone(phone: &str, iso2: &str) -> Result<(), Problem> {
    let compact: String = phone.chars().filter(|c| *c != ' ').collect();
    let well_formed = PHONE.fits(phone);
    if well_formed && !compact.starts_with('+') {
        // A national short number.
        return Ok(());
    }
    let Some(plan) = Plan::of(iso2) else {
        return if well_formed {
            Ok(())
        } else {
            Err(not_a_number(phone, None))
        };
    };
    if !well_formed {
        // Written as dialled at home ("011-5300-4000")? Then say what it is abroad.
        return Err(match plan.parse(phone) {
            Some(number) => Problem {
                message: format!("`{phone}` is written the way it is dialled within {iso2}"),
                hint: format!(
                    "write it in international (E.164) form, spaces allowed: \"{}\"",
                    written(&number)
                ),
            },
            None => not_a_number(phone, Some(&plan)),
        });
    }
    match plan.parse(&compact) {
        Some(_) => Ok(()),
        None => Err(plan.impossible(phone, &compact)),
    }
}

/// The `tel:` URI that dials `phone`: its digits and leading `+` (`tel:+5112345678`,
/// `tel:1818`). `faro check` lets through only numbers valid in their country's
/// plan, written in E.164 with spaces or as a short number, so this is their E.164
/// form without parsing them again for every page that shows them.
pub fn tel_uri(phone: &str) -> String {
    let dialled: String = phone
        .chars()
        .filter(|c| *c == '+' || c.is_ascii_digit())
        .collect();
    format!("tel:{dialled}")
}

/// `local@domain.tld`, without spaces or commas: [`EMAIL`].
pub fn is_email(email: &str) -> bool {
    EMAIL.fits(email)
}

/// An absolute `http` or `https` address of a named host, as a reader could open it.
///
/// The `url` crate parses by the WHATWG URL standard, as browsers do, so a host with
/// characters no domain can hold, a bad port or a broken IPv6 literal is refused. On
/// top of what a browser would forgive, the address must be written out whole:
/// `http://` or `https://` literally at the start (the standard accepts `https:host`
/// and backslashes), no white space anywhere (the standard would drop a tab or encode a
/// space), no user name or password, and a host name with a dot (not `localhost`).
pub fn is_web_url(address: &str) -> bool {
    // The shape the editors' form checks first ([`WEB_ADDRESS`]): written out, no
    // white space.
    if !WEB_ADDRESS.fits(address) || address.chars().any(char::is_control) {
        return false;
    }
    let Ok(url) = url::Url::parse(address) else {
        return false;
    };
    let named_host = match url.host() {
        Some(url::Host::Domain(host)) => {
            host.contains('.') && !host.starts_with('.') && !host.contains("..")
        }
        _ => false,
    };
    named_host && url.username().is_empty() && url.password().is_none()
}

/// The error for text that is neither form, with an example of the country if known.
fn not_a_number(phone: &str, plan: Option<&Plan>) -> Problem {
    let example = plan
        .and_then(|plan| plan.examples().into_iter().next())
        .map_or_else(|| "+51 1 234 5678".to_string(), |(_, number)| number);
    Problem {
        message: format!("`{phone}` is not a phone number"),
        hint: format!(
            "write E.164 with spaces allowed (\"{example}\") or a national short number of 3 to 6 digits (\"1818\")"
        ),
    }
}

/// A country's numbering plan, as libphonenumber's metadata describes it.
struct Plan {
    iso2: String,
    id: country::Id,
    metadata: &'static Metadata,
}

impl Plan {
    /// The plan of `iso2`, if the metadata knows the country.
    fn of(iso2: &str) -> Option<Plan> {
        let iso2 = iso2.to_ascii_uppercase();
        let id = iso2.parse::<country::Id>().ok()?;
        let metadata = DATABASE.by_id(iso2.as_str())?;
        Some(Plan { iso2, id, metadata })
    }

    /// `text` as a valid number of this country, read with the country as the region
    /// (so a national form like `011-5300-4000` reads too).
    fn parse(&self, text: &str) -> Option<PhoneNumber> {
        // The crate has panicked on stray punctuation before (rust-phonenumber issues
        // 32 and 43): hand it only what a phone number is written with.
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let plain = text.len() <= 40
            && digits >= 3
            && text
                .char_indices()
                .all(|(i, c)| c.is_ascii_digit() || " -().".contains(c) || (c == '+' && i == 0));
        if !plain {
            return None;
        }
        let number = phonenumber::parse(Some(self.id), text).ok()?;
        // Valid somewhere is not enough: +1 is shared by the United States, Canada
        // and much of the Caribbean, each with its own area codes.
        let own = number.country().id() == Some(self.id);
        // Except toll-free numbers (+1 800, 833, 844 …): every country of +1 dials
        // them alike and libphonenumber files them under the first of those countries,
        // the United States. Canada's national hotline (+1 833 900 1010) is one.
        let shared_toll_free = number.code().value() == self.metadata.country_code()
            && self
                .metadata
                .descriptors()
                .toll_free()
                .is_some_and(|d| d.is_match(&number.national().to_string()));
        (number.is_valid() && (own || shared_toll_free)).then_some(number)
    }

    /// Why `phone`, in E.164 form (`compact` without spaces), is no number of the plan.
    fn impossible(&self, phone: &str, compact: &str) -> Problem {
        let code = self.metadata.country_code();
        let national = compact
            .strip_prefix('+')
            .and_then(|digits| digits.strip_prefix(&code.to_string()));
        let why = match national {
            None => format!("{} calls its numbers with +{code}", self.iso2),
            Some(rest) => {
                let lengths = self.lengths();
                let (min, max) = (
                    lengths.first().copied().unwrap_or(0),
                    lengths.last().copied().unwrap_or(0),
                );
                let count = rest.len();
                let which = if count < usize::from(min) {
                    "too few"
                } else if count > usize::from(max) {
                    "too many"
                } else if !lengths.contains(&(count as u16)) {
                    "a number of digits no number there has"
                } else {
                    "digits in a range that is not in use"
                };
                let lengths: Vec<String> = lengths.iter().map(u16::to_string).collect();
                format!(
                    "after +{code} it has {count} digits, {which}; numbers of {} have {} digits after +{code}",
                    self.iso2,
                    or_list(&lengths)
                )
            }
        };
        let examples: Vec<String> = self
            .examples()
            .into_iter()
            .map(|(kind, number)| format!("\"{number}\" ({kind})"))
            .collect();
        let hint = if examples.is_empty() {
            why
        } else {
            format!("{why}; e.g. {}", or_list(&examples))
        };
        Problem {
            message: format!("`{phone}` cannot be a phone number in {}", self.iso2),
            hint,
        }
    }

    /// How many digits a number of the country has after the calling code.
    fn lengths(&self) -> Vec<u16> {
        let d = self.metadata.descriptors();
        let mut lengths: Vec<u16> = [
            Some(d.general()),
            d.fixed_line(),
            d.mobile(),
            d.toll_free(),
            d.premium_rate(),
            d.shared_cost(),
            d.personal_number(),
            d.voip(),
            d.pager(),
            d.uan(),
            d.voicemail(),
        ]
        .into_iter()
        .flatten()
        .flat_map(|descriptor| descriptor.possible_length().iter().copied())
        .collect();
        lengths.sort_unstable();
        lengths.dedup();
        lengths
    }

    /// The metadata's example numbers of the country, as they would be written here.
    fn examples(&self) -> Vec<(&'static str, String)> {
        let d = self.metadata.descriptors();
        [("fixed line", d.fixed_line()), ("mobile", d.mobile())]
            .into_iter()
            .filter_map(|(kind, descriptor)| {
                let national = descriptor?.example()?;
                let number = phonenumber::parse(Some(self.id), national).ok()?;
                Some((kind, written(&number)))
            })
            .collect()
    }
}

/// `number` in this site's written form: international, groups separated by spaces
/// (the plan's own format may use hyphens, `+54 11 5300-4000`, which README forbids).
fn written(number: &PhoneNumber) -> String {
    let international = formatted(number, Mode::International).unwrap_or_default();
    international
        .split(|c: char| c != '+' && !c.is_ascii_digit())
        .filter(|group| !group.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `number` formatted in `mode`; `None` where the crate's formatter fails (it reports an
/// unknown calling code as a formatting error, which `to_string` would turn into a panic).
fn formatted(number: &PhoneNumber, mode: Mode) -> Option<String> {
    let mut text = String::new();
    write!(text, "{}", number.format().mode(mode)).ok()?;
    Some(text)
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(phone: &str, iso2: &str) -> String {
        match check_phone(phone, iso2) {
            Ok(()) => panic!("{phone} passed for {iso2}"),
            Err(problem) => problem.hint,
        }
    }

    #[test]
    fn numbers_must_exist_in_the_country_s_plan() {
        for (ok, iso2) in [
            ("+51 1 234 5678", "PE"),
            ("+51 912 345 678", "PE"),
            ("+1 888 373 7888", "US"),
            // Toll-free numbers of +1 belong to each country that lists the range.
            ("+1 833 900 1010", "CA"),
            ("+1 888 587 8423", "JM"),
            ("+54 11 5300 4000", "AR"),
            ("1818", "PE"),
            ("911", "US"),
        ] {
            assert_eq!(check_phone(ok, iso2), Ok(()), "{ok} in {iso2}");
        }
        // Lima's numbers have 8 digits after +51: seven is one too few.
        let short = hint("+51 1 234 567", "PE");
        assert!(short.contains("7 digits, too few"), "{short}");
        assert!(short.contains("\"+51 912 345 678\" (mobile)"), "{short}");
        // A Mexican number is not a number of Peru.
        assert!(hint("+52 55 1234 5678", "PE").contains("calls its numbers with +51"));
        // +1 is shared: 809 is the Dominican Republic's area code, not the US's.
        assert!(check_phone("+1 809 555 1234", "US").is_err());
    }

    #[test]
    fn national_forms_get_their_international_form_as_a_hint() {
        assert_eq!(
            check_phone("011-5300-4000", "AR"),
            Err(Problem {
                message: "`011-5300-4000` is written the way it is dialled within AR".into(),
                hint:
                    "write it in international (E.164) form, spaces allowed: \"+54 11 5300 4000\""
                        .into()
            })
        );
        assert!(hint("phone", "PE").contains("E.164"));
    }

    #[test]
    fn countries_without_a_plan_keep_the_form_check() {
        assert_eq!(check_phone("+99 1 234 5678", "XA"), Ok(()));
        for bad in ["01 234 5678", "+0 123", "12", "phone", "+51-1-234"] {
            assert!(check_phone(bad, "XA").is_err(), "{bad}");
        }
    }

    #[test]
    fn tel_uris_dial_e164_or_the_digits_as_written() {
        assert_eq!(tel_uri("+51 1 234 5678"), "tel:+5112345678");
        assert_eq!(tel_uri("1818"), "tel:1818");
        assert_eq!(tel_uri("+99 1 234 5678"), "tel:+9912345678");
    }

    #[test]
    fn emails_and_urls_are_checked_for_shape() {
        assert!(is_email("trata@example.gob.pe") && !is_email("trata@") && !is_email("a b@x.pe"));
        for ok in [
            "https://www.gob.pe/x",
            "http://example.org",
            "https://www.example.org/a?b=c#d",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "www.gob.pe",
            "https://localhost",
            "https://www.gob .pe/",
            "https://www.gob.pe/a b",
            "https:www.gob.pe",
            "https://user:secret@www.gob.pe/",
            "https://www.gob.pe:99999/",
            "ftp://www.gob.pe/",
            "https://10.0.0.1/",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
