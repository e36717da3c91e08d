//! Every kind of content, declared once: the name written in front matter, the struct
//! that parses it (and whose serde fields are its keys), where editors' files of it
//! go, the template its pages use and, for a kind that a section lists, its listing
//! and open data. Parsing, "did you mean" hints, `faro new`, the editors' form, the
//! editors' guide's tables (checked by `tests/docs.rs`) and the renderer read this
//! table. A new kind is a struct implementing [`Declared`] in a module of its own and
//! one [`Kind::declared`] row (see [`document`]); a site built by a program
//! can add kinds of its own through [`Kinds::with`] (`tests/declared.rs` does).

use serde::de::DeserializeOwned;
use serde::Deserialize;

pub mod document;
pub mod report;

use super::fields::{from_str, MetaError};
use super::meta::{
    AlignmentMeta, AlignmentRowMeta, AuthorityMeta, CatalogKind, ComparisonMeta, CountryMeta,
    ItemKind, ItemMeta, Meta, PageMeta, PlanMeta, PracticeMeta, SectionMeta, ServiceMeta,
};
use super::record::{without_kind, Declared, Record};
use super::schema::{fields, schema, Field};

/// One kind of content.
pub struct Kind {
    /// The name written as `kind = "…"` (`page` when none is written).
    pub name: &'static str,
    /// Parses front matter of this kind into its struct.
    parse: fn(&str) -> Result<Meta, MetaError>,
    /// The keys of its front matter, as its struct's serde reads them.
    pub fields: fn() -> &'static [&'static str],
    /// Each key's shape and whether it is required: what the editors' form shows.
    pub schema: fn() -> Vec<Field>,
    /// Where editors' new files of this kind go; `None` for the kinds that are
    /// imported from `sources/` by `scripts/` (plans and their parts, alignments,
    /// comparisons), which neither `faro new` nor the form writes.
    pub home: Option<Home>,
    /// Keys the editors' form does not offer: the technical team's (a page's
    /// `template`, and `lists`, which only a section's `_index` may set).
    pub technical: &'static [&'static str],
    /// The template its pages are rendered with, unless a page sets `template`.
    pub template: &'static str,
    /// For a kind whose entries a section page lists (`lists = "…"`): its listing and
    /// open data.
    pub listing: Option<Listing>,
    /// Whether it is declared by its struct alone ([`Kind::declared`]): its entries
    /// are [`Record`]s, its struct has no `kind` key, and `faro new` makes its file
    /// from its fields.
    pub declared: bool,
    /// The keys that hold a list of tables, with the schema of one table (a report's
    /// `answers`): the editors' form lays each out as a list of its fields.
    pub tables: &'static [(&'static str, TableSchema)],
}

/// The schema of one table of a list of tables (see [`Kind::tables`]).
pub type TableSchema = fn() -> Vec<Field>;

/// How a listed kind is listed and exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    /// The name of its open-data files: `/data/<export>.json` (and `.csv`).
    pub export: &'static str,
    /// What its listing is narrowed by, each value a page of its own
    /// (`/es/services/type/hotline/`): the facet's name (in addresses, and its label
    /// `facet_<name>` or `facet_<kind>_<name>`) and where its values come from.
    pub facets: &'static [(&'static str, FacetOf)],
    /// The keys whose values a card of the listing shows under its title.
    pub card: &'static [&'static str],
    /// The keys that date an entry, the first one it has winning (`date`, then
    /// `year`): what [`Order::NewestFirst`], the [`FacetOf::Year`] facet and the feed
    /// read. Empty for a kind whose entries are not dated.
    pub dated_by: &'static [&'static str],
    /// In which order the listing shows its entries.
    pub order: Order,
    /// Whether the listing has an Atom feed per language (`atom.xml` beside it), of
    /// its dated entries, newest first.
    pub feed: bool,
}

/// Where the values of a listing's facet come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetOf {
    /// The values of a key.
    Key(&'static str),
    /// The year an entry is dated (see [`Listing::dated_by`]), from a day or a year.
    Year,
    /// The plan items of one kind among the references a key holds: the mandates a
    /// document serves, not the directives it also names (a facet of every directive
    /// would be a list of a hundred).
    Items(&'static str, ItemKind),
}

/// The order of a listing's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By file name, numbers in order (`directives/9` before `directives/10`).
    ByKey,
    /// The newest first (see [`Listing::dated_by`]), undated entries last, by key.
    NewestFirst,
}

