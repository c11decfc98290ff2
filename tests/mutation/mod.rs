//! Mutating project files for the loader/merge robustness tests (`tests/mutation_props.rs`,
//! bounded) and the long fuzz run (`examples/fuzz_load.rs`, which includes this file by path).
//!
//! A mutation is a small, plausible damage to the RON text: a flipped byte, a deleted range,
//! a duplicated, dropped or swapped line, a changed number, two string values swapped, a string
//! value replaced by an awkward one, a stray token, a truncation. [`check`] feeds the result
//! to the loader and, when it loads, to `validate`, the exports and the merges, and reports
//! anything that breaks the rules instead of panicking.
#![allow(dead_code)]

use claimdesk::export::{self, ExportOptions, Format};
use claimdesk::merge;
use claimdesk::model::Project;
use claimdesk::store;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The name every mutated file is loaded under; errors must mention it.
pub const FILE: &str = "mutated.ron";

/// One mutation: `kind` picks what, `a` and `b` where and with what (taken modulo sizes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    pub kind: u8,
    pub a: u64,
    pub b: u64,
}

/// Kinds of mutation; `Op::kind` is taken modulo this.
pub const KINDS: u8 = 11;

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999",
    "1e309",
    "0x10",
    "1.5",
    "",
];

const STRINGS: &[&str] = &[
    "",
    " ",
    "\\u{202E}evil",
    "\\u{0}",
    "\\\"",
    "\\\\",
    "9999-12-31T23:59:59Z",
    "0000-00-00T00:00:00Z",
    "2026-02-30T25:61:61Z",
    "javascript:alert(1)",
    "https://evil.example\\\\@desk.example/",
    "</script><script>alert(1)</script>",
    "s-000000000000",
    "c-",
    "Verified",
    "👍🏽e\u{301}",
    "\u{FFFF}",
];

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "Some(",
    "None",
    "r#\"",
    "#",
    "/*",
    "//",
    "true",
    "Disputed",
    "Selection",
    "\n",
    "\u{FEFF}",
];

