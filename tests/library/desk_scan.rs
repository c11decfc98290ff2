//! The desk overview's core: finding project files in a folder tree (hidden, temp, lock and
//! recovery files, `target`, symlink loops), summarising them, listing files that are not
//! projects with the store's own message, and the cache that spares reading unchanged files.

use claimdesk::agreement::agreement;
use claimdesk::desk::cache::SUMMARIES_FILE;
use claimdesk::desk::order::{SortKey, matches, sort};
use claimdesk::desk::overview::{Overview, overview};
use claimdesk::desk::scan::project_files;
use claimdesk::desk::synth::generate_desk;
use claimdesk::desk::totals::totals;
use claimdesk::store;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, SystemTime};

const SAMPLE: &str = "projects/nato-chief-kyiv.ron";

fn put(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn sample() -> Vec<u8> {
    fs::read(SAMPLE).unwrap()
}

fn paths(ov: &Overview) -> Vec<&str> {
    ov.projects.iter().map(|p| p.path.as_str()).collect()
}

/// Sets a file's modification time, as an edit would (without changing its size).
fn touch(path: &Path, secs_later: u64) {
    let f = fs::File::options().write(true).open(path).unwrap();
    let m = f.metadata().unwrap().modified().unwrap();
    f.set_modified(m + Duration::from_secs(secs_later)).unwrap();
}

#[test]
fn the_scan_finds_projects_at_any_depth_and_skips_what_is_not_one() {
    let desk = tempfile::tempdir().unwrap();
    let root = desk.path();
    for rel in [
        "top.ron",
        "2024/05/reuters/deep.ron",
        "a/b/c/d/e/f/deeper.ron",
        // Not projects: hidden folders, git, builds, claimdesk's temp, lock and recovery
        // files, other extensions.
        ".git/objects/x.ron",
        ".hidden/inside.ron",
        "target/debug/out.ron",
        ".top.ron.1234.00ff00ff00ff00ff.claimdesk-tmp",
        ".top.ron.claimdesk-lock",
        "0123456789abcdef.4242-18c3f0a1b2.ron",
        "notes.txt",
        "top.ron.orig",
    ] {
        put(root, rel, b"x");
    }
    let scan = project_files(root);
    let found: Vec<&str> = scan.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        found,
        [
            "2024/05/reuters/deep.ron",
            "a/b/c/d/e/f/deeper.ron",
            "top.ron"
        ]
    );
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
    assert_eq!(scan.files[2].size, 1);
    assert!(scan.files[2].modified_ns > 0);
}

#[test]
fn a_symlink_loop_ends_and_a_linked_folder_is_listed_once_under_its_own_path() {
    let desk = tempfile::tempdir().unwrap();
    let root = desk.path();
    put(root, "real/p.ron", b"x");
    symlink("..", root.join("real/up")).unwrap(); // a loop back to the desk
    symlink(root.join("real"), root.join("alias")).unwrap(); // the same folder again
    symlink("p.ron", root.join("real/again.ron")).unwrap(); // the same file again
    symlink("missing.ron", root.join("dangling.ron")).unwrap();
    // A folder outside the desk, reached only through a link, is part of the desk.
    let outside = tempfile::tempdir().unwrap();
    put(outside.path(), "o.ron", b"x");
    symlink(outside.path(), root.join("elsewhere")).unwrap();
    let scan = project_files(root);
    let found: Vec<&str> = scan.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(found, ["elsewhere/o.ron", "real/p.ron"]);
    assert_eq!(scan.problems.len(), 1, "{:?}", scan.problems);
    assert_eq!(scan.problems[0].path, "dangling.ron");
    assert!(scan.problems[0].error.contains("leads nowhere"));
}

#[test]
fn a_fifo_named_like_a_project_is_not_opened() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    put(desk.path(), "p.ron", &sample());
    let fifo = desk.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    // Reading a fifo would wait for a writer forever; the overview must not even try.
    let ov = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(paths(&ov), ["p.ron"]);
    assert!(ov.broken.is_empty(), "{:?}", ov.broken);
}

