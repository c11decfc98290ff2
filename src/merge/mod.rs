//! Merging reviewers' project files: nothing any reviewer wrote is dropped.
//!
//! - **Target text.** The first file's article text is the text of the result (for a
//!   three-way merge: ours, unless only theirs changed the text). Claims of files whose text
//!   differs are re-anchored into it with [`crate::anchor`]; a claim that cannot be placed is
//!   kept, with all its reviews, in `Project::orphans`. Orphans of a file whose text differs
//!   from the target get another try; orphans of a file with the target text stay orphans.
//! - **Claims** are matched by id. Claims from *different* files that land on the same span
//!   (same start and end, hence the same quote) and are both selections, or both statements,
//!   are the same claim: the one kept is a statement whose id is derived from that span of the
//!   target text if there is one, else the smallest id; the other id is listed in
//!   [`MergeReport::same_span`].
//! - **Statements** must not overlap. When files split or merged statements differently, both
//!   versions are kept: the statements that tile the text stay statements (those derived from
//!   the target text first, then in article order), the others become selections over the same
//!   span, keeping their id and reviews ([`MergeReport::demoted`]).
//! - **Reviews** are per reviewer and never overwrite another reviewer's. One reviewer's
//!   review edited in two files: the later `changed` wins, the earlier is kept (its verdict as
//!   an audit entry, its evidence, attributed-to and note in the later review) and listed in
//!   [`MergeReport::superseded`].
//! - **Final verdicts**: the later decision wins; the earlier one goes to the audit log.
//! - **Audit log**: the union of all files' entries (an entry found in several files once),
//!   sorted by time (entries of the same second keep their order).
//! - **Reviewers**: united, in order of first appearance.
//! - **Another article.** A file whose text differs from the target and fewer than half of
//!   whose claims can be placed in it is about another article: the merge fails with
//!   [`MergeError::DifferentArticle`] rather than turn all its claims into orphans, unless
//!   [`MergeOptions::allow_different_article`] is set.
//! - **Texts not kept** are listed in [`MergeReport::texts_set_aside`]: every file whose
//!   article text differs from the result's and was an edit (in a three-way merge, theirs when
//!   both sides changed the text differently). Callers say so plainly; the merge driver keeps
//!   that text beside the file.
//!
//! Every result is checked with `store::validate` before it is returned.

mod combine;

use crate::anchor::{self, Anchored, Anchorer};
use crate::ids;
use crate::model::{
    Adjudication, Article, AuditEntry, Claim, ClaimKind, FORMAT_VERSION, Project, Publisher,
    Review, Verdict,
};
use crate::store::{Problem, validate};
use crate::text::{CharIndex, sha256_hex};
use combine::{Pick, Side, combine_finals, combine_reviews, three_way, time_of};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::ops::Range;

/// The merged project and what the merge did.
#[derive(Debug, Clone)]
pub struct MergeOutcome {
    pub project: Project,
    pub report: MergeReport,
}

/// What a merge did, compared with the first file (three-way: with ours). Lists name claims a
/// person should look at; counts are for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeReport {
    /// Files merged (a three-way merge counts ours and theirs).
    pub files: usize,
    /// Claims in the result (orphans not counted).
    pub claims: usize,
    /// Orphans in the result.
    pub orphans: usize,
    /// Claims the first file did not have.
    pub claims_added: usize,
    /// Reviews (one reviewer on one claim) the first file did not have.
    pub reviews_added: usize,
    /// Reviews the first file had that the result holds in another version.
    pub reviews_updated: usize,
    /// Final verdicts the first file did not have, or had otherwise.
    pub final_verdicts_changed: usize,
    /// Audit entries the first file did not have.
    pub audit_added: usize,
    /// Claims from a file with another text placed into the target text (exactly or fuzzily),
    /// also when they joined a claim of the first file on the same span.
    pub re_anchored: usize,
    /// Of those, the ones placed approximately (one entry per file placed so): worth a look.
    pub fuzzy: Vec<FuzzyPlacement>,
    /// Claims no place was found for: kept as orphans with their reviews.
    pub orphaned: Vec<String>,
    /// Orphans of a file that found their place in the target text.
    pub reattached: Vec<String>,
    /// Earlier versions of a reviewer's review (or of a final verdict) that a later one won over.
    pub superseded: Vec<Superseded>,
    /// Claims from different files on the same span, merged into one.
    pub same_span: Vec<SameSpan>,
    /// Statements kept as selections because they overlap statements that tile the text.
    pub demoted: Vec<String>,
    /// Three-way only: claims one side deleted and the other left untouched.
    pub deleted: Vec<String>,
    /// Article texts of input files that are not the result's text: their claims were
    /// re-anchored into the result's text, but the text itself (an edit someone made) is not
    /// in the result. Three-way: theirs, when both sides changed the text differently.
    pub texts_set_aside: Vec<TextSetAside>,
}

