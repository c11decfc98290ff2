//! The desk: a folder (usually a git repository) of project files, any depth. Listing and
//! summarising its projects, searching across them and finding claims checked before.
//! Nothing here knows a screen; the CLI and the app's desk view share it.

pub mod cache;
pub mod open;
pub mod order;
pub mod overview;
pub mod report;
pub mod reuse;
pub mod scan;
pub mod search;
pub mod summary;
pub mod sync;
pub mod synth;
pub mod totals;
