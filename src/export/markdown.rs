//! The Markdown report: the HTML report's content as text that reads well in a terminal and
//! renders on a code host. Project text is escaped where Markdown would read it as syntax
//! (emphasis, links, raw HTML, tables, headings, lists), and only http(s) addresses become
//! links; other addresses are printed as text.

use super::layout::{Node, paragraphs};
use super::report::{self, Summary};
use super::{ExportOptions, Selected, Status, short_time, verdict_label, verdict_letter, web_url};
use crate::model::{ClaimKind, Evidence, Project, Review};
use std::fmt::Write;

pub(super) fn render(p: &Project, selected: &[Selected], o: &ExportOptions) -> String {
    let s = Summary::new(p, selected, o);
    let mut out = String::with_capacity(p.article.text.len() * 2 + selected.len() * 600);
    header(&mut out, p, &s, o);
    summary(&mut out, p, &s);
    article(&mut out, p, selected);
    claims(&mut out, selected, &s);
    let _ = writeln!(
        out,
        "---\n\nMade with claimdesk on {}. Article text SHA-256 `{}`: every reviewer's copy anchors to this exact text.",
        escape(&o.report_date),
        escape(&p.article.text_sha256)
    );
    out
}

fn header(out: &mut String, p: &Project, s: &Summary, o: &ExportOptions) {
    let a = &p.article;
    let title = if a.title.trim().is_empty() {
        "Untitled article"
    } else {
        a.title.as_str()
    };
    let _ = writeln!(out, "# Fact-check report: {}\n", one_line(title));
    if !a.outlet.is_empty() {
        let _ = writeln!(out, "- **Outlet:** {}", one_line(&a.outlet));
    }
    if !a.url.is_empty() {
        let _ = writeln!(out, "- **Article:** {}", link(&a.url, &a.url));
    }
    if !a.published.is_empty() {
        let _ = writeln!(out, "- **Published:** {}", one_line(&a.published));
    }
    let reviewers = if p.reviewers.is_empty() {
        "none yet".to_string()
    } else {
        one_line(&p.reviewers.join(", "))
    };
    let _ = writeln!(out, "- **Reviewers:** {reviewers}");
    let _ = writeln!(out, "- **Report date:** {}", one_line(&o.report_date));
    let _ = writeln!(
        out,
        "- **Claims:** {} ({} from splitting, {} selected by hand)\n",
        s.total,
        p.statement_count(),
        s.total - p.statement_count()
    );
    if let Some(filter) = &s.filter {
        let _ = writeln!(
            out,
            "> **Filter:** this report lists {} of {}: those with the verdict **{}** (final or any reviewer's). The summary covers every claim.\n",
            report::claims(s.shown),
            s.total,
            escape(filter)
        );
    }
}

fn summary(out: &mut String, p: &Project, s: &Summary) {
    out.push_str("## Summary\n\n");
    out.push_str("Every claim counted once, by where it stands: the final verdict, else the verdict all its reviewers gave.\n\n");
    out.push_str("| Verdict | Claims | |\n|:--|--:|:--|\n");
    let max = s.max_count().max(1);
    for (status, n) in &s.counts {
        let bar = if *n == 0 {
            0
        } else {
            (n * 20).div_ceil(max).max(1)
        };
        let _ = writeln!(
            out,
            "| {} {} | {n} | {} |",
            status.letter(),
            status.label(),
            "█".repeat(bar)
        );
    }
    let _ = writeln!(
        out,
        "\n**Progress:** {} of {} reviewed ({:.1} %).\n",
        s.reviewed,
        report::claims(s.total),
        s.progress_percent()
    );
    let Some(ag) = &s.agreement else {
        return;
    };
    let _ = writeln!(
        out,
        "**Open disagreements:** {} (claims where reviewers differ and nobody has chosen a final verdict).\n",
        ag.open_disagreements
    );
    out.push_str("### Agreement between reviewers\n\n");
    let _ = writeln!(
        out,
        "Each figure is computed only on claims the reviewers in question both judged; \"left out\" counts the claims it could not use. κ and α: 1 is perfect agreement, 0 is what chance would give. {} reviewers, {}.\n",
        p.reviewers.len(),
        report::claims(ag.claims)
    );
    out.push_str("| Reviewers | Claims compared | Left out | Agreement | Cohen's κ |\n|:--|--:|--:|--:|--:|\n");
    for pair in &ag.pairs {
        let _ = writeln!(
            out,
            "| {} & {} | {} | {} | {} | {} |",
            one_line(&pair.a),
            one_line(&pair.b),
            pair.items,
            pair.left_out,
            report::percent(pair.percent),
            report::figure(pair.cohen_kappa)
        );
    }
    out.push_str("\n| All reviewers | Value | Claims used | Left out |\n|:--|--:|--:|--:|\n");
    let _ = writeln!(
        out,
        "| Fleiss' κ (claims every reviewer judged) | {} | {} | {} |",
        report::figure(ag.fleiss_kappa.value),
        ag.fleiss_kappa.items,
        ag.fleiss_kappa.left_out
    );
    let _ = writeln!(
        out,
        "| Krippendorff's α (nominal; claims at least two judged) | {} | {} | {} |\n",
        report::figure(ag.krippendorff_alpha.value),
        ag.krippendorff_alpha.items,
        ag.krippendorff_alpha.left_out
    );
}