/// An input's article text the result does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextSetAside {
    /// Index of the file (for `merge3`: 0 = base, 1 = ours, 2 = theirs).
    pub file: usize,
    /// SHA-256 of that text, as its file's `text_sha256`.
    pub sha256: String,
    /// Its length in characters.
    pub chars: usize,
}

/// Choices a caller can make about a merge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// Merge files about different articles anyway (their claims mostly become orphans).
    pub allow_different_article: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FuzzyPlacement {
    pub claim: String,
    /// Index of the file the claim came from (0 = first).
    pub file: usize,
    /// 0–1; see `anchor::MIN_SCORE`.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Superseded {
    pub claim: String,
    /// The reviewer (for a final verdict: the editor of the earlier decision).
    pub reviewer: String,
    /// `changed` (or `at`) of the version kept.
    pub kept: String,
    /// `changed` (or `at`) of the earlier version.
    pub superseded: String,
    /// True for a final verdict, false for a reviewer's review.
    pub adjudication: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SameSpan {
    pub kept: String,
    pub merged: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// No project was given.
    NoInput,
    /// Input number `input` (0-based; for `merge3` 0 = base, 1 = ours, 2 = theirs) breaks a rule
    /// a project file must keep.
    Invalid { input: usize, problem: Problem },
    /// The merged project breaks a rule: a bug in the merge, reported rather than saved.
    Result(Problem),
    /// Input number `input` (numbered as for `Invalid`) is about another article than the
    /// target text: its text differs and fewer than half of its claims could be placed.
    DifferentArticle {
        input: usize,
        /// Its article's title.
        title: String,
        /// The title of the article merged into.
        target_title: String,
        /// Its claims that found a place in the target text, of `claims`.
        placed: usize,
        claims: usize,
    },
}

fn describe_problem(p: &Problem) -> String {
    match &p.claim {
        Some(c) => format!("claim {c}: {}", p.message),
        None => p.message.clone(),
    }
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::NoInput => f.write_str("nothing to merge"),
            MergeError::Invalid { input, problem } => write!(
                f,
                "project {} is not valid: {}",
                input + 1,
                describe_problem(problem)
            ),
            MergeError::Result(problem) => write!(
                f,
                "the merged project would not be valid ({}); nothing was written — please report this",
                describe_problem(problem)
            ),
            MergeError::DifferentArticle { input, .. } => {
                write!(f, "project {} {}", input + 1, self.different_article())
            }
        }
    }
}

impl MergeError {
    /// For [`MergeError::DifferentArticle`]: what follows the file's name in a message,
    /// "is about a different article (…); nothing merged".
    pub fn different_article(&self) -> String {
        let MergeError::DifferentArticle {
            title,
            target_title,
            placed,
            claims,
            ..
        } = self
        else {
            return self.to_string();
        };
        format!(
            "is about a different article (“{}”, not “{}”): only {placed} of its {claims} claims could be placed in the text merged into; nothing merged",
            short(title),
            short(target_title)
        )
    }
}

impl std::error::Error for MergeError {}

/// Merges reviewers' copies of a project. The first file's article text is the target.
pub fn merge(projects: &[Project]) -> Result<MergeOutcome, MergeError> {
    let refs: Vec<&Project> = projects.iter().collect();
    merge_refs(&refs)
}

