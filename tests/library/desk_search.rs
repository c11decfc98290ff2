//! The desk's search index and "checked before": index a small desk, search it every way a
//! user can, change and delete projects, break the cache, and find claims checked before.

use claimdesk::article::{ArticleInfo, new_project};
use claimdesk::desk::search::{
    DeskIndex, FileStamp, MatchKind, NORMALISED_SIMILARITY, Query, SeenOptions,
};
use claimdesk::model::{Evidence, Project, Verdict};
use claimdesk::{ops, store};
use std::path::Path;

const AT: &str = "2024-01-02T10:00:00Z";

fn project(title: &str, published: &str, text: &str) -> Project {
    let info = ArticleInfo {
        title: title.into(),
        published: published.into(),
        language: "en".into(),
        ..ArticleInfo::default()
    };
    new_project(info, text.into())
}

fn id_of(p: &Project, quote_start: &str) -> String {
    p.claims
        .iter()
        .find(|c| c.quote.starts_with(quote_start))
        .unwrap_or_else(|| panic!("no claim starting {quote_start:?}"))
        .id
        .clone()
}

fn save(root: &Path, path: &str, p: &Project) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    store::save(&file, p).unwrap();
}

/// Every `.ron` file of the desk, as the desk scan would list them.
fn files(root: &Path) -> Vec<FileStamp> {
    fn walk(root: &Path, rel: &str, out: &mut Vec<FileStamp>) {
        for entry in std::fs::read_dir(root.join(rel)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else if name.ends_with(".ron") {
                out.push(FileStamp::of(root, &path).unwrap());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, "", &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Two projects: one reviewed with notes, attribution and evidence (2023), one not (2024).
fn small_desk(root: &Path) {
    let mut a = project(
        "Drones over Kyiv",
        "2023-04-20",
        "Ukraine's general staff said 26 drones were shot down overnight. \
         The alliance now has 31 members. Prices fell 4.2% compared with last year.",
    );
    let drones = id_of(&a, "Ukraine's");
    let alliance = id_of(&a, "The alliance");
    ops::set_verdict(&mut a, &drones, "alice", Verdict::Verified, AT).unwrap();
    ops::set_note(
        &mut a,
        &drones,
        "alice",
        "Checked against the ministry statement.",
        AT,
    )
    .unwrap();
    let evidence = Evidence {
        url: "https://www.bbc.co.uk/news/world-123".into(),
        title: "Overnight attack".into(),
        excerpt: "Air defences destroyed the drones.".into(),
        accessed: "2024-01-02".into(),
    };
    ops::add_evidence(&mut a, &drones, "alice", evidence, AT).unwrap();
    ops::set_verdict(&mut a, &alliance, "bob", Verdict::Disputed, AT).unwrap();
    ops::set_attributed_to(&mut a, &alliance, "bob", "NATO chief Jens Stoltenberg", AT).unwrap();
    save(root, "a.ron", &a);
    let b = project(
        "Strike on a power plant",
        "2024-01-10",
        "Drones attacked the power plant at dawn. No civilians were harmed in the strike.",
    );
    save(root, "sub/b.ron", &b);
}

fn indexed(root: &Path, cache: &Path) -> DeskIndex {
    let mut index = DeskIndex::open(cache).unwrap();
    index.update(root, &files(root)).unwrap();
    index
}

/// (path, number) of each hit.
fn found(index: &DeskIndex, q: &Query) -> Vec<(String, usize)> {
    let mut hits: Vec<(String, usize)> = index
        .search(q)
        .unwrap()
        .into_iter()
        .map(|h| (h.path, h.number))
        .collect();
    hits.sort();
    hits
}

fn text(q: &str) -> Query {
    Query::text(q)
}

#[test]
fn search_finds_claims_by_words_phrases_notes_and_filters() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    small_desk(desk.path());
    let index = indexed(desk.path(), cache.path());
    assert_eq!(index.claims(), 5);
    let a = |n: usize| ("a.ron".to_string(), n);
    let b = |n: usize| ("sub/b.ron".to_string(), n);

    // A quote word, stemmed: "drone" finds "drones" in both projects.
    assert_eq!(found(&index, &text("drone")), vec![a(1), b(1)]);
    // All words must match; OR widens.
    assert_eq!(found(&index, &text("drones dawn")), vec![b(1)]);
    assert_eq!(
        found(&index, &text("alliance OR civilians")),
        vec![a(2), b(2)]
    );
    // A phrase, in order only.
    assert_eq!(found(&index, &text("\"shot down overnight\"")), vec![a(1)]);
    assert!(found(&index, &text("\"overnight down shot\"")).is_empty());
    // Notes, attributed-to and evidence are searched too.
    assert_eq!(found(&index, &text("ministry")), vec![a(1)]);
    assert_eq!(found(&index, &text("stoltenberg")), vec![a(2)]);
    assert_eq!(found(&index, &text("defences")), vec![a(1)]);
    // field:value
    assert_eq!(found(&index, &text("verdict:disputed")), vec![a(2)]);
    assert_eq!(found(&index, &text("quote:strike")), vec![b(2)]);

    let hit = index.search(&text("ministry")).unwrap().remove(0);
    assert_eq!(hit.verdicts, vec![("alice".to_string(), Verdict::Verified)]);
    assert_eq!(hit.settled, Some(Verdict::Verified));
    assert_eq!(hit.title, "Drones over Kyiv");
    assert!(hit.claim_id.starts_with("s-"));
    assert_eq!(
        hit.kwic,
        "note (alice): Checked against the [[ministry]] statement."
    );
    let hit = index.search(&text("overnight")).unwrap().remove(0);
    assert_eq!(
        hit.kwic,
        "Ukraine's general staff said 26 drones were shot down [[overnight]]."
    );

    // Filters, alone and with words.
    let q = |f: &dyn Fn(&mut Query)| {
        let mut q = Query::default();
        f(&mut q);
        found(&index, &q)
    };
    assert_eq!(
        q(&|q| q.attributed_to = Some("Jens Stoltenberg".into())),
        vec![a(2)]
    );
    assert!(q(&|q| q.attributed_to = Some("Stoltenberg Jens".into())).is_empty());
    assert_eq!(q(&|q| q.domain = Some("bbc.co.uk".into())), vec![a(1)]);
    assert_eq!(
        q(&|q| q.domain = Some("https://www.BBC.co.uk/x".into())),
        vec![a(1)]
    );
    assert!(q(&|q| q.domain = Some("cnn.com".into())).is_empty());
    assert_eq!(q(&|q| q.reviewer = Some("Alice".into())), vec![a(1)]);
    assert_eq!(
        q(&|q| {
            q.reviewer = Some("bob".into());
            q.verdict = Some(Verdict::Disputed);
        }),
        vec![a(2)]
    );
    assert!(
        q(&|q| {
            q.reviewer = Some("alice".into());
            q.verdict = Some(Verdict::Disputed);
        })
        .is_empty()
    );
    assert_eq!(q(&|q| q.verdict = Some(Verdict::Verified)), vec![a(1)]);
    assert_eq!(
        q(&|q| q.verdict = Some(Verdict::Unreviewed)),
        vec![a(3), b(1), b(2)]
    );
    assert_eq!(
        q(&|q| q.published_from = Some("2024".into())),
        vec![b(1), b(2)]
    );
    assert_eq!(
        q(&|q| q.published_to = Some("2023-12".into())),
        vec![a(1), a(2), a(3)]
    );
    assert_eq!(
        q(&|q| {
            q.text = "drones".into();
            q.published_from = Some("2023-04-21".into());
        }),
        vec![b(1)]
    );
    assert_eq!(
        q(&|q| {
            q.published_from = Some("2023-04-20".into());
            q.published_to = Some("2023-04-20".into());
        }),
        vec![a(1), a(2), a(3)]
    );
    assert_eq!(q(&|q| q.limit = 2).len(), 2);

    // Mistakes are errors, not empty results.
    assert!(index.search(&text("nosuchfield:x")).is_err());
    let bad_date = Query {
        published_from: Some("April".into()),
        ..Query::default()
    };
    assert!(index.search(&bad_date).is_err());
    // Unbalanced quotes are read as far as they go.
    assert_eq!(found(&index, &text("\"civilians")), vec![b(2)]);
}

#[test]
fn update_reindexes_only_changed_projects_and_drops_removed_ones() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    small_desk(desk.path());
    let mut index = indexed(desk.path(), cache.path());

    let again = index.update(desk.path(), &files(desk.path())).unwrap();
    assert!(!again.changed_anything());
    assert_eq!(again.unchanged, 2);

    let b = project("Spring", "2024-03-01", "Sunflowers bloom early this year.");
    save(desk.path(), "sub/b.ron", &b);
    let report = index.update(desk.path(), &files(desk.path())).unwrap();
    assert_eq!(report.changed, vec!["sub/b.ron".to_string()]);
    assert_eq!(report.unchanged, 1);
    assert!(found(&index, &text("civilians")).is_empty());
    assert_eq!(
        found(&index, &text("sunflowers")),
        vec![("sub/b.ron".to_string(), 1)]
    );
    assert_eq!(index.claims(), 4);

    // A touched file (same bytes, new time) is read but not re-indexed.
    let file = desk.path().join("a.ron");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes).unwrap();
    let t = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(t)
        .unwrap();
    let report = index.update(desk.path(), &files(desk.path())).unwrap();
    assert!(!report.changed_anything());
    assert_eq!(report.touched, 1);

    std::fs::remove_file(desk.path().join("a.ron")).unwrap();
    let report = index.update(desk.path(), &files(desk.path())).unwrap();
    assert_eq!(report.removed, vec!["a.ron".to_string()]);
    assert!(found(&index, &text("drones")).is_empty());
    assert_eq!(index.claims(), 1);
    drop(index);

    // The cache keeps: opened again, nothing needs reading.
    let mut index = DeskIndex::open(cache.path()).unwrap();
    assert!(index.rebuilt().is_none());
    let report = index.update(desk.path(), &files(desk.path())).unwrap();
    assert!(!report.changed_anything());
    assert_eq!(report.unchanged, 1);
    assert_eq!(
        found(&index, &text("sunflowers")),
        vec![("sub/b.ron".to_string(), 1)]
    );
}

#[test]
fn files_that_are_not_projects_are_skipped_and_reported() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    small_desk(desk.path());
    std::fs::write(
        desk.path().join("half.ron"),
        "(format_version: 2, article: (",
    )
    .unwrap();
    let mut index = DeskIndex::open(cache.path()).unwrap();
    let report = index.update(desk.path(), &files(desk.path())).unwrap();
    assert_eq!(report.added.len(), 2);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].0, "half.ron");
    // Still skipped (and not read again) on the next update.
    let report = index.update(desk.path(), &files(desk.path())).unwrap();
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(index.skipped().count(), 1);

    // A project that becomes unreadable leaves the index.
    std::fs::write(desk.path().join("a.ron"), "garbage").unwrap();
    let report = index.update(desk.path(), &files(desk.path())).unwrap();
    assert_eq!(report.removed, vec!["a.ron".to_string()]);
    assert!(found(&index, &text("alliance")).is_empty());
}

