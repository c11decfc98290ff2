//! The HTML report: one self-contained page with inline CSS and nothing else to load, which
//! prints on A4. Built with maud, which escapes every value it inserts; project text is never
//! pasted into markup by hand, and only http(s) addresses become links (their parsed form is
//! the link target, see `links`). A Content Security Policy that allows no scripts at all
//! backs this up. Every user string is bidi-isolated and breakable (`html_text`).

use super::html_text::{breakable, iso, printable};
use super::layout::{Node, paragraphs};
use super::report::{self, Summary};
use super::{ExportOptions, Selected, Status, short_time, verdict_label, verdict_letter, web_url};
use crate::model::{ClaimKind, Evidence, Project, Review, Verdict};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// No scripts, no fetches: only the inline stylesheet. Defence in depth behind the escaping.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// The look both reports share: verdict colours (Okabe–Ito), ink, paper, type.
pub(crate) const BASE_CSS: &str = r#"
:root {
  --verified: #009E73; --attributed-only: #E69F00; --disputed: #D55E00;
  --mixed: #CC79A7; --unreviewed: #9A9A9A;
  --ink: #1b1b1b; --muted: #5c5c5c; --rule: #d9d9d9; --paper: #ffffff;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f3f2ef; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
"#;

const CSS: &str = r#".page { max-width: 1100px; margin: 0 auto; padding: 28px 36px 40px; background: var(--paper);
  overflow-wrap: anywhere; word-break: break-word; }