/// [`merge`] over borrowed projects (the app merges a loaded file into its open project).
pub fn merge_refs(projects: &[&Project]) -> Result<MergeOutcome, MergeError> {
    merge_with(projects, MergeOptions::default())
}

/// [`merge_refs`] with options.
pub fn merge_with(
    projects: &[&Project],
    options: MergeOptions,
) -> Result<MergeOutcome, MergeError> {
    let first = projects.first().ok_or(MergeError::NoInput)?;
    for (input, p) in projects.iter().enumerate() {
        validate(p).map_err(|problem| MergeError::Invalid { input, problem })?;
    }
    let mut article = first.article.clone();
    for p in &projects[1..] {
        fill(&mut article.title, &p.article.title);
        fill(&mut article.outlet, &p.article.outlet);
        fill(&mut article.url, &p.article.url);
        fill(&mut article.published, &p.article.published);
    }
    let plan = Plan {
        files: projects.to_vec(),
        base: None,
        sides: None,
        reference: 0,
        reviewer_order: (0..projects.len()).collect(),
        article,
        publisher: projects.iter().find_map(|p| p.publisher.clone()),
        inputs: (0..projects.len()).collect(),
        options,
    };
    run(&plan)
}

fn fill(mine: &mut String, theirs: &str) {
    if mine.trim().is_empty() && !theirs.trim().is_empty() {
        *mine = theirs.to_string();
    }
}

/// Three-way merge (for git): what one side changed since `base` and the other did not touch
/// is taken from that side (so a review or claim deleted on one side and untouched on the
/// other is deleted); what both changed is merged as [`merge`] does, never dropping a review.
/// The text is ours, unless only theirs changed it.
pub fn merge3(
    base: &Project,
    ours: &Project,
    theirs: &Project,
) -> Result<MergeOutcome, MergeError> {
    merge3_with(base, ours, theirs, MergeOptions::default())
}

/// [`merge3`] with options.
pub fn merge3_with(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    options: MergeOptions,
) -> Result<MergeOutcome, MergeError> {
    for (input, p) in [base, ours, theirs].into_iter().enumerate() {
        validate(p).map_err(|problem| MergeError::Invalid { input, problem })?;
    }
    let theirs_text =
        ours.article.text == base.article.text && theirs.article.text != base.article.text;
    let (files, o, t, inputs) = if theirs_text {
        (vec![theirs, ours], 1, 0, vec![2, 1])
    } else {
        (vec![ours, theirs], 0, 1, vec![1, 2])
    };
    let pick = |b: &String, o: &String, t: &String| -> String {
        match three_way(Some(b), Some(o), Some(t)) {
            Pick::One(Some(v)) => v.clone(),
            _ => o.clone(),
        }
    };
    let text = files[0].article.text.clone();
    let (ba, oa, ta) = (&base.article, &ours.article, &theirs.article);
    let article = Article {
        title: pick(&ba.title, &oa.title, &ta.title),
        outlet: pick(&ba.outlet, &oa.outlet, &ta.outlet),
        url: pick(&ba.url, &oa.url, &ta.url),
        published: pick(&ba.published, &oa.published, &ta.published),
        byline: pick(&ba.byline, &oa.byline, &ta.byline),
        // How the text was split and where it came from go with the text kept.
        language: files[0].article.language.clone(),
        splitter: files[0].article.splitter,
        source: files[0].article.source.clone(),
        text_sha256: sha256_hex(&text),
        text,
    };
    let publisher = match three_way(
        base.publisher.as_ref(),
        ours.publisher.as_ref(),
        theirs.publisher.as_ref(),
    ) {
        Pick::One(p) => p.cloned(),
        Pick::Both(p, _) => Some(p.clone()),
    };
    let plan = Plan {
        files,
        base: Some(base),
        sides: Some((o, t)),
        reference: o,
        reviewer_order: vec![o, t],
        article,
        publisher,
        inputs,
        options,
    };
    run(&plan)
}

/// One line per orphan, for `claimdesk check` and the app:
/// `orphan c-…: "quote…" (2 reviews)`.
pub fn describe_orphans(p: &Project) -> Vec<String> {
    p.orphans.iter().map(describe_orphan).collect()
}

