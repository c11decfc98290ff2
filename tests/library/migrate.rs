//! The migration mechanism (`store::migrate`). Format version 1 is the first real format, so
//! these tests invent a "version 0" in which `article.title` was called `headline`, and check
//! that a step turns such a file into exactly the project the current format holds — enum
//! variants (claim kinds, verdicts) included.

use claimdesk::model::{FORMAT_VERSION, Project};
use claimdesk::store;
use claimdesk::store::migrate::{self, MIGRATIONS, Migration};
use std::path::Path;

const GOOD: &str = include_str!("../fixtures/good-small.ron");

fn good_project() -> Project {
    store::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good-small.ron"))
        .expect("good-small.ron loads")
}

fn edit(src: &str, old: &str, new: &str) -> String {
    assert_eq!(src.matches(old).count(), 1, "{old:?} should occur once");
    src.replacen(old, new, 1)
}

/// good-small.ron as the made-up format version 0 would have written it.
fn version_zero_text() -> String {
    let src = edit(GOOD, "  format_version: 2,\n", "  format_version: 0,\n");
    // Format 0 predates the language and splitter fields (format 2).
    let src = edit(&src, "    language: \"en\",\n", "");
    let src = edit(&src, "    splitter: 1,\n", "");
    edit(&src, "\n    title: \"", "\n    headline: \"")
}

/// The test step 0 → 1: `article.headline` became `article.title`.
fn rename_headline(src: &str) -> Result<String, String> {
    if !src.contains("\n    headline: \"") {
        return Err("the article has no headline".into());
    }
    Ok(src
        .replacen("\n    headline: \"", "\n    title: \"", 1)
        .replacen("format_version: 0,", "format_version: 1,", 1))
}

fn forgets_the_version(src: &str) -> Result<String, String> {
    Ok(src.to_string())
}

fn failing_step(_: &str) -> Result<String, String> {
    Err("the headline is missing".into())
}

#[test]
fn the_made_up_old_file_really_is_not_a_current_project() {
    assert!(ron::from_str::<Project>(&version_zero_text()).is_err());
    assert_eq!(migrate::probe_version(&version_zero_text()), Some(0));
}

#[test]
fn a_step_turns_the_old_shape_into_the_current_project_with_its_enums() {
    let steps = [Migration {
        from: 0,
        apply: rename_headline,
    }];
    let text = migrate::run(&version_zero_text(), 0, 1, &steps).unwrap();
    let project: Project = ron::from_str(&text).unwrap();
    assert_eq!(project.format_version, 1);
    // Format 1 is read as the current format.
    let project = store::load_str(&text, "zero.ron").unwrap();
    assert_eq!(project, good_project());
    store::validate(&project).unwrap();
}

#[test]
fn steps_run_in_order_whatever_order_they_are_listed_in() {
    fn zero_to_one(src: &str) -> Result<String, String> {
        Ok(src.replacen("format_version: 0,", "format_version: 1,", 1) + "// one\n")
    }
    fn one_to_two(src: &str) -> Result<String, String> {
        assert!(src.ends_with("// one\n"), "step 1 ran before step 0");
        Ok(src.replacen("format_version: 1,", "format_version: 2,", 1))
    }
    let steps = [
        Migration {
            from: 1,
            apply: one_to_two,
        },
        Migration {
            from: 0,
            apply: zero_to_one,
        },
    ];
    let text = migrate::run(&version_zero_text(), 0, 2, &steps).unwrap();
    assert_eq!(migrate::probe_version(&text), Some(2));
}

#[test]
fn a_missing_step_names_its_version() {
    let steps = [Migration {
        from: 0,
        apply: rename_headline,
    }];
    let err = migrate::run(&version_zero_text(), 0, 2, &steps).unwrap_err();
    assert!(err.contains("format version 1 cannot be upgraded"), "{err}");
}

#[test]
fn a_step_that_does_not_stamp_the_next_version_is_caught() {
    let steps = [Migration {
        from: 0,
        apply: forgets_the_version,
    }];
    let err = migrate::run(&version_zero_text(), 0, 1, &steps).unwrap_err();
    assert!(err.contains("did not give format version 1"), "{err}");
}

#[test]
fn a_failing_step_reports_its_own_message() {
    let steps = [Migration {
        from: 0,
        apply: failing_step,
    }];
    let err = migrate::run(&version_zero_text(), 0, 1, &steps).unwrap_err();
    assert!(
        err.contains("upgrading from format version 0: the headline is missing"),
        "{err}"
    );
}

#[test]
fn upgrade_refuses_a_file_from_a_newer_claimdesk() {
    let newer = FORMAT_VERSION + 1;
    let err = migrate::upgrade("not even RON", newer).unwrap_err();
    assert!(err.contains("made by a newer claimdesk"), "{err}");
    assert!(err.contains(&format!("format version {newer}")), "{err}");
}

#[test]
fn loading_version_zero_is_refused_clearly() {
    let err = store::load_str(&version_zero_text(), "old.ron").unwrap_err();
    assert_eq!(
        err.to_string(),
        "old.ron: format version 0 cannot be upgraded: no claimdesk ever wrote it"
    );
}

#[test]
fn the_real_migrations_form_a_chain_up_to_the_current_version() {
    // Versions read as they are come first (1), then one step per later version.
    let direct = migrate::READ_AS_CURRENT.len() as u32;
    for (i, v) in migrate::READ_AS_CURRENT.iter().enumerate() {
        assert_eq!(*v, i as u32 + 1, "read-as-current versions start at 1");
    }
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(
            m.from,
            direct + i as u32 + 1,
            "steps follow the directly read versions and leave no gap"
        );
    }
    assert_eq!(direct + MIGRATIONS.len() as u32 + 1, FORMAT_VERSION);
}

#[test]
fn a_format_1_file_opens_as_english_split_with_the_first_rules() {
    let v2 = store::to_ron_string(&good_project());
    assert!(v2.contains("format_version: 2,") && v2.contains("splitter: 1,"));
    // What claimdesk before languages wrote: no language, no splitter, format 1.
    let v1 = v2
        .replacen("format_version: 2,", "format_version: 1,", 1)
        .replacen("    language: \"en\",\n", "", 1)
        .replacen("    splitter: 1,\n", "", 1);
    assert!(!v1.contains("splitter") && !v1.contains("language"));
    let p = store::load_str(&v1, "old.ron").unwrap();
    assert_eq!(p.format_version, FORMAT_VERSION);
    assert_eq!((p.article.language.as_str(), p.article.splitter), ("en", 1));
    assert_eq!(p, good_project());
    // Saved again, it is a format 2 file that says how it was split.
    assert_eq!(store::to_ron_string(&p), v2);
}