fn article(out: &mut String, p: &Project, selected: &[Selected]) {
    out.push_str("## Article\n\n");
    out.push_str("⟦12 V⟧ marks where claim 12 starts and ⟦/12⟧ where it ends. ");
    let letters: Vec<String> = Status::ALL
        .iter()
        .map(|st| format!("{} {}", st.letter(), st.label().to_lowercase()))
        .collect();
    let _ = writeln!(out, "Letters: {}.\n", letters.join(", "));
    let spans: Vec<(usize, usize)> = selected
        .iter()
        .map(|s| (s.claim.start, s.claim.end))
        .collect();
    for para in paragraphs(&p.article.text, &spans) {
        let mut line = String::new();
        nodes(&mut line, &para, selected);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        out.push_str(&escape_line_start(line));
        out.push_str("\n\n");
    }
}

fn nodes(out: &mut String, list: &[Node], selected: &[Selected]) {
    for n in list {
        match n {
            Node::Text(t) => {
                // Paragraphs end at line breaks; the break itself is the blank line after.
                escape_into(out, t.trim_end_matches(['\n', '\r']));
            }
            Node::Mark {
                span,
                first,
                last,
                children,
            } => {
                let s = &selected[*span];
                if *first {
                    let _ = write!(out, "⟦{} {}⟧", s.number, Status::of(s.claim).letter());
                }
                nodes(out, children, selected);
                if *last {
                    let _ = write!(out, "⟦/{}⟧", s.number);
                }
            }
        }
    }
}

fn claims(out: &mut String, selected: &[Selected], s: &Summary) {
    out.push_str("## Claims\n\n");
    if selected.is_empty() {
        out.push_str("No claim matches this report's filter.\n\n");
        return;
    }
    let _ = writeln!(
        out,
        "{} in article order, numbered as in the article; only http(s) sources are links.\n",
        report::claims(s.shown)
    );
    for sel in selected {
        let c = sel.claim;
        let st = Status::of(c);
        let kind = match c.kind {
            ClaimKind::Selection => " (selection)",
            ClaimKind::Heading => " (heading)",
            ClaimKind::Statement => "",
        };
        let claim_type = sel
            .claim_type
            .map_or(String::new(), |t| format!(" · {}", t.label()));
        let _ = writeln!(
            out,
            "### {} · {} {}{kind}{claim_type}\n",
            sel.number,
            st.letter(),
            st.label()
        );
        for line in c.quote.lines() {
            let line = escape(line.trim());
            if line.is_empty() {
                out.push_str(">\n");
            } else {
                let _ = writeln!(out, "> {}", escape_line_start(&line));
            }
        }
        let _ = writeln!(
            out,
            "\n{} {}: {}. Id `{}`.\n",
            st.letter(),
            st.label(),
            escape(&report::status_note(c)),
            c.id
        );
        if c.reviews.is_empty() {
            continue;
        }
        for (name, r) in &c.reviews {
            review(out, name, r);
        }
        out.push('\n');
    }
}