#[test]
fn a_summary_has_the_sample_projects_exact_figures() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    put(desk.path(), "2023/nato.ron", &sample());
    let ov = overview(desk.path(), cache.path()).unwrap();
    assert!(ov.broken.is_empty(), "{:?}", ov.broken);
    assert_eq!(ov.root, fs::canonicalize(desk.path()).unwrap());
    let [s] = ov.projects.as_slice() else {
        panic!("one project: {:?}", paths(&ov))
    };
    assert_eq!(s.path, "2023/nato.ron");
    assert_eq!(
        s.title,
        "NATO chief Jens Stoltenberg makes surprise visit to Kyiv"
    );
    assert_eq!(s.outlet, "");
    assert_eq!(s.published, "2023-04-20");
    assert_eq!(s.language, "en");
    assert_eq!((s.statements, s.claims, s.reviewed), (20, 21, 8));
    assert_eq!(s.progress_percent, 38.1);
    assert_eq!(s.reviewers, ["Ana Kovač", "Ben Okafor"]);
    assert_eq!(s.open_disagreements, 1);
    assert_eq!(s.last_change, "2023-04-21T09:52:00Z");
    let v = &s.verdicts;
    assert_eq!(
        (
            v.unreviewed,
            v.verified,
            v.attributed_only,
            v.disputed,
            v.disagreement
        ),
        (13, 3, 3, 1, 1)
    );
    let work = &s.figures.workload;
    assert_eq!(work[0].name, "Ana Kovač");
    assert_eq!(
        (work[0].reviewed, work[0].notes, work[0].evidence),
        (8, 8, 4)
    );
    assert_eq!(
        (work[1].reviewed, work[1].notes, work[1].evidence),
        (4, 1, 2)
    );
}

#[test]
fn a_project_without_times_is_dated_by_its_file() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let mut p = store::load(Path::new(SAMPLE)).unwrap();
    for c in &mut p.claims {
        c.reviews.clear();
        c.final_verdict = None;
    }
    p.audit.clear();
    let path = desk.path().join("fresh.ron");
    store::save(&path, &p).unwrap();
    let day = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(day)
        .unwrap();
    let ov = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(ov.projects[0].last_change, "2023-11-14T22:13:20Z");
    assert_eq!(ov.projects[0].reviewed, 0);
}

#[test]
fn files_that_are_not_projects_are_listed_with_the_stores_message_and_never_stop_the_desk() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let good = sample();
    let text = String::from_utf8(good.clone()).unwrap();
    let newer = text.replacen("format_version: 2,", "format_version: 99,", 1);
    let cases: [(&str, Vec<u8>); 5] = [
        ("foreign.ron", b"(name: \"a game save\", level: 3)".to_vec()),
        ("half.ron", good[..good.len() / 2].to_vec()),
        ("empty.ron", Vec::new()),
        ("sub/newer.ron", newer.into_bytes()),
        ("latin1.ron", b"(title: \"caf\xe9\")".to_vec()),
    ];
    for (rel, bytes) in &cases {
        put(desk.path(), rel, bytes);
    }
    put(desk.path(), "ok.ron", &good);
    let ov = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(paths(&ov), ["ok.ron"]);
    let mut expected: Vec<(String, String)> = cases
        .iter()
        .map(|(rel, bytes)| {
            let e = store::load_bytes(bytes.clone(), rel).unwrap_err();
            (rel.to_string(), e.to_string())
        })
        .collect();
    expected.sort();
    let got: Vec<(String, String)> = ov
        .broken
        .iter()
        .map(|b| (b.path.clone(), b.error.clone()))
        .collect();
    assert_eq!(got, expected);
    assert!(
        got.iter()
            .any(|(p, e)| p == "sub/newer.ron" && e.contains("99")),
        "{got:?}"
    );
    // Broken files are cached too: nothing is read again while nothing changes.
    let again = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(again.loaded, 0);
    assert_eq!(again.broken, ov.broken);
}

#[test]
fn an_unreadable_file_is_listed_and_read_again_once_it_can_be() {
    use std::os::unix::fs::PermissionsExt;
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    put(desk.path(), "locked.ron", &sample());
    let path = desk.path().join("locked.ron");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Root (as in many CI containers) reads any file: nothing to test here.
        eprintln!("skipped: this user can read a mode-000 file (root)");
        return;
    }
    let ov = overview(desk.path(), cache.path()).unwrap();
    assert!(ov.projects.is_empty());
    assert_eq!(ov.broken.len(), 1);
    assert_eq!(ov.broken[0].path, "locked.ron");
    assert!(
        ov.broken[0].error.contains("cannot read"),
        "{}",
        ov.broken[0].error
    );
    // chmod does not change the modification time: the cache must not have kept the error.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let ov = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(paths(&ov), ["locked.ron"]);
    assert!(ov.broken.is_empty());
}

