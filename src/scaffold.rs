//! `faro new`: a new content file with every field of its kind, at the right path.
//!
//! The file holds only what the editor gave (title, country, language and the few
//! values a kind cannot be valid without, such as an authority's role) and nothing
//! invented: every other field is present but commented out, with what it takes.
//! Required text faro cannot know (`source`, a practice's `summary`, the body) is a
//! `TODO` placeholder, which `faro check` accepts with a `todo` warning so that the
//! draft can be checked, and `--deny todo` refuses, so that it is never published.
//!
//! Every commented line, uncommented as it stands, is harmless (an empty list, the
//! default) or rejected by `faro check` (a `TODO`, a date `YYYY-MM-DD`, an empty
//! enum): a placeholder can never pass for a fact.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::fields::MetaError;
use crate::model::kinds::{self, Kind, Kinds};
use crate::model::schema::{variants, Field, Shape};

use crate::config::Config;
use crate::diagnostic::{codes, did_you_mean};
use crate::load::CONTENT_DIR;
use crate::model::meta::{
    Area, AuthorityRole, CatalogKind, CountryStatus, Meta, Population, ServiceType,
};
use crate::model::order::fold;
use crate::model::Lang;

/// The kinds `faro new` writes: those editors create (see [`kinds::Kind`]).
fn creatable(kinds: &Kinds) -> impl Iterator<Item = &'static str> + Clone + '_ {
    kinds
        .iter()
        .filter(|k| k.created_by_editors())
        .map(|k| k.name)
}

/// The longest slug made from a title, in characters.
const SLUG_MAX: usize = 60;

/// What the editor asked for: the arguments of `faro new`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Request {
    /// authority, service, practice, country or page.
    pub kind: String,
    /// The title: the institution's, service's or country's name, the practice's or
    /// page's title, as the source writes it. A report's defaults to its country's code
    /// and period (`PE 2015-2016`).
    #[arg(default_value = "")]
    pub title: String,
    /// ISO 3166-1 alpha-2 code of the country (all kinds but page).
    #[arg(long)]
    pub country: Option<String>,
    /// The file's language (default: the site's default language).
    #[arg(long)]
    pub lang: Option<String>,
    /// The file name without `.<lang>.md` (default: made from the title).
    #[arg(long)]
    pub slug: Option<String>,
    /// An authority's role: national-authority, coordinating-body or contact-point.
    #[arg(long)]
    pub role: Option<String>,
    /// A service's types, comma-separated: hotline, shelter, legal-aid …
    #[arg(long, value_delimiter = ',')]
    pub types: Vec<String>,
    /// The year a practice started.
    #[arg(long)]
    pub year: Option<i32>,
    /// A practice's plan area: general, prevention, combat, assistance, information,
    /// cooperation.
    #[arg(long)]
    pub area: Option<String>,
    /// A new country's ISO 3166-1 alpha-3 code.
    #[arg(long)]
    pub iso3: Option<String>,
    /// A report's reporting period, `2015-2016`: its plan follows from it, and the
    /// file lists every indicator of that plan as a commented placeholder.
    #[arg(long)]
    pub period: Option<String>,
    /// A value of a declared kind's field, `key=value` (repeatable): those it cannot
    /// be valid without, such as a document's `type`. Lists are comma-separated.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

/// Why `faro new` wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// A stable code from [`codes`].
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error[{}]: {}\n  = hint: {}",
            self.code, self.message, self.hint
        )
    }
}

fn refuse(code: &'static str, message: impl Into<String>, hint: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: message.into(),
        hint: hint.into(),
    }
}

/// Writes the file under `root` and returns its path relative to `root`. Never
/// overwrites: an existing file is a refusal.
pub fn create(root: &Path, request: &Request, kinds: &Kinds) -> Result<PathBuf, Refusal> {
    let (path, text) = plan(root, request, kinds)?;
    let full = root.join(&path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|e| {
            refuse(
                codes::IO,
                format!("cannot create {}: {e}", parent.display()),
                "check that the folder is writable",
            )
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&full)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => already_exists(&path),
            _ => refuse(
                codes::IO,
                format!("cannot write {}: {e}", path.display()),
                "check that the folder is writable",
            ),
        })?;
    file.write_all(text.as_bytes()).map_err(|e| {
        refuse(
            codes::IO,
            format!("cannot write {}: {e}", path.display()),
            "check that the disk is not full",
        )
    })?;
    Ok(path)
}

fn already_exists(path: &Path) -> Refusal {
    refuse(
        codes::IO,
        format!("{} already exists", path.display()),
        "faro new never overwrites: edit that file, or give another --slug",
    )
}