fn review(out: &mut String, name: &str, r: &Review) {
    let _ = writeln!(
        out,
        "- **{}** · {} {} · {}",
        one_line(name),
        verdict_letter(r.verdict),
        verdict_label(r.verdict),
        escape(&short_time(&r.changed))
    );
    if !r.attributed_to.is_empty() {
        let _ = writeln!(out, "  - Attributed to: {}", multi_line(&r.attributed_to));
    }
    if !r.note.is_empty() {
        let _ = writeln!(out, "  - Note: {}", multi_line(&r.note));
    }
    for e in &r.evidence {
        let _ = writeln!(out, "  - Evidence: {}", evidence(e));
    }
}

fn evidence(e: &Evidence) -> String {
    let title = if e.title.trim().is_empty() {
        &e.url
    } else {
        &e.title
    };
    let mut out = if let Some(target) = web_url(&e.url) {
        // The host the link opens, as a browser parses it: a title cannot hide it.
        match target.host_str() {
            Some(host) => format!("{} ({})", link(&e.url, title), escape(host)),
            None => link(&e.url, title),
        }
    } else if e.title.trim().is_empty() {
        format!("{} (not a web address, not linked)", one_line(&e.url))
    } else {
        format!(
            "{} — {} (not a web address, not linked)",
            one_line(&e.title),
            one_line(&e.url)
        )
    };
    if !e.excerpt.is_empty() {
        let _ = write!(out, " — “{}”", one_line(&e.excerpt));
    }
    if !e.accessed.is_empty() {
        let _ = write!(out, " (accessed {})", one_line(&e.accessed));
    }
    out
}

/// `[text](url)` for an http(s) URL, the destination being the URL as a browser parses it
/// (characters that end a link destination are percent-encoded); escaped text otherwise.
fn link(url: &str, text: &str) -> String {
    let Some(target) = web_url(url) else {
        return one_line(text);
    };
    let mut dest = String::with_capacity(url.len());
    for ch in target.as_str().chars() {
        match ch {
            '(' => dest.push_str("%28"),
            ')' => dest.push_str("%29"),
            '\\' => dest.push_str("%5C"),
            '`' => dest.push_str("%60"),
            '|' => dest.push_str("%7C"),
            c => dest.push(c),
        }
    }
    format!("[{}]({dest})", one_line(text))
}

/// Escaped, with line breaks turned into spaces: for headings, table cells and list lines.
fn one_line(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    escape(&joined)
}

/// Escaped text for a list item: its lines kept, each after a hard line break and indented
/// so it stays inside the item.
fn multi_line(s: &str) -> String {
    let lines: Vec<String> = s
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| escape_line_start(&escape(l)))
        .collect();
    lines.join("\\\n    ")
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Backslash-escapes the characters that start inline Markdown syntax: emphasis, code,
/// links and images, raw HTML and autolinks, table cells, strikethrough, and `&` where it
/// could start a character reference.
fn escape_into(out: &mut String, s: &str) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// Escapes what would make a line a heading, list item, thematic break or quote.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let first = trimmed.chars().next();
    match first {
        Some('#' | '-' | '+' | '=' | '>' | '*' | '_') => format!("\\{trimmed}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            match trimmed.as_bytes().get(digits) {
                Some(b'.' | b')') if digits <= 9 => {
                    format!("{}\\{}", &trimmed[..digits], &trimmed[digits..])
                }
                _ => trimmed.to_string(),
            }
        }
        _ => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        assert_eq!(
            escape("a*b_c [x](javascript:alert(1)) <script> | `c` &amp; Q&A"),
            "a\\*b\\_c \\[x\\](javascript:alert(1)) \\<script\\> \\| \\`c\\` \\&amp; Q\\&A"
        );
        assert_eq!(escape_line_start("# Head"), "\\# Head");
        assert_eq!(escape_line_start("2023. A year"), "2023\\. A year");
        assert_eq!(escape_line_start("- item"), "\\- item");
        assert_eq!(escape_line_start("Plain"), "Plain");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            link("https://example.org/a_(b)", "T*"),
            "[T\\*](https://example.org/a_%28b%29)"
        );
        assert_eq!(link("javascript:alert(1)", "x"), "x");
    }

    #[test]
    fn multi_line_notes_stay_in_their_list_item() {
        assert_eq!(
            multi_line("one\n- two\n\n3. three"),
            "one\\\n    \\- two\\\n    3\\. three"
        );
    }
}
