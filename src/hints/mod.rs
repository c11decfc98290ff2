//! Hints: a first pass over an article that a reviewer confirms or dismisses. For every
//! statement: who the article says made it (cue, source span, resolved speaker), what kind of
//! claim it is (Full Fact's types) and how worth checking it is, each with its reasons.
//!
//! Hints are computed from the text alone and never change a project; `ops::accept_attribution`
//! and `ops::dismiss_hint` record a reviewer's decision. Everything is plain data, so the app
//! computes hints on a worker thread (`HintJob`) and looks them up per claim id.
//! The word lists and rule tables are data files (`rules`), extendable by a desk.

mod attribution;
mod checkworthy;
mod claim_type;
mod decisions;
pub mod eval;
mod quotes;
mod rules;
mod sources;
mod tokens;

pub use checkworthy::{Checkworthy, Reason};
pub use claim_type::ClaimType;
pub use decisions::{dismissed, is_dismissed};
pub use rules::{
    CUES_RON, CueFile, Matcher, RULES_DIR_ENV, RuleFiles, Rules, RulesError, SIGNALS_RON,
    SOURCES_RON, SignalFile, SignalRule, SourceFile, TypeRule,
};

use crate::model::{ClaimKind, Project};
use crate::split::{SPLITTER_VERSION, split_with};
use serde::Serialize;
use std::collections::HashMap;
use tokens::Tokens;

/// Statements longer than this many tokens are read only this far (no sentence is that long;
/// the cap keeps a 50 MB line linear and small in memory).
const MAX_TOKENS: usize = 4000;

/// How an attribution was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// A cue in the statement names the source.
    Cue,
    /// A cue in the statement, with a pronoun or short reference resolved to an earlier source.
    Reference,
    /// The statement is inside a quotation whose speaker is named elsewhere.
    Quotation,
}

/// Words of the article: their text and character span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Who the article says made a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attribution {
    /// The speaker as the article names them ("Ukraine's general staff", "Jens Stoltenberg").
    pub source: String,
    /// The cue as written ("said", "according to", ":").
    pub cue: String,
    /// Where `source` stands in the article (characters); for a reference, where the name was.
    pub source_start: usize,
    pub source_end: usize,
    pub cue_start: usize,
    pub cue_end: usize,
    /// The words in this statement that referred to the source ("he", "the ministry"), when
    /// they are not the name itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention: Option<Span>,
    pub via: Via,
}

/// The hints for one claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hint {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub attribution: Option<Attribution>,
    pub claim_type: ClaimType,
    pub checkworthy: Checkworthy,
}

/// A span to give hints for: statements and headings in article order (they carry quotations
/// and references from one to the next); selections get their own check-worthiness and the
/// attribution of the statement they start in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub selection: bool,
}

/// Hints for every claim of a project, by claim id.
#[derive(Debug, Clone, Default)]
pub struct ProjectHints {
    /// The text these hints were computed for: stale once the project's hash differs.
    pub text_sha256: String,
    /// In the order of the targets (article order for a project).
    pub hints: Vec<Hint>,
    by_id: HashMap<String, usize>,
}

impl ProjectHints {
    pub fn get(&self, id: &str) -> Option<&Hint> {
        self.by_id.get(id).map(|&i| &self.hints[i])
    }

    /// Claim ids, most check-worthy first (ties in article order).
    pub fn most_checkworthy_first(&self) -> Vec<&str> {
        let mut order: Vec<&Hint> = self.hints.iter().collect();
        order.sort_by(|a, b| b.checkworthy.score.total_cmp(&a.checkworthy.score));
        order.into_iter().map(|h| h.id.as_str()).collect()
    }

    /// Claim ids of one claim type, in article order.
    pub fn of_type(&self, t: ClaimType) -> impl Iterator<Item = &str> {
        self.hints
            .iter()
            .filter(move |h| h.claim_type == t)
            .map(|h| h.id.as_str())
    }

    pub fn is_current(&self, p: &Project) -> bool {
        self.text_sha256 == p.article.text_sha256
    }
}

/// Everything hints need from a project, owned: take it on the UI thread (one copy of the
/// text), run it on a worker.
#[derive(Debug, Clone)]
pub struct HintJob {
    pub text: String,
    pub text_sha256: String,
    pub targets: Vec<Target>,
}

/// The cue words, source patterns and signals are English: other languages get no hints
/// rather than wrong ones.
pub fn supports_language(code: &str) -> bool {
    code == "en"
}