/// Byte ranges of lines (each with its line break).
fn lines(s: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in s.iter().enumerate() {
        if b == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out
}

/// Byte ranges of the contents of `"…"` string literals (escapes respected).
fn strings(s: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < s.len() && s[j] != b'"' {
                j += if s[j] == b'\\' { 2 } else { 1 };
            }
            let end = j.min(s.len());
            out.push((start, end));
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Byte ranges of runs of ASCII digits.
fn numbers(s: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i].is_ascii_digit() {
            let start = i;
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

fn pick<T: Copy>(list: &[T], n: u64) -> Option<T> {
    (!list.is_empty()).then(|| list[(n % list.len() as u64) as usize])
}

fn splice(s: &mut Vec<u8>, (start, end): (usize, usize), with: &[u8]) {
    s.splice(start..end, with.iter().copied());
}

/// Applies one mutation.
pub fn mutate(s: &mut Vec<u8>, op: Op) {
    let len = s.len() as u64;
    match op.kind % KINDS {
        // A byte flipped.
        0 if len > 0 => {
            let i = (op.a % len) as usize;
            s[i] ^= 1 << (op.b % 8);
        }
        // A short range deleted.
        1 if len > 0 => {
            let i = (op.a % len) as usize;
            let n = (op.b % 16 + 1) as usize;
            s.drain(i..(i + n).min(s.len()));
        }
        // A line duplicated in place.
        2 => {
            if let Some((a, b)) = pick(&lines(s), op.a) {
                let line = s[a..b].to_vec();
                splice(s, (b, b), &line);
            }
        }
        // A line dropped.
        3 => {
            if let Some(r) = pick(&lines(s), op.a) {
                splice(s, r, b"");
            }
        }
        // Two lines swapped.
        4 => {
            let all = lines(s);
            if let (Some(x), Some(y)) = (pick(&all, op.a), pick(&all, op.b))
                && x.1 <= y.0
            {
                let (lx, ly) = (s[x.0..x.1].to_vec(), s[y.0..y.1].to_vec());
                splice(s, y, &lx);
                splice(s, x, &ly);
            }
        }
        // A number changed.
        5 => {
            if let (Some(r), Some(n)) = (pick(&numbers(s), op.a), pick(NUMBERS, op.b)) {
                splice(s, r, n.as_bytes());
            }
        }
        // A number nudged by one (offsets off by one are the likeliest hand edit).
        6 => {
            if let Some((a, b)) = pick(&numbers(s), op.a) {
                let text = String::from_utf8_lossy(&s[a..b]).into_owned();
                if let Ok(n) = text.parse::<u128>() {
                    let m = if op.b.is_multiple_of(2) {
                        n + 1
                    } else {
                        n.saturating_sub(1)
                    };
                    splice(s, (a, b), m.to_string().as_bytes());
                }
            }
        }
        // Two string values swapped.
        7 => {
            let all = strings(s);
            if let (Some(x), Some(y)) = (pick(&all, op.a), pick(&all, op.b))
                && x.1 <= y.0
            {
                let (vx, vy) = (s[x.0..x.1].to_vec(), s[y.0..y.1].to_vec());
                splice(s, y, &vx);
                splice(s, x, &vy);
            }
        }
        // A string value replaced by an awkward one.
        8 => {
            if let (Some(r), Some(v)) = (pick(&strings(s), op.a), pick(STRINGS, op.b)) {
                splice(s, r, v.as_bytes());
            }
        }
        // A stray token inserted.
        9 if len > 0 => {
            let i = (op.a % (len + 1)) as usize;
            if let Some(t) = pick(TOKENS, op.b) {
                splice(s, (i, i), t.as_bytes());
            }
        }
        // Truncated.
        10 => {
            s.truncate((op.a % (len + 1)) as usize);
        }
        _ => {}
    }
}

/// The sample project's text with `ops` applied in turn.
pub fn mutated(source: &str, ops: &[Op]) -> Vec<u8> {
    let mut s = source.as_bytes().to_vec();
    for &op in ops {
        mutate(&mut s, op);
    }
    s
}

/// What one mutated file did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Loaded and valid.
    pub loaded: u64,
    /// Refused with an error naming the file.
    pub refused: u64,
    /// Merges run on it (each may succeed or fail with an error).
    pub merges: u64,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.loaded += o.loaded;
        self.refused += o.refused;
        self.merges += o.merges;
    }
}

/// A rule broken (not a panic: those are caught by the caller).
pub type Broken = String;

/// Loads `bytes`; when it loads, validates it, exports it and merges it with `sample` (two-
/// and three-way) and, if given, with `other` (another mutated file that loaded).
pub fn check(
    bytes: &[u8],
    sample: &Project,
    other: Option<&Project>,
) -> Result<(Tally, Option<Project>), Broken> {
    let mut t = Tally::default();
    let p = match store::load_bytes(bytes.to_vec(), FILE) {
        Ok(p) => p,
        Err(e) => {
            let msg = e.to_string();
            if !msg.starts_with(FILE) {
                return Err(format!("a load error that does not name the file: {msg}"));
            }
            t.refused += 1;
            return Ok((t, None));
        }
    };
    t.loaded += 1;
    store::validate(&p).map_err(|e| format!("loaded but not valid: {e:?}"))?;
    // What was loaded saves and loads back the same.
    let again = store::load_str(&store::to_ron_string(&p), FILE)
        .map_err(|e| format!("a loaded file does not load back after saving: {e}"))?;
    if again != p {
        return Err("a loaded file changes when saved and loaded again".into());
    }
    for f in [Format::Html, Format::Markdown, Format::Csv, Format::W3c] {
        export::render(&p, f, &ExportOptions::new("2026-01-31"))
            .map_err(|e| format!("{f} export refused a valid project: {e}"))?;
    }
    let mut merged = |r: Result<merge::MergeOutcome, merge::MergeError>| -> Result<(), Broken> {
        t.merges += 1;
        match r {
            Ok(out) => store::validate(&out.project)
                .map_err(|e| format!("a merge returned an invalid project: {e:?}")),
            // Refusing is fine (another article, say); an invalid result must never be made.
            Err(merge::MergeError::Result(problem)) => {
                Err(format!("the merge made an invalid project: {problem:?}"))
            }
            Err(e) if e.to_string().is_empty() => Err("a merge error with no message".into()),
            Err(_) => Ok(()),
        }
    };
    merged(merge::merge_refs(&[sample, &p]))?;
    merged(merge::merge_refs(&[&p, sample]))?;
    merged(merge::merge3(sample, &p, sample))?;
    if let Some(o) = other {
        merged(merge::merge_refs(&[&p, o]))?;
        merged(merge::merge3(sample, &p, o))?;
        merged(merge::merge3(o, sample, &p))?;
    }
    Ok((t, Some(p)))
}

/// [`check`] with panics caught: `Err` holds the panic message or the broken rule.
pub fn check_caught(
    bytes: &[u8],
    sample: &Project,
    other: Option<&Project>,
) -> Result<(Tally, Option<Project>), Broken> {
    match catch_unwind(AssertUnwindSafe(|| check(bytes, sample, other))) {
        Ok(r) => r,
        Err(panic) => Err(format!(
            "panic: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
    }
}
