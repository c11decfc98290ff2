//! The desk's search index and "checked before", kept in a cache folder outside the desk.
//!
//! - `DeskIndex::open(cache)` opens (or rebuilds) the cache; `update(desk, files)` brings it
//!   up to date with the desk's project files, reading only those that changed.
//! - `search(&Query)`: claims by words of quote, notes, attributed-to and evidence, and by
//!   reviewer, verdict, domain and publication date; hits with words in context.
//! - `seen(quote, exclude, options)`: claims of other projects saying the same thing (exact,
//!   normalised, near-duplicate), with their reviews; `seen_in_project` flags a whole project.

mod binfile;
mod index;
mod kwic;
mod manifest;
pub mod minhash;
pub mod normalise;
mod prints;
mod query;
mod schema;
mod seen;
mod store;
mod table;
mod update;

pub use index::{DeskIndex, IndexError};
pub use manifest::FileStamp;
pub use query::{Hit, Query, SearchError, date_bound};
pub use seen::{Match, MatchKind, NORMALISED_SIMILARITY, SeenFlag, SeenOptions, SeenRef};
pub use update::UpdateReport;
