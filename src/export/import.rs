//! Brings W3C Web Annotations back into a project: those `export --format w3c` writes, and
//! plain ones from other annotation tools.
//!
//! Each annotation is matched to a claim in this order:
//! 1. by the claim id in its `urn:claimdesk:claim:…` id, when the project has that claim and
//!    its quote is the annotation's `TextQuoteSelector` exact text;
//! 2. by its `TextPositionSelector` when the text at those offsets is the quote: the claim
//!    covering exactly that span, else a new selection claim there;
//! 3. by searching the text for the quote, using its prefix and suffix to choose between
//!    repeats: the claim covering exactly that span, else a new selection claim.
//!
//! The review is then recorded under the annotation's creator through `ops` (so the audit log
//! and every invariant hold), stamped with the annotation's `modified` (else `created`) time:
//! the verdict (`classifying`), attributed-to (`describing`), note (`commenting`, or a
//! `TextualBody` without purpose, or `bodyValue`) and evidence (`linking`; evidence with the
//! same URL is updated rather than added twice). Fields the annotation does not carry are
//! left alone, so importing the same file twice changes nothing the second time.
//!
//! No annotation is dropped silently: each one gets an `Outcome`, with the reason when it
//! was not applied and a note for every part of it that was not used.

use super::w3c::{CONTEXT, ID_PREFIX, text_urn};
use crate::clock::is_timestamp;
use crate::model::{Evidence, Project, Verdict};
use crate::ops;
use crate::text::CharIndex;
use serde_json::Value;
use std::fmt;