/// Where new files of a kind go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// In the folder of the section page that lists the kind (`lists = "…"`), as
    /// `<slug>.<lang>.md`, or `<iso2>/<slug>.<lang>.md` when `by_country`.
    Listed {
        /// One folder per country, named by its lowercase ISO code.
        by_country: bool,
    },
    /// Beside the other countries, as `<iso2>.<default language>.md`: one file holds
    /// the country's name in every language.
    Countries,
    /// At the top of `content/`, as `<slug>.<lang>.md`.
    Top,
    /// In a folder per reporting period below the listing's, named by the country:
    /// `reports/2015-2016/pe.es.md` (one report per state and period).
    ByPeriod,
}

impl Kind {
    /// The row of a kind declared by its struct `T` alone (see [`super::record`]):
    /// its entries are [`Record`]s, listed and exported when `listing` is given.
    pub const fn declared<T: Declared>(
        home: Home,
        template: &'static str,
        listing: Option<Listing>,
    ) -> Kind {
        Kind {
            name: T::KIND,
            parse: parse_declared::<T>,
            fields: fields::<T>,
            schema: schema::<T>,
            home: Some(home),
            technical: &[],
            template,
            listing,
            declared: true,
            tables: &[],
        }
    }

    /// Whether editors create it (with `faro new` or the form).
    pub fn created_by_editors(&self) -> bool {
        self.home.is_some()
    }

    /// The keys of its exported records, in order: its id and address, then the keys
    /// of its front matter that serialize (not `kind`, nor `translation`).
    pub fn export_fields(&self) -> Vec<&'static str> {
        ["id", "url"]
            .into_iter()
            .chain((self.fields)().iter().copied())
            .filter(|f| !matches!(*f, "kind" | "translation"))
            .collect()
    }

    /// Parses `front`, front matter that declares this kind.
    pub fn parse(&self, front: &str) -> Result<Meta, MetaError> {
        (self.parse)(front)
    }
}

/// The row of a kind written out in the model (a variant of [`Meta`] of its own),
/// with no technical keys and no listing unless the row says otherwise.
const fn written<T: DeserializeOwned>(
    name: &'static str,
    parse: fn(&str) -> Result<Meta, MetaError>,
    home: Option<Home>,
    template: &'static str,
) -> Kind {
    Kind {
        name,
        parse,
        fields: fields::<T>,
        schema: schema::<T>,
        home,
        technical: &[],
        template,
        listing: None,
        declared: false,
        tables: &[],
    }
}