/// The path (relative to `root`) and text of the file `request` asks for, after
/// checking the request against the site at `root`.
pub fn plan(root: &Path, request: &Request, kinds: &Kinds) -> Result<(PathBuf, String), Refusal> {
    let kind = request.kind.as_str();
    if !creatable(kinds).any(|k| k == kind) {
        let hint = if kinds.get(kind).is_some() {
            "plans, their sections and items, alignments and comparisons are imported from sources/ by the scripts under scripts/".to_string()
        } else {
            match did_you_mean(kind, creatable(kinds)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("kinds: {}", creatable(kinds).collect::<Vec<_>>().join(", ")),
            }
        };
        return Err(refuse(
            codes::BAD_VALUE,
            format!("faro new cannot write a `{kind}`"),
            hint,
        ));
    }
    let config =
        Config::load(root).map_err(|d| refuse(d.code, d.to_string(), "fix config.toml first"))?;
    let lang = match &request.lang {
        Some(code) => {
            let lang = Lang(code.clone());
            if config.language(&lang).is_none() {
                let codes_list: Vec<&str> = config.codes().map(Lang::as_str).collect();
                let hint = match did_you_mean(code, codes_list.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `{best}`? Languages are set in config.toml")
                    }
                    None => format!("the site's languages: {}", codes_list.join(", ")),
                };
                return Err(refuse(
                    codes::FILE_NAME,
                    format!("`{code}` is not a language of this site"),
                    hint,
                ));
            }
            lang
        }
        None => config.default_language.clone(),
    };
    // A report is named by its state and period, which its flags give.
    let named = match (kind, &request.country, &request.period) {
        ("report", Some(country), Some(period)) if request.title.trim().is_empty() => {
            format!("{} {period}", country.to_ascii_uppercase())
        }
        _ => request.title.trim().to_owned(),
    };
    let title = named.as_str();
    if title.is_empty() {
        return Err(refuse(
            codes::MISSING_KEY,
            "the title is empty",
            "give the title as the source writes it, in quotes: faro new practice … \"Title\"",
        ));
    }
    check_flags(request)?;
    // A declared kind's file is made from its fields ([`declared_text`]); the others'
    // are written out below.
    let declared = kinds.get(kind).filter(|k| k.declared);
    // Every written-out kind but `page` has a country (a page's stays empty); a
    // declared kind has one where its struct has a `country`.
    let country_key = declared.map(|k| (k.schema)().into_iter().find(|f| f.name == "country"));
    let country = match (&request.country, kind) {
        (None, "page") => String::new(),
        (None, _)
            if matches!(
                &country_key,
                Some(
                    None | Some(Field {
                        required: false,
                        ..
                    })
                )
            ) =>
        {
            String::new()
        }
        (Some(_), _) if matches!(country_key, Some(None)) => {
            return Err(refuse(
                codes::BAD_VALUE,
                format!("{} has no country", with_article(kind)),
                "leave out --country",
            ))
        }
        (Some(_), "page") => {
            return Err(refuse(
                codes::BAD_VALUE,
                "a page has no country",
                "leave out --country",
            ))
        }
        (None, _) => {
            return Err(refuse(
                codes::MISSING_KEY,
                format!("{} needs --country", with_article(kind)),
                "give the ISO 3166-1 alpha-2 code, e.g. --country PE",
            ))
        }
        (Some(code), _) => code.trim().to_ascii_uppercase(),
    };
    let slug = match &request.slug {
        Some(slug) => {
            let valid = !slug.is_empty()
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                return Err(refuse(
                    codes::FILE_NAME,
                    format!("`{slug}` is not a file name faro uses"),
                    "use lowercase ASCII letters, digits and hyphens, e.g. --slug linea-1818",
                ));
            }
            slug.clone()
        }
        None => slug(title),
    };
    if slug.is_empty() && kind != "country" {
        return Err(refuse(
            codes::FILE_NAME,
            "the title gives no file name",
            "give one with --slug, in lowercase ASCII letters, digits and hyphens",
        ));
    }
    let (path, text) = match (kind, declared) {
        ("country", _) => {
            let iso2 = country;
            if iso2.len() != 2 || !iso2.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(refuse(
                    codes::BAD_VALUE,
                    format!("`{iso2}` is not an ISO 3166-1 alpha-2 code"),
                    "two letters, e.g. --country PE",
                ));
            }
            let existing = country_files(root)
                .into_iter()
                .find(|(code, _)| code.eq_ignore_ascii_case(&iso2));
            if let Some((_, path)) = existing {
                return Err(refuse(
                    codes::DUPLICATE_ID,
                    format!("{iso2} already has a file: {}", path.display()),
                    format!("a country file holds the name in every language: add `{lang} = \"…\"` to its `name`"),
                ));
            }
            let iso3 = request.iso3.clone().unwrap_or_default();
            let path = content_path(&["countries"], &iso2.to_ascii_lowercase(), &lang);
            (path, country_text(&iso2, &iso3, title, &lang))
        }
        ("page", _) => (content_path(&[], &slug, &lang), page_text(title)),
        (_, Some(kind)) if kind.home == Some(kinds::Home::ByPeriod) => {
            let (period, set, answers) = reporting(root, request, kinds)?;
            let text = declared_text(kind, title, &country, &set)?;
            let mut path = listing_folder(root, CatalogKind(kind.name), kinds)?;
            path.push(&period);
            path.push(format!("{}.{lang}.md", country.to_ascii_lowercase()));
            // The answers go at the end of the front matter: TOML's tables come last.
            let text = text.replacen("\n+++\n", &format!("\n{answers}+++\n"), 1);
            (path, text)
        }
        (_, Some(kind)) => {
            let text = declared_text(kind, title, &country, &request.set)?;
            let listing = listing_folder(root, CatalogKind(kind.name), kinds)?;
            let mut path = listing;
            if matches!(kind.home, Some(kinds::Home::Listed { by_country: true })) {
                path.push(country.to_ascii_lowercase());
            }
            path.push(format!("{slug}.{lang}.md"));
            (path, text)
        }
        (_, None) => {
            let iso2 = country;
            let known = country_files(root);
            if !known
                .iter()
                .any(|(code, _)| code.eq_ignore_ascii_case(&iso2))
            {
                let hint = match did_you_mean(&iso2, known.iter().map(|(c, _)| c.as_str())) {
                    Some(best) => format!(
                        "did you mean `{best}`? Countries are the files of content/countries/"
                    ),
                    None => {
                        "use the ISO 3166-1 alpha-2 code of a file in content/countries/, e.g. PE"
                            .into()
                    }
                };
                return Err(refuse(
                    codes::BAD_VALUE,
                    format!("unknown country `{iso2}`"),
                    hint,
                ));
            }
            let folder = iso2.to_ascii_lowercase();
            let listed = CatalogKind(kinds.get(kind).map_or("", |k| k.name));
            let listing = listing_folder(root, listed, kinds)?;
            let under = |folders: &[&str]| {
                let mut path = listing.clone();
                path.extend(folders);
                path.push(format!("{slug}.{lang}.md"));
                path
            };
            match listed {
                CatalogKind::AUTHORITY => (
                    under(&[&folder]),
                    authority_text(title, request.role.as_deref().unwrap_or(""), &iso2),
                ),
                CatalogKind::SERVICE => (
                    under(&[&folder]),
                    service_text(title, &request.types, &iso2),
                ),
                CatalogKind::PRACTICE => (
                    under(&[]),
                    practice_text(
                        title,
                        &iso2,
                        request.year.unwrap_or_default(),
                        request.area.as_deref().unwrap_or(""),
                    ),
                ),
                // The kinds written out are matched above; creatable() let no other in.
                CatalogKind(other) => {
                    return Err(refuse(
                        codes::BAD_VALUE,
                        format!("faro new cannot write a `{other}`"),
                        "see faro new --help",
                    ))
                }
            }
        }
    };
    if root.join(&path).exists() {
        return Err(already_exists(&path));
    }
    Ok((path, text))
}