h1 { font: 700 28px/1.2 Georgia, "Times New Roman", serif; margin: 4px 0 14px; }
h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 18px 0 8px; }
section { margin-top: 32px; }
a { color: #0b57a4; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 14px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.filter { margin: 12px 0 0; padding: 6px 10px; background: #fff6d6; border-left: 4px solid var(--attributed-only); font-size: 14px; }
.summary { display: flex; flex-wrap: wrap; gap: 16px 40px; align-items: flex-start; }
.summary figure { margin: 0; max-width: 470px; }
.summary figcaption, .caption { font-size: 13px; color: var(--muted); }
.chart text { font-size: 13px; fill: var(--ink); }
.chart .letter { font-weight: 700; }
.progress { min-width: 240px; }
.bar { height: 12px; background: #ececec; border-radius: 6px; overflow: hidden; margin: 6px 0; }
.bar span { display: block; height: 100%; background: var(--ink); }
.big { font-size: 30px; font-weight: 700; line-height: 1.1; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--rule); }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--ink); }
table.figures { width: auto; margin-bottom: 14px; }
table.figures td.n, table.figures th.n { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; white-space: nowrap; padding: 0 7px 0 0; border-radius: 3px;
  font-size: 12.5px; background: #f4f4f4; border: 1px solid var(--c); }
.badge b { display: inline-block; min-width: 1.6em; text-align: center; margin-right: 5px; background: var(--c); color: #000; }
.v-verified { --c: var(--verified); --t: rgba(0,158,115,.20); }
.v-attributed-only { --c: var(--attributed-only); --t: rgba(230,159,0,.24); }
.v-disputed { --c: var(--disputed); --t: rgba(213,94,0,.20); }
.v-mixed { --c: var(--mixed); --t: rgba(204,121,167,.24); }
.v-unreviewed { --c: var(--unreviewed); --t: transparent; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13px; color: var(--muted); margin: 0 0 12px; }
.article { font: 17px/1.75 Georgia, "Times New Roman", serif; max-width: 46em; }
.article p { margin: 0 0 .7em; white-space: pre-wrap; overflow-wrap: anywhere; }
mark.hl { color: inherit; background: var(--t); border-bottom: 2px solid var(--c); padding: 1px 0; }
mark.hl.v-unreviewed { border-bottom: 1px dashed var(--c); }
mark.hl mark.hl { background: var(--t); border-bottom-width: 4px; border-bottom-style: double; }
a.marker { display: inline-block; font: 700 11.5px/1.45 system-ui, sans-serif; text-decoration: none;
  color: #000; background: var(--c); border-radius: 3px; padding: 0 4px; margin: 0 3px 0 1px; vertical-align: 0.35em; white-space: nowrap; }
a.marker .l { font-weight: 400; margin-left: 2px; }
table.claims { table-layout: fixed; }
table.claims td { overflow-wrap: anywhere; }
table.claims col.num { width: 4%; }
table.claims col.quote { width: 27%; }
table.claims col.rev { width: 11%; }
table.claims col.verdict { width: 12%; }
table.claims col.attr { width: 11%; }
table.claims col.note { width: 19%; }
table.claims col.ev { width: 16%; }
tbody.claim { border-top: 2px solid #bdbdbd; }
tbody.claim:target { outline: 3px solid #0b57a4; }
tbody.claim th.num { font-size: 15px; }
tbody.claim th.num a { text-decoration: none; }
td.quote blockquote { margin: 0 0 6px; font: 14.5px/1.45 Georgia, "Times New Roman", serif; }
td.quote .status { font-size: 12.5px; color: var(--muted); }
td.quote .kind { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); border: 1px solid var(--rule); border-radius: 3px; padding: 0 4px; margin-left: 4px; }
td.note { white-space: pre-wrap; overflow-wrap: anywhere; }
td.rev .time { display: block; font-size: 12px; color: var(--muted); }
td.none { color: var(--muted); font-style: italic; }
td.ev ul { margin: 0; padding-left: 1.1em; }
td.ev li { overflow-wrap: anywhere; }
td.ev .host, td.ev .accessed { color: var(--muted); font-size: 12px; }
td.ev .excerpt { display: block; font-style: italic; }
.plainurl { color: var(--muted); overflow-wrap: anywhere; }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { background: none; font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  section { margin-top: 0; }
  #summary { margin-top: 18pt; }
  table.claims { font-size: 8.5pt; }
  table.claims th, table.claims td { padding: 4pt 4pt; overflow-wrap: anywhere; }
  thead th { letter-spacing: 0; font-size: 7pt; }
  td.quote blockquote { font-size: 9.5pt; }
  .badge { white-space: normal; }
  #article, #claims { break-before: page; }
  h2, h3 { break-after: avoid; }
  .summary, table.figures, figure { break-inside: avoid; }
  .article { font-size: 11.5pt; max-width: none; }
  .article p { orphans: 3; widows: 3; }
  thead { display: table-header-group; }
  tbody.claim { break-inside: avoid; }
  a { color: inherit; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 85%; color: var(--muted); overflow-wrap: anywhere; }
  td.ev .host { display: none; }
  tbody.claim:target { outline: none; }
}
"#;

pub(super) fn render(p: &Project, selected: &[Selected], o: &ExportOptions) -> String {
    let summary = Summary::new(p, selected, o);
    let a = &p.article;
    let title = if a.title.trim().is_empty() {
        "Untitled article"
    } else {
        a.title.as_str()
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="claimdesk";
                // No markup in a title: first-strong isolate characters do what <bdi> does.
                title { "Fact-check report: \u{2068}" (printable(title)) "\u{2069}" }
                style { (PreEscaped(BASE_CSS)) (PreEscaped(CSS)) }
            }
            body {
                div.page {
                    (header(p, title, &summary, o))
                    (summary_section(p, &summary))
                    (article_section(p, selected))
                    (claims_section(selected, &summary))
                    footer {
                        "Made with claimdesk on " (o.report_date) ". Article text SHA-256 "
                        code { (a.text_sha256) }
                        " — every reviewer's copy anchors to this exact text."
                    }
                }
            }
        }
    };
    page.into_string()
}

fn link_or_text(url: &str, text: &str) -> Markup {
    html! {
        @if let Some(target) = web_url(url) {
            a href=(target.as_str()) rel="noopener noreferrer" { (iso(text)) }
        } @else {
            span.plainurl title="not an http(s) address, so not a link" { (iso(text)) }
        }
    }
}

fn header(p: &Project, title: &str, s: &Summary, o: &ExportOptions) -> Markup {
    let a = &p.article;
    html! {
        header {
            p.kicker { "Fact-check report" }
            h1 dir="auto" { (breakable(title)) }
            dl.meta {
                @if !a.outlet.is_empty() { dt { "Outlet" } dd { (iso(&a.outlet)) } }
                @if !a.url.is_empty() { dt { "Article" } dd { (link_or_text(&a.url, &a.url)) } }
                @if !a.published.is_empty() { dt { "Published" } dd { (iso(&a.published)) } }
                dt { "Reviewers" }
                dd {
                    @if p.reviewers.is_empty() { "none yet" } @else {
                        @for (i, name) in p.reviewers.iter().enumerate() {
                            @if i > 0 { ", " }
                            (iso(name))
                        }
                    }
                }
                dt { "Report date" } dd { (o.report_date) }
                dt { "Claims" } dd { (s.total) " (" (p.statement_count()) " from splitting, " (s.total - p.statement_count()) " selected by hand)" }
            }
            @if let Some(filter) = &s.filter {
                p.filter {
                    "This report lists " (report::claims(s.shown)) " of " (s.total)
                    ": those with the verdict " strong { (filter) } " (final or any reviewer's). "
                    "The summary covers every claim."
                }
            }
        }
    }
}

fn badge(status: Status) -> Markup {
    html! {
        span class=(format!("badge v-{}", status.key())) {
            b { (status.letter()) } (status.label())
        }
    }
}

fn verdict_badge(v: Verdict) -> Markup {
    html! {
        span class=(format!("badge v-{}", v.as_str())) {
            b { (verdict_letter(v)) } (verdict_label(v))
        }
    }
}

/// Horizontal bars, one per status, with the letter, the label and the count.
fn chart(s: &Summary) -> Markup {
    const ROW: usize = 26;
    const LABEL: usize = 190;
    const BAR: usize = 220;
    let max = s.max_count().max(1);
    let height = ROW * s.counts.len() + 4;
    let width = LABEL + BAR + 50;
    let description = s
        .counts
        .iter()
        .map(|(st, n)| format!("{}: {n}", st.label()))
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(description)
            width=(width) height=(height) viewBox=(format!("0 0 {width} {height}")) {
            @for (i, (status, n)) in s.counts.iter().enumerate() {
                @let y = i * ROW + 2;
                @let colour = format!("var(--{})", status.key());
                @let w = if *n == 0 { 0 } else { (n * BAR).div_ceil(max).max(2) };
                rect x="0" y=(y) width="22" height="20" rx="3" fill=(colour) {}
                text.letter x="11" y=(y + 15) text-anchor="middle" fill="#000" { (status.letter()) }
                text x="30" y=(y + 15) { (status.label()) }
                rect x=(LABEL) y=(y + 3) width=(w) height="14" rx="2" fill=(colour) {}
                text x=(LABEL + w + 6) y=(y + 15) { (n) }
            }
        }
    }
}

fn summary_section(p: &Project, s: &Summary) -> Markup {
    html! {
        section #summary {
            h2 { "Summary" }
            div.summary {
                figure {
                    (chart(s))
                    figcaption { "Every claim counted once, by where it stands: the final verdict, else the verdict all its reviewers gave." }
                }
                div.progress {
                    div.caption { "Progress" }
                    div.big { (format!("{:.1} %", s.progress_percent())) }
                    div.bar { span style=(format!("width:{:.1}%", s.progress_percent())) {} }
                    div { (s.reviewed) " of " (report::claims(s.total)) " reviewed" }
                    @if let Some(ag) = &s.agreement {
                        div { strong { (ag.open_disagreements) } " open disagreement" @if ag.open_disagreements != 1 { "s" } }
                        div.caption { "claims where reviewers differ and nobody has chosen a final verdict" }
                    }
                }
            }
            @if let Some(ag) = &s.agreement {
                h3 { "Agreement between reviewers" }
                p.caption {
                    "Each figure is computed only on claims the reviewers in question both judged; "
                    "\"left out\" counts the claims it could not use. "
                    "κ and α: 1 is perfect agreement, 0 is what chance would give. "
                    (p.reviewers.len()) " reviewers, " (report::claims(ag.claims)) "."
                }
                (pairs_table(&ag.pairs))
                table.figures {
                    thead { tr {
                        th { "All reviewers" } th.n { "Value" } th.n { "Claims used" } th.n { "Left out" }
                    } }
                    tbody {
                        tr {
                            td { "Fleiss' κ " span.caption { "(claims every reviewer judged)" } }
                            td.n { (report::figure(ag.fleiss_kappa.value)) }
                            td.n { (ag.fleiss_kappa.items) } td.n { (ag.fleiss_kappa.left_out) }
                        }
                        tr {
                            td { "Krippendorff's α " span.caption { "(nominal; claims at least two judged)" } }
                            td.n { (report::figure(ag.krippendorff_alpha.value)) }
                            td.n { (ag.krippendorff_alpha.items) } td.n { (ag.krippendorff_alpha.left_out) }
                        }
                    }
                }
            }
        }
    }
}