/// `orphan c-…: "quote…" (2 reviews)`.
pub fn describe_orphan(o: &Claim) -> String {
    let n = o.reviews.len();
    format!(
        "orphan {}: \"{}\" ({n} review{})",
        o.id,
        short(&o.quote),
        if n == 1 { "" } else { "s" }
    )
}

/// The first words of a quote, on one line.
pub fn short(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = words[..words.len().min(10)].join(" ");
    if words.len() > 10 {
        out.push('…');
    }
    out
}

struct Plan<'a> {
    /// `files[0]` holds the target text.
    files: Vec<&'a Project>,
    base: Option<&'a Project>,
    /// Three-way: (ours, theirs) as indices into `files`.
    sides: Option<(usize, usize)>,
    /// The file the report compares with.
    reference: usize,
    /// Files whose reviewer lists are united, in this order.
    reviewer_order: Vec<usize>,
    article: Article,
    publisher: Option<Publisher>,
    /// The caller's number of each of `files` (for errors and the report).
    inputs: Vec<usize>,
    options: MergeOptions,
}

impl Plan<'_> {
    /// Texts not kept: every file whose text differs from the target's and is not the
    /// common ancestor's (an unchanged side set nothing aside).
    fn texts_set_aside(&self) -> Vec<TextSetAside> {
        let target = &self.files[0].article.text;
        let base = self.base.map(|b| &b.article.text);
        self.files
            .iter()
            .zip(&self.inputs)
            .filter(|(p, _)| &p.article.text != target && Some(&p.article.text) != base)
            .map(|(p, &file)| TextSetAside {
                file,
                sha256: sha256_hex(&p.article.text),
                chars: p.article.text.chars().count(),
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Place {
    /// Where it was: its file has the target text.
    Kept,
    /// Re-anchored; the score when fuzzy.
    Moved(Range<usize>, Option<f64>),
    /// No place: an orphan.
    Lost,
}

struct Copy<'a> {
    file: usize,
    claim: &'a Claim,
    place: Place,
    /// It was in its file's orphans.
    was_orphan: bool,
}

impl Copy<'_> {
    fn span(&self) -> Option<Range<usize>> {
        match &self.place {
            Place::Kept => Some(self.claim.start..self.claim.end),
            Place::Moved(r, _) => Some(r.clone()),
            Place::Lost => None,
        }
    }
}

struct Group<'a> {
    id: &'a str,
    copies: Vec<Copy<'a>>,
    alive: bool,
    /// Index into `copies` of the copy that gives the span, if any is placed.
    placed_by: Option<usize>,
    statement: bool,
}

impl Group<'_> {
    fn span(&self) -> Option<Range<usize>> {
        self.placed_by.and_then(|i| self.copies[i].span())
    }

    fn files(&self) -> HashSet<usize> {
        self.copies.iter().map(|c| c.file).collect()
    }
}