impl HintJob {
    pub fn from_project(p: &Project) -> HintJob {
        let claims: &[crate::model::Claim] = if supports_language(&p.article.language) {
            &p.claims
        } else {
            &[]
        };
        HintJob {
            text: p.article.text.clone(),
            text_sha256: p.article.text_sha256.clone(),
            targets: claims
                .iter()
                .map(|c| Target {
                    id: c.id.clone(),
                    start: c.start,
                    end: c.end,
                    selection: c.kind == ClaimKind::Selection,
                })
                .collect(),
        }
    }

    pub fn run(&self, rules: &Rules) -> ProjectHints {
        let hints = analyse(&self.text, &self.targets, rules);
        let by_id = hints
            .iter()
            .enumerate()
            .map(|(i, h)| (h.id.clone(), i))
            .collect();
        ProjectHints {
            text_sha256: self.text_sha256.clone(),
            hints,
            by_id,
        }
    }
}

/// Hints for every claim of a project (on the calling thread).
pub fn hints_for_project(p: &Project, rules: &Rules) -> ProjectHints {
    HintJob::from_project(p).run(rules)
}

/// Hints for an article's statements as `claimdesk new` would split it (same ids).
pub fn hints_for_text(text: &str, rules: &Rules) -> Vec<Hint> {
    let language = crate::article::language_for("", text);
    let segments = split_with(text, &language, SPLITTER_VERSION);
    let targets: Vec<Target> = segments
        .iter()
        .map(|seg| Target {
            id: String::new(),
            start: seg.start,
            end: seg.end,
            selection: false,
        })
        .collect();
    // The ids (a SHA-256 of each statement) are worked out alongside the hints, on the second
    // thread when there is one; each hint gets its statement's id, in article order.
    let (mut hints, ids) =
        analyse_with(text, &targets, rules, || StatementIds::new(text, &segments));
    for (i, h) in hints.iter_mut().enumerate() {
        h.id = ids.get(i).to_string();
    }
    hints
}

/// `claimdesk new`'s id of every statement, end to end in one string (so the thread that
/// makes the hints makes, and later frees, each id's own string).
struct StatementIds {
    all: String,
    ends: Vec<usize>,
}

impl StatementIds {
    fn new(text: &str, segments: &[crate::split::Segment]) -> StatementIds {
        let mut cursor = Cursor::default();
        let mut ids = StatementIds {
            all: String::with_capacity(segments.len() * 14),
            ends: Vec::with_capacity(segments.len()),
        };
        for seg in segments {
            let a = cursor.byte_of(text, seg.start);
            let b = cursor.byte_of(text, seg.end);
            ids.all
                .push_str(&crate::ids::statement_id(seg.start, seg.end, &text[a..b]));
            ids.ends.push(ids.all.len());
        }
        ids
    }

    fn get(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.all[start..self.ends[i]]
    }
}

/// Walks a text forwards turning increasing char offsets into byte offsets.
#[derive(Default)]
struct Cursor {
    byte: usize,
    char: usize,
}

impl Cursor {
    fn byte_of(&mut self, text: &str, target: usize) -> usize {
        if target < self.char {
            *self = Cursor::default();
        }
        let rest = &text[self.byte..];
        let skip = target - self.char;
        self.byte += rest.char_indices().nth(skip).map_or(rest.len(), |(b, _)| b);
        self.char = target;
        self.byte
    }
}

/// Byte offsets for the char offsets where targets start and end, sorted by char offset.
struct ByteOffsets {
    chars: Vec<usize>,
    bytes: Vec<usize>,
}

impl ByteOffsets {
    /// Computed in one pass (targets may overlap, so they are converted in sorted order).
    fn new(text: &str, targets: &[Target]) -> ByteOffsets {
        let mut chars: Vec<usize> = targets.iter().flat_map(|t| [t.start, t.end]).collect();
        chars.sort_unstable();
        chars.dedup();
        let mut cursor = Cursor::default();
        let bytes = chars.iter().map(|&c| cursor.byte_of(text, c)).collect();
        ByteOffsets { chars, bytes }
    }

    fn get(&self, char: usize) -> Option<usize> {
        self.chars.binary_search(&char).ok().map(|i| self.bytes[i])
    }

    /// The text of a target.
    fn slice<'t>(&self, text: &'t str, t: &Target) -> &'t str {
        let a = self.get(t.start).unwrap_or(0);
        let b = self.get(t.end).unwrap_or(a);
        text.get(a..b).unwrap_or("")
    }
}

