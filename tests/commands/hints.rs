//! Hints: the shipped rule files, attribution per pattern (a table of short cases), the
//! exact score on the labelled wire-style set, bad input, a desk's own rules, the project
//! operations and the `claimdesk hints` command.

use crate::common::{claimdesk, stderr, stdout};
use claimdesk::hints::eval::{Labels, Score, evaluate};
use claimdesk::hints::{self, ClaimType, RuleFiles, Rules, Via};
use claimdesk::model::{HintEvent, Verdict};
use claimdesk::{ops, store};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shipped_rule_files_parse_and_have_the_expected_shape() {
    let files = RuleFiles::shipped().expect("assets/hints/*.ron parse");
    let c = &files.cues;
    for (name, list, min) in [
        ("verbs", &c.verbs, 40),
        ("that_verbs", &c.that_verbs, 20),
        ("finding_verbs", &c.finding_verbs, 10),
        ("document_words", &c.document_words, 20),
        ("source_after", &c.source_after, 3),
        ("source_before", &c.source_before, 3),
        ("blocked_before", &c.blocked_before, 10),
        ("clause_openers", &c.clause_openers, 10),
        ("prepositions", &c.prepositions, 10),
    ] {
        assert!(list.len() >= min, "cues.ron {name}: {} entries", list.len());
        for w in list {
            assert_eq!(
                w,
                &w.to_lowercase(),
                "cues.ron {name}: {w:?} must be lower case"
            );
            assert_eq!(w, w.trim(), "cues.ron {name}: {w:?} has spaces around it");
        }
    }
    for needed in ["said", "told", "claimed", "confirmed", "denied", "warned"] {
        assert!(
            c.verbs.iter().any(|v| v == needed),
            "cues.ron verbs lacks {needed}"
        );
    }
    assert!(c.source_after.iter().any(|v| v == "according to"));
    let s = &files.sources;
    assert!(s.person_pronouns.contains(&"he".to_string()));
    assert!(s.org_pronouns.contains(&"it".to_string()));
    assert!(s.person_words.len() > 50 && s.org_words.len() > 50);
    let sig = &files.signals;
    assert!(sig.base.is_some_and(|b| (0.0..=1.0).contains(&b)));
    let names: Vec<&str> = sig.signals.iter().map(|s| s.name.as_str()).collect();
    for needed in [
        "number",
        "percent",
        "money",
        "unit",
        "comparison",
        "superlative",
        "cause",
        "future",
        "law",
        "first person",
        "hedge",
        "question",
        "short",
        "name",
        "date",
        "acronym",
    ] {
        assert!(names.contains(&needed), "signals.ron lacks signal {needed}");
    }
    for rule in &sig.types {
        for s in &rule.any {
            assert!(
                names.contains(&s.as_str()),
                "type rule names unknown signal {s}"
            );
        }
    }
    for s in &sig.signals {
        assert!(
            s.weight.abs() <= 1.0,
            "signal {} weight {}",
            s.name,
            s.weight
        );
    }
}

/// The source found for a one-statement text, or None.
fn source_of(text: &str) -> Option<String> {
    let h = hints::hints_for_text(text, &Rules::shipped());
    h.first()?.attribution.as_ref().map(|a| a.source.clone())
}