fn run(plan: &Plan) -> Result<MergeOutcome, MergeError> {
    let target = plan.files[0].article.text.as_str();
    let index = CharIndex::new(target);
    let mut report = MergeReport {
        files: plan.files.len(),
        ..MergeReport::default()
    };

    // Every claim and orphan of every file, placed in the target text, grouped by id.
    let mut groups: Vec<Group> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (file, p) in plan.files.iter().enumerate() {
        let same = p.article.text == target;
        let mut placed = 0;
        let mut anchorer = (!same).then(|| Anchorer::new(Some(&p.article.text), target, &index));
        let mut lost = (!same).then(|| Anchorer::new(None, target, &index));
        let claims = p.claims.iter().map(|c| (c, false));
        for (claim, was_orphan) in claims.chain(p.orphans.iter().map(|c| (c, true))) {
            let place = match (was_orphan, &mut anchorer, &mut lost) {
                (false, None, _) => Place::Kept,
                (true, _, None) => Place::Lost,
                (false, Some(a), _) | (true, _, Some(a)) => match a.anchor(claim) {
                    Anchored::Exact(r) => Place::Moved(r, None),
                    Anchored::Fuzzy(r, score) => Place::Moved(r, Some(score)),
                    Anchored::Orphan => Place::Lost,
                },
            };
            if !was_orphan && place != Place::Lost {
                placed += 1;
            }
            let copy = Copy {
                file,
                claim,
                place,
                was_orphan,
            };
            match by_id.get(claim.id.as_str()) {
                Some(&g) => groups[g].copies.push(copy),
                None => {
                    by_id.insert(&claim.id, groups.len());
                    groups.push(Group {
                        id: &claim.id,
                        copies: vec![copy],
                        alive: true,
                        placed_by: None,
                        statement: false,
                    });
                }
            }
        }
        // Half its claims with no place: another article, not an edit of this one.
        let claims = p.claims.len();
        if !same && placed * 2 < claims && !plan.options.allow_different_article {
            return Err(MergeError::DifferentArticle {
                input: plan.inputs[file],
                title: p.article.title.clone(),
                target_title: plan.files[0].article.title.clone(),
                placed,
                claims,
            });
        }
    }
    for g in &mut groups {
        g.placed_by = g.copies.iter().position(|c| c.place != Place::Lost);
        g.statement = g.copies.iter().any(|c| c.claim.kind.is_statement());
    }
    let native = |g: &Group| -> bool {
        g.statement
            && g.span().is_some_and(|r| {
                let quote = index.slice(target, r.clone()).unwrap_or_default();
                ids::statement_id(r.start, r.end, quote) == g.id
            })
    };

    merge_same_spans(&mut groups, &native, &mut report);
    tile_statements(&mut groups, &native, &mut report);

    // Settle each claim.
    let base_claims: HashMap<&str, &Claim> = plan
        .base
        .map(|b| {
            b.claims
                .iter()
                .chain(&b.orphans)
                .map(|c| (c.id.as_str(), c))
                .collect()
        })
        .unwrap_or_default();
    let mut side = Side::default();
    let mut claims = Vec::with_capacity(groups.len());
    let mut orphans = Vec::new();
    for g in groups.iter().filter(|g| g.alive) {
        let base = g
            .copies
            .iter()
            .find_map(|c| base_claims.get(c.claim.id.as_str()).copied());
        let at = target_claim(g, target, &index);
        let Some(claim) = settle(g, plan, base, at.as_ref(), &mut side, &mut report) else {
            continue;
        };
        if g.placed_by.is_some() {
            claims.push(claim);
        } else {
            orphans.push(claim);
        }
    }

    let audit = unite_audit(plan, &side.audit, &mut report);
    report.superseded = side.superseded;
    let reviewers = unite_reviewers(plan, &claims, &orphans);
    let mut project = Project {
        format_version: FORMAT_VERSION,
        article: plan.article.clone(),
        reviewers,
        claims,
        audit,
        orphans,
        publisher: plan.publisher.clone(),
    };
    project.sort_claims();
    report.claims = project.claims.len();
    report.orphans = project.orphans.len();
    report.texts_set_aside = plan.texts_set_aside();
    validate(&project).map_err(MergeError::Result)?;
    Ok(MergeOutcome { project, report })
}

/// Claims from different files on the same span are the same claim.
fn merge_same_spans(
    groups: &mut [Group],
    native: &dyn Fn(&Group) -> bool,
    report: &mut MergeReport,
) {
    let mut buckets: HashMap<(usize, usize, bool), Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if let Some(r) = g.span() {
            buckets
                .entry((r.start, r.end, g.statement))
                .or_default()
                .push(i);
        }
    }
    let mut shared: Vec<Vec<usize>> = buckets.into_values().filter(|v| v.len() > 1).collect();
    shared.sort();
    for mut members in shared {
        members.sort_by_key(|&i| (!native(&groups[i]), groups[i].id));
        let mut kept: Vec<(usize, HashSet<usize>)> = Vec::new();
        for i in members {
            let files = groups[i].files();
            match kept.iter_mut().find(|(_, f)| f.is_disjoint(&files)) {
                Some((k, f)) => {
                    f.extend(files);
                    let moved = std::mem::take(&mut groups[i].copies);
                    groups[i].alive = false;
                    report.same_span.push(SameSpan {
                        kept: groups[*k].id.to_string(),
                        merged: groups[i].id.to_string(),
                    });
                    groups[*k].copies.extend(moved);
                }
                None => kept.push((i, files)),
            }
        }
    }
}