/// The values a kind cannot be valid without, which faro never guesses: checked here,
/// before anything is written.
fn check_flags(request: &Request) -> Result<(), Refusal> {
    let kind = request.kind.as_str();
    let not_for = |flag: &str, owner: &str| {
        refuse(
            codes::BAD_VALUE,
            format!(
                "--{flag} is for {}, not {}",
                with_article(owner),
                with_article(kind)
            ),
            format!("leave out --{flag}"),
        )
    };
    let needs = |flag: &str, what: &str, values: String| {
        refuse(
            codes::MISSING_KEY,
            format!("{} needs {what}: give --{flag}", with_article(kind)),
            format!("{values}; take it from the source, faro new never guesses it"),
        )
    };
    let one_of = |flag: &str, value: &str, allowed: &[&str]| {
        if allowed.contains(&value) {
            return Ok(());
        }
        let hint = match did_you_mean(value, allowed.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("one of: {}", allowed.join(", ")),
        };
        Err(refuse(
            codes::BAD_VALUE,
            format!("`{value}` is not a value of --{flag}"),
            hint,
        ))
    };
    let roles = variants::<AuthorityRole>();
    let types = variants::<ServiceType>();
    match (kind, &request.role) {
        ("authority", None) => {
            return Err(needs(
                "role",
                "its role",
                format!("one of: {}", roles.join(", ")),
            ))
        }
        ("authority", Some(role)) => one_of("role", role, roles)?,
        (_, Some(_)) => return Err(not_for("role", "authority")),
        _ => {}
    }
    match (kind, request.types.is_empty()) {
        ("service", true) => {
            return Err(needs(
                "types",
                "at least one type",
                format!("comma-separated, of: {}", types.join(", ")),
            ))
        }
        ("service", false) => {
            for t in &request.types {
                one_of("types", t, types)?;
            }
        }
        (_, false) => return Err(not_for("types", "service")),
        _ => {}
    }
    match (kind, request.year) {
        ("practice", None) => {
            return Err(needs(
                "year",
                "the year it started",
                "e.g. --year 2019".into(),
            ))
        }
        ("practice", Some(year)) if !(1900..=2100).contains(&year) => {
            return Err(refuse(
                codes::BAD_VALUE,
                format!("{year} is not a plausible year"),
                "the year the practice started, four digits",
            ))
        }
        ("practice", Some(_)) => {}
        (_, Some(_)) => return Err(not_for("year", "practice")),
        _ => {}
    }
    match (kind, &request.area) {
        ("practice", None) => {
            return Err(needs(
                "area",
                "its plan area",
                format!("one of: {}", variants::<Area>().join(", ")),
            ))
        }
        ("practice", Some(area)) => one_of("area", area, variants::<Area>())?,
        (_, Some(_)) => return Err(not_for("area", "practice")),
        _ => {}
    }
    match (kind, &request.iso3) {
        ("country", None) => {
            return Err(needs(
                "iso3",
                "its ISO 3166-1 alpha-3 code",
                "e.g. --iso3 PER".into(),
            ))
        }
        ("country", Some(iso3))
            if iso3.len() != 3 || !iso3.chars().all(|c| c.is_ascii_uppercase()) =>
        {
            return Err(refuse(
                codes::BAD_VALUE,
                format!("`{iso3}` is not an ISO 3166-1 alpha-3 code"),
                "three capital letters, e.g. --iso3 PER",
            ))
        }
        ("country", Some(_)) => {}
        (_, Some(_)) => return Err(not_for("iso3", "country")),
        _ => {}
    }
    Ok(())
}

