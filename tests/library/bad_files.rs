//! Every kind of broken project file we know of is refused on load with a clear message that
//! names the file and where the problem is (line:column for syntax, the claim for content),
//! never a panic. Each fixture in `tests/fixtures/bad/` is `good-small.ron` with one targeted
//! edit; the table below says what must be reported and which edit undoes the damage.

use claimdesk::model::{CONTEXT_CHARS, Project};
use claimdesk::store::{self, LoadError, to_ron_string};
use claimdesk::text::{CharIndex, Quote};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the error must point.
#[derive(Debug, Clone, Copy)]
enum At {
    /// A syntax or shape error: `file:LINE:col: …` (the line the parser stops at).
    Line(usize),
    /// A content error in one claim: `file: claim ID: …`.
    Claim(&'static str),
    /// A whole-file problem: `file: …`, no position and no claim.
    File,
}

struct Case {
    file: &'static str,
    /// Must appear in the message.
    fragment: &'static str,
    at: At,
    /// Replacements (each `old` occurs exactly once) after which the file loads again: proof
    /// that it fails for exactly the intended reason. Empty where no edit can rescue it.
    fix: &'static [(&'static str, &'static str)],
}

const fn case(
    file: &'static str,
    fragment: &'static str,
    at: At,
    fix: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        file,
        fragment,
        at,
        fix,
    }
}

const HASH: &str = "3c63b8e3ea186da362a623f2fa800d07d56fc5859938fbd2d679f0f18b12e66d";

use At::{Claim, File, Line};