#[test]
fn a_corrupt_or_foreign_cache_is_rebuilt() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    small_desk(desk.path());
    drop(indexed(desk.path(), cache.path()));

    // Garbage over every file of the tantivy index.
    for entry in std::fs::read_dir(cache.path().join("index")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::write(&path, b"not an index at all").unwrap();
        }
    }
    let mut index = DeskIndex::open(cache.path()).unwrap();
    assert!(index.rebuilt().is_some());
    assert_eq!(index.claims(), 0);
    let report = index.update(desk.path(), &files(desk.path())).unwrap();
    assert_eq!(report.added.len(), 2);
    assert_eq!(
        found(&index, &text("alliance")),
        vec![("a.ron".to_string(), 2)]
    );
    drop(index);

    // A damaged manifest.
    std::fs::write(cache.path().join("manifest.bin"), b"CDMANIFE garbage").unwrap();
    let mut index = DeskIndex::open(cache.path()).unwrap();
    assert!(index.rebuilt().unwrap().contains("manifest"));
    index.update(desk.path(), &files(desk.path())).unwrap();
    assert_eq!(
        found(&index, &text("alliance")),
        vec![("a.ron".to_string(), 2)]
    );
    drop(index);

    // Damaged fingerprints are made again from the index.
    let prints = cache.path().join("prints");
    for entry in std::fs::read_dir(&prints).unwrap() {
        std::fs::write(entry.unwrap().path(), b"junk").unwrap();
    }
    let mut index = DeskIndex::open(cache.path()).unwrap();
    assert!(index.rebuilt().is_none());
    index.update(desk.path(), &files(desk.path())).unwrap();
    let matches = index.seen(
        "No civilians were harmed in the strike.",
        None,
        &SeenOptions::default(),
    );
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0].path, "sub/b.ron");
}