/// One statement being read: its text, tokens and where it starts in the article.
struct Read<'s> {
    tokens: Tokens<'s>,
    char_start: usize,
}

impl Read<'_> {
    /// Article char offset of a byte offset inside the statement.
    fn char_of(&self, byte: usize) -> usize {
        let src = self.tokens.src;
        self.char_start + src[..byte.min(src.len())].chars().count()
    }
}

/// From this many statements on, check-worthiness is read on a second thread while the
/// attributions are read on this one (the same hints either way; a thread is not worth
/// starting for a short article).
const TWO_THREADS_FROM: usize = 256;

/// Hints for `targets` (statements and headings in article order, selections anywhere).
pub fn analyse(text: &str, targets: &[Target], rules: &Rules) -> Vec<Hint> {
    analyse_with(text, targets, rules, || ()).0
}

/// `analyse`, also running `side` (on the second thread, when there is one).
fn analyse_with<R: Send>(
    text: &str,
    targets: &[Target],
    rules: &Rules,
    side: impl FnOnce() -> R + Send,
) -> (Vec<Hint>, R) {
    let statements = targets.iter().filter(|t| !t.selection).count();
    analyse_on(text, targets, rules, side, statements >= TWO_THREADS_FROM)
}

/// `analyse_with` on one thread or, if `two_threads`, two.
fn analyse_on<R: Send>(
    text: &str,
    targets: &[Target],
    rules: &Rules,
    side: impl FnOnce() -> R + Send,
    two_threads: bool,
) -> (Vec<Hint>, R) {
    let bytes = ByteOffsets::new(text, targets);
    let statements: Vec<&Target> = targets.iter().filter(|t| !t.selection).collect();
    // Check-worthiness needs only each statement's words; attribution reads the statements in
    // order (quotations, earlier sources). Both are read before anything is scored, as a
    // quotation's speaker may be named in a later statement.
    let side = std::sync::Mutex::new(Some(side));
    let run_side = || {
        let side = side.lock().map_or(None, |mut s| s.take());
        side.map(|f| f())
    };
    let sequential = || {
        let mut signals = checkworthy::Signals::default();
        let mut shown = Vec::with_capacity(statements.len());
        let read = read_attributions(text, &statements, &bytes, rules, |t| {
            shown.push(signals.show(t, rules));
        });
        (read, signals, shown, run_side())
    };
    let (read, mut signals, shown, side) = if two_threads {
        std::thread::scope(|s| {
            let worker = std::thread::Builder::new()
                .name("hints: check-worthiness".into())
                .spawn_scoped(s, || {
                    let (signals, shown) = read_signals(text, &statements, &bytes, rules);
                    (signals, shown, run_side())
                });
            match worker {
                Ok(worker) => {
                    let read = read_attributions(text, &statements, &bytes, rules, |_| {});
                    let (signals, shown, side) = worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (read, signals, shown, side)
                }
                Err(_) => sequential(),
            }
        })
    } else {
        sequential()
    };
    let side = side.expect("the side work runs once");
    let Attributions {
        mut own,
        inq,
        ends_with_colon,
        quotations,
    } = read;
    let speakers = quotation_speakers(&quotations, &own, &inq, &ends_with_colon);
    let mut statement_hints: Vec<Hint> = Vec::with_capacity(statements.len());
    for (index, target) in statements.iter().enumerate() {
        // Each statement's own attribution is read once more, here: moved, not copied.
        let attribution = own[index].take().or_else(|| {
            let q = inq[index].within?;
            let mut a = speakers[q].clone()?;
            a.via = Via::Quotation;
            a.mention = None;
            Some(a)
        });
        let (claim_type, checkworthy) = signals.assess(
            shown[index],
            rules,
            attribution.as_ref().map(|a| a.cue.as_str()),
        );
        statement_hints.push(Hint {
            id: target.id.clone(),
            start: target.start,
            end: target.end,
            attribution,
            claim_type,
            checkworthy,
        });
    }
    if statements.len() == targets.len() {
        return (statement_hints, side);
    }
    // Selections: their own words, the attribution of the statement they start in.
    let mut out = Vec::with_capacity(targets.len());
    let mut next_statement = statement_hints.into_iter();
    // Each statement's start and end and its place in `out`.
    let mut by_start: Vec<(usize, usize, usize)> = Vec::new();
    // Each selection's place in `out` and start.
    let mut selections: Vec<(usize, usize)> = Vec::new();
    let mut spare = tokens::Spare::default();
    for target in targets {
        if !target.selection {
            if let Some(h) = next_statement.next() {
                by_start.push((h.start, h.end, out.len()));
                out.push(h);
            }
            continue;
        }
        selections.push((out.len(), target.start));
        let tokens = Tokens::read_in(bytes.slice(text, target), MAX_TOKENS, rules, spare);
        let seen = signals.show(&tokens, rules);
        spare = tokens.into_spare();
        let (claim_type, checkworthy) = signals.assess(seen, rules, None);
        out.push(Hint {
            id: target.id.clone(),
            start: target.start,
            end: target.end,
            attribution: None,
            claim_type,
            checkworthy,
        });
    }
    for (i, start) in selections {
        let at = by_start.partition_point(|(s, _, _)| *s <= start);
        if let Some(&(_, end, statement)) = at.checked_sub(1).map(|k| &by_start[k])
            && start < end
        {
            out[i].attribution = out[statement].attribution.clone();
        }
    }
    (out, side)
}

