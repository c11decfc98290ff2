//! Running the real `claimdesk` binary from integration tests (each test file is its own
//! crate and includes this with `mod common;`; not every file uses every helper).
#![allow(dead_code)]

pub mod http;

use std::process::{Command, Output};

pub fn claimdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .output()
        .expect("run claimdesk")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
