//! claimdesk core: the project model, statement splitting, RON project files and the
//! operations the command line and the desktop app share. Nothing here knows a screen.

pub mod adjudication;
pub mod agreement;
pub mod anchor;
pub mod article;
pub mod changes;
pub mod cli;
pub mod clock;
pub mod desk;
pub mod export;
pub mod hints;
pub mod ids;
pub mod import;
pub mod language;
pub mod merge;
pub mod model;
pub mod ops;
pub mod session;
pub mod split;
pub mod stats;
pub mod store;
pub mod synth;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