/// Every kind, in the order the editors' guide presents them.
pub const KINDS: &[Kind] = &[
    Kind {
        technical: &["template", "lists", "serves"],
        ..written::<PageMeta>(
            "page",
            |front| Ok(Meta::Page(from_str(front)?)),
            Some(Home::Top),
            "page.html",
        )
    },
    Kind {
        // A place on the directory's map is layout, the technical team's.
        technical: &["tile"],
        ..written::<CountryMeta>(
            "country",
            |front| Ok(Meta::Country(from_str(front)?)),
            Some(Home::Countries),
            "country.html",
        )
    },
    Kind {
        listing: Some(Listing {
            export: "directory",
            facets: &[("country", FacetOf::Key("country"))],
            card: &["role"],
            dated_by: &["last_verified"],
            order: Order::ByKey,
            feed: false,
        }),
        ..written::<AuthorityMeta>(
            "authority",
            |front| Ok(Meta::Authority(from_str(front)?)),
            Some(Home::Listed { by_country: true }),
            "authority.html",
        )
    },
    Kind {
        listing: Some(Listing {
            export: "services",
            facets: &[
                ("country", FacetOf::Key("country")),
                ("type", FacetOf::Key("types")),
                ("population", FacetOf::Key("populations")),
                ("language", FacetOf::Key("languages")),
            ],
            card: &["types"],
            dated_by: &["last_verified"],
            order: Order::ByKey,
            feed: false,
        }),
        ..written::<ServiceMeta>(
            "service",
            |front| Ok(Meta::Service(from_str(front)?)),
            Some(Home::Listed { by_country: true }),
            "service.html",
        )
    },
    Kind {
        listing: Some(Listing {
            export: "practices",
            facets: &[
                ("country", FacetOf::Key("country")),
                ("area", FacetOf::Key("area")),
                ("population", FacetOf::Key("target_groups")),
                ("language", FacetOf::Key("languages")),
            ],
            card: &["area", "year"],
            dated_by: &["year"],
            order: Order::ByKey,
            feed: true,
        }),
        ..written::<PracticeMeta>(
            "practice",
            |front| Ok(Meta::Practice(from_str(front)?)),
            Some(Home::Listed { by_country: false }),
            "practice.html",
        )
    },
    Kind::declared::<document::DocumentMeta>(
        Home::Listed { by_country: false },
        "document.html",
        Some(Listing {
            export: "documents",
            facets: &[
                ("type", FacetOf::Key("type")),
                ("year", FacetOf::Year),
                ("languages", FacetOf::Key("languages")),
                ("country", FacetOf::Key("country")),
                ("mandate", FacetOf::Items("serves", ItemKind::Mandate)),
            ],
            card: &["type", "date", "year", "languages"],
            dated_by: &["date", "year"],
            order: Order::NewestFirst,
            feed: true,
        }),
    ),
    Kind {
        tables: &[("answers", schema::<report::Answer>)],
        ..Kind::declared::<report::ReportMeta>(
            Home::ByPeriod,
            "report.html",
            Some(Listing {
                export: "reports",
                facets: &[
                    ("period", FacetOf::Key("period")),
                    ("country", FacetOf::Key("country")),
                ],
                card: &["period", "submitted"],
                dated_by: &["submitted"],
                order: Order::NewestFirst,
                feed: false,
            }),
        )
    },
    written::<PlanMeta>(
        "plan",
        |front| Ok(Meta::Plan(from_str(front)?)),
        None,
        "plan.html",
    ),
    written::<SectionMeta>(
        "section",
        |front| Ok(Meta::Section(from_str(front)?)),
        None,
        "plan-section.html",
    ),
    written::<ItemMeta>(
        "objective",
        |front| Ok(Meta::Item(from_str(front)?)),
        None,
        "item.html",
    ),
    written::<ItemMeta>(
        "principle",
        |front| Ok(Meta::Item(from_str(front)?)),
        None,
        "item.html",
    ),
    written::<ItemMeta>(
        "directive",
        |front| Ok(Meta::Item(from_str(front)?)),
        None,
        "item.html",
    ),
    written::<ItemMeta>(
        "mandate",
        |front| Ok(Meta::Item(from_str(front)?)),
        None,
        "item.html",
    ),
    written::<AlignmentMeta>(
        "alignment",
        |front| Ok(Meta::Alignment(from_str(front)?)),
        None,
        "alignment.html",
    ),
    written::<AlignmentRowMeta>(
        "alignment-row",
        |front| Ok(Meta::AlignmentRow(from_str(front)?)),
        None,
        "alignment-row.html",
    ),
    written::<ComparisonMeta>(
        "comparison",
        |front| Ok(Meta::Comparison(from_str(front)?)),
        None,
        "comparison.html",
    ),
];

/// Parses front matter of the declared kind `T` (see [`from_str`] for the errors).
fn parse_declared<T: Declared>(front: &str) -> Result<Meta, MetaError> {
    let value: T = from_str(&without_kind(front))?;
    Ok(Meta::Record(Record::of(&value)))
}

/// Reads only `kind`, to choose the struct that parses the rest.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    kind: Option<String>,
}

impl Meta {
    /// Parses TOML front matter into the struct of its `kind`, one of `kinds`.
    pub fn parse(front: &str, kinds: &Kinds) -> Result<Meta, MetaError> {
        let probe: Probe = toml::from_str(front).map_err(MetaError::Toml)?;
        let name = probe.kind.as_deref().unwrap_or("page");
        let kind = kinds
            .get(name)
            .ok_or_else(|| MetaError::UnknownKind(name.to_string()))?;
        kind.parse(front)
    }
}