/// Statements must not overlap: keep the ones that tile the text, make the rest selections.
fn tile_statements(
    groups: &mut [Group],
    native: &dyn Fn(&Group) -> bool,
    report: &mut MergeReport,
) {
    let mut spans: Vec<(usize, usize, usize)> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.alive && g.statement)
        .filter_map(|(i, g)| g.span().map(|r| (r.start, r.end, i)))
        .collect();
    spans.sort_unstable();
    let mut reach = 0;
    let overlapping = spans.iter().any(|&(s, e, _)| {
        let hit = s < reach;
        reach = reach.max(e);
        hit
    });
    if !overlapping {
        return;
    }
    spans.sort_by_key(|&(s, e, i)| (!native(&groups[i]), s, e, groups[i].id));
    let mut kept: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut demoted = Vec::new();
    for (s, e, i) in spans {
        let clash = kept.range(..e).next_back().is_some_and(|(_, &end)| end > s);
        if clash {
            groups[i].statement = false;
            demoted.push(groups[i].id.to_string());
        } else {
            kept.insert(s, e);
        }
    }
    demoted.sort();
    report.demoted = demoted;
}

/// The span and text of a placed claim in the target text.
struct TargetSpan {
    range: Range<usize>,
    quote: String,
    prefix: String,
    suffix: String,
}

fn target_claim(g: &Group, target: &str, index: &CharIndex) -> Option<TargetSpan> {
    let copy = &g.copies[g.placed_by?];
    match &copy.place {
        Place::Kept => Some(TargetSpan {
            range: copy.claim.start..copy.claim.end,
            quote: copy.claim.quote.clone(),
            prefix: copy.claim.prefix.clone(),
            suffix: copy.claim.suffix.clone(),
        }),
        Place::Moved(r, _) => {
            let mut c = copy.claim.clone();
            anchor::place(&mut c, target, index, r.clone());
            Some(TargetSpan {
                range: r.clone(),
                quote: c.quote,
                prefix: c.prefix,
                suffix: c.suffix,
            })
        }
        Place::Lost => None,
    }
}