#[test]
fn an_unreadable_folder_is_listed_and_the_rest_of_the_desk_still_opens() {
    use std::os::unix::fs::PermissionsExt;
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    put(desk.path(), "ok.ron", &sample());
    put(desk.path(), "closed/p.ron", &sample());
    let closed = desk.path().join("closed");
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read_dir(&closed).is_ok();
    let ov = overview(desk.path(), cache.path()).unwrap();
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o755)).unwrap();
    if readable {
        eprintln!("skipped: this user can list a mode-000 folder (root)");
        return;
    }
    assert_eq!(paths(&ov), ["ok.ron"]);
    assert_eq!(ov.broken.len(), 1);
    assert_eq!(ov.broken[0].path, "closed");
    assert!(ov.broken[0].error.contains("cannot read the folder"));
}

#[test]
fn the_cache_spares_reading_unchanged_files_and_reads_exactly_the_changed_one() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for rel in ["a.ron", "b/b.ron", "b/c/c.ron"] {
        put(desk.path(), rel, &sample());
    }
    let first = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(first.loaded, 3);
    assert!(cache.path().join(SUMMARIES_FILE).is_file());
    // The cache is never written into the desk.
    assert_eq!(project_files(desk.path()).files.len(), 3);
    assert_eq!(fs::read_dir(desk.path()).unwrap().count(), 2);

    let second = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(second.loaded, 0);
    assert_eq!(second.projects, first.projects);
    assert_eq!(second.projects[0].figures, first.projects[0].figures);

    touch(&desk.path().join("b/b.ron"), 5);
    let third = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(third.loaded, 1);
    assert_eq!(third.projects, first.projects);

    // A real change shows, and a removed file leaves the overview.
    let mut p = store::load(&desk.path().join("b/c/c.ron")).unwrap();
    p.article.title = "Changed title".into();
    store::save(&desk.path().join("b/c/c.ron"), &p).unwrap();
    fs::remove_file(desk.path().join("a.ron")).unwrap();
    let fourth = overview(desk.path(), cache.path()).unwrap();
    assert_eq!(fourth.loaded, 1);
    assert_eq!(paths(&fourth), ["b/b.ron", "b/c/c.ron"]);
    assert_eq!(fourth.projects[1].title, "Changed title");
    assert_eq!(overview(desk.path(), cache.path()).unwrap().loaded, 0);
}

#[test]
fn a_corrupt_or_foreign_cache_is_rebuilt_silently() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    put(desk.path(), "a.ron", &sample());
    put(desk.path(), "b.ron", &sample());
    let good = overview(desk.path(), cache.path()).unwrap();
    let file = cache.path().join(SUMMARIES_FILE);
    let written = fs::read_to_string(&file).unwrap();
    let other_version = written.replacen("\"cache_version\":", "\"cache_version\":9", 1);
    assert_ne!(other_version, written);
    let other_desk = written.replacen("\"root\":\"", "\"root\":\"/elsewhere", 1);
    let half = written[..written.len() / 2].to_string();
    for bad in [
        "not json at all".to_string(),
        half,
        other_version,
        other_desk,
        String::new(),
    ] {
        fs::write(&file, &bad).unwrap();
        let ov = overview(desk.path(), cache.path()).unwrap();
        assert_eq!(ov.loaded, 2, "cache {bad:.60}");
        assert_eq!(ov.projects, good.projects);
        assert!(ov.cache_rebuilt.is_some());
        assert!(ov.cache_unsaved.is_none());
        let next = overview(desk.path(), cache.path()).unwrap();
        assert_eq!(next.loaded, 0, "rebuilt cache is used");
        assert!(next.cache_rebuilt.is_none());
    }
}

#[test]
fn a_cache_folder_that_cannot_be_written_leaves_the_overview_whole() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    put(desk.path(), "a.ron", &sample());
    let blocked = cache.path().join("a-file");
    fs::write(&blocked, b"").unwrap();
    let ov = overview(desk.path(), &blocked.join("desk")).unwrap();
    assert_eq!(paths(&ov), ["a.ron"]);
    assert!(ov.cache_unsaved.is_some());
}

#[test]
fn a_missing_desk_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(overview(&dir.path().join("nope"), dir.path()).is_err());
    put(dir.path(), "f.ron", b"x");
    assert!(overview(&dir.path().join("f.ron"), dir.path()).is_err());
}