const CASES: &[Case] = &[
    // --- Not a project at all ---
    case(
        "empty.ron",
        "the file is empty; it is not a claimdesk project",
        File,
        &[],
    ),
    case(
        "whitespace-only.ron",
        "the file is empty; it is not a claimdesk project",
        File,
        &[],
    ),
    case(
        "not-utf8.ron",
        "is not UTF-8 text (invalid byte at offset 231)",
        File,
        &[],
    ),
    case(
        "not-a-project.ron",
        "Unexpected field named `name` in `Project`",
        Line(3),
        &[],
    ),
    case(
        "json-instead-of-ron.ron",
        "Expected opening `(` for struct `Project`",
        Line(1),
        &[],
    ),
    // --- RON syntax ---
    // The comma is missing at the end of line 5; the parser notices at the next field.
    case(
        "syntax-missing-comma.ron",
        "Expected comma",
        Line(6),
        &[("\"Example Gazette\"\n", "\"Example Gazette\",\n")],
    ),
    // The closing quote is missing on line 38; the string runs on to the next quote (line 41).
    case(
        "syntax-missing-closing-quote.ron",
        "Expected comma",
        Line(41),
        &[("press office.,\n", "press office.\",\n")],
    ),
    case(
        "syntax-unclosed-string.ron",
        "Expected end of string",
        Line(143),
        &[("\"s-ddd7c54e8e23,\n", "\"s-ddd7c54e8e23\",\n")],
    ),
    case(
        "syntax-truncated.ron",
        "Unexpected end of RON",
        Line(56),
        &[],
    ),
    case(
        "syntax-trailing-garbage.ron",
        "Non-whitespace trailing characters",
        Line(148),
        &[("\n(\n  format_version: 1,\n)\n", "\n")],
    ),
    // --- Wrong fields and values ---
    case(
        "unknown-field.ron",
        "Unexpected field named `atributed_to` in `Review`",
        Line(62),
        &[("atributed_to", "attributed_to")],
    ),
    case(
        "missing-field.ron",
        "Unexpected missing field named `quote` in `Claim`",
        Line(115),
        &[(
            "      prefix: \"ws 👍🏽",
            "      quote: \"Critics say the repairs ran two months late.\",\n      prefix: \"ws 👍🏽",
        )],
    ),
    case(
        "duplicate-field.ron",
        "Unexpected duplicate field named `title` in `Article`",
        Line(5),
        &[("    title: \"Bridge reopens\",\n", "")],
    ),
    case(
        "unknown-verdict.ron",
        "Unexpected variant named `Confirmed` in enum `Verdict`",
        Line(99),
        &[("verdict: Confirmed,", "verdict: Verified,")],
    ),
    case(
        "unknown-claim-kind.ron",
        "Unexpected variant named `Headline` in enum `ClaimKind`",
        Line(18),
        &[("Headline", "Heading")],
    ),
    case(
        "negative-offset.ron",
        "Integer is out of bounds: offsets and version numbers are whole numbers, 0 or more",
        Line(19),
        &[("start: -1,", "start: 0,")],
    ),
    case(
        "offset-overflow.ron",
        "Integer is out of bounds: offsets and version numbers are whole numbers, 0 or more",
        Line(111),
        &[("99999999999999999999999", "305")],
    ),
    case(
        "offset-not-a-number.ron",
        "Expected integer",
        Line(111),
        &[("end: \"305\",", "end: 305,")],
    ),
    // --- Format version ---
    case(
        "newer-format-version.ron",
        "made by a newer claimdesk (format version 3; this claimdesk reads up to 2)",
        File,
        &[("format_version: 3,", "format_version: 1,")],
    ),
    // A newer file need not parse as this version's project: the version alone decides.
    case(
        "newer-format-version-new-fields.ron",
        "made by a newer claimdesk (format version 7; this claimdesk reads up to 2)",
        File,
        &[
            ("format_version: 7,", "format_version: 1,"),
            ("  teams: {\"desk\": [\"alice\", \"bob\"]},\n", ""),
        ],
    ),
    case(
        "format-version-zero.ron",
        "format version 0 cannot be upgraded",
        File,
        &[("format_version: 0,", "format_version: 1,")],
    ),
    case(
        "missing-format-version.ron",
        "Unexpected missing field named `format_version` in `Project`",
        Line(147),
        &[("(\n  article:", "(\n  format_version: 1,\n  article:")],
    ),
    // --- Article text ---
    case(
        "text-hash-mismatch.ron",
        "the article text does not match text_sha256: the text or its hash was edited outside claimdesk",
        File,
        &[(
            "cost 47 million euros, according",
            "cost 42 million euros, according",
        )],
    ),
    case(
        "text-hash-empty.ron",
        "the article text does not match text_sha256: the text or its hash was edited outside claimdesk",
        File,
        &[(
            "text_sha256: \"\"",
            "text_sha256: \"3c63b8e3ea186da362a623f2fa800d07d56fc5859938fbd2d679f0f18b12e66d\"",
        )],
    ),
    // --- Spans ---
    case(
        "offset-past-end.ron",
        "span 261..400 goes past the end of the article (306 characters)",
        Claim("s-0424c8d26ee3"),
        &[("end: 400,", "end: 305,")],
    ),
    case(
        "reversed-span.ron",
        "empty or reversed span 305..261",
        Claim("s-0424c8d26ee3"),
        &[(
            "start: 305,\n      end: 261,",
            "start: 261,\n      end: 305,",
        )],
    ),
    case(
        "empty-span.ron",
        "empty or reversed span 261..261",
        Claim("s-0424c8d26ee3"),
        &[(
            "start: 261,\n      end: 261,",
            "start: 261,\n      end: 305,",
        )],
    ),
    // The span ends between 👍 and its skin-tone modifier 🏽; quote and context match it.
    case(
        "off-character-boundary-emoji.ron",
        "offset 233 cuts through a character (an accent or emoji sequence)",
        Claim("s-ddd7c54e8e23"),
        &[
            ("end: 233,", "end: 234,"),
            ("the news 👍\",", "the news 👍🏽\","),
            (
                "suffix: \"🏽 and expect more visitors. Crit\"",
                "suffix: \" and expect more visitors. Criti\"",
            ),
        ],
    ),
    // The span starts between "e" and its combining acute accent; quote and context match it.
    case(
        "off-character-boundary-accent.ron",
        "offset 199 cuts through a character (an accent or emoji sequence)",
        Claim("s-ddd7c54e8e23"),
        &[
            ("start: 199,", "start: 198,"),
            ("quote: \"\\u{301} owners", "quote: \"e\\u{301} owners"),
            (
                "prefix: \"ng to the transport office. Cafe\"",
                "prefix: \"g to the transport office. Caf\"",
            ),
        ],
    ),
    case(
        "quote-mismatch.ron",
        "the quote does not match the article text at 38..127",
        Claim("s-5fc1db5acd19"),
        &[("on Tuesday", "on Monday")],
    ),
    case(
        "prefix-mismatch.ron",
        "the context before the quote (\"ths of repairs, officials say. \") is not what the article has there",
        Claim("s-e0d52a2cc252"),
        &[("officials say. ", "officials said. ")],
    ),
    case(
        "suffix-mismatch.ron",
        "the context after the quote (\" Cafe owners nearby cheered the\") is not what the article has there",
        Claim("s-e0d52a2cc252"),
        &[("\" Cafe owners", "\" Cafe\\u{301} owners")],
    ),
    // Statement s-5fc1… now ends two characters into the next one (quote and context match).
    case(
        "overlapping-statements.ron",
        "this statement overlaps statement s-5fc1db5acd19",
        Claim("s-e0d52a2cc252"),
        &[
            ("end: 129,", "end: 127,"),
            ("officials said. T\",", "officials said.\","),
            (
                "suffix: \"he work cost 42 million euros, a\"",
                "suffix: \" The work cost 42 million euros,\"",
            ),
        ],
    ),
    // --- Ids ---
    case(
        "duplicate-ids.ron",
        "the id is used by more than one claim",
        Claim("s-ddd7c54e8e23"),
        &[(
            "id: \"s-ddd7c54e8e23\",\n      kind: Statement,\n      start: 261,",
            "id: \"s-0424c8d26ee3\",\n      kind: Statement,\n      start: 261,",
        )],
    ),
    case(
        "bad-id-characters.ron",
        "the id must be 1 to 64 characters of letters, digits, '-' or '_'",
        Claim("s-0424 c8d26ee3"),
        &[("s-0424 c8d26ee3", "s-0424c8d26ee3")],
    ),
    case(
        "empty-id.ron",
        "the claim at 261..305 has no id",
        File,
        &[("id: \"\",", "id: \"s-0424c8d26ee3\",")],
    ),
    // --- Reviewers and reviews ---
    case(
        "duplicate-reviewer.ron",
        "reviewer 'alice' is listed twice",
        File,
        &[("    \"bob\",\n    \"alice\",\n", "    \"bob\",\n")],
    ),
    case(
        "reviewer-name-with-spaces.ron",
        "reviewer name \"bob \" is empty or has spaces around it",
        File,
        &[("\"bob \"", "\"bob\"")],
    ),
    case(
        "review-by-unknown-reviewer.ron",
        "has a review by 'carol', who is not in the project's reviewers",
        Claim("s-ddd7c54e8e23"),
        &[("\"carol\"", "\"bob\"")],
    ),
    case(
        "bad-timestamp.ron",
        "bob's review has a bad time \"yesterday afternoon\" (expected RFC 3339",
        Claim("s-ddd7c54e8e23"),
        &[("yesterday afternoon", "2026-11-24T18:56:42Z")],
    ),
    case(
        "evidence-without-url.ron",
        "bob's evidence 2 has no URL",
        Claim("s-e0d52a2cc252"),
        &[("url: \"\",", "url: \"https://example.org/audit\",")],
    ),
    case(
        "final-verdict-unreviewed.ron",
        "the final verdict cannot be unreviewed",
        Claim("s-e0d52a2cc252"),
        &[(
            "verdict: Unreviewed,\n        by:",
            "verdict: Disputed,\n        by:",
        )],
    ),
    case(
        "final-verdict-without-editor.ron",
        "the final verdict does not say who decided it (by)",
        Claim("s-e0d52a2cc252"),
        &[("by: \"\",", "by: \"carla\",")],
    ),
    case(
        "bad-audit-entry.ron",
        "audit entry 4 has a bad time \"24/11/2026 18:56\" (expected RFC 3339",
        File,
        &[("24/11/2026 18:56", "2026-11-24T18:56:42Z")],
    ),
    // --- Times far ahead of the clock: "later wins" in a merge would let them beat every edit ---
    case(
        "future-review-time.ron",
        "bob's review was changed at 9999-01-01T00:00:00Z, which is in the future; check the clock",
        Claim("s-ddd7c54e8e23"),
        &[("9999-01-01T00:00:00Z", "2026-11-24T18:56:42Z")],
    ),
    case(
        "future-audit-time.ron",
        "audit entry 4 (bob on claim s-ddd7c54e8e23) is dated 2999-12-31T23:59:59Z, which is in the future",
        File,
        &[("2999-12-31T23:59:59Z", "2026-11-24T18:56:42Z")],
    ),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn bad(file: &str) -> PathBuf {
    fixtures().join("bad").join(file)
}

fn good_text() -> String {
    std::fs::read_to_string(fixtures().join("good-small.ron")).unwrap()
}

/// Loads without letting a panic escape: a panic is a test failure with the file named.
fn load_no_panic(path: &Path) -> Result<Project, LoadError> {
    let owned = path.to_path_buf();
    std::panic::catch_unwind(move || store::load(&owned))
        .unwrap_or_else(|_| panic!("{}: load panicked", path.display()))
}

fn check_error(c: &Case, e: &LoadError) {
    let path = bad(c.file).display().to_string();
    let shown = e.to_string();
    assert_eq!(e.file, path, "{}: wrong file in error", c.file);
    assert!(
        e.message.contains(c.fragment),
        "{}: expected {:?} in {shown:?}",
        c.file,
        c.fragment
    );
    assert!(
        !shown.contains('\n'),
        "{}: message spans lines: {shown:?}",
        c.file
    );
    match c.at {
        Line(line) => {
            let Some((got_line, col)) = e.position else {
                panic!("{}: expected a line:col, got {shown:?}", c.file);
            };
            assert_eq!(got_line, line, "{}: wrong line in {shown:?}", c.file);
            assert!(col >= 1, "{}: column is 1-based: {shown:?}", c.file);
            assert_eq!(e.claim, None, "{}", c.file);
            let head = format!("{path}:{line}:{col}: ");
            assert!(
                shown.starts_with(&head),
                "{}: {shown:?} should start with {head:?}",
                c.file
            );
        }
        Claim(id) => {
            assert_eq!(
                e.claim.as_deref(),
                Some(id),
                "{}: wrong claim in {shown:?}",
                c.file
            );
            assert_eq!(e.position, None, "{}", c.file);
            let head = format!("{path}: claim {id}: ");
            assert!(
                shown.starts_with(&head),
                "{}: {shown:?} should start with {head:?}",
                c.file
            );
        }
        File => {
            assert_eq!(
                (e.position, e.claim.as_deref()),
                (None, None),
                "{}: {shown:?}",
                c.file
            );
            let head = format!("{path}: ");
            assert!(
                shown.starts_with(&head),
                "{}: {shown:?} should start with {head:?}",
                c.file
            );
        }
    }
}

#[test]
fn the_good_file_loads_and_is_exactly_what_save_writes() {
    let p = store::load(&fixtures().join("good-small.ron")).expect("good-small.ron loads");
    assert_eq!(p.claims.len(), 5);
    assert_eq!(p.reviewers, ["alice", "bob"]);
    assert_eq!(p.article.text_sha256, HASH);
    assert!(p.claims.iter().any(|c| c.reviews.len() == 2));
    // Kept canonical, so each bad fixture differs from it only by its one edit.
    assert_eq!(to_ron_string(&p), good_text());
}

#[test]
fn every_bad_file_is_refused_with_a_clear_message_and_no_panic() {
    for c in CASES {
        match load_no_panic(&bad(c.file)) {
            Ok(_) => panic!("{}: loaded, but should have been refused", c.file),
            Err(e) => check_error(c, &e),
        }
    }
}

#[test]
fn load_str_reports_the_same_as_load() {
    for c in CASES {
        let Ok(src) = std::fs::read_to_string(bad(c.file)) else {
            continue; // not-utf8.ron: only `load` sees the bytes
        };
        let name = bad(c.file).display().to_string();
        let from_str = std::panic::catch_unwind(|| store::load_str(&src, &name))
            .unwrap_or_else(|_| panic!("{}: load_str panicked", c.file));
        assert_eq!(
            from_str.unwrap_err(),
            store::load(&bad(c.file)).unwrap_err(),
            "{}",
            c.file
        );
    }
}

#[test]
fn each_bad_file_fails_only_for_its_intended_reason() {
    for c in CASES.iter().filter(|c| !c.fix.is_empty()) {
        let mut src = std::fs::read_to_string(bad(c.file)).unwrap();
        for (old, new) in c.fix {
            assert_eq!(
                src.matches(old).count(),
                1,
                "{}: fix {old:?} should match once",
                c.file
            );
            src = src.replacen(old, new, 1);
        }
        if let Err(e) = store::load_str(&src, c.file) {
            panic!("{}: still refused after the fix: {e}", c.file);
        }
    }
}

#[test]
fn the_not_utf8_offset_points_at_the_bad_byte() {
    let bytes = std::fs::read(bad("not-utf8.ron")).unwrap();
    // A Windows-1252 apostrophe where UTF-8 has ’.
    assert_eq!(bytes[231], 0x92);
    let mut fixed = bytes[..231].to_vec();
    fixed.extend_from_slice("’".as_bytes());
    fixed.extend_from_slice(&bytes[232..]);
    assert_eq!(String::from_utf8(fixed).unwrap(), good_text_format_1());
}

/// The bad fixtures are format 1 files (what claimdesk wrote before languages), so they also
/// prove that old files get the same clear errors: good-small.ron as format 1 wrote it.
fn good_text_format_1() -> String {
    good_text()
        .replacen("format_version: 2,", "format_version: 1,", 1)
        .replacen("    language: \"en\",\n    splitter: 1,\n", "", 1)
}

#[test]
fn boundary_fixtures_are_wrong_only_at_the_boundary() {
    for (file, id) in [
        ("off-character-boundary-emoji.ron", "s-ddd7c54e8e23"),
        ("off-character-boundary-accent.ron", "s-ddd7c54e8e23"),
        ("overlapping-statements.ron", "s-5fc1db5acd19"),
    ] {
        let src = std::fs::read_to_string(bad(file)).unwrap();
        let p: Project = ron::from_str(&src).unwrap();
        let c = p.claim(id).unwrap();
        let text = &p.article.text;
        let q = Quote::of(text, &CharIndex::new(text), c.start..c.end, CONTEXT_CHARS).unwrap();
        assert_eq!(
            (q.prefix.as_str(), q.exact.as_str(), q.suffix.as_str()),
            (c.prefix.as_str(), c.quote.as_str(), c.suffix.as_str()),
            "{file}: quote and context should agree with the offsets"
        );
    }
}

#[test]
fn every_fixture_is_in_the_table() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut in_table = BTreeSet::new();
    for c in CASES {
        assert!(
            in_table.insert(c.file.to_string()),
            "{} is listed twice",
            c.file
        );
    }
    let untested: Vec<_> = on_disk.difference(&in_table).collect();
    let missing: Vec<_> = in_table.difference(&on_disk).collect();
    assert!(
        untested.is_empty(),
        "fixtures not in the table: {untested:?}"
    );
    assert!(
        missing.is_empty(),
        "table entries without a fixture: {missing:?}"
    );
    assert!(CASES.len() >= 18);
}

#[test]
fn check_command_exits_1_with_one_line_naming_the_file() {
    for c in CASES {
        let path = bad(c.file);
        let out = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .arg("check")
            .arg(&path)
            .output()
            .expect("run claimdesk");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", c.file);
        assert!(out.stdout.is_empty(), "{}: printed on stdout", c.file);
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "{}: expected one line, got {stderr:?}",
            c.file
        );
        assert!(
            lines[0].starts_with("claimdesk: "),
            "{}: {stderr:?}",
            c.file
        );
        assert!(
            lines[0].contains(c.file),
            "{}: file not named: {stderr:?}",
            c.file
        );
        assert!(lines[0].contains(c.fragment), "{}: {stderr:?}", c.file);
    }
}