/// One claim out of a group's copies; `None` when a three-way merge deletes it.
fn settle<'a>(
    g: &Group<'a>,
    plan: &Plan,
    base: Option<&'a Claim>,
    at: Option<&TargetSpan>,
    side: &mut Side,
    report: &mut MergeReport,
) -> Option<Claim> {
    let id = g.id;
    let on = |file: usize| g.copies.iter().find(|c| c.file == file).map(|c| c.claim);
    let (reviews, final_verdict) = match plan.sides {
        None => {
            let mut names: BTreeSet<&str> = BTreeSet::new();
            for c in &g.copies {
                names.extend(c.claim.reviews.keys().map(String::as_str));
            }
            let reviews = names
                .into_iter()
                .map(|name| {
                    let versions: Vec<&Review> = g
                        .copies
                        .iter()
                        .filter_map(|c| c.claim.reviews.get(name))
                        .collect();
                    (name.to_string(), combine_reviews(id, name, &versions, side))
                })
                .collect();
            let finals: Vec<&Adjudication> = g
                .copies
                .iter()
                .filter_map(|c| c.claim.final_verdict.as_ref())
                .collect();
            (reviews, combine_finals(id, &finals, side))
        }
        Some((o, t)) => {
            let (ours, theirs) = (on(o), on(t));
            if let (Some(b), Some(only)) = (base, ours.xor(theirs))
                && only.reviews == b.reviews
                && only.final_verdict == b.final_verdict
            {
                // Deleted on one side, untouched on the other.
                report.deleted.push(id.to_string());
                return None;
            }
            let mut names: BTreeSet<&str> = BTreeSet::new();
            for c in [base, ours, theirs].into_iter().flatten() {
                names.extend(c.reviews.keys().map(String::as_str));
            }
            let mut reviews = std::collections::BTreeMap::new();
            for name in names {
                let get = |c: Option<&'a Claim>| c.and_then(|c| c.reviews.get(name));
                let review = match three_way(get(base), get(ours), get(theirs)) {
                    Pick::One(r) => r.cloned(),
                    Pick::Both(a, b) => Some(combine_reviews(id, name, &[a, b], side)),
                };
                if let Some(r) = review {
                    reviews.insert(name.to_string(), r);
                }
            }
            let get = |c: Option<&'a Claim>| c.and_then(|c| c.final_verdict.as_ref());
            let final_verdict = match three_way(get(base), get(ours), get(theirs)) {
                Pick::One(f) => f.cloned(),
                Pick::Both(a, b) => combine_finals(id, &[a, b], side),
            };
            (reviews, final_verdict)
        }
    };

    // The report, compared with the reference file.
    let reference = on(plan.reference);
    if at.is_some() && reference.is_none() {
        report.claims_added += 1;
    }
    for (name, r) in &reviews {
        match reference.and_then(|c| c.reviews.get(name)) {
            None => report.reviews_added += 1,
            Some(before) if before != r => report.reviews_updated += 1,
            Some(_) => {}
        }
    }
    if final_verdict.is_some()
        && final_verdict.as_ref() != reference.and_then(|c| c.final_verdict.as_ref())
    {
        report.final_verdicts_changed += 1;
    }
    if at.is_some() && g.copies.iter().any(|c| c.was_orphan) {
        report.reattached.push(id.to_string());
    }
    if at.is_none() && g.copies.iter().any(|c| !c.was_orphan) {
        report.orphaned.push(id.to_string());
    }
    if at.is_some() {
        // Copies placed here from a file with another text count as re-anchored unless the
        // target file holds that very claim. This includes copies that joined a claim of the
        // target file on the same span: a statement of an edited text has a new id, so its
        // reviews (given on the old words) come in only this way. An approximate placement is
        // always reported, even onto a claim the target holds: its reviews were given on
        // other words.
        let span = g.span();
        let mut any = false;
        let moved_here = |c: &&Copy| matches!(c.place, Place::Moved(..)) && c.span() == span;
        for c in g.copies.iter().filter(moved_here) {
            let held = g
                .copies
                .iter()
                .any(|k| k.place == Place::Kept && k.claim.id == c.claim.id);
            any |= !held;
            if let Place::Moved(_, Some(score)) = c.place {
                report.fuzzy.push(FuzzyPlacement {
                    claim: id.to_string(),
                    file: c.file,
                    score,
                });
            }
        }
        if any {
            report.re_anchored += 1;
        }
    }

    let kind = if g.statement {
        g.copies
            .iter()
            .map(|c| c.claim.kind)
            .find(|k| k.is_statement())
            .unwrap_or(ClaimKind::Statement)
    } else {
        ClaimKind::Selection
    };
    let claim = match at {
        Some(t) => Claim {
            id: id.to_string(),
            kind,
            start: t.range.start,
            end: t.range.end,
            quote: t.quote.clone(),
            prefix: t.prefix.clone(),
            suffix: t.suffix.clone(),
            reviews,
            final_verdict,
        },
        None => {
            // An orphan keeps the span and text it had in its file.
            let first = g
                .copies
                .iter()
                .find(|c| c.was_orphan)
                .unwrap_or(&g.copies[0])
                .claim;
            Claim {
                id: id.to_string(),
                kind: first.kind,
                start: first.start,
                end: first.end,
                quote: first.quote.clone(),
                prefix: first.prefix.clone(),
                suffix: first.suffix.clone(),
                reviews,
                final_verdict,
            }
        }
    };
    Some(claim)
}

type AuditKey<'a> = (&'a str, &'a str, &'a str, Verdict, Verdict, bool);

fn audit_key(e: &AuditEntry) -> AuditKey<'_> {
    (&e.at, &e.reviewer, &e.claim, e.from, e.to, e.adjudication)
}

