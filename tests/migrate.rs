//! The migration mechanism (`store::migrate`). Format version 1 is the first real format, so
//! these tests invent a "version 0" in which `article.title` was called `headline`, and check
//! that a step written the way a real one would be (editing a `ron::Value`) turns such a file
//! into exactly the project the current format holds.
//!
//! KNOWN BUG (the `#[ignore]`d tests): `ron::Value` has no enum variants, so `Verified`,
//! `Heading`, … parse as `Value::Unit` and `into_rust::<Project>()` then fails with "Expected
//! enum Verdict but found a unit value instead". Every project has enum fields (claim kinds),
//! so `migrate::upgrade` cannot upgrade any real file. Run them with `--include-ignored`; they
//! should pass once migrations no longer go through `ron::Value` for enum fields.

use claimdesk::model::{FORMAT_VERSION, Project, Verdict};
use claimdesk::store::migrate::{self, MIGRATIONS, Migration, set_field};
use claimdesk::store::{self, to_ron_string};
use ron::Value;
use std::path::Path;

const GOOD: &str = include_str!("fixtures/good-small.ron");

fn good_project() -> Project {
    store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good-small.ron"))
        .expect("good-small.ron loads")
}

/// Replaces `old` (which must occur exactly once) with `new`.
fn edit(src: &str, old: &str, new: &str) -> String {
    assert_eq!(src.matches(old).count(), 1, "{old:?} should occur once");
    src.replacen(old, new, 1)
}

/// good-small.ron as the made-up format version 0 would have written it.
fn version_zero_text() -> String {
    let src = edit(GOOD, "  format_version: 1,\n", "  format_version: 0,\n");
    edit(&src, "    title: \"Harbour", "    headline: \"Harbour")
}

fn key(name: &str) -> Value {
    Value::String(name.to_string())
}

fn field_mut<'v>(value: &'v mut Value, name: &str) -> Result<&'v mut Value, String> {
    match value {
        Value::Map(map) => map
            .get_mut(&key(name))
            .ok_or_else(|| format!("no field `{name}`")),
        _ => Err(format!("`{name}` is not inside a structure")),
    }
}

/// The test step 0 → 1: `article.headline` became `article.title`.
fn rename_headline(value: &mut Value) -> Result<(), String> {
    let Value::Map(article) = field_mut(value, "article")? else {
        return Err("`article` is not a structure".into());
    };
    let headline = article
        .remove(&key("headline"))
        .ok_or("the article has no headline")?;
    article.insert(key("title"), headline);
    Ok(())
}

/// A second made-up step 1 → 2, to check steps run in order.
fn add_marker(value: &mut Value) -> Result<(), String> {
    // Runs after `rename_headline`: fails if the order were wrong.
    let Value::Map(article) = field_mut(value, "article")? else {
        return Err("`article` is not a structure".into());
    };
    if article.get(&key("title")).is_none() {
        return Err("step 1 ran before step 0".into());
    }
    set_field(value, "marker", Value::String("two".into()))
}

fn failing_step(_: &mut Value) -> Result<(), String> {
    Err("the reviewers table is malformed".into())
}

fn format_version_of(value: &Value) -> Value {
    match value {
        Value::Map(map) => map.get(&key("format_version")).cloned().expect("stamped"),
        _ => panic!("not a map"),
    }
}

#[test]
fn the_made_up_old_file_really_is_not_a_current_project() {
    // Otherwise the test below would prove nothing.
    assert!(ron::from_str::<Project>(&version_zero_text()).is_err());
}

#[test]
fn a_test_migration_renames_the_field_and_stamps_the_version() {
    let old: Value = ron::from_str(&version_zero_text()).expect("version 0 text is valid RON");
    let steps = [Migration {
        from: 0,
        apply: rename_headline,
    }];
    let upgraded = migrate::run(old, 0, 1, &steps).expect("the step applies");
    // Compared as values: the upgraded file holds the same fields as the current one.
    assert_eq!(format_version_of(&upgraded), Value::Number(1u32.into()));
    // The parser reads `1` as a `u8` number, `run` stamps a `u32`: compare the rest.
    let mut current: Value = ron::from_str(GOOD).unwrap();
    set_field(&mut current, "format_version", Value::Number(1u32.into())).unwrap();
    assert_eq!(upgraded, current);
}

#[test]
#[ignore = "bug: ron::Value drops enum variant names, so into_rust::<Project>() fails"]
fn a_test_migration_turns_the_old_shape_into_the_current_project() {
    let old: Value = ron::from_str(&version_zero_text()).expect("version 0 text is valid RON");
    let steps = [Migration {
        from: 0,
        apply: rename_headline,
    }];
    let upgraded = migrate::run(old, 0, 1, &steps).expect("the step applies");
    assert_eq!(format_version_of(&upgraded), Value::Number(1u32.into()));
    let project: Project = upgraded
        .into_rust()
        .expect("the upgraded value deserialises as a Project");
    let expected = good_project();
    // Enum variants (kinds, verdicts, audit from/to) must survive the `ron::Value` round trip.
    assert_eq!(project.claims[1].verdict_of("alice"), Verdict::Verified);
    assert_eq!(
        project.claims[2].verdict_of("alice"),
        Verdict::AttributedOnly
    );
    assert_eq!(project.claims[2].verdict_of("bob"), Verdict::Disputed);
    assert_eq!(project, expected);
    // And it saves as exactly the current file.
    assert_eq!(to_ron_string(&project), GOOD);
}