/// "an authority", "a service".
fn with_article(kind: &str) -> String {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {kind}")
    } else {
        format!("a {kind}")
    }
}

/// `content/<folders…>/<name>.<lang>.md`.
fn content_path(folders: &[&str], name: &str, lang: &Lang) -> PathBuf {
    let mut path = PathBuf::from(CONTENT_DIR);
    for folder in folders {
        path.push(folder);
    }
    path.push(format!("{name}.{lang}.md"));
    path
}

/// The folder (relative to `root`) of the section page that lists `kind`, e.g.
/// `content/services` for `lists = "service"`: its entries are written below it, so
/// that where they go is said by the content, not by faro.
fn listing_folder(root: &Path, kind: CatalogKind, kinds: &Kinds) -> Result<PathBuf, Refusal> {
    let content = root.join(CONTENT_DIR);
    for file in walkdir::WalkDir::new(&content).into_iter().flatten() {
        if !file.file_name().to_string_lossy().starts_with("_index.") {
            continue;
        }
        let text = std::fs::read_to_string(file.path()).unwrap_or_default();
        let front = text
            .strip_prefix("+++\n")
            .and_then(|t| t.split("\n+++").next());
        let lists = match front.map(|f| Meta::parse(f, kinds)) {
            Some(Ok(Meta::Page(page))) => page.lists,
            _ => None,
        };
        if lists.as_deref() == Some(kind.name()) {
            let folder = file.path().parent().unwrap_or(&content);
            return Ok(folder.strip_prefix(root).unwrap_or(folder).to_path_buf());
        }
    }
    Err(refuse(
        codes::BAD_VALUE,
        format!("no section page lists `{}` entries", kind.name()),
        format!(
            "add `lists = \"{}\"` to the _index file of the folder its entries go in",
            kind.name()
        ),
    ))
}