fn legend() -> Markup {
    html! {
        p.legend {
            @for st in Status::ALL { (badge(st)) }
            span { "Numbers link to each claim's entry; a double underline is a claim inside another." }
        }
    }
}

fn article_section(p: &Project, selected: &[Selected]) -> Markup {
    let spans: Vec<(usize, usize)> = selected
        .iter()
        .map(|s| (s.claim.start, s.claim.end))
        .collect();
    let paras = paragraphs(&p.article.text, &spans);
    html! {
        section #article {
            h2 { "Article" }
            (legend())
            div.article {
                // Each paragraph is its own bidi paragraph, so an override in the article
                // ends with it.
                @for para in &paras {
                    p dir="auto" { (nodes(para, selected)) }
                }
            }
        }
    }
}

fn nodes(list: &[Node], selected: &[Selected]) -> Markup {
    html! {
        @for n in list {
            @match n {
                Node::Text(t) => { (breakable(t)) }
                Node::Mark { span, first, children, .. } => {
                    @let s = &selected[*span];
                    @let st = Status::of(s.claim);
                    @let classes = format!(
                        "hl v-{}{}",
                        st.key(),
                        if s.claim.kind == ClaimKind::Selection { " sel" } else { "" }
                    );
                    mark class=(classes) title=(format!("Claim {}: {}", s.number, st.label())) {
                        @if *first {
                            // dir="ltr" isolates the number from overrides in the text.
                            a.marker dir="ltr" href=(format!("#claim-{}", s.claim.id)) id=(format!("at-{}", s.claim.id)) {
                                (s.number) span.l { (st.letter()) }
                            }
                        }
                        (nodes(children, selected))
                    }
                }
            }
        }
    }
}

