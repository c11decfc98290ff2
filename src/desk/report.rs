//! The desk report: one self-contained HTML page (inline CSS, no scripts) with every article's
//! progress and verdicts, each reviewer's workload, agreement across projects and the files
//! that are not projects. Built with maud, which escapes every value it inserts; a Content
//! Security Policy allowing no scripts backs that up, as in the project report
//! (`export::html`). Names and titles sit in `<bdi>` so right-to-left text stays in its cell.

use super::overview::Overview;
use super::summary::ProjectSummary;
use super::totals::{DeskTotals, totals};
use crate::export::html::{BASE_CSS, CSP, pairs_table};
use crate::export::html_text::{iso, printable};
use crate::export::report::figure;
use crate::export::{Status, short_time};
use crate::model::Verdict;
use crate::stats::VerdictCounts;
use maud::{DOCTYPE, Markup, PreEscaped, html};

const CSS: &str = r#".page { max-width: 1200px; margin: 0 auto; padding: 28px 36px 40px; background: var(--paper);
  overflow-wrap: anywhere; word-break: break-word; }
h1 { font: 700 28px/1.2 Georgia, "Times New Roman", serif; margin: 4px 0 14px; }
h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
section { margin-top: 32px; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; font-size: 14px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.caption { font-size: 13px; color: var(--muted); }
.bar { height: 10px; background: #ececec; border-radius: 5px; overflow: hidden; margin: 4px 0; min-width: 80px; }
.bar span { display: block; height: 100%; background: var(--ink); }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--rule); }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--ink); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.path, td.error { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.badge { display: inline-block; white-space: nowrap; padding: 0 7px 0 0; border-radius: 3px;
  font-size: 12.5px; background: #f4f4f4; border: 1px solid var(--c); }
.badge b { display: inline-block; min-width: 1.6em; text-align: center; margin-right: 5px; background: var(--c); color: #000; }
th.v b { display: inline-block; min-width: 1.6em; text-align: center; background: var(--c); color: #000; border-radius: 3px; }
.v-verified { --c: var(--verified); }
.v-attributed-only { --c: var(--attributed-only); }
.v-disputed { --c: var(--disputed); }
.v-mixed { --c: var(--mixed); }
.v-unreviewed { --c: var(--unreviewed); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13px; color: var(--muted); margin: 0 0 12px; }
.none { color: var(--muted); font-style: italic; }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: 12px; color: var(--muted); }
@page { size: A4 landscape; margin: 14mm; }
@media print {
  body { background: none; font-size: 10pt; }
  .page { max-width: none; padding: 0; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

/// The report's page for an overview; `report_date` is printed as given (the caller reads the
/// clock, so the same desk gives the same bytes).
pub fn desk_report(ov: &Overview, report_date: &str) -> String {
    let t = totals(&ov.projects);
    let name = ov.root.file_name().map_or_else(
        || ov.root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="claimdesk";
                title { "Desk report: \u{2068}" (printable(&name)) "\u{2069}" }
                style { (PreEscaped(BASE_CSS)) (PreEscaped(CSS)) }
            }
            body {
                div.page {
                    (header(ov, &name, &t, report_date))
                    (articles(&ov.projects))
                    (reviewers(&t))
                    (agreement(&t))
                    (broken(ov))
                    footer { "Made with claimdesk on " (report_date) "." }
                }
            }
        }
    }
    .into_string()
}

fn header(ov: &Overview, name: &str, t: &DeskTotals, report_date: &str) -> Markup {
    let progress = percent_of(t.reviewed, t.claims);
    html! {
        header {
            p.kicker { "Desk report" }
            h1 dir="auto" { (printable(name)) }
            dl.meta {
                dt { "Folder" } dd { (iso(&ov.root.display().to_string())) }
                dt { "Report date" } dd { (report_date) }
                dt { "Articles" } dd { (t.projects) }
                dt { "Claims" } dd { (t.claims) " (" (t.reviewed) " reviewed, " (format!("{progress:.1} %")) ")" }
                dt { "Open disagreements" } dd { (t.open_disagreements) }
                dt { "Reviewers" } dd { (t.reviewers.len()) }
                @if !ov.broken.is_empty() {
                    dt { "Not projects" } dd { a href="#broken" { (ov.broken.len()) " files" } }
                }
            }
            div.bar { span style=(format!("width:{progress:.1}%")) {} }
        }
    }
}

/// The report's five statuses with their counts, in the project report's order.
fn status_counts(c: &VerdictCounts) -> [(Status, usize); 5] {
    [
        (Status::Verdict(Verdict::Verified), c.verified),
        (Status::Verdict(Verdict::AttributedOnly), c.attributed_only),
        (Status::Verdict(Verdict::Disputed), c.disputed),
        (Status::Mixed, c.disagreement),
        (Status::Verdict(Verdict::Unreviewed), c.unreviewed),
    ]
}

fn status_heads() -> Markup {
    html! {
        @for (st, _) in status_counts(&VerdictCounts::default()) {
            th class=(format!("n v v-{}", st.key())) title=(st.label()) { b { (st.letter()) } }
        }
    }
}

fn articles(projects: &[ProjectSummary]) -> Markup {
    html! {
        section #articles {
            h2 { "Articles" }
            p.legend {
                @for (st, _) in status_counts(&VerdictCounts::default()) {
                    span class=(format!("badge v-{}", st.key())) { b { (st.letter()) } (st.label()) }
                }
            }
            @if projects.is_empty() {
                p.none { "No projects in this folder." }
            } @else {
                table {
                    thead { tr {
                        th { "Article" } th { "Published" } th.n { "Progress" }
                        (status_heads())
                        th { "Reviewers" } th { "Last change" } th { "File" }
                    } }
                    tbody {
                        @for p in projects {
                            tr {
                                td {
                                    @if p.title.trim().is_empty() { span.none { "Untitled article" } } @else { (iso(&p.title)) }
                                    @if !p.outlet.is_empty() { br; span.caption { (iso(&p.outlet)) } }
                                }
                                td { (iso(&p.published)) }
                                td.n {
                                    (format!("{:.1} %", p.progress_percent))
                                    div.bar { span style=(format!("width:{:.1}%", p.progress_percent)) {} }
                                    span.caption { (p.reviewed) " of " (p.claims) }
                                }
                                @for (_, n) in status_counts(&p.verdicts) { td.n { (n) } }
                                td { (names(&p.reviewers)) }
                                td { (short_time(&p.last_change)) }
                                td.path { (iso(&p.path)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn reviewers(t: &DeskTotals) -> Markup {
    html! {
        section #reviewers {
            h2 { "Reviewers" }
            @if t.reviewers.is_empty() {
                p.none { "Nobody has reviewed yet." }
            } @else {
                p.caption { "Across all articles: the claims each reviewer judged, by verdict; \"not judged\" counts the claims of their articles they have not." }
                table {
                    thead { tr {
                        th { "Reviewer" } th.n { "Articles" } th.n { "Claims judged" }
                        @for v in [Verdict::Verified, Verdict::AttributedOnly, Verdict::Disputed] {
                            th class=(format!("n v v-{}", v.as_str())) title=(Status::Verdict(v).label()) { b { (Status::Verdict(v).letter()) } }
                        }
                        th.n { "Not judged" } th.n { "Notes" } th.n { "Evidence links" }
                    } }
                    tbody {
                        @for r in &t.reviewers {
                            tr {
                                td { (iso(&r.work.name)) }
                                td.n { (r.projects) }
                                td.n { (r.work.reviewed) }
                                td.n { (r.work.verdicts.verified) }
                                td.n { (r.work.verdicts.attributed_only) }
                                td.n { (r.work.verdicts.disputed) }
                                td.n { (r.work.verdicts.unreviewed) }
                                td.n { (r.work.notes) }
                                td.n { (r.work.evidence) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn agreement(t: &DeskTotals) -> Markup {
    let alpha = &t.krippendorff_alpha;
    html! {
        section #agreement {
            h2 { "Agreement across articles" }
            p.caption {
                "For each pair of reviewers, the claims of every article both review are pooled: "
                "\"compared\" are claims both judged, \"left out\" those only one or neither did. "
                "Krippendorff's α (nominal) takes every claim of the desk with two or more verdicts. "
                "κ and α: 1 is perfect agreement, 0 is what chance would give. "
                "Fleiss' κ is not given: it needs the same number of reviewers on every claim."
            }
            @if t.pairs.is_empty() {
                p.none { "No article has two reviewers yet." }
            } @else {
                (pairs_table(&t.pairs))
            }
            p {
                "Krippendorff's α: " strong { (figure(alpha.value)) }
                span.caption { " over " (alpha.items) " claims (" (alpha.left_out) " left out)" }
            }
        }
    }
}

fn broken(ov: &Overview) -> Markup {
    html! {
        @if !ov.broken.is_empty() {
            section #broken {
                h2 { "Files that are not projects" }
                p.caption { "Skipped: the overview and these figures do not include them." }
                table {
                    thead { tr { th { "File" } th { "Why" } } }
                    tbody {
                        @for b in &ov.broken {
                            tr { td.path { (iso(&b.path)) } td.error { (iso(&b.error)) } }
                        }
                    }
                }
            }
        }
    }
}

fn names(list: &[String]) -> Markup {
    html! {
        @if list.is_empty() { span.none { "none yet" } }
        @for (i, name) in list.iter().enumerate() {
            @if i > 0 { ", " }
            (iso(name))
        }
    }
}

fn percent_of(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / of as f64).round() / 10.0
    }
}
