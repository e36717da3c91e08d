//! Every state's coverage in the directory (the III Plan's mandate 7): the directory
//! page's summary, table and tile map, what a country page says of its own state, and
//! the open-data rows of `/data/coverage.json` and `.csv`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use super::labels::{labelled, serde_name, Labelled};
use super::{Link, Renderer};
use crate::model::catalog::is_stale;
use crate::model::coverage::{roles, Held};
use crate::model::meta::{AuthorityRole, CatalogKind, CountryMeta, Meta};
use crate::model::order::fold;
use crate::model::{Entry, Lang};

/// One role of one state: whether the directory holds it, and how current it is.
#[derive(Serialize)]
pub struct RoleCell {
    role: Labelled,
    held: bool,
    last_verified: Option<String>,
    /// Held, but not verified in the last twelve months (or never).
    stale: bool,
}

/// How a state shows on the map: by shape and colour, never colour alone.
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Mark {
    /// A contact point designated: a filled tile.
    Contact,
    /// An authority or a coordinating body, but no contact point: a half-filled tile.
    Authority,
    /// Nothing transmitted: an outlined tile.
    Nothing,
    /// Withdrawn or not participating: a dashed tile.
    Out,
}

const MARKS: [Mark; 4] = [Mark::Contact, Mark::Authority, Mark::Nothing, Mark::Out];

impl Mark {
    fn key(self) -> &'static str {
        match self {
            Mark::Contact => "states_mark_contact",
            Mark::Authority => "states_mark_authority",
            Mark::Nothing => "states_mark_none",
            Mark::Out => "states_mark_out",
        }
    }
}

/// One state's row of the coverage table.
#[derive(Serialize)]
pub struct StateRow {
    country: Link,
    iso2: String,
    status: Labelled,
    participating: bool,
    roles: Vec<RoleCell>,
    /// The directory holds nothing for the state.
    nothing: bool,
    mark: Mark,
}

/// One tile of the map, at its place in the SVG's coordinates.
#[derive(Serialize)]
pub struct Tile {
    x: u32,
    y: u32,
    iso2: String,
    url: String,
    /// The state and what its tile means, for the tile's `<title>`.
    label: String,
    mark: Mark,
}

/// The tile map: its size in the SVG's coordinates and its tiles.
#[derive(Serialize)]
pub struct TileMap {
    width: u32,
    height: u32,
    tiles: Vec<Tile>,
}

/// A legend entry of the map.
#[derive(Serialize)]
pub struct LegendEntry {
    mark: Mark,
    label: String,
}

/// The directory page's coverage: every state, the summary counts and the map.
#[derive(Serialize)]
pub struct CoverageView {
    states: Vec<StateRow>,
    /// The roles, labelled, as the table's columns.
    roles: Vec<Labelled>,
    participating: usize,
    contact_points: usize,
    map: TileMap,
    legend: Vec<LegendEntry>,
}

/// A tile's side and the space between tiles, in the SVG's coordinates.
const TILE: u32 = 44;
const PITCH: u32 = 48;

/// The role cells of `held` in `lang`.
fn cells(r: &Renderer<'_>, lang: &Lang, held: &BTreeMap<AuthorityRole, Held>) -> Vec<RoleCell> {
    AuthorityRole::ALL
        .into_iter()
        .map(|role| {
            let found = held.get(&role);
            RoleCell {
                role: labelled(r, lang, "role", role.name()),
                held: found.is_some(),
                last_verified: found
                    .and_then(|h| h.last_verified.as_ref())
                    .map(ToString::to_string),
                stale: found.is_some_and(|h| is_stale(h.last_verified.as_ref(), r.site.today)),
            }
        })
        .collect()
}

fn mark(meta: &CountryMeta, held: &BTreeMap<AuthorityRole, Held>) -> Mark {
    if !meta.status.participates() {
        Mark::Out
    } else if held.contains_key(&AuthorityRole::ContactPoint) {
        Mark::Contact
    } else if held.is_empty() {
        Mark::Nothing
    } else {
        Mark::Authority
    }
}

/// The directory's roles for the country `entry`, each authority read through the
/// renderer so that the page follows its edits.
fn held_by(r: &Renderer<'_>, country: &Entry) -> BTreeMap<AuthorityRole, Held> {
    roles(
        r.catalog_of(CatalogKind::AUTHORITY, &country.key)
            .iter()
            .filter_map(|k| match &r.site.original(r.entry(k)).doc.meta {
                Meta::Authority(m) => Some(m),
                _ => None,
            }),
    )
}

/// Every country entry with its front matter.
fn countries<'r>(r: &'r Renderer<'_>) -> Vec<(&'r Entry, &'r CountryMeta)> {
    r.country_keys()
        .into_iter()
        .filter_map(|k| {
            let entry = r.entry(k);
            match &r.site.original(entry).doc.meta {
                Meta::Country(m) => Some((entry, m)),
                _ => None,
            }
        })
        .collect()
}

