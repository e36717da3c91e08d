//! What the content *is*: documents, the entries that group their translations, the
//! kinds' front matter, and the indexes that relate entries (plans, countries,
//! alignments, the catalog). Everything above reads this model; it imports nothing
//! from the stages that load, link, render, index or write it (only
//! [`crate::diagnostic`], for what is wrong with content).

pub mod alignments;
mod body;
pub mod catalog;
pub mod contact;
pub mod countries;
pub mod coverage;
mod document;
pub mod edition;
pub mod fields;
pub mod indicators;
mod key;
pub mod kinds;
mod lang;
pub mod library;
pub mod meta;
pub mod order;
pub mod plans;
pub mod record;
pub mod reports;
pub mod schema;
mod site;
pub mod texts;
pub mod translations;
pub mod unparsed;
pub mod values;

pub use body::Body;
pub use document::{Document, Place};
pub use key::EntryKey;
pub use lang::Lang;
pub use site::{url_for, Content, Entry, Holdings, Page, Site};