/// The countries of `content/countries/`: (ISO alpha-2 code, path relative to `root`).
fn country_files(root: &Path) -> Vec<(String, PathBuf)> {
    let dir = Path::new(CONTENT_DIR).join("countries");
    let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".md") || name.starts_with('_') {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let front = text
            .strip_prefix("+++")
            .and_then(|rest| rest.split_once("\n+++").map(|(front, _)| front));
        let code = match front.map(|f| Meta::parse(f, &Kinds::default())) {
            Some(Ok(Meta::Country(meta))) => meta.iso2.to_string(),
            // A broken file still names its country.
            _ => name.split('.').next().unwrap_or("").to_ascii_uppercase(),
        };
        found.push((code, dir.join(&name)));
    }
    found.sort();
    found
}

/// A file name from a title: lowercase, accents folded to ASCII, anything else a
/// hyphen; cut at a word boundary to [`SLUG_MAX`] characters.
pub fn slug(title: &str) -> String {
    let folded = fold(title);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > SLUG_MAX {
        let cut = slug[..=SLUG_MAX].rfind('-').unwrap_or(SLUG_MAX);
        slug.truncate(cut);
    }
    slug
}

/// A TOML string.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| quote(v)).collect();
    format!("[{}]", quoted.join(", "))
}

const HEADER: &str =
    "# Fill a field only with what the source says. A field the source does not give
# stays commented out (a line starting with #): never invent a value, not even
# \"for now\". faro check warns about every TODO left; content/README.md explains
# every field.
";

const SOURCE: &str =
    "# Where the facts come from: a file under sources/ or a URL; the text below cites it.
source = \"TODO: a file under sources/ or a URL\"
";

const CONTACTS: &str = "# Postal address, as the source writes it.
# address = \"TODO\"
# Phones: international format with spaces (\"+51 1 234 5678\") or a national short
# number (\"1818\"); no hyphens or brackets.
# phones = [\"TODO\"]
# E-mail addresses, name@domain, without mailto:.
# emails = [\"TODO\"]
# The official website, starting with https://.
# website = \"TODO\"
";

const VERIFIED: &str =
    "# The day someone checked every field against the institution itself (its site,
# or by contacting it); not the day you copied it from a document. No quotes.
# last_verified = YYYY-MM-DD
";

fn languages_line(what: &str) -> String {
    format!("# Languages {what}, as lowercase codes: \"es\", \"en\", \"pt\", \"fr\", \"qu\", \"ay\", \"gn\" …\n# languages = []\n")
}