/// The coverage of every state, in the visitor's alphabetical order, with the map.
pub fn coverage_view(r: &Renderer<'_>, lang: &Lang) -> CoverageView {
    let mut states: Vec<(StateRow, Option<[u8; 2]>)> = countries(r)
        .into_iter()
        .map(|(entry, meta)| {
            let held = held_by(r, entry);
            let row = StateRow {
                country: r.link_to(entry, lang),
                iso2: meta.iso2.to_string(),
                status: labelled(r, lang, "country_status", &serde_name(&meta.status)),
                participating: meta.status.participates(),
                roles: cells(r, lang, &held),
                nothing: held.is_empty(),
                mark: mark(meta, &held),
            };
            (row, meta.tile)
        })
        .collect();
    states.sort_by_cached_key(|(s, _)| fold(&s.country.title));
    let word = |key: &str| super::labels::word(r, lang, key).to_string();
    let map = tile_map(
        states
            .iter()
            .map(|(s, tile)| {
                let tile_at = *tile;
                let label = format!("{}: {}", s.country.title, word(s.mark.key()));
                (tile_at, s, label)
            })
            .collect(),
    );
    let states: Vec<StateRow> = states.into_iter().map(|(s, _)| s).collect();
    let participating: Vec<&StateRow> = states.iter().filter(|s| s.participating).collect();
    CoverageView {
        contact_points: participating
            .iter()
            .filter(|s| {
                s.roles
                    .iter()
                    .any(|c| c.held && c.role.value == "contact-point")
            })
            .count(),
        participating: participating.len(),
        roles: AuthorityRole::ALL
            .into_iter()
            .map(|role| labelled(r, lang, "role", role.name()))
            .collect(),
        legend: MARKS
            .into_iter()
            .map(|mark| LegendEntry {
                mark,
                label: word(mark.key()),
            })
            .collect(),
        map,
        states,
    }
}

/// The map of `states` (each with its `tile`, if it has one, and its label): placed
/// states where they say, the others in a row below, in the order given.
fn tile_map(states: Vec<(Option<[u8; 2]>, &StateRow, String)>) -> TileMap {
    let placed_rows = states
        .iter()
        .filter_map(|(tile, _, _)| tile.map(|[_, row]| u32::from(row) + 1))
        .max()
        .unwrap_or(0);
    let columns = states
        .iter()
        .filter_map(|(tile, _, _)| tile.map(|[col, _]| u32::from(col) + 1))
        .max()
        .unwrap_or(0)
        .max(1);
    let mut unplaced = 0u32;
    let tiles: Vec<Tile> = states
        .into_iter()
        .map(|(tile, state, label)| {
            let (col, row) = match tile {
                Some([col, row]) => (u32::from(col), u32::from(row)),
                None => {
                    // The unplaced fill rows below the map, as wide as the map.
                    let at = (unplaced % columns, placed_rows + 1 + unplaced / columns);
                    unplaced += 1;
                    at
                }
            };
            Tile {
                x: col * PITCH,
                y: row * PITCH,
                iso2: state.iso2.clone(),
                url: state.country.url.clone(),
                label,
                mark: state.mark,
            }
        })
        .collect();
    let width = tiles.iter().map(|t| t.x + TILE).max().unwrap_or(TILE);
    let height = tiles.iter().map(|t| t.y + TILE).max().unwrap_or(TILE);
    TileMap {
        width,
        height,
        tiles,
    }
}

/// What a country page says of its state's coverage.
#[derive(Serialize)]
pub struct StateCoverage {
    roles: Vec<RoleCell>,
    nothing: bool,
}

/// The coverage of the country `entry`.
pub fn state_coverage(r: &Renderer<'_>, entry: &Entry, lang: &Lang) -> StateCoverage {
    let held = held_by(r, entry);
    StateCoverage {
        roles: cells(r, lang, &held),
        nothing: held.is_empty(),
    }
}

/// The columns of `/data/coverage.csv`, in order: the state, then per role whether the
/// directory holds it and when it was last verified.
pub fn export_fields() -> Vec<String> {
    let mut fields: Vec<String> = ["iso2", "name", "status"].map(String::from).into();
    for role in AuthorityRole::ALL {
        let name = role.name().replace('-', "_");
        fields.push(name.clone());
        fields.push(format!("{name}_last_verified"));
    }
    fields
}

/// One record per state, by ISO code: its name in the default language, its status,
/// and per role whether the directory holds it and its last verification date.
pub fn records(r: &Renderer<'_>) -> Vec<Value> {
    let lang = &r.config.default_language;
    let mut records: Vec<(String, Value)> = countries(r)
        .into_iter()
        .map(|(entry, meta)| {
            // Outside any page: the exports record no reads.
            let held = held_by(r, entry);
            let mut record = json!({
                "iso2": meta.iso2,
                "name": meta.name_in(lang.as_str()),
                "status": meta.status,
            });
            if let Some(object) = record.as_object_mut() {
                for role in AuthorityRole::ALL {
                    let name = role.name().replace('-', "_");
                    let found = held.get(&role);
                    object.insert(name.clone(), json!(found.is_some()));
                    object.insert(
                        format!("{name}_last_verified"),
                        json!(found.and_then(|h| h.last_verified.map(|d| d.to_string()))),
                    );
                }
            }
            (meta.iso2.to_string(), record)
        })
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0));
    records.into_iter().map(|(_, record)| record).collect()
}