/// The file as a whole could not be read as annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub message: String,
    /// 1-based line and column of a JSON syntax error.
    pub position: Option<(usize, usize)>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((line, col)) = self.position {
            write!(f, "{line}:{col}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// What happened to one annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// 1-based position in the file.
    pub index: usize,
    /// The annotation's `id`, empty when it has none.
    pub id: String,
    /// The claim it was applied to; `None` when it was not applied.
    pub claim: Option<String>,
    /// A selection claim was made for it.
    pub created_claim: bool,
    /// Something in the project changed.
    pub changed: bool,
    /// Why it was not applied (when `claim` is `None`), else the parts of it not used.
    pub notes: Vec<String>,
}

impl Outcome {
    /// "annotation 3 (urn:…)" for messages.
    pub fn describe(&self) -> String {
        if self.id.is_empty() {
            format!("annotation {}", self.index)
        } else {
            format!("annotation {} ({})", self.index, self.id)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// One per annotation in the file, in file order.
    pub outcomes: Vec<Outcome>,
}

impl ImportSummary {
    pub fn total(&self) -> usize {
        self.outcomes.len()
    }

    pub fn applied(&self) -> usize {
        self.outcomes.iter().filter(|o| o.claim.is_some()).count()
    }

    pub fn not_applied(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.claim.is_none())
    }

    pub fn claims_created(&self) -> usize {
        self.outcomes.iter().filter(|o| o.created_claim).count()
    }

    /// The project changed: worth saving.
    pub fn changed(&self) -> bool {
        self.outcomes.iter().any(|o| o.changed)
    }
}

/// Applies the annotations in `json` to the project. `now` (RFC 3339) stamps reviews from
/// annotations that carry no time. Fails only when the file is not JSON or holds no
/// annotations at all; each annotation that cannot be applied is reported in the summary.
pub fn import_annotations(
    p: &mut Project,
    json: &str,
    now: &str,
) -> Result<ImportSummary, ImportError> {
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let root: Value = serde_json::from_str(json).map_err(|e| {
        let full = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        ImportError {
            message: format!(
                "not valid JSON: {}",
                full.strip_suffix(&at).unwrap_or(&full)
            ),
            position: (e.line() > 0).then(|| (e.line(), e.column())),
        }
    })?;
    let items = annotations(&root)?;
    let index = CharIndex::new(&p.article.text);
    let mut summary = ImportSummary::default();
    for (i, v) in items.iter().enumerate() {
        let mut outcome = Outcome {
            index: i + 1,
            id: v
                .get("id")
                .or_else(|| v.get("@id"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            claim: None,
            created_claim: false,
            changed: false,
            notes: Vec::new(),
        };
        if let Err(reason) = import_one(p, &index, v, now, &mut outcome) {
            outcome.claim = None;
            outcome.notes.insert(0, reason);
        }
        summary.outcomes.push(outcome);
    }
    Ok(summary)
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("type").or_else(|| v.get("@type")) {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    types(v)
        .iter()
        .any(|x| x.eq_ignore_ascii_case(t) || x.strip_prefix("oa:") == Some(t))
}

/// The annotations in a collection (its embedded pages), a page, a list or one annotation.
fn annotations(root: &Value) -> Result<Vec<&Value>, ImportError> {
    let plain = |message: String| ImportError {
        message,
        position: None,
    };
    if let Value::Array(list) = root {
        return Ok(list.iter().collect());
    }
    if !root.is_object() {
        return Err(plain(
            "expected W3C Web Annotations: an AnnotationCollection, an AnnotationPage, an Annotation or a list of annotations".into(),
        ));
    }
    if has_type(root, "AnnotationPage") {
        return Ok(page_items(root));
    }
    if has_type(root, "AnnotationCollection") {
        let mut out = Vec::new();
        let mut page = root.get("first");
        let mut pages = 0;
        while let Some(pg) = page {
            if pg.is_string() {
                return Err(plain(format!(
                    "the collection's page {} is only a link ({}); export it with its pages embedded",
                    pages + 1,
                    pg.as_str().unwrap_or("")
                )));
            }
            out.extend(page_items(pg));
            pages += 1;
            page = pg.get("next").filter(|n| n.is_object());
        }
        if pages == 0 {
            return Err(plain(
                "the AnnotationCollection has no pages (no \"first\")".into(),
            ));
        }
        return Ok(out);
    }
    if has_type(root, "Annotation") || root.get("target").is_some() {
        return Ok(vec![root]);
    }
    let context = root.get("@context").and_then(Value::as_str).unwrap_or("");
    Err(plain(format!(
        "expected W3C Web Annotations (an AnnotationCollection, AnnotationPage, Annotation or a list){}",
        if context == CONTEXT {
            ""
        } else {
            "; the file does not use the anno.jsonld context either"
        }
    )))
}

fn page_items(page: &Value) -> Vec<&Value> {
    match page.get("items") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    }
}

/// What one annotation says, read before anything is changed.
#[derive(Debug, Default)]
struct Parsed {
    claim_id: Option<String>,
    is_final: bool,
    reviewer: Option<String>,
    at: Option<String>,
    verdict: Option<Verdict>,
    attributed_to: Option<String>,
    note: Option<String>,
    evidence: Vec<Evidence>,
    source: Option<String>,
    exact: Option<String>,
    prefix: String,
    suffix: String,
    position: Option<(usize, usize)>,
}

fn import_one(
    p: &mut Project,
    index: &CharIndex,
    v: &Value,
    now: &str,
    out: &mut Outcome,
) -> Result<(), String> {
    if !v.is_object() {
        return Err("not a JSON object".into());
    }
    if !types(v).is_empty() && !has_type(v, "Annotation") {
        return Err(format!(
            "not an Annotation (its type is {})",
            types(v).join(", ")
        ));
    }
    let parsed = parse(v, &mut out.notes)?;
    if parsed.is_final {
        return Err(
            "it is an adjudicated final verdict; claimdesk has no operation to set final verdicts from a file, so choose it again in the app".into(),
        );
    }
    let has_review = parsed.verdict.is_some()
        || parsed.attributed_to.is_some()
        || parsed.note.is_some()
        || !parsed.evidence.is_empty();
    let reviewer = match (&parsed.reviewer, has_review) {
        (Some(r), _) => r.clone(),
        (None, false) => "import".to_string(),
        (None, true) => {
            return Err(
                "it has no creator; claimdesk keeps one review per reviewer and needs their name"
                    .into(),
            );
        }
    };
    if let Some(src) = &parsed.source {
        let ours = [
            p.article.url.trim().to_string(),
            text_urn(&p.article.text_sha256),
        ];
        if !ours.iter().any(|o| !o.is_empty() && o == src) {
            out.notes.push(format!(
                "its target is {src}, not this article's address; it was matched by its text"
            ));
        }
    }
    let (claim_id, created) = locate(p, index, &parsed, &reviewer, &mut out.notes)?;
    out.claim = Some(claim_id.clone());
    out.created_claim = created;
    out.changed = created;
    let at = match &parsed.at {
        Some(t) => t.clone(),
        None => now.to_string(),
    };
    out.changed |= apply(p, &claim_id, &reviewer, &parsed, &at).map_err(|e| e.to_string())?;
    if !has_review && !created {
        out.notes
            .push("it carries no verdict, note, attribution or evidence: nothing to record".into());
    }
    Ok(())
}

fn as_strs(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn one_or_many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    }
}

fn parse(v: &Value, notes: &mut Vec<String>) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let id = v
        .get("id")
        .or_else(|| v.get("@id"))
        .and_then(Value::as_str)
        .unwrap_or("");
    if let Some(rest) = id.strip_prefix(ID_PREFIX) {
        let mut parts = rest.split(':');
        p.claim_id = parts.next().map(str::to_string);
        p.is_final = parts.next() == Some("final");
    }
    p.reviewer = creator(v.get("creator"));
    for key in ["modified", "created"] {
        if let Some(t) = v.get(key).and_then(Value::as_str) {
            if is_timestamp(t) && crate::clock::is_future(t, std::time::SystemTime::now()) {
                // A bad clock must not make this review win every later merge ("later wins").
                notes.push(format!(
                    "its {key} time {t} is more than a day in the future; not used (check the clock of the computer that wrote it)"
                ));
                continue;
            }
            if is_timestamp(t) {
                p.at = Some(t.to_string());
                break;
            }
            notes.push(format!("its {key} time {t:?} is not RFC 3339; ignored"));
        }
    }
    // Bodies.
    let mut notes_text: Vec<String> = Vec::new();
    let mut attributed: Vec<String> = Vec::new();
    if let Some(value) = v.get("bodyValue").and_then(Value::as_str) {
        notes_text.push(value.to_string());
    }
    for (n, body) in one_or_many(v.get("body")).into_iter().enumerate() {
        let n = n + 1;
        let Some(obj) = body.as_object() else {
            notes.push(format!("body {n} is a bare link with no purpose; not used"));
            continue;
        };
        let purposes = as_strs(obj.get("purpose"));
        let value = obj.get("value").and_then(Value::as_str);
        let is_text = has_type(body, "TextualBody") || value.is_some();
        let purpose = purposes
            .iter()
            .map(|s| s.strip_prefix("oa:").unwrap_or(s))
            .find(|s| matches!(*s, "classifying" | "describing" | "commenting" | "linking"));
        match (purpose, is_text) {
            (Some("classifying"), _) => {
                let raw = value.unwrap_or("");
                let verdict: Verdict = raw.parse()?;
                if p.verdict.is_some_and(|old| old != verdict) {
                    return Err("it has two different verdicts (classifying bodies)".into());
                }
                p.verdict = Some(verdict);
            }
            (Some("describing"), true) => attributed.push(value.unwrap_or("").trim().to_string()),
            (Some("commenting"), true) | (None, true) if purposes.is_empty() || purpose.is_some() => {
                notes_text.push(value.unwrap_or("").to_string());
            }
            (Some("linking"), _) => match evidence(body) {
                Some(e) => p.evidence.push(e),
                None => notes.push(format!(
                    "body {n} (linking) has no URL; not used"
                )),
            },
            _ => notes.push(format!(
                "body {n} ({}) not used: claimdesk records verdicts (classifying), attributed-to (describing), notes (commenting) and evidence (linking)",
                if purposes.is_empty() {
                    "no purpose".to_string()
                } else {
                    format!("purpose {}", purposes.join(", "))
                }
            )),
        }
    }
    if !notes_text.is_empty() {
        p.note = Some(notes_text.join("\n"));
    }
    if !attributed.is_empty() {
        p.attributed_to = Some(attributed.join("; "));
    }
    // Target.
    let targets = one_or_many(v.get("target"));
    if targets.len() > 1 {
        notes.push(format!(
            "it has {} targets; only the first was used",
            targets.len()
        ));
    }
    let Some(target) = targets.first() else {
        return Err("it has no target".into());
    };
    match target {
        Value::String(s) => p.source = Some(s.clone()),
        Value::Object(t) => {
            p.source = match t.get("source") {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).map(str::to_string),
                _ => None,
            };
            for sel in one_or_many(t.get("selector")) {
                if has_type(sel, "TextQuoteSelector") {
                    if let Some(exact) = sel.get("exact").and_then(Value::as_str) {
                        p.exact = Some(exact.to_string());
                        p.prefix = sel
                            .get("prefix")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string();
                        p.suffix = sel
                            .get("suffix")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string();
                    }
                } else if has_type(sel, "TextPositionSelector") {
                    let num = |k: &str| sel.get(k).and_then(Value::as_u64).map(|n| n as usize);
                    if let (Some(s), Some(e)) = (num("start"), num("end")) {
                        p.position = Some((s, e));
                    }
                } else {
                    notes.push(format!(
                        "a selector of type {} was not used",
                        types(sel).join(", ")
                    ));
                }
            }
        }
        _ => return Err("its target is neither a link nor an object".into()),
    }
    if p.exact.is_none() && p.position.is_none() && p.claim_id.is_none() {
        return Err(
            "its target has no TextQuoteSelector or TextPositionSelector, so it points at no text"
                .into(),
        );
    }
    Ok(p)
}

fn creator(v: Option<&Value>) -> Option<String> {
    let first = one_or_many(v).into_iter().next()?;
    let name = match first {
        Value::String(s) => s.as_str(),
        Value::Object(o) => ["name", "nickname", "id"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))?,
        _ => return None,
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

fn evidence(body: &Value) -> Option<Evidence> {
    let source = body.get("source");
    let url = match source {
        Some(Value::String(s)) => s.as_str(),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str)?,
        _ => body.get("id").and_then(Value::as_str)?,
    };
    if url.trim().is_empty() {
        return None;
    }
    let title = [source, Some(body)]
        .into_iter()
        .flatten()
        .find_map(|o| {
            o.get("label")
                .or_else(|| o.get("title"))
                .and_then(Value::as_str)
        })
        .unwrap_or("");
    let excerpt = one_or_many(body.get("selector"))
        .into_iter()
        .find(|s| has_type(s, "TextQuoteSelector"))
        .and_then(|s| s.get("exact"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let accessed = body
        .get("state")
        .and_then(|s| s.get("sourceDate"))
        .and_then(Value::as_str)
        .map(|d| d.strip_suffix("T00:00:00Z").unwrap_or(d))
        .unwrap_or("");
    Some(Evidence {
        url: url.to_string(),
        title: title.to_string(),
        excerpt: excerpt.to_string(),
        accessed: accessed.to_string(),
    })
}

/// Finds (or makes) the claim an annotation is about. Returns its id and whether it is new.
fn locate(
    p: &mut Project,
    index: &CharIndex,
    a: &Parsed,
    reviewer: &str,
    notes: &mut Vec<String>,
) -> Result<(String, bool), String> {
    if let Some(claim) = a.claim_id.as_deref().and_then(|id| p.claim(id)) {
        match &a.exact {
            Some(exact) if *exact != claim.quote => notes.push(format!(
                "claim {} covers different text in this project; matched by the quote instead",
                claim.id
            )),
            _ => return Ok((claim.id.clone(), false)),
        }
    }
    let text = &p.article.text;
    let Some(exact) = a.exact.as_deref().filter(|e| !e.is_empty()) else {
        return Err(match a.claim_id.as_deref() {
            Some(id) => format!(
                "this project has no claim {id}, and the annotation has no quote (TextQuoteSelector) to find the text by"
            ),
            None => "it has no quote (TextQuoteSelector) to check its position against".into(),
        });
    };
    // By position, when the text there is the quote.
    if let Some((start, end)) = a.position {
        if index.slice(text, start..end) == Some(exact) {
            return claim_at(p, index, start, end, reviewer);
        }
        notes.push(format!(
            "the text at {start}..{end} is not its quote; found the quote by searching"
        ));
    }
    // By searching for the quote; the context picks among repeats.
    let hits: Vec<(usize, usize)> = text
        .match_indices(exact)
        .map(|(b, _)| b)
        .map(|b| {
            let score = usize::from(text[..b].ends_with(a.prefix.as_str()))
                + usize::from(text[b + exact.len()..].starts_with(a.suffix.as_str()));
            (b, score)
        })
        .collect();
    if hits.is_empty() {
        return Err("its quote is not in this article's text".into());
    }
    let best = hits.iter().map(|h| h.1).max().unwrap_or(0);
    let mut top: Vec<usize> = hits.iter().filter(|h| h.1 == best).map(|h| h.0).collect();
    if top.len() > 1 {
        if let Some((start, _)) = a.position {
            // Several equally good places: take the one nearest the stated position.
            top.sort_by_key(|&b| index.char_at_byte(b).unwrap_or(0).abs_diff(start));
            top.truncate(1);
        } else {
            return Err(format!(
                "its quote appears {} times and its prefix/suffix do not tell which is meant",
                top.len()
            ));
        }
    }
    if best < 2 {
        notes.push("its prefix/suffix differ from this text; matched by the quote alone".into());
    }
    let b = top[0];
    let start = index
        .char_at_byte(b)
        .ok_or("the quote starts inside a character")?;
    let end = start + exact.chars().count();
    claim_at(p, index, start, end, reviewer)
}

/// The claim covering exactly `start..end` (whitespace around it aside), else a new selection.
fn claim_at(
    p: &mut Project,
    index: &CharIndex,
    start: usize,
    end: usize,
    reviewer: &str,
) -> Result<(String, bool), String> {
    // Adding a claim never changes the text, so the caller's index stays valid.
    let text = &p.article.text;
    let covered = index.slice(text, start..end).unwrap_or("");
    let (lead, trail) = crate::text::whitespace_edges(covered);
    let (s, e) = (start + lead, end.saturating_sub(trail).max(start + lead));
    if let Some(c) = p.claims.iter().find(|c| c.start == s && c.end == e) {
        return Ok((c.id.clone(), false));
    }
    let id = ops::add_claim(p, start..end, reviewer).map_err(|e| e.to_string())?;
    Ok((id, true))
}

/// Records the review through `ops`; only what differs is changed. Returns whether anything
/// changed.
fn apply(
    p: &mut Project,
    claim: &str,
    reviewer: &str,
    a: &Parsed,
    at: &str,
) -> Result<bool, ops::OpError> {
    let mut changed = false;
    if let Some(v) = a.verdict {
        changed |= ops::set_verdict(p, claim, reviewer, v, at)?;
    }
    // Review edits never move claims, so the claim stays at this index.
    let Some(at_index) = p.claim_index(claim) else {
        return Err(ops::OpError(format!("no claim with id '{claim}'")));
    };
    let current = |p: &Project| {
        p.claims[at_index]
            .review(reviewer)
            .cloned()
            .unwrap_or_default()
    };
    if let Some(who) = &a.attributed_to
        && current(p).attributed_to != who.trim()
    {
        ops::set_attributed_to(p, claim, reviewer, who, at)?;
        changed = true;
    }
    if let Some(note) = &a.note
        && current(p).note != *note
    {
        ops::set_note(p, claim, reviewer, note, at)?;
        changed = true;
    }
    for e in &a.evidence {
        let review = current(p);
        match review.evidence.iter().position(|old| old.url == e.url) {
            Some(i) if review.evidence[i] == *e => {}
            Some(i) => {
                ops::update_evidence(p, claim, reviewer, i, e.clone(), at)?;
                changed = true;
            }
            None => {
                ops::add_evidence(p, claim, reviewer, e.clone(), at)?;
                changed = true;
            }
        }
    }
    Ok(changed)
}