fn populations_line(key: &str) -> String {
    format!(
        "# Who it is for, any of: {}.\n# {key} = []\n",
        variants::<Population>()
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn authority_text(title: &str, role: &str, iso2: &str) -> String {
    let mut t = format!("+++\n{HEADER}kind = \"authority\"\n");
    t += &format!("institution = {}\n", quote(title));
    t += &format!(
        "# One of: {}.\nrole = {}\n",
        variants::<AuthorityRole>().join(", "),
        quote(role)
    );
    t += &format!("country = {}\n", quote(iso2));
    t += "# The law or decree that creates or mandates it.\n# legal_basis = \"TODO\"\n";
    t += CONTACTS;
    t += &languages_line("it works in");
    t += SOURCE;
    t += VERIFIED;
    t += "+++\n\nTODO: what the source says about the institution, and where (document and line,\nor a quotation).\n";
    t
}

fn service_text(title: &str, types: &[String], iso2: &str) -> String {
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    let mut t = format!("+++\n{HEADER}kind = \"service\"\n");
    t += &format!("name = {}\n", quote(title));
    t += &format!(
        "# Any of: {}.\ntypes = {}\n",
        variants::<ServiceType>().join(", "),
        list(&types)
    );
    t += &format!("country = {}\n", quote(iso2));
    t += "# Regions or cities where it is offered; leave it out when it covers the whole country.\n# coverage = [\"TODO\"]\n";
    t += &populations_line("populations");
    t += &languages_line("it is offered in, indigenous ones included");
    t += "# The institution that runs it.\n# provider = \"TODO\"\n";
    t += &format!(
        "# {}.\n# cost = \"\"\n",
        variants::<crate::model::meta::Cost>()
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(" or ")
    );
    t += "# Opening hours, as the source states them.\n# hours = \"TODO\"\n";
    t += CONTACTS;
    t += SOURCE;
    t += VERIFIED;
    t += "+++\n\nTODO: what the source says about the service, and where (document and line, or a\nquotation).\n";
    t
}

fn practice_text(title: &str, iso2: &str, year: i32, area: &str) -> String {
    let mut t = format!("+++\n{HEADER}kind = \"practice\"\n");
    t += &format!("title = {}\n", quote(title));
    t += &format!("country = {}\n", quote(iso2));
    t += &format!("# The year it started.\nyear = {year}\n");
    t += &format!(
        "# One of: {}.\narea = {}\n",
        variants::<Area>().join(", "),
        quote(area)
    );
    t += "# Directives it implements, as \"<plan>/<number>\": \"2021-2026/99\", \"2015-2018/66\".\n# implements = []\n";
    t += &populations_line("target_groups");
    t += &languages_line("it works in");
    t += "# What it is, in one or two sentences.\nsummary = \"TODO: what the practice is, in one or two sentences\"\n";
    t += "# What it achieved, as the source reports it.\n# results = \"TODO\"\n";
    t += SOURCE;
    t += "# \"unofficial\" when this file is a translation made by us rather than published\n# by the OAS.\n# translation = \"official\"\n";
    t += "+++\n\nTODO: what the practice is and does, citing the source (document and line, or a\nquotation).\n";
    t
}

fn country_text(iso2: &str, iso3: &str, name: &str, lang: &Lang) -> String {
    let statuses = variants::<CountryStatus>()
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut t = format!("+++\n{HEADER}kind = \"country\"\n");
    t += &format!("iso2 = {}\niso3 = {}\n", quote(iso2), quote(iso3));
    t += "# The name in every language of the site: { es = \"…\", en = \"…\", pt = \"…\", fr = \"…\" }.\n";
    t += &format!("name = {{ {lang} = {} }}\n", quote(name));
    t += &format!("# One of {statuses}; \"member\" when left out.\n# status = \"member\"\n");
    t += &format!(
        "# What the status means, by language.\n# status_note = {{ {lang} = \"TODO\" }}\n"
    );
    t += "# Where the state sits on the directory's tile map, [column, row] from the top\n# left (numbers); a state without one goes in a row below the map.\n# tile = [column, row]\n";
    t += "+++\n";
    t
}

fn page_text(title: &str) -> String {
    let mut t = format!("+++\n{HEADER}kind = \"page\"\n");
    t += &format!("title = {}\n", quote(title));
    t += "# One sentence for listings and search results.\n# description = \"TODO\"\n";
    t += "# Position among the pages of its folder; lower comes first.\n# weight = 0\n";
    t += "# A template of themes/default/templates/ other than the usual one.\n# template = \"page.html\"\n";
    t += "# \"unofficial\" when this file is a translation made by us rather than published\n# by the OAS.\n# translation = \"official\"\n";
    t += &format!(
        "# On a section's _index only: the kind of entries it lists, one of {}.\n# lists = \"service\"\n",
        Kinds::default().listed().map(|(k, _)| k.name()).collect::<Vec<_>>().join(", ")
    );
    t += "# The mandates (or directives) the page answers, which their pages then list as\n# what the platform holds for them: `2021-2026/m8`, `2021-2026/99`.\n# serves = [\"2021-2026/m13\"]\n";
    t += "+++\n\nTODO: the page's text.\n";
    t
}

/// For a report: its period (`--period`), the values its fields take from it (its
/// plan, found from the site's reporting periods) with the `--set` ones, and every
/// indicator of the plan as a commented `[[answers]]` table to fill in or delete.
fn reporting(
    root: &Path,
    request: &Request,
    kinds: &Kinds,
) -> Result<(String, Vec<String>, String), Refusal> {
    let Some(period) = request.period.as_deref().map(str::trim) else {
        return Err(refuse(
            codes::MISSING_KEY,
            "a report needs its reporting period: give --period",
            "e.g. --period 2015-2016, from the state's submission",
        ));
    };
    let options = crate::pipeline::BuildOptions {
        root: root.to_path_buf(),
        kinds: kinds.clone(),
        ..Default::default()
    };
    let (_, site) = crate::pipeline::linked(&options).map_err(|d| {
        refuse(
            codes::CONFIG,
            "the site has errors, so its plans cannot be read",
            format!("run faro check and fix them first ({} found)", d.len()),
        )
    })?;
    let plans: Vec<(&str, &[String])> = site.reports.plans().collect();
    let Some((plan, _)) = plans
        .iter()
        .find(|(_, periods)| periods.iter().any(|p| p == period))
    else {
        let all: Vec<&str> = plans
            .iter()
            .flat_map(|(_, p)| p.iter().map(String::as_str))
            .collect();
        let hint = match did_you_mean(period, all.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the periods are {}", all.join(", ")),
        };
        return Err(refuse(
            codes::BAD_VALUE,
            format!("`{period}` is not a reporting period of any plan"),
            hint,
        ));
    };
    let indicators: Vec<_> = site
        .indicators
        .of_plan(plan, crate::model::indicators::Table::Adopted)
        .collect();
    if indicators.is_empty() {
        return Err(refuse(
            codes::BAD_VALUE,
            format!("plan {plan} has no adopted indicators to report on"),
            "a report answers a plan's adopted indicators; the III Plan's are pending (mandate 9)",
        ));
    }
    let mut set = vec![format!("plan={plan}"), format!("period={period}")];
    set.extend(request.set.iter().cloned());
    let statuses = variants::<crate::model::kinds::report::Status>().join(", ");
    let mut answers = format!(
        "\n# One table per indicator the state answers; delete those it does not answer\n# (they show as \"no information\"). status: {statuses}.\n"
    );
    for indicator in indicators {
        let text = indicator
            .text_in(&site.default_lang, &site.default_lang)
            .map_or(String::new(), |(_, t)| t.text.replace('\n', " "));
        answers += &format!(
            "\n# {}: {text}\n# [[answers]]\n# indicator = \"{}\"\n# status = \"TODO\"\n# measures = \"TODO\"\n# figures = [{{ value = 0, unit = \"TODO\", year = 0 }}]\n",
            indicator.short_id(),
            indicator.short_id()
        );
    }
    Ok((period.to_string(), set, answers))
}

/// The file of a declared kind: its struct's fields in order, with the title, the
/// country and the `--set` values filled in, required text as a `TODO`, and every
/// other field commented out with what it takes. Refused when the file would not be
/// of its kind (a required value missing, a `--set` value it does not take).
fn declared_text(
    kind: &Kind,
    title: &str,
    country: &str,
    set: &[String],
) -> Result<String, Refusal> {
    let mut given: Vec<(&str, &str)> = Vec::new();
    for pair in set {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(refuse(
                codes::BAD_VALUE,
                format!("`--set {pair}` is not key=value"),
                "e.g. --set type=report",
            ));
        };
        given.push((key.trim(), value.trim()));
    }
    let schema = (kind.schema)();
    if let Some((key, _)) = given
        .iter()
        .find(|(k, _)| !schema.iter().any(|f| f.name == *k))
    {
        let hint = match did_you_mean(key, schema.iter().map(|f| f.name)) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "see content/README.md for the kind's fields".into(),
        };
        return Err(refuse(
            codes::UNKNOWN_KEY,
            format!("{} has no field `{key}`", with_article(kind.name)),
            hint,
        ));
    }
    let mut t = format!("+++\n{HEADER}kind = {}\n", quote(kind.name));
    for field in &schema {
        let about = format!("# {}\n", shape_hint(&field.shape));
        let value = given
            .iter()
            .find(|(k, _)| *k == field.name)
            .map(|(_, v)| *v);
        match (field.name, value) {
            (_, Some(value)) => {
                t += &format!(
                    "{about}{} = {}\n",
                    field.name,
                    toml_value(&field.shape, value)
                )
            }
            ("title", None) => t += &format!("title = {}\n", quote(title)),
            ("country", None) if !country.is_empty() => {
                t += &format!("country = {}\n", quote(country))
            }
            ("source", None) => t += SOURCE,
            (name, None) if field.required && field.shape == Shape::Text => {
                t += &format!("{about}{name} = \"TODO\"\n");
            }
            (name, None) => t += &format!("{about}# {name} = {}\n", placeholder(&field.shape)),
        }
    }
    t += "+++\n\nTODO: the text, as the source gives it.\n";
    let front = t
        .trim_start_matches("+++\n")
        .split("+++\n")
        .next()
        .unwrap_or("");
    match kind.parse(front) {
        Ok(_) => Ok(t),
        Err(MetaError::Fields(errors)) => {
            let first = errors
                .first()
                .map_or(String::new(), |e| e.message().trim().to_string());
            if first.starts_with("missing field") {
                Err(refuse(
                    codes::MISSING_KEY,
                    format!("{} needs more than a title: {first}", with_article(kind.name)),
                    "give the values it cannot be valid without, from the source: --set key=value (faro new never guesses them)",
                ))
            } else {
                // A value given with --set that the kind does not take: say which.
                Err(refuse(
                    codes::BAD_VALUE,
                    format!(
                        "a --set value does not fit {}: {first}",
                        with_article(kind.name)
                    ),
                    "see content/README.md for the values each field takes",
                ))
            }
        }
        Err(_) => Err(refuse(
            codes::BAD_VALUE,
            "a --set value is not valid here",
            "write text plainly; lists comma-separated",
        )),
    }
}