/// The kinds a site is built with: the shipped ones ([`KINDS`]), plus any a program
/// adds with [`Kinds::with`].
#[derive(Clone)]
pub struct Kinds(Vec<&'static Kind>);

impl Default for Kinds {
    /// The shipped kinds.
    fn default() -> Self {
        Kinds(KINDS.iter().collect())
    }
}

impl std::fmt::Debug for Kinds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Kinds {
    /// These kinds and `kind`, which replaces a kind of the same name.
    pub fn with(mut self, kind: &'static Kind) -> Kinds {
        self.0.retain(|k| k.name != kind.name);
        self.0.push(kind);
        self
    }

    /// The kind named `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<&'static Kind> {
        self.0.iter().copied().find(|k| k.name == name)
    }

    /// Every kind, shipped ones first.
    pub fn iter(&self) -> impl Iterator<Item = &'static Kind> + Clone + '_ {
        self.0.iter().copied()
    }

    /// The names of every kind, for hints.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone + '_ {
        self.0.iter().map(|k| k.name)
    }

    /// Every kind a section page can list, with its listing.
    pub fn listed(&self) -> impl Iterator<Item = (CatalogKind, Listing)> + Clone + '_ {
        self.0
            .iter()
            .filter_map(|k| k.listing.map(|l| (CatalogKind(k.name), l)))
    }
}

/// The shipped kind named `name`, if there is one.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::Shape;

    #[test]
    fn each_row_parses_its_own_kind() {
        // Every file of the shipped content and of the catalog fixture (which has a
        // practice) parses, through its kind's row, into a value of that kind.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = std::collections::BTreeSet::new();
        for dir in ["content", "tests/fixtures/catalog/content"] {
            for file in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                // Content files are `<name>.<lang>.md`; the guide (README.md) is not one.
                let name = file.file_name().to_string_lossy();
                if !name.ends_with(".md") || name.matches('.').count() != 2 {
                    continue;
                }
                let text = std::fs::read_to_string(file.path()).unwrap_or_default();
                let Some(front) = text.split("+++\n").nth(1) else {
                    continue;
                };
                let Ok(meta) = Meta::parse(front, &Kinds::default()) else {
                    panic!("{} does not parse", file.path().display());
                };
                let written: toml::Table = toml::from_str(front).unwrap_or_default();
                let name = written
                    .get("kind")
                    .and_then(|k| k.as_str())
                    .unwrap_or("page");
                assert_eq!(meta.kind(), name, "{}", file.path().display());
                seen.insert(name.to_string());
            }
        }
        assert_eq!(seen.len(), KINDS.len(), "kinds not seen: {seen:?}");
    }

    #[test]
    fn names_are_unique() {
        let mut seen: Vec<&str> = Kinds::default().names().collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), KINDS.len());
    }

    fn field<'a>(schema: &'a [Field], name: &str) -> &'a Field {
        schema.iter().find(|f| f.name == name).unwrap()
    }

    #[test]
    fn a_kind_s_schema_says_what_each_key_holds_and_which_are_required() {
        let authority = schema::<AuthorityMeta>();
        assert_eq!(authority.len(), fields::<AuthorityMeta>().len());
        let role = field(&authority, "role");
        assert!(role.required);
        assert_eq!(
            role.shape,
            Shape::Choice(
                "Role",
                &["national-authority", "coordinating-body", "contact-point"]
            )
        );
        assert_eq!(
            field(&authority, "country").shape,
            Shape::Value("CountryCode")
        );
        let phones = field(&authority, "phones");
        assert!(!phones.required);
        assert_eq!(phones.shape, Shape::List(Box::new(Shape::Value("Phone"))));
        assert_eq!(
            field(&authority, "last_verified").shape,
            Shape::Value("Date")
        );
        assert!(!field(&authority, "address").required);
        assert_eq!(field(&authority, "address").shape, Shape::Text);
        let practice = schema::<PracticeMeta>();
        assert_eq!(field(&practice, "year").shape, Shape::Integer);
        assert!(field(&practice, "summary").required);
        let country = schema::<CountryMeta>();
        assert_eq!(
            field(&country, "name").shape,
            Shape::Map(Box::new(Shape::Text))
        );
    }
}
