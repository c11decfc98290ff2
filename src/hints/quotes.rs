//! Quotations that run over several statements or paragraphs. In wire copy a quotation may
//! open in one sentence and close three sentences later, and a quoted paragraph that does not
//! close continues when the next paragraph opens with a quotation mark again; every statement
//! inside belongs to the quotation's speaker, who is named once.

use super::tokens::{Kind, Tokens};

/// One quotation: the statements it spans and the paragraphs they are in.
#[derive(Debug, Clone)]
pub struct Quotation {
    pub first: usize,
    pub last: usize,
    pub first_paragraph: usize,
    pub last_paragraph: usize,
}

/// What the quotation pass knows about one statement.
#[derive(Debug, Clone, Default)]
pub struct InQuotes {
    /// Per token: inside a quotation (empty when no token is: read it with `get`).
    pub quoted: Vec<bool>,
    /// The quotation this statement's words belong to: one still open from earlier, or one it
    /// opens with its first token.
    pub within: Option<usize>,
    /// Every quotation that has words in this statement.
    pub touches: Vec<usize>,
}

/// Carries open quotations from statement to statement.
#[derive(Debug, Default)]
pub struct Tracker {
    open: Option<usize>,
    pub quotations: Vec<Quotation>,
}

impl Tracker {
    /// Reads statement number `index`; `new_paragraph` when a line break came before it.
    pub fn step(
        &mut self,
        t: &Tokens,
        index: usize,
        paragraph: usize,
        new_paragraph: bool,
    ) -> InQuotes {
        let n = t.len();
        let opens_first = n > 0 && matches!(t.toks[0].kind, Kind::Open | Kind::Straight);
        let mut skip_first = false;
        if new_paragraph && self.open.is_some() {
            if opens_first {
                // Wire style: the quotation goes on in this paragraph.
                skip_first = true;
            } else {
                self.open = None;
            }
        }
        let mut out = InQuotes::default();
        if let Some(q) = self.open {
            out.within = Some(q);
            out.touches.push(q);
            self.extend(q, index, paragraph);
        }
        let mut cur = self.open;
        for i in 0..n {
            let kind = t.toks[i].kind;
            if i == 0 && skip_first {
                continue;
            }
            match kind {
                Kind::Open | Kind::Straight if cur.is_none() => {
                    let q = self.quotations.len();
                    self.quotations.push(Quotation {
                        first: index,
                        last: index,
                        first_paragraph: paragraph,
                        last_paragraph: paragraph,
                    });
                    out.touches.push(q);
                    if i == 0 {
                        out.within = Some(q);
                    }
                    cur = Some(q);
                }
                Kind::Close | Kind::Straight => cur = None,
                // A nested opening mark: the outer quotation goes on.
                Kind::Open => {}
                _ if cur.is_some() => {
                    if out.quoted.is_empty() {
                        out.quoted = vec![false; n];
                    }
                    out.quoted[i] = true;
                }
                _ => {}
            }
        }
        self.open = cur;
        out
    }

    fn extend(&mut self, q: usize, index: usize, paragraph: usize) {
        let quotation = &mut self.quotations[q];
        quotation.last = index;
        quotation.last_paragraph = paragraph;
    }
}
