//! merge, merge-driver and agreement (issue 5; being built).

use super::{CliResult, UserError};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct MergeArgs {
    pub projects: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct MergeDriverArgs {
    pub base: PathBuf,
    pub ours: PathBuf,
    pub theirs: PathBuf,
}

#[derive(Args, Debug)]
pub struct AgreementArgs {
    pub project: PathBuf,
}

pub fn merge(_a: MergeArgs) -> CliResult {
    Err(UserError("merge is not built yet".into()))
}

pub fn merge_driver(_a: MergeDriverArgs) -> CliResult {
    Err(UserError("merge-driver is not built yet".into()))
}

pub fn agreement(_a: AgreementArgs) -> CliResult {
    Err(UserError("agreement is not built yet".into()))
}