/// What a key of `shape` takes, for the comment above it.
fn shape_hint(shape: &Shape) -> String {
    match shape {
        Shape::Text => "Text, as the source writes it.".into(),
        Shape::Integer => "A whole number, such as a year.".into(),
        Shape::Flag => "true or false.".into(),
        Shape::Choice(_, values) => format!("One of: {}.", values.join(", ")),
        Shape::Value("Date") => "A date, YYYY-MM-DD, without quotes.".into(),
        Shape::Value("ItemRef") => {
            "A plan item: \"2021-2026/13\" (a directive) or \"2021-2026/m8\" (a mandate).".into()
        }
        Shape::Value("CountryCode") => "A country's ISO 3166-1 alpha-2 code, e.g. \"PE\".".into(),
        Shape::Value("LanguageCode") => {
            "A lowercase language code: \"es\", \"en\", \"pt\", \"fr\", \"qu\" ….".into()
        }
        Shape::Value("WebAddress") => "A web address starting with https://.".into(),
        Shape::Value("FileRef") => "A file of the library from the site root, such as \"documents/report-2024.pdf\" (a PDF or a .txt), or a web address.".into(),
        Shape::Value(name) => format!("A value of type {name}; see content/README.md."),
        Shape::List(inner) => format!("A list; each: {}", shape_hint(inner)),
        Shape::Map(inner) => format!("One value per language code; each: {}", shape_hint(inner)),
        Shape::Other => "See content/README.md.".into(),
    }
}