#[test]
fn one_sentence_per_pattern() {
    let cases: &[(&str, Option<&str>)] = &[
        // X said Y
        (
            "The ministry said 12 soldiers were killed.",
            Some("The ministry"),
        ),
        ("Police said the suspect fled on foot.", Some("Police")),
        (
            "Ukraine’s general staff said 21 drones were shot down.",
            Some("Ukraine’s general staff"),
        ),
        (
            "NATO leaders said in 2008 that Ukraine would join.",
            Some("NATO leaders"),
        ),
        (
            "The mayor told reporters that the water was safe.",
            Some("The mayor"),
        ),
        (
            "Health officials confirmed two more cases on Monday.",
            Some("Health officials"),
        ),
        (
            "The Kremlin denied that its troops had crossed the border.",
            Some("The Kremlin"),
        ),
        (
            "Economists warned that prices would keep rising.",
            Some("Economists"),
        ),
        (
            "The company has also said it will cut 500 jobs.",
            Some("The company"),
        ),
        (
            "Russian bloggers reportedly said the town had fallen.",
            Some("Russian bloggers"),
        ),
        // Y, X said
        (
            "Twelve people died, the ministry said on Friday.",
            Some("the ministry"),
        ),
        ("The fire is out, officials said.", Some("officials")),
        (
            "Prices will fall next year, analysts say.",
            Some("analysts"),
        ),
        ("Production will be slow, Musk warned.", Some("Musk")),
        (
            "“We will win,” Zelenskyy said in his nightly address.",
            Some("Zelenskyy"),
        ),
        (
            "\"Rates are going nowhere,\" the BoE said in a statement.",
            Some("the BoE"),
        ),
        // Y, said X
        (
            "“It was terrifying,” said Anna Kovalenko, a teacher.",
            Some("Anna Kovalenko, a teacher"),
        ),
        (
            "\"The deal is done,\" said the company's chief executive, Jane Roe.",
            Some("the company's chief executive, Jane Roe"),
        ),
        (
            "Markets calmed, said Ruth Gregory of Capital Economics.",
            Some("Ruth Gregory of Capital Economics"),
        ),
        // appositives
        (
            "Mark Juelfs, the fire chief, said the wind had dropped.",
            Some("Mark Juelfs, the fire chief"),
        ),
        (
            "Xcel Energy, the local utility, said no lines were down.",
            Some("Xcel Energy, the local utility"),
        ),
        (
            "The association, which represents food makers, said the foods were safe.",
            Some("The association, which represents food makers"),
        ),
        // according to and other phrases
        (
            "According to media reports, the envoy left Kyiv.",
            Some("media reports"),
        ),
        (
            "The quake struck at a depth of 10 km, according to the U.S. Geological Survey.",
            Some("the U.S. Geological Survey"),
        ),
        (
            "It was reported by The Wall Street Journal that talks had stalled.",
            Some("The Wall Street Journal"),
        ),
        (
            "The plan was approved, as reported by local media.",
            Some("local media"),
        ),
        // passive
        (
            "Adm. Philip Davidson was quoted as saying that an attack could come soon.",
            Some("Adm. Philip Davidson"),
        ),
        (
            "Two officials were quoted as saying the talks had failed.",
            Some("Two officials"),
        ),
        // participle, colon, findings
        (
            "With Moscow claiming it had seized four regions, Kyiv asked to join NATO.",
            Some("Moscow"),
        ),
        (
            "The minister wrote on Telegram: “We are ready.”",
            Some("The minister"),
        ),
        (
            "The study found that sleep protects memory.",
            Some("The study"),
        ),
        ("Polls show a majority oppose the plan.", Some("Polls")),
        (
            "BYD sold 430,000 cars, company data shows.",
            Some("company data"),
        ),
        // headlines and coordinated verbs
        ("Macron says France will not send troops", Some("Macron")),
        ("Russian drones strike Kyiv, Ukraine says", Some("Ukraine")),
        (
            "The Bank of England kept rates at 5% and said they would stay high.",
            Some("The Bank of England"),
        ),
        // not attributions
        ("There were also reported casualties among civilians.", None),
        ("Twelve villages were reportedly flattened.", None),
        ("Officials have not said how many people died.", None),
        ("The company declined to comment.", None),
        ("The 31-member NATO has vowed to assist Ukraine.", None),
        ("Stoltenberg urged Zelenskyy to attend the summit.", None),
        ("Snow is forecast for Saturday.", None),
        ("The blast claimed the lives of 12 people.", None),
        ("The claim could not be independently verified.", None),
        (
            "People who said they were vaccinated were asked to wait.",
            None,
        ),
        ("Kyiv was hit by at least 20 attacks last month.", None),
        ("It is said to be the largest bridge in Europe.", None),
    ];
    assert_eq!(cases.len(), 48);
    let mut wrong = Vec::new();
    for (text, want) in cases {
        let got = source_of(text);
        if got.as_deref() != *want {
            wrong.push(format!("{text:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of 48 wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn references_resolve_to_the_last_matching_named_source() {
    let text = "Adm. John Aquilino said China was arming fast.\n\
                “We are running out of time,” the admiral told Congress.\n\
                He said more ships were needed.\n\
                Russia’s Defense Ministry said its forces hit a depot. It said 40 soldiers died.\n\
                Three people were hurt, the ministry said.";
    let h = hints::hints_for_text(text, &Rules::shipped());
    let sources: Vec<(String, Option<Via>)> = h
        .iter()
        .map(|h| {
            let a = h.attribution.as_ref();
            (
                a.map_or(String::new(), |a| a.source.clone()),
                a.map(|a| a.via),
            )
        })
        .collect();
    assert_eq!(
        sources[1],
        ("Adm. John Aquilino".into(), Some(Via::Reference))
    );
    assert_eq!(
        sources[2],
        ("Adm. John Aquilino".into(), Some(Via::Reference))
    );
    assert_eq!(sources[4].0, "Russia’s Defense Ministry");
    assert_eq!(sources[5].0, "Russia’s Defense Ministry");
    let m = h[2]
        .attribution
        .as_ref()
        .and_then(|a| a.mention.clone())
        .expect("mention");
    assert_eq!(m.text, "He");
    assert_eq!(
        &text
            .chars()
            .skip(m.start)
            .take(m.end - m.start)
            .collect::<String>(),
        "He"
    );
}

#[test]
fn quotations_over_several_statements_and_paragraphs_belong_to_their_speaker() {
    let text = "“Every drone we miss hits a home,” Zelenskyy said. “We need more systems.\n\
                “Winter is coming. Russia knows it.”\n\
                The capital lost power overnight.";
    let h = hints::hints_for_text(text, &Rules::shipped());
    let vias: Vec<Option<(String, Via)>> = h
        .iter()
        .map(|h| h.attribution.as_ref().map(|a| (a.source.clone(), a.via)))
        .collect();
    assert_eq!(vias[0], Some(("Zelenskyy".into(), Via::Cue)));
    for v in &vias[1..vias.len() - 1] {
        assert_eq!(v, &Some(("Zelenskyy".into(), Via::Quotation)), "{vias:?}");
    }
    assert_eq!(vias.last(), Some(&None), "plain fact after the quotation");
}

fn fixture_set() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/hints"))
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn score_of(text: &Path, labels: &Path) -> Score {
    let body = std::fs::read_to_string(text).expect("article");
    let labels: Labels =
        serde_json::from_str(&std::fs::read_to_string(labels).expect("labels")).expect("json");
    evaluate(&body, &labels, &Rules::shipped())
        .expect("labels match statements")
        .0
}

/// Exact counts on the labelled set: a rule change that moves them must update this test on
/// purpose (and the figures in the report).
#[test]
fn exact_score_on_the_labelled_wire_style_set() {
    let mut total = Score::default();
    for path in fixture_set() {
        total.add(&score_of(&path, &path.with_extension("attribution.json")));
    }
    assert_eq!(
        total,
        Score {
            statements: 252,
            labelled: 150,
            flagged: 150,
            true_positives: 150,
            source_right: 150,
        }
    );
    assert!(total.precision() >= 0.90 && total.recall() >= 0.85);
    assert!(total.source_accuracy() >= 0.85);
}

/// Written and labelled after the rules were tuned, the last four by someone who never saw
/// the rules; measured, not tuned for.
#[test]
fn exact_score_on_the_held_out_articles() {
    let dir = root().join("tests/fixtures/hints/heldout");
    let mut total = Score::default();
    let mut articles = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            total.add(&score_of(&path, &path.with_extension("attribution.json")));
            articles += 1;
        }
    }
    assert_eq!(articles, 5);
    assert_eq!(
        total,
        Score {
            statements: 183,
            labelled: 108,
            flagged: 99,
            true_positives: 92,
            source_right: 82,
        }
    );
    // The issue's targets on unseen news: precision 0.90, recall 0.85, source 85 %.
    assert!(total.precision() >= 0.90 && total.recall() >= 0.85);
    assert!(total.source_accuracy() >= 0.85);
}

#[test]
fn exact_score_on_the_nato_development_article() {
    let s = score_of(
        &root().join("tests/fixtures/nato-chief-kyiv.txt"),
        &root().join("tests/fixtures/hints/dev/nato-chief-kyiv.attribution.json"),
    );
    assert_eq!(
        (
            s.statements,
            s.labelled,
            s.flagged,
            s.true_positives,
            s.source_right
        ),
        (20, 6, 6, 6, 6)
    );
}

#[test]
fn claim_types_and_reasons_explain_themselves() {
    let rules = Rules::shipped();
    let one = |text: &str| hints::hints_for_text(text, &rules).remove(0);
    let q = one("Revenue rose 9% to $23.35 billion in the third quarter.");
    assert_eq!(q.claim_type, ClaimType::Quantity);
    let signals: Vec<(&str, &str)> = q
        .checkworthy
        .reasons
        .iter()
        .map(|r| (r.signal.as_str(), r.text.as_str()))
        .collect();
    assert!(signals.contains(&("number", "9")) && signals.contains(&("percent", "%")));
    assert!(signals.contains(&("money", "$")));
    assert_eq!(
        one("Inflation will fall to 2% by 2025, the bank said.").claim_type,
        ClaimType::Prediction
    );
    assert_eq!(
        one("The court ruled that the law was unconstitutional.").claim_type,
        ClaimType::LawsRules
    );
    assert_eq!(
        one("Smoking causes cancer because tar damages cells.").claim_type,
        ClaimType::CorrelationCausation
    );
    assert_eq!(
        one("I heard the explosions and then everything went dark.").claim_type,
        ClaimType::PersonalExperience
    );
    assert_eq!(one("Is the worst over?").claim_type, ClaimType::NotAClaim);
    assert_eq!(
        one("(AP Photo/Efrem Lukatsky)").claim_type,
        ClaimType::NotAClaim
    );
    assert_eq!(
        one("Zelenskyy said the talks were useful and constructive.").claim_type,
        ClaimType::Quote
    );
    let filler = one("Meta declined to comment.");
    let figures =
        one("At least 120 people were killed and 1,000 injured, the largest toll since 2022.");
    assert!(figures.checkworthy.score > filler.checkworthy.score + 0.3);
    for h in [&q, &filler, &figures] {
        assert!((0.0..=1.0).contains(&h.checkworthy.score));
    }
}

#[test]
fn bad_input_gives_clear_output_and_never_panics() {
    let rules = Rules::shipped();
    assert!(hints::hints_for_text("", &rules).is_empty());
    assert!(hints::hints_for_text("   \n\n\t ", &rules).is_empty());
    // No sentences: punctuation and symbols only.
    let odd = hints::hints_for_text("— … ” “ \" ; : !!! ???", &rules);
    assert!(odd.iter().all(|h| h.attribution.is_none()));
    // Mixed scripts and emoji, with offsets in characters.
    let mixed = "Украина заявила 😀, the ministry said. 中国外交部表示反对。 “Ja,” sagte er 👍🏽.";
    let h = hints::hints_for_text(mixed, &rules);
    assert!(!h.is_empty());
    let chars: Vec<char> = mixed.chars().collect();
    for hint in &h {
        assert!(hint.start < hint.end && hint.end <= chars.len());
        if let Some(a) = &hint.attribution {
            let src: String = chars[a.source_start..a.source_end].iter().collect();
            assert_eq!(src, a.source);
        }
    }
    assert_eq!(
        h[0].attribution.as_ref().map(|a| a.source.as_str()),
        Some("the ministry")
    );
}

#[test]
fn fifty_megabytes_on_one_line_is_linear() {
    let rules = Rules::shipped();
    let unit = "the ministry said prices rose 5% because of war, and “markets fell ";
    let small: String = unit.repeat(1_000_000 / unit.len());
    let big: String = unit.repeat(50_000_000 / unit.len());
    // One statement over the whole line (what splitting gives a line without full stops);
    // splitting itself has its own tests.
    let time = |s: &str| {
        let whole = hints::Target {
            id: "s-1".into(),
            start: 0,
            end: s.chars().count(),
            selection: false,
        };
        let t = std::time::Instant::now();
        let h = hints::analyse(s, &[whole], &rules);
        (t.elapsed(), h.len())
    };
    let (t1, _) = time(&small);
    let (t50, n) = time(&big);
    assert!(n >= 1);
    // 50 times the text may take 50 times as long (plus slack), not 2500 times.
    assert!(
        t50 < t1 * 200 + std::time::Duration::from_secs(2),
        "1 MB: {t1:?}, 50 MB: {t50:?}"
    );
}

#[test]
fn a_desk_extends_the_rules_from_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The minister opined that the war would end soon.";
    assert_eq!(source_of(text), None);
    std::fs::write(dir.path().join("cues.ron"), r#"(that_verbs: ["opined"])"#).unwrap();
    std::fs::write(
        dir.path().join("signals.ron"),
        r#"(signals: [(name: "war", weight: 0.2, matcher: Words(["war"]))],
            types: [(claim_type: Other, any: ["war"])])"#,
    )
    .unwrap();
    let rules = Rules::with_dir(dir.path()).expect("desk rules load");
    let h = hints::hints_for_text(text, &rules).remove(0);
    assert_eq!(h.attribution.map(|a| a.source), Some("The minister".into()));
    assert_eq!(
        h.claim_type,
        ClaimType::Other,
        "the desk's type rule comes first"
    );
    assert!(h.checkworthy.reasons.iter().any(|r| r.signal == "war"));
    std::fs::write(dir.path().join("cues.ron"), "(verbs: [oops])").unwrap();
    let err = Rules::with_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("cues.ron"), "{err}");
    assert!(Rules::with_dir(&dir.path().join("missing")).is_err());
}