/// The union of the files' audit logs: an entry that appears n times in some file appears n
/// times in the result (not once per file), then the merge's own entries; sorted by time.
fn unite_audit(plan: &Plan, extra: &[AuditEntry], report: &mut MergeReport) -> Vec<AuditEntry> {
    let mut most: HashMap<AuditKey, usize> = HashMap::new();
    let mut out: Vec<&AuditEntry> = Vec::new();
    let sources = plan
        .files
        .iter()
        .map(|p| p.audit.as_slice())
        .chain(std::iter::once(extra));
    for entries in sources {
        let mut here: HashMap<AuditKey, usize> = HashMap::new();
        for e in entries {
            let key = audit_key(e);
            let n = here.entry(key).or_insert(0);
            *n += 1;
            let m = most.entry(key).or_insert(0);
            if *n > *m {
                *m = *n;
                out.push(e);
            }
        }
    }
    let mut timed: Vec<_> = out.into_iter().map(|e| (time_of(&e.at), e)).collect();
    timed.sort_by_key(|(t, _)| *t);
    let before = plan.files[plan.reference].audit.len();
    report.audit_added = timed.len().saturating_sub(before);
    timed.into_iter().map(|(_, e)| e.clone()).collect()
}

fn unite_reviewers(plan: &Plan, claims: &[Claim], orphans: &[Claim]) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for &f in &plan.reviewer_order {
        for name in &plan.files[f].reviewers {
            if seen.insert(name) {
                out.push(name.clone());
            }
        }
    }
    let mut missing: BTreeSet<&str> = BTreeSet::new();
    for c in claims.iter().chain(orphans) {
        for name in c.reviews.keys() {
            if !seen.contains(name.as_str()) {
                missing.insert(name);
            }
        }
    }
    out.extend(missing.into_iter().map(String::from));
    out
}

impl MergeReport {
    /// Sentences for a person, as the app shows them after a merge: what came in, and what to
    /// look at (placements, orphans, superseded versions, deletions, texts set aside).
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!(
                "{} claims added, {} reviews added, {} reviews updated",
                self.claims_added, self.reviews_added, self.reviews_updated
            ),
            format!(
                "{} final verdicts changed, {} audit entries added",
                self.final_verdicts_changed, self.audit_added
            ),
        ];
        if self.re_anchored > 0 {
            lines.push(format!(
                "{} claims placed into this article's text ({} approximately)",
                self.re_anchored,
                self.fuzzy.len()
            ));
        }
        if !self.orphaned.is_empty() {
            lines.push(format!(
                "{} claims could not be placed: kept as orphans (see the claim list)",
                self.orphaned.len()
            ));
        }
        if !self.superseded.is_empty() {
            lines.push(format!(
                "{} older versions of a review were superseded (kept in the audit log)",
                self.superseded.len()
            ));
        }
        if !self.deleted.is_empty() {
            lines.push(format!(
                "{} claims deleted on one side were left out",
                self.deleted.len()
            ));
        }
        if !self.texts_set_aside.is_empty() {
            lines.push(format!(
                "The article text of {} other version(s) differed and was not kept: their claims were placed into this text",
                self.texts_set_aside.len()
            ));
        }
        lines
    }

    /// One line for a status bar or a terminal: "21 claims (1 added), 9 reviews added, …".
    pub fn summary(&self) -> String {
        let mut parts = vec![if self.claims_added > 0 {
            format!("{} claims ({} added)", self.claims, self.claims_added)
        } else {
            format!("{} claims", self.claims)
        }];
        parts.push(format!("{} reviews added", self.reviews_added));
        let counts = [
            (self.reviews_updated, "reviews updated"),
            (self.final_verdicts_changed, "final verdicts changed"),
            (self.superseded.len(), "earlier versions kept"),
            (self.re_anchored, "re-anchored"),
            (self.fuzzy.len(), "placed approximately"),
            (self.orphaned.len(), "orphaned"),
            (self.reattached.len(), "orphans re-attached"),
            (self.same_span.len(), "same-span claims joined"),
            (self.demoted.len(), "statements kept as selections"),
            (self.deleted.len(), "deleted on one side"),
            (self.texts_set_aside.len(), "article texts not kept"),
        ];
        for (n, what) in counts {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        parts.join(", ")
    }
}