#[test]
fn agreement_is_pooled_per_pair_across_projects_whatever_order_they_list_reviewers() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let p = store::load(Path::new(SAMPLE)).unwrap();
    store::save(&desk.path().join("one.ron"), &p).unwrap();
    let mut swapped = p.clone();
    swapped.reviewers.reverse();
    store::save(&desk.path().join("two.ron"), &swapped).unwrap();
    let ov = overview(desk.path(), cache.path()).unwrap();
    let t = totals(&ov.projects);
    let single = agreement(&p);
    assert_eq!(t.projects, 2);
    assert_eq!(t.claims, 42);
    assert_eq!(t.reviewed, 16);
    assert_eq!(t.open_disagreements, 2);
    let [pair] = t.pairs.as_slice() else {
        panic!("one pair: {:?}", t.pairs)
    };
    let one = &single.pairs[0];
    assert_eq!(
        (pair.a.as_str(), pair.b.as_str()),
        ("Ana Kovač", "Ben Okafor")
    );
    assert_eq!(pair.items, 2 * one.items);
    assert_eq!(pair.left_out, 2 * one.left_out);
    let doubled = one.confusion.map(|row| row.map(|n| 2 * n));
    assert_eq!(pair.confusion, doubled);
    // The same matrix twice over: the same agreement.
    assert_eq!(pair.percent, one.percent);
    assert!((pair.cohen_kappa.unwrap() - one.cohen_kappa.unwrap()).abs() < 1e-12);
    assert_eq!(
        t.krippendorff_alpha.items,
        2 * single.krippendorff_alpha.items
    );
    assert_eq!(
        t.krippendorff_alpha.left_out,
        2 * single.krippendorff_alpha.left_out
    );
    let ana = &t.reviewers[0];
    assert_eq!(
        (ana.work.name.as_str(), ana.projects, ana.claims),
        ("Ana Kovač", 2, 42)
    );
    assert_eq!(
        (ana.work.reviewed, ana.work.notes, ana.work.evidence),
        (16, 16, 8)
    );
    assert_eq!(ana.work.verdicts.unreviewed, 26);
}

#[test]
fn sorting_and_filtering_the_overview() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let mut p = store::load(Path::new(SAMPLE)).unwrap();
    store::save(&desk.path().join("a.ron"), &p).unwrap();
    p.article.title = "zebra crossing".into();
    p.article.published = "2024-02-01".into();
    p.article.outlet = "Le Monde".into();
    for c in &mut p.claims {
        c.reviews.clear();
        c.final_verdict = None;
    }
    p.audit.clear();
    p.reviewers.clear();
    store::save(&desk.path().join("b.ron"), &p).unwrap();
    let ov = overview(desk.path(), cache.path()).unwrap();
    let order = |key: SortKey| {
        let mut projects = ov.projects.clone();
        sort(&mut projects, key);
        projects.into_iter().map(|p| p.path).collect::<Vec<_>>()
    };
    assert_eq!(order(SortKey::Path), ["a.ron", "b.ron"]);
    assert_eq!(order(SortKey::Title), ["a.ron", "b.ron"]);
    assert_eq!(order(SortKey::Date), ["b.ron", "a.ron"]);
    assert_eq!(order(SortKey::Progress), ["b.ron", "a.ron"]);
    assert_eq!(order(SortKey::Disagreements), ["a.ron", "b.ron"]);
    assert_eq!("changed".parse::<SortKey>(), Ok(SortKey::Changed));
    assert!("size".parse::<SortKey>().is_err());
    let hits = |f: &str| {
        ov.projects
            .iter()
            .filter(|p| matches(p, f))
            .map(|p| p.path.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(hits("le monde"), ["b.ron"]);
    assert_eq!(hits("KOVAČ"), ["a.ron"]);
    assert_eq!(hits("stoltenberg 2023"), ["a.ron"]);
    assert_eq!(hits(""), ["a.ron", "b.ron"]);
}

#[test]
fn a_generated_desk_is_nested_valid_deterministic_and_repeats_claims() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let made = generate_desk(one.path(), 8, 60, 7).unwrap();
    assert_eq!(made.files.len(), 8);
    assert!(
        made.files.iter().all(|f| f.matches('/').count() == 3),
        "{:?}",
        made.files
    );
    assert!(made.repeated > 0);
    let ov = overview(one.path(), cache.path()).unwrap();
    assert!(ov.broken.is_empty(), "{:?}", ov.broken);
    assert_eq!(ov.projects.len(), 8);
    assert_eq!(
        ov.projects.iter().map(|p| p.claims).sum::<usize>(),
        made.claims
    );
    assert!(ov.projects.iter().all(|p| p.claims == 60));
    assert!(ov.projects.iter().any(|p| p.reviewers.len() >= 2));
    assert!(ov.projects.iter().any(|p| p.reviewed > 0));
    again_same(&made.files, one.path(), two.path());
}

fn again_same(files: &[String], one: &Path, two: &Path) {
    let made = generate_desk(two, 8, 60, 7).unwrap();
    assert_eq!(made.files, files);
    for f in files {
        assert_eq!(
            fs::read(one.join(f)).unwrap(),
            fs::read(two.join(f)).unwrap(),
            "{f}"
        );
    }
}