#[test]
fn open_errors_name_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let err = DeskIndex::open(&file.join("cache")).err().unwrap();
    assert!(err.0.contains("not-a-folder"), "{}", err.0);
}

/// The desk for "checked before": the same statement in other projects exactly, normalised
/// and edited, and a project of unrelated ones.
fn seen_desk(root: &Path) -> Project {
    let target = project(
        "Referendum",
        "2024-02-01",
        "The minister said 5 million people voted in the referendum. Turnout was high.",
    );
    save(root, "target.ron", &target);
    let mut exact = project(
        "Earlier",
        "2024-01-01",
        "Polls closed at eight. The minister said 5 million people voted in the referendum.",
    );
    let id = id_of(&exact, "The minister");
    ops::set_verdict(&mut exact, &id, "carol", Verdict::Disputed, AT).unwrap();
    ops::set_note(
        &mut exact,
        &id,
        "carol",
        "Official count was 4.1 million.",
        AT,
    )
    .unwrap();
    let evidence = Evidence {
        url: "https://elections.example.org/results".into(),
        ..Evidence::default()
    };
    ops::add_evidence(&mut exact, &id, "carol", evidence, AT).unwrap();
    save(root, "2024/exact.ron", &exact);
    save(
        root,
        "2024/normalised.ron",
        &project(
            "Again",
            "2024-01-05",
            "the Minister said “five million” people voted in the referendum!",
        ),
    );
    save(
        root,
        "near.ron",
        &project(
            "Edited",
            "2024-01-07",
            "The minister said 5 million people voted in Sunday's referendum.",
        ),
    );
    save(
        root,
        "other.ron",
        &project(
            "Other",
            "2024-01-08",
            "The minister said the bridge was closed. 55 ground assaults were repelled.",
        ),
    );
    target
}