/// What every statement shows for check-worthiness (`Signals::show`), in order.
fn read_signals<'a>(
    text: &'a str,
    statements: &[&Target],
    bytes: &ByteOffsets,
    rules: &'a Rules,
) -> (checkworthy::Signals<'a>, Vec<checkworthy::Shown>) {
    let mut signals = checkworthy::Signals::default();
    let mut spare = tokens::Spare::default();
    let shown = statements
        .iter()
        .map(|target| {
            let tokens = Tokens::read_in(
                bytes.slice(text, target),
                MAX_TOKENS,
                rules,
                std::mem::take(&mut spare),
            );
            let seen = signals.show(&tokens, rules);
            spare = tokens.into_spare();
            seen
        })
        .collect();
    (signals, shown)
}

/// What the attribution pass found, per statement in order.
struct Attributions {
    /// The attribution each statement makes itself.
    own: Vec<Option<Attribution>>,
    inq: Vec<quotes::InQuotes>,
    /// The statement ends "X said:" (outside quotation marks).
    ends_with_colon: Vec<bool>,
    quotations: Vec<quotes::Quotation>,
}

/// Reads the statements in order for attributions: quotations that run on, names learnt,
/// sources resolved to earlier ones. `also` sees each statement's tokens.
fn read_attributions<'s>(
    text: &'s str,
    statements: &[&Target],
    bytes: &ByteOffsets,
    rules: &Rules,
    mut also: impl FnMut(&Tokens<'s>),
) -> Attributions {
    let mut memory = sources::Memory::default();
    let mut tracker = quotes::Tracker::default();
    let mut own: Vec<Option<Attribution>> = Vec::with_capacity(statements.len());
    let mut inq: Vec<quotes::InQuotes> = Vec::with_capacity(statements.len());
    let mut ends_with_colon: Vec<bool> = Vec::with_capacity(statements.len());
    // One statement's tokens at a time, in the same buffers.
    let mut spare = tokens::Spare::default();
    let mut paragraph = 0;
    let mut prev_end_byte: Option<usize> = None;
    for (index, target) in statements.iter().enumerate() {
        let start_byte = bytes.get(target.start).unwrap_or(0);
        let new_paragraph = prev_end_byte.is_some_and(|e| {
            text.get(e..start_byte)
                .is_some_and(|gap| gap.contains('\n'))
        });
        if new_paragraph {
            paragraph += 1;
        }
        prev_end_byte = bytes.get(target.end);
        let read = Read {
            tokens: Tokens::read_in(bytes.slice(text, target), MAX_TOKENS, rules, spare),
            char_start: target.start,
        };
        let t = &read.tokens;
        let mut q = tracker.step(t, index, paragraph, new_paragraph);
        memory.learn_names(t, rules);
        let chars = |b: usize| read.char_of(b);
        let teaser = is_teaser(t.src, rules);
        let found = if teaser {
            None
        } else {
            attribution::detect(t, &q.quoted, rules)
        };
        let mut subject = None;
        let attribution = found.map(|f| {
            let phrase = sources::Phrase {
                t,
                a: f.source.0,
                b: f.source.1,
                chars: &chars,
            };
            let sources::Resolved { source, mention } = memory.resolve(&phrase, rules);
            if f.source.0 == 0 {
                subject = Some(source.clone());
            }
            let cue_span = (t.toks[f.cue.0].start, t.toks[f.cue.1 - 1].end);
            Attribution {
                source: source.text,
                cue: t.src[cue_span.0..cue_span.1].to_string(),
                source_start: source.start,
                source_end: source.end,
                cue_start: chars(cue_span.0),
                cue_end: chars(cue_span.1),
                via: if mention.is_some() {
                    Via::Reference
                } else {
                    Via::Cue
                },
                mention: mention.map(|m| Span {
                    text: m.text,
                    start: m.start,
                    end: m.end,
                }),
            }
        });
        // Who a "he" in the next statement most likely is.
        let subject = subject.or_else(|| memory.opening_person(t, &chars, rules));
        memory.set_previous_subject(subject);
        ends_with_colon.push(
            (0..t.len())
                .rev()
                .find(|&i| !q.quoted.get(i).copied().unwrap_or(false))
                .is_some_and(|i| t.lower(i) == ":"),
        );
        also(t);
        own.push(attribution);
        // Only which quotations the statement is in is read from here on.
        q.quoted = Vec::new();
        inq.push(q);
        spare = read.tokens.into_spare();
    }
    Attributions {
        own,
        inq,
        ends_with_colon,
        quotations: tracker.quotations,
    }
}

