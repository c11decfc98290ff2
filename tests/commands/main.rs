//! The real `claimdesk` binary, run as users and scripts run it: every command, exports and
//! imports, sharing and the git merge driver, and files as users expect them. One test crate.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod desk_cli;
mod export_cli;
mod file_safety;
mod git_merge;
mod hints;
mod import_cli;
mod search_cli;
mod share_cli;
mod sync_cli;
