//! Standard output for commands, without panics. `println!` panics when stdout is closed
//! (`claimdesk list P.ron | head -1`) or full (`> /dev/full`); after a save that panic would
//! turn a success into exit code 101. Here the first write error is recorded, later output is
//! skipped, and `cli::main` decides the exit code once the command is done:
//!
//! - a closed pipe ends the command quietly with exit 0 (the reader had what it wanted);
//! - any other stdout error: one line on stderr; exit 1, except after a command saved its
//!   file (`tag`, `new`, `merge`, `import-annotations`, `export -o FILE`), which exits 0 and
//!   says "saved; could not print the summary".

use std::fmt;
use std::io::{self, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static FAILED: Mutex<Option<io::Error>> = Mutex::new(None);
static SAVED: AtomicBool = AtomicBool::new(false);

fn failed() -> bool {
    FAILED.lock().map_or(true, |f| f.is_some())
}

fn record(e: io::Error) {
    if let Ok(mut f) = FAILED.lock()
        && f.is_none()
    {
        *f = Some(e);
    }
}

/// Writes bytes to standard output (skipped once a write has failed).
pub fn write(bytes: &[u8]) {
    if !failed()
        && let Err(e) = io::stdout().lock().write_all(bytes)
    {
        record(e);
    }
}

/// Writes one line to standard output; use through `say!`.
pub fn line(args: fmt::Arguments) {
    if failed() {
        return;
    }
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
        record(e);
    }
}

/// One line to standard error, `claimdesk: ` in front; a failing stderr is ignored (there is
/// nowhere left to report it).
pub fn complain_line(args: fmt::Arguments) {
    let mut err = io::stderr().lock();
    let _ = err
        .write_all(b"claimdesk: ")
        .and_then(|()| err.write_fmt(args))
        .and_then(|()| err.write_all(b"\n"));
}

/// The command has written its file: a failure to print afterwards does not undo that.
pub fn mark_saved() {
    SAVED.store(true, Ordering::Relaxed);
}

/// How a command that returned Ok ends, once its output is flushed.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    Printed,
    /// The reader went away: quiet, exit 0.
    ReaderGone,
    /// Saved, but the summary could not be printed: a line on stderr, exit 0.
    SavedUnprinted(String),
    /// Nothing saved and the output is lost: a line on stderr, exit 1.
    Failed(String),
}

/// Flushes standard output and says how the command ends.
pub fn finish() -> Ending {
    if !failed()
        && let Err(e) = io::stdout().lock().flush()
    {
        record(e);
    }
    let error = FAILED.lock().ok().and_then(|mut f| f.take());
    match error {
        None => Ending::Printed,
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => Ending::ReaderGone,
        Some(e) if SAVED.load(Ordering::Relaxed) => {
            Ending::SavedUnprinted(format!("saved; could not print the summary: {e}"))
        }
        Some(e) => Ending::Failed(format!("standard output: cannot write: {e}")),
    }
}

/// `println!` that never panics: see the module comment.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::out::line(format_args!($($arg)*))
    };
}

/// `eprintln!("claimdesk: …")` that never panics.
macro_rules! complain {
    ($($arg:tt)*) => {
        $crate::cli::out::complain_line(format_args!($($arg)*))
    };
}

pub(crate) use {complain, say};