fn sample() -> claimdesk::model::Project {
    store::load(&root().join("projects/nato-chief-kyiv.ron")).expect("sample project")
}

#[test]
fn accepting_and_dismissing_hints_is_recorded_and_survives_a_round_trip() {
    let mut p = sample();
    let at = "2026-01-05T10:00:00Z";
    let h = hints::hints_for_project(&p, &Rules::shipped());
    let (id, source) = h
        .hints
        .iter()
        .find_map(|h| {
            let c = p.claim(&h.id)?;
            let a = h.attribution.as_ref()?;
            (!c.is_reviewed()).then(|| (h.id.clone(), a.source.clone()))
        })
        .expect("an unreviewed attributed statement");
    let audit = p.audit.len();
    let v = ops::accept_attribution(&mut p, &id, "Cleo Hint", &source, at).unwrap();
    assert_eq!(v, Verdict::AttributedOnly);
    let review = p.claim(&id).unwrap().review("Cleo Hint").unwrap();
    assert_eq!(review.attributed_to, source);
    let entry = &p.audit[audit];
    assert_eq!(entry.hint, Some(HintEvent::Accepted(source.clone())));
    assert_eq!(
        (entry.from, entry.to),
        (Verdict::Unreviewed, Verdict::AttributedOnly)
    );
    // A verdict the reviewer gave stays.
    ops::set_verdict(&mut p, &id, "Cleo Hint", Verdict::Disputed, at).unwrap();
    assert_eq!(
        ops::accept_attribution(&mut p, &id, "Cleo Hint", &source, at).unwrap(),
        Verdict::Disputed
    );
    assert!(ops::accept_attribution(&mut p, &id, "Cleo Hint", "  ", at).is_err());
    // Dismissed stays dismissed, in the file too.
    assert!(ops::dismiss_hint(&mut p, &id, "Cleo Hint", at).unwrap());
    assert!(!ops::dismiss_hint(&mut p, &id, "Cleo Hint", at).unwrap());
    let reviews = p.claim(&id).unwrap().reviews.clone();
    let text = store::to_ron_string(&p);
    let back = store::load_str(&text, "round-trip.ron").expect("loads");
    assert!(hints::is_dismissed(&back, &id));
    assert_eq!(
        back.claim(&id).unwrap().reviews,
        reviews,
        "hints never change a review"
    );
    let mut back = back;
    assert!(ops::undismiss_hint(&mut back, &id, "Cleo Hint", at).unwrap());
    assert!(!hints::is_dismissed(&back, &id));
}