fn claims_section(selected: &[Selected], s: &Summary) -> Markup {
    html! {
        section #claims {
            h2 { "Claims" }
            @if selected.is_empty() {
                p { "No claim matches this report's filter." }
            } @else {
                p.caption {
                    (report::claims(s.shown)) " in article order, numbered as in the article. "
                    "One line per reviewer; only http(s) sources are links."
                }
                table.claims {
                    colgroup {
                        col.num; col.quote; col.rev; col.verdict; col.attr; col.note; col.ev;
                    }
                    thead { tr {
                        th { "#" } th { "Claim" } th { "Reviewer" } th { "Verdict" }
                        th { "Attributed to" } th { "Note" } th { "Evidence" }
                    } }
                    @for sel in selected { (claim_rows(sel)) }
                }
            }
        }
    }
}

fn claim_rows(sel: &Selected) -> Markup {
    let c = sel.claim;
    let reviews: Vec<(&String, &Review)> = c.reviews.iter().collect();
    let rows = reviews.len().max(1);
    html! {
        tbody.claim id=(format!("claim-{}", c.id)) {
            tr {
                th.num scope="rowgroup" rowspan=(rows) {
                    a href=(format!("#at-{}", c.id)) title="Show in the article" { (sel.number) }
                }
                td.quote rowspan=(rows) {
                    blockquote dir="auto" { (breakable(&c.quote)) }
                    div.status {
                        (badge(Status::of(c))) " " (status_note(c))
                        @match c.kind {
                            ClaimKind::Selection => { span.kind { "selection" } }
                            ClaimKind::Heading => { span.kind { "heading" } }
                            ClaimKind::Statement => {}
                        }
                        @if let Some(t) = sel.claim_type {
                            " " span.kind title="Claim type (Full Fact), from claimdesk's hints" { (t.label()) }
                        }
                    }
                }
                @if let Some((name, r)) = reviews.first() {
                    (review_cells(name, r))
                } @else {
                    td.none colspan="5" { "Not reviewed yet." }
                }
            }
            @for (name, r) in reviews.iter().skip(1) {
                tr { (review_cells(name, r)) }
            }
        }
    }
}