#[test]
#[ignore = "bug: ron::Value drops enum variant names, so into_rust::<Project>() fails"]
fn an_adjudicated_final_verdict_survives_the_value_round_trip() {
    // `Option<Adjudication>` goes through `Value::Option`; check it comes back as `Some`.
    let src = edit(
        GOOD,
        "      },\n    ),\n    (\n      id: \"s-ddd7c54e8e23\",",
        "      },\n      final_verdict: Some((\n        verdict: Disputed,\n        by: \"carla\",\n        \
         at: \"2026-11-25T10:00:00Z\",\n      )),\n    ),\n    (\n      id: \"s-ddd7c54e8e23\",",
    );
    let direct: Project = ron::from_str(&src).expect("parses");
    assert_eq!(
        direct.claims[2].final_verdict.as_ref().map(|a| a.verdict),
        Some(Verdict::Disputed)
    );
    let value: Value = ron::from_str(&src).expect("parses as a value");
    let via_value: Project = migrate::run(value, 1, 1, &[])
        .expect("nothing to do")
        .into_rust()
        .expect("deserialises");
    assert_eq!(via_value, direct);
}

#[test]
#[ignore = "bug: ron::Value drops enum variant names, so into_rust::<Project>() fails"]
fn upgrade_of_a_current_file_goes_through_the_value_path_unchanged() {
    let project =
        migrate::upgrade(GOOD, FORMAT_VERSION).expect("a current file upgrades trivially");
    assert_eq!(project, good_project());
}

#[test]
fn steps_run_in_order_and_the_last_version_is_stamped() {
    let old: Value = ron::from_str(&version_zero_text()).unwrap();
    // Listed out of order on purpose: `run` picks the step by its `from`.
    let steps = [
        Migration {
            from: 1,
            apply: add_marker,
        },
        Migration {
            from: 0,
            apply: rename_headline,
        },
    ];
    let upgraded = migrate::run(old, 0, 2, &steps).expect("both steps apply");
    assert_eq!(format_version_of(&upgraded), Value::Number(2u32.into()));
    let Value::Map(top) = &upgraded else {
        panic!("not a map")
    };
    assert_eq!(top.get(&key("marker")), Some(&Value::String("two".into())));
}

#[test]
fn run_without_a_step_for_a_version_says_which_version() {
    let old: Value = ron::from_str(&version_zero_text()).unwrap();
    let err = migrate::run(old.clone(), 0, 1, &[]).unwrap_err();
    assert!(
        err.contains("format version 0 cannot be upgraded"),
        "unclear error: {err}"
    );

    // A gap in the middle of the chain names the missing version, not the first one.
    let steps = [Migration {
        from: 0,
        apply: rename_headline,
    }];
    let err = migrate::run(old, 0, 2, &steps).unwrap_err();
    assert!(
        err.contains("format version 1 cannot be upgraded"),
        "unclear error: {err}"
    );
}

#[test]
fn a_failing_step_reports_its_own_message() {
    let old: Value = ron::from_str(&version_zero_text()).unwrap();
    let steps = [Migration {
        from: 0,
        apply: failing_step,
    }];
    let err = migrate::run(old, 0, 1, &steps).unwrap_err();
    assert!(err.contains("the reviewers table is malformed"), "{err}");
}

#[test]
fn set_field_refuses_a_value_that_is_not_a_structure() {
    let mut list = Value::Seq(vec![Value::String("alice".into())]);
    let err = set_field(&mut list, "format_version", Value::Number(1u32.into())).unwrap_err();
    assert!(err.contains("structure of named fields"), "{err}");
    // `run` stamps the version with `set_field`, so it refuses such a file too, cleanly.
    let err = migrate::run(list, 1, 1, &[]).unwrap_err();
    assert!(err.contains("structure of named fields"), "{err}");
}

#[test]
fn upgrade_refuses_a_file_from_a_newer_claimdesk() {
    let newer = FORMAT_VERSION + 1;
    let src = edit(
        GOOD,
        "  format_version: 1,\n",
        &format!("  format_version: {newer},\n"),
    );
    let err = migrate::upgrade(&src, newer).unwrap_err();
    assert!(err.contains("made by a newer claimdesk"), "{err}");
    assert!(err.contains(&format!("format version {newer}")), "{err}");
    // Refused before parsing: even text this build cannot read gets the same answer.
    let err = migrate::upgrade("(totally: [new, syntax])", u32::MAX).unwrap_err();
    assert!(err.contains("made by a newer claimdesk"), "{err}");
}

#[test]
fn upgrade_of_version_zero_has_no_real_migration_yet() {
    assert!(MIGRATIONS.iter().all(|m| m.from >= 1));
    let err = migrate::upgrade(&version_zero_text(), 0).unwrap_err();
    assert!(err.contains("format version 0 cannot be upgraded"), "{err}");
}

#[test]
fn the_real_migrations_form_a_chain_up_to_the_current_version() {
    // Each version below the current one has exactly one step (none yet: version 1 is first).
    for version in 1..FORMAT_VERSION {
        let n = MIGRATIONS.iter().filter(|m| m.from == version).count();
        assert_eq!(
            n, 1,
            "format version {version} needs exactly one upgrade step"
        );
    }
    assert!(MIGRATIONS.iter().all(|m| m.from < FORMAT_VERSION));
}