#[test]
fn files_without_hint_decisions_keep_their_bytes() {
    let path = root().join("projects/nato-chief-kyiv.ron");
    let bytes = std::fs::read_to_string(&path).unwrap();
    assert!(!bytes.contains("hint"));
    assert_eq!(store::to_ron_string(&sample()), bytes);
}

fn write_project(dir: &Path) -> PathBuf {
    let article = dir.join("a.txt");
    std::fs::write(
        &article,
        "Fire destroys homes, officials say\n\
         A wildfire destroyed 500 homes on Friday, the county sheriff said.\n\
         “We may have loss of life,” he said.\n\
         Snow is forecast for Saturday.\n",
    )
    .unwrap();
    let project = dir.join("p.ron");
    let o = claimdesk(&[
        "new",
        article.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    project
}

#[test]
fn cli_prints_hints_as_json_for_articles_and_projects() {
    let dir = tempfile::tempdir().unwrap();
    let project = write_project(dir.path());
    let article = dir.path().join("a.txt");
    let o = claimdesk(&["hints", article.to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["number"], 1);
    assert_eq!(rows[1]["attribution"]["source"], "the county sheriff");
    assert_eq!(rows[1]["attribution"]["cue"], "said");
    assert_eq!(rows[2]["attribution"]["source"], "the county sheriff");
    assert!(rows[3]["attribution"].is_null());
    assert!(rows[1]["checkworthy"]["score"].as_f64().unwrap() > 0.0);
    assert_eq!(rows[1]["checkworthy"]["reasons"][0]["signal"], "number");
    let text = std::fs::read_to_string(&article).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (
        rows[1]["attribution"]["source_start"].as_u64().unwrap() as usize,
        rows[1]["attribution"]["source_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[s..e].iter().collect::<String>(), "the county sheriff");
    let from_project = claimdesk(&["hints", project.to_str().unwrap(), "--json"]);
    let prows: serde_json::Value = serde_json::from_str(&stdout(&from_project)).unwrap();
    assert_eq!(prows[1]["id"], rows[1]["id"], "same ids as `new` gives");
    assert_eq!(prows[1]["dismissed"], false);
    let table = claimdesk(&["hints", article.to_str().unwrap()]);
    assert!(stdout(&table).contains("the county sheriff"));
}

#[test]
fn cli_accepts_attribution_hints_for_unreviewed_claims_only() {
    let dir = tempfile::tempdir().unwrap();
    let project = write_project(dir.path());
    let p = project.to_str().unwrap();
    let o = claimdesk(&["tag", p, "3", "disputed", "--reviewer", "Ana"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = claimdesk(&["hints", p, "--accept-attributions", "--reviewer", "Ana"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("accepted 2 attribution hints"), "{out}");
    assert!(out.contains("1 already reviewed"), "{out}");
    let loaded = store::load(&project).unwrap();
    let accepted: Vec<_> = loaded
        .audit
        .iter()
        .filter(|e| matches!(e.hint, Some(HintEvent::Accepted(_))))
        .collect();
    assert_eq!(accepted.len(), 2);
    assert_eq!(loaded.claims[2].verdict_of("Ana"), Verdict::Disputed);
    assert_eq!(loaded.claims[1].verdict_of("Ana"), Verdict::AttributedOnly);
    assert_eq!(
        loaded.claims[1].review("Ana").unwrap().attributed_to,
        "the county sheriff"
    );
    // Again: nothing left to accept, nothing written.
    let again = claimdesk(&["hints", p, "--accept-attributions", "--reviewer", "Ana"]);
    assert!(stdout(&again).contains("accepted 0 attribution hints"));
    // Articles cannot take decisions; --reviewer is required.
    let art = dir.path().join("a.txt");
    let o = claimdesk(&[
        "hints",
        art.to_str().unwrap(),
        "--accept-attributions",
        "--reviewer",
        "Ana",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let o = claimdesk(&["hints", p, "--accept-attributions"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn cli_handles_empty_and_broken_input_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = claimdesk(&["hints", empty.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("no statements"), "{}", stdout(&o));
    let o = claimdesk(&["hints", empty.to_str().unwrap(), "--json"]);
    assert_eq!(stdout(&o).trim(), "[]");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"caf\xe9").unwrap();
    let o = claimdesk(&["hints", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));
    let o = claimdesk(&["hints", "/nonexistent/x.txt"]);
    assert_eq!(o.status.code(), Some(1));
    let o = claimdesk(&[
        "hints",
        empty.to_str().unwrap(),
        "--rules",
        "/nonexistent/rules",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a folder"), "{}", stderr(&o));
}