/// `report::status_note`, with the editor's name isolated.
fn status_note(c: &crate::model::Claim) -> Markup {
    html! {
        @if let Some(adj) = &c.final_verdict {
            "final verdict by " (iso(&adj.by)) " (" (iso(&short_time(&adj.at))) ")"
        } @else {
            (report::status_note(c))
        }
    }
}

fn review_cells(name: &str, r: &Review) -> Markup {
    html! {
        td.rev { (iso(name)) span.time { (iso(&short_time(&r.changed))) } }
        td { (verdict_badge(r.verdict)) }
        td dir="auto" { (breakable(&r.attributed_to)) }
        td.note dir="auto" { (breakable(&r.note)) }
        td.ev {
            @if !r.evidence.is_empty() {
                ul { @for e in &r.evidence { li { (evidence(e)) } } }
            }
        }
    }
}

fn evidence(e: &Evidence) -> Markup {
    let text = if e.title.trim().is_empty() {
        e.url.as_str()
    } else {
        e.title.as_str()
    };
    html! {
        @if let Some(target) = web_url(&e.url) {
            a href=(target.as_str()) rel="noopener noreferrer" { (iso(text)) }
            // The host the link opens, as the browser parses it: a title cannot hide it.
            @if let Some(host) = target.host_str() { " " span.host { "(" (host) ")" } }
        } @else {
            (iso(text))
            @if !e.title.trim().is_empty() { " " span.plainurl { (iso(&e.url)) } }
            " " span.plainurl { "(not a web address, not linked)" }
        }
        @if !e.excerpt.is_empty() { span.excerpt { "“" (iso(&e.excerpt)) "”" } }
        @if !e.accessed.is_empty() { " " span.accessed { "accessed " (iso(&e.accessed)) } }
    }
}

/// Each pair of reviewers: claims compared, left out, percent agreement and Cohen's κ (the
/// project report and the desk report show the same table).
pub(crate) fn pairs_table(pairs: &[crate::agreement::PairAgreement]) -> Markup {
    html! {
        table.figures {
            thead { tr {
                th { "Reviewers" } th.n { "Claims compared" } th.n { "Left out" }
                th.n { "Agreement" } th.n { "Cohen's κ" }
            } }
            tbody {
                @for pair in pairs {
                    tr {
                        td { (iso(&pair.a)) " & " (iso(&pair.b)) }
                        td.n { (pair.items) } td.n { (pair.left_out) }
                        td.n { (report::percent(pair.percent)) }
                        td.n { (report::figure(pair.cohen_kappa)) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Claim;

    #[test]
    fn non_web_urls_are_not_links() {
        let e = Evidence {
            url: "javascript:alert(1)".into(),
            title: "<b>x</b>".into(),
            ..Evidence::default()
        };
        let out = evidence(&e).into_string();
        assert!(!out.contains("href"), "{out}");
        assert!(out.contains("&lt;b&gt;x&lt;/b&gt;"), "{out}");
    }

    #[test]
    fn claims_without_reviews_get_one_row() {
        let c = Claim {
            id: "s-1".into(),
            kind: ClaimKind::Statement,
            start: 0,
            end: 1,
            quote: "x".into(),
            prefix: String::new(),
            suffix: String::new(),
            reviews: Default::default(),
            final_verdict: None,
        };
        let out = claim_rows(&Selected {
            number: 1,
            claim: &c,
            claim_type: None,
        })
        .into_string();
        assert_eq!(out.matches("<tr>").count(), 1);
        assert!(out.contains("Not reviewed yet."));
    }
}
