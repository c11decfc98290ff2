//! CSV: one row per claim and reviewer (a claim nobody reviewed gets one row with an empty
//! reviewer), a header row, RFC 4180 quoting by the `csv` crate and CRLF line ends.
//!
//! - Starts with a UTF-8 byte-order mark unless `ExportOptions::csv_bom` is off: Excel reads
//!   a CSV without one in the local ANSI code page and garbles "Kovač" and curly quotes;
//!   LibreOffice, Google Sheets and pandas (`encoding="utf-8-sig"`) skip it.
//! - `evidence_urls` holds the reviewer's evidence URLs separated by single spaces; a space
//!   inside a URL is written as `%20`, so splitting on spaces is always safe.
//!   `evidence_titles` holds their titles in the same order, separated by ` | ` (a `|` inside
//!   a title is written as `/`).
//! - `claim_type` is the claim's type from claimdesk's hints (`quantity`, `prediction`, …).
//! - Text cells that start with `=`, `+`, `-`, `@`, tab or carriage return get a leading `'`,
//!   so a spreadsheet never runs article text as a formula (CSV injection).

use super::{ExportOptions, Selected, Status};
use crate::model::Review;

pub const COLUMNS: [&str; 16] = [
    "number",
    "id",
    "start",
    "end",
    "quote",
    "kind",
    "reviewer",
    "verdict",
    "attributed_to",
    "note",
    "evidence_urls",
    "evidence_titles",
    "changed",
    "final_verdict",
    "status",
    "claim_type",
];

pub(super) fn render(selected: &[Selected], o: &ExportOptions) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(selected.len() * 400));
    let mut row = |cells: [&str; 16]| {
        w.write_record(cells)
            .expect("writing CSV into memory cannot fail");
    };
    row(COLUMNS);
    for sel in selected {
        let c = sel.claim;
        let number = sel.number.to_string();
        let (start, end) = (c.start.to_string(), c.end.to_string());
        let quote = cell(&c.quote);
        let final_verdict = c.final_verdict.as_ref().map_or("", |a| a.verdict.as_str());
        let status = Status::of(c).key();
        let blank = Review::default();
        let reviews: Vec<(&str, &Review)> = if c.reviews.is_empty() {
            vec![("", &blank)]
        } else {
            c.reviews.iter().map(|(n, r)| (n.as_str(), r)).collect()
        };
        for (name, r) in reviews {
            let urls = r
                .evidence
                .iter()
                .map(|e| e.url.trim().replace(' ', "%20"))
                .collect::<Vec<_>>()
                .join(" ");
            let titles = r
                .evidence
                .iter()
                .map(|e| e.title.replace('|', "/"))
                .collect::<Vec<_>>()
                .join(" | ");
            let verdict = if name.is_empty() {
                ""
            } else {
                r.verdict.as_str()
            };
            row([
                &number,
                &c.id,
                &start,
                &end,
                &quote,
                c.kind.as_str(),
                &cell(name),
                verdict,
                &cell(&r.attributed_to),
                &cell(&r.note),
                &cell(&urls),
                &cell(&titles),
                &r.changed,
                final_verdict,
                status,
                sel.claim_type.map_or("", |t| t.as_str()),
            ]);
        }
    }
    let bytes = w.into_inner().expect("flushing into memory cannot fail");
    let body = String::from_utf8(bytes).expect("every cell is UTF-8");
    if o.csv_bom {
        format!("\u{FEFF}{body}")
    } else {
        body
    }
}

/// Neutralises text a spreadsheet would read as a formula.
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("plain"), "plain");
    }
}