/// What a commented-out key of `shape` shows: harmless (an empty list) or refused by
/// `faro check` once uncommented (`TODO`, `YYYY-MM-DD`, an empty choice).
fn placeholder(shape: &Shape) -> &'static str {
    match shape {
        Shape::List(_) => "[]",
        Shape::Map(_) | Shape::Other => "{}",
        Shape::Choice(..) => "\"\"",
        Shape::Value("Date") => "YYYY-MM-DD",
        Shape::Integer => "YYYY",
        _ => "\"TODO\"",
    }
}

/// `value`, given on the command line, as TOML for a key of `shape`.
fn toml_value(shape: &Shape, value: &str) -> String {
    match shape {
        Shape::Integer if value.parse::<i64>().is_ok() => value.to_string(),
        Shape::Flag if value.parse::<bool>().is_ok() => value.to_string(),
        Shape::Integer | Shape::Flag => quote(value),
        Shape::List(_) => {
            let items: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect();
            list(&items)
        }
        _ => quote(value),
    }
}

/// The keys of `kind`'s front matter, as its struct's serde reads them: what a
/// scaffold must mention, commented or not. Nothing for a kind that does not exist.
pub fn fields_of(kind: &str) -> &'static [&'static str] {
    kinds::kind(kind).map_or(&[], |k| (k.fields)())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_with_hyphens() {
        assert_eq!(slug("Línea 1818 — Atención"), "linea-1818-atencion");
        assert_eq!(slug("  ¿Qué? ¡Ñandú!  "), "que-nandu");
        assert_eq!(slug("Ministère de l'Intérieur"), "ministere-de-l-interieur");
        let long = slug("Comisión Multisectorial de Naturaleza Permanente contra la Trata de Personas y el Tráfico Ilícito de Migrantes");
        assert!(long.len() <= SLUG_MAX && !long.ends_with('-'), "{long}");
        assert_eq!(slug("東京"), "");
    }

    #[test]
    fn serde_tells_the_fields_and_values() {
        assert!(fields_of("authority").contains(&"institution"));
        assert!(fields_of("authority").contains(&"kind"));
        assert_eq!(variants::<crate::model::meta::Cost>(), ["free", "paid"]);
        assert!(variants::<AuthorityRole>().contains(&"national-authority"));
    }

    #[test]
    fn every_field_of_every_kind_is_written_or_commented() {
        let iso = "PE".to_string();
        let texts = [
            ("authority", authority_text("T", "contact-point", &iso)),
            ("service", service_text("T", &["hotline".into()], &iso)),
            ("practice", practice_text("T", &iso, 2019, "general")),
            (
                "country",
                country_text("PE", "PER", "Perú", &Lang("es".into())),
            ),
            ("page", page_text("T")),
        ];
        for (kind, text) in texts {
            let front = text.split("+++").nth(1).unwrap();
            for field in fields_of(kind) {
                let present = front.lines().any(|l| {
                    let l = l.trim_start_matches("# ");
                    l.strip_prefix(field).is_some_and(|r| r.starts_with(" ="))
                });
                assert!(present, "{kind}: `{field}` missing in\n{text}");
            }
        }
    }
}
