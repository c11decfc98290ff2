//! The core as the app and the CLI use it, without a screen: model, splitting, project files,
//! merges, agreement, exports, sessions and the open document's life with its file. One test
//! crate (each used to link the whole app on its own).

#[path = "../common/mod.rs"]
mod common;
#[path = "../mutation/mod.rs"]
mod mutation;

mod agreement_examples;
mod atomic_save;
mod bad_files;
mod desk_scan;
mod desk_search;
mod document;
mod export;
mod hardening;
mod import_pages;
mod merge_props;
mod migrate;
mod mutation_props;
mod ops_props;
mod sample_project;
mod session;
mod split_golden;
mod split_languages;
mod split_props;
mod split_shapes;
