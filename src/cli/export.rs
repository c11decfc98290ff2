//! export and import-annotations (issue 4; being built).

use super::{CliResult, UserError};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExportArgs {
    pub project: PathBuf,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    pub project: PathBuf,
    pub annotations: PathBuf,
}

pub fn export(_a: ExportArgs) -> CliResult {
    Err(UserError("export is not built yet".into()))
}

pub fn import_annotations(_a: ImportArgs) -> CliResult {
    Err(UserError("import-annotations is not built yet".into()))
}