/// "ALSO READ: ..." lines point to another article; what they quote is not this one's claim.
fn is_teaser(src: &str, rules: &Rules) -> bool {
    tokens::with_lower_head(src, 32, |head| {
        let head = head.trim_start();
        rules
            .cues
            .ignore_lines
            .iter()
            .any(|p| head.starts_with(p.as_str()))
    })
}

/// The speaker of each quotation: an attribution in a statement it touches, the statement
/// before it when that ends "X said:", or else the previous quotation's speaker when that one
/// ended in the same or the previous paragraph (an unattributed quoted paragraph continues the
/// last speaker).
fn quotation_speakers(
    quotations: &[quotes::Quotation],
    own: &[Option<Attribution>],
    inq: &[quotes::InQuotes],
    ends_with_colon: &[bool],
) -> Vec<Option<Attribution>> {
    let mut speakers: Vec<Option<Attribution>> = vec![None; quotations.len()];
    for (s, q) in inq.iter().enumerate() {
        for &id in &q.touches {
            if speakers[id].is_none() {
                speakers[id] = own[s].clone();
            }
        }
    }
    for (id, q) in quotations.iter().enumerate() {
        if speakers[id].is_some() {
            continue;
        }
        if q.first > 0 && ends_with_colon[q.first - 1] {
            speakers[id] = own[q.first - 1].clone();
        }
        if speakers[id].is_none() && id > 0 {
            let prev = &quotations[id - 1];
            if q.first_paragraph <= prev.last_paragraph + 1 {
                speakers[id] = speakers[id - 1].clone();
            }
        }
    }
    speakers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_thread_or_two_give_the_same_hints() {
        let rules = Rules::shipped();
        let mut text = crate::synth::article_text(40_000, 11);
        // Quotations over several statements and paragraphs, spoken before and after.
        text.push_str(
            "The minister said: “Prices will fall. Wages will rise.\n“We are sure of it.” \
             “It is not true,” the opposition said. He added that taxes rose.\n",
        );
        let hints = hints_for_text(&text, &rules);
        assert!(hints.len() >= TWO_THREADS_FROM);
        let mut targets = Vec::new();
        for (i, h) in hints.iter().enumerate() {
            targets.push(Target {
                id: h.id.clone(),
                start: h.start,
                end: h.end,
                selection: false,
            });
            if i % 4 == 1 && h.end > h.start + 6 {
                targets.push(Target {
                    id: format!("sel-{i}"),
                    start: h.start + 3,
                    end: h.end - 2,
                    selection: true,
                });
            }
        }
        let one = analyse_on(&text, &targets, &rules, || 1, false);
        let two = analyse_on(&text, &targets, &rules, || 1, true);
        assert_eq!(one, two);
        // `hints_for_text` read the statements on two threads.
        let statements: Vec<Target> = targets.iter().filter(|t| !t.selection).cloned().collect();
        assert_eq!(
            analyse_on(&text, &statements, &rules, || (), false).0,
            hints
        );
        assert!(
            one.0
                .iter()
                .any(|h| h.attribution.is_some() && h.id.starts_with("sel-"))
        );
    }
}