#[test]
fn seen_finds_exact_normalised_and_near_duplicates_best_first() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let target = seen_desk(desk.path());
    let index = indexed(desk.path(), cache.path());
    let claim = &target.claims[0];

    let matches = index.seen_claim("target.ron", claim, &SeenOptions::default());
    let got: Vec<(&str, MatchKind)> = matches.iter().map(|m| (m.path.as_str(), m.kind)).collect();
    assert_eq!(
        got,
        vec![
            ("2024/exact.ron", MatchKind::Exact),
            ("2024/normalised.ron", MatchKind::Normalised),
            ("near.ron", MatchKind::Near),
        ]
    );
    assert_eq!(matches[0].similarity, 1.0);
    assert_eq!(matches[1].similarity, NORMALISED_SIMILARITY);
    assert!(matches[2].similarity >= 0.6 && matches[2].similarity < 0.99);
    // The earlier review comes with the match.
    let carol = &matches[0].reviews["carol"];
    assert_eq!(carol.verdict, Verdict::Disputed);
    assert_eq!(carol.note, "Official count was 4.1 million.");
    assert_eq!(
        carol.evidence[0].url,
        "https://elections.example.org/results"
    );
    assert_eq!(matches[0].settled, Some(Verdict::Disputed));
    assert_eq!(matches[0].number, 2);
    assert_eq!(
        matches[0].quote,
        "The minister said 5 million people voted in the referendum."
    );

    // Its own project is left out only when named.
    let all = index.seen(&claim.quote, None, &SeenOptions::default());
    assert_eq!(all.len(), 4);
    assert!(
        all.iter()
            .any(|m| m.path == "target.ron" && m.kind == MatchKind::Exact)
    );

    // A stricter threshold drops the near-duplicate; reviewed_only keeps the reviewed one.
    let strict = SeenOptions {
        threshold: 0.95,
        ..SeenOptions::default()
    };
    assert_eq!(index.seen_claim("target.ron", claim, &strict).len(), 2);
    let reviewed = SeenOptions {
        reviewed_only: true,
        ..SeenOptions::default()
    };
    let only = index.seen_claim("target.ron", claim, &reviewed);
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].path, "2024/exact.ron");

    // Unrelated claims: nothing.
    assert!(
        index
            .seen_claim("target.ron", &target.claims[1], &SeenOptions::default())
            .is_empty()
    );
    assert!(index.seen("", None, &SeenOptions::default()).is_empty());
}

#[test]
fn seen_in_project_flags_statements_checked_elsewhere() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let target = seen_desk(desk.path());
    let index = indexed(desk.path(), cache.path());

    let reviewed = SeenOptions {
        reviewed_only: true,
        ..SeenOptions::default()
    };
    let flags = index.seen_in_project(Some("target.ron"), &target, &reviewed);
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].claim_id, target.claims[0].id);
    assert_eq!(flags[0].number, 1);
    assert_eq!(flags[0].best.path, "2024/exact.ron");
    assert_eq!(flags[0].best.kind, MatchKind::Exact);
    assert_eq!(flags[0].best.settled, "disputed");

    // A new article not yet in the desk: every statement said before is flagged.
    let fresh = project(
        "New",
        "2024-03-01",
        "Turnout was high. Something nobody said before happened today.",
    );
    let flags = index.seen_in_project(None, &fresh, &SeenOptions::default());
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].best.path, "target.ron");
}

#[test]
fn seen_follows_updates() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let target = seen_desk(desk.path());
    let mut index = indexed(desk.path(), cache.path());
    let claim = &target.claims[0];
    assert_eq!(
        index
            .seen_claim("target.ron", claim, &SeenOptions::default())
            .len(),
        3
    );

    std::fs::remove_file(desk.path().join("2024/exact.ron")).unwrap();
    save(
        desk.path(),
        "near.ron",
        &project("Edited", "2024-01-07", "Nothing to see here at all."),
    );
    index.update(desk.path(), &files(desk.path())).unwrap();
    let matches = index.seen_claim("target.ron", claim, &SeenOptions::default());
    let paths: Vec<&str> = matches.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(paths, vec!["2024/normalised.ron"]);
}

#[test]
fn near_duplicates_with_other_numbers_are_marked() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let target = seen_desk(desk.path());
    save(
        desk.path(),
        "numbers.ron",
        &project(
            "Other count",
            "2024-01-09",
            "The minister said 6 million people voted in the referendum.",
        ),
    );
    let index = indexed(desk.path(), cache.path());
    let matches = index.seen_claim("target.ron", &target.claims[0], &SeenOptions::default());
    let other = matches.iter().find(|m| m.path == "numbers.ron").unwrap();
    assert_eq!(other.kind, MatchKind::Near);
    assert!(!other.same_numbers);
    let edited = matches.iter().find(|m| m.path == "near.ron").unwrap();
    assert!(edited.same_numbers);
    assert!(
        matches
            .iter()
            .filter(|m| m.kind != MatchKind::Near)
            .all(|m| m.same_numbers)
    );
}

#[test]
fn two_sessions_on_one_cache_see_each_others_updates() {
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    small_desk(desk.path());
    let mut app = indexed(desk.path(), cache.path());
    let mut command = DeskIndex::open(cache.path()).unwrap();

    let b = project("Spring", "2024-03-01", "Sunflowers bloom early this year.");
    save(desk.path(), "sub/b.ron", &b);
    let report = command.update(desk.path(), &files(desk.path())).unwrap();
    assert_eq!(report.changed, vec!["sub/b.ron".to_string()]);

    // The other session takes the newer cache as it is instead of indexing again.
    let report = app.update(desk.path(), &files(desk.path())).unwrap();
    assert!(!report.changed_anything());
    assert_eq!(report.unchanged, 2);
    assert_eq!(
        found(&app, &text("sunflowers")),
        vec![("sub/b.ron".to_string(), 1)]
    );
    assert!(found(&app, &text("civilians")).is_empty());
}

#[test]
fn search_filters_by_the_claim_type_the_hints_give() {
    use claimdesk::hints::{ClaimType, Rules, hints_for_project};
    let desk = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    small_desk(desk.path());
    let index = indexed(desk.path(), cache.path());
    let rules = Rules::shipped();
    // What the hints say of every claim of the desk, project by project.
    let mut expected: Vec<(ClaimType, (String, usize))> = Vec::new();
    for path in ["a.ron", "sub/b.ron"] {
        let p = store::load(&desk.path().join(path)).unwrap();
        let hints = hints_for_project(&p, &rules);
        for (i, c) in p.claims.iter().enumerate() {
            let t = hints.get(&c.id).unwrap().claim_type;
            expected.push((t, (path.to_string(), i + 1)));
        }
    }
    let quantity: Vec<(String, usize)> = expected
        .iter()
        .filter(|(t, _)| *t == ClaimType::Quantity)
        .map(|(_, at)| at.clone())
        .collect();
    // "Prices fell 4.2% compared with last year." is a quantity whatever else is.
    assert!(quantity.contains(&("a.ron".to_string(), 3)), "{expected:?}");
    for t in ClaimType::ALL {
        let q = Query {
            claim_type: Some(t),
            ..Query::default()
        };
        let want: Vec<(String, usize)> = expected
            .iter()
            .filter(|(e, _)| *e == t)
            .map(|(_, at)| at.clone())
            .collect();
        assert_eq!(found(&index, &q), want, "{t:?}");
    }
    // With words, and as field:value in the text.
    let q = Query {
        claim_type: Some(ClaimType::Quantity),
        ..text("prices")
    };
    assert_eq!(found(&index, &q), vec![("a.ron".to_string(), 3)]);
    assert_eq!(found(&index, &text("claim_type:quantity")), quantity);
}
