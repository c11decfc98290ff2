//! Words and punctuation of one statement, with byte offsets into it and a lower-case form
//! (curly apostrophes folded to straight ones, so "Ukraine’s" and "Ukraine's" look alike).

use super::rules::Rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Punct,
    /// “ « „ — always opens a quotation.
    Open,
    /// ” » — always closes one.
    Close,
    /// " — opens or closes, depending on what is open.
    Straight,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub kind: Kind,
    /// Byte range in the statement.
    pub start: usize,
    pub end: usize,
    lower: (u32, u32),
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Two or more letters, all upper case (NATO, U.S, AP).
    pub acronym: bool,
    /// The word lists (`WordList` bits) the lower-case form is on, and the form without a
    /// possessive ending; set by `Tokens::read`.
    lists: u32,
    base_lists: u32,
}

#[derive(Debug)]
pub struct Tokens<'s> {
    pub src: &'s str,
    pub toks: Vec<Token>,
    lower: String,
    /// True when the statement held more tokens than were kept.
    pub truncated: bool,
    /// The tokens were looked up in the rules' word lists (`read`).
    classified: bool,
}

/// Characters that may sit inside a word when a letter or digit follows them.
fn joins(c: char, prev_digit: bool, next: char) -> bool {
    if !next.is_alphanumeric() {
        return false;
    }
    match c {
        '\'' | '’' | '-' | '‑' | '.' | '&' | '/' => true,
        ',' => prev_digit && next.is_ascii_digit(),
        _ => false,
    }
}

/// The buffers of tokens that are done with, for the next statement's (`Tokens::into_spare`).
#[derive(Debug, Default)]
pub struct Spare {
    toks: Vec<Token>,
    lower: String,
}

impl<'s> Tokens<'s> {
    /// Tokenises `src`, keeping at most `max` tokens (a "statement" of megabytes is not a
    /// sentence; its head is enough for hints and the cost stays linear).
    pub fn new(src: &'s str, max: usize) -> Self {
        Tokens::new_in(src, max, Spare::default())
    }

    /// `new`, in the buffers of an earlier statement's tokens.
    fn new_in(src: &'s str, max: usize, spare: Spare) -> Self {
        let Spare {
            mut toks,
            mut lower,
        } = spare;
        toks.clear();
        toks.reserve((src.len() / 5).min(max.min(1 << 16)));
        lower.clear();
        lower.reserve(src.len().min(1 << 20));
        let mut it = src.char_indices().peekable();
        let mut truncated = false;
        while let Some((b, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            if toks.len() >= max {
                truncated = true;
                break;
            }
            let lo_start = lower.len() as u32;
            if c.is_alphanumeric() {
                let mut end = b + c.len_utf8();
                let mut prev = c;
                let mut letters = 0usize;
                let mut uppers = 0usize;
                let mut count = |ch: char| {
                    if ch.is_alphabetic() {
                        letters += 1;
                        if ch.is_uppercase() {
                            uppers += 1;
                        }
                    }
                };
                count(c);
                push_lower(&mut lower, c);
                while let Some(&(nb, nc)) = it.peek() {
                    if nc.is_alphanumeric() {
                        count(nc);
                        push_lower(&mut lower, nc);
                    } else {
                        let after = src[nb + nc.len_utf8()..].chars().next().unwrap_or(' ');
                        if !joins(nc, prev.is_ascii_digit(), after) {
                            break;
                        }
                        push_lower(&mut lower, nc);
                    }
                    prev = nc;
                    end = nb + nc.len_utf8();
                    it.next();
                }
                toks.push(Token {
                    kind: if c.is_ascii_digit() {
                        Kind::Number
                    } else {
                        Kind::Word
                    },
                    start: b,
                    end,
                    lower: (lo_start, lower.len() as u32),
                    cap: c.is_uppercase(),
                    acronym: letters >= 2 && uppers == letters,
                    lists: 0,
                    base_lists: 0,
                });
            } else {
                let kind = match c {
                    '“' | '«' | '„' => Kind::Open,
                    '”' | '»' => Kind::Close,
                    '"' => Kind::Straight,
                    _ => Kind::Punct,
                };
                push_lower(&mut lower, c);
                toks.push(Token {
                    kind,
                    start: b,
                    end: b + c.len_utf8(),
                    lower: (lo_start, lower.len() as u32),
                    cap: false,
                    acronym: false,
                    lists: 0,
                    base_lists: 0,
                });
            }
        }
        Tokens {
            src,
            toks,
            lower,
            truncated,
            classified: false,
        }
    }

    /// Tokenises `src` as `new` does and looks every token up in the rules' word lists once,
    /// for `WordList::has` and phrase matching.
    pub fn read(src: &'s str, max: usize, rules: &Rules) -> Self {
        Tokens::read_in(src, max, rules, Spare::default())
    }

    /// `read`, in the buffers of an earlier statement's tokens.
    pub fn read_in(src: &'s str, max: usize, rules: &Rules, spare: Spare) -> Self {
        let mut t = Tokens::new_in(src, max, spare);
        for i in 0..t.len() {
            let lower = t.lower(i);
            let lists = rules.words.get(lower).copied().unwrap_or(0);
            let base = t.base(i);
            let base_lists = if base.len() == lower.len() {
                lists
            } else {
                rules.words.get(base).copied().unwrap_or(0)
            };
            t.toks[i].lists = lists;
            t.toks[i].base_lists = base_lists;
        }
        t.classified = true;
        t
    }

    /// Gives up the buffers, for the next statement's tokens.
    pub fn into_spare(self) -> Spare {
        Spare {
            toks: self.toks,
            lower: self.lower,
        }
    }

    /// The word lists token `i` is on (`WordList` bits).
    pub fn lists(&self, i: usize) -> u32 {
        debug_assert!(self.classified, "tokens made by Tokens::read");
        self.toks[i].lists
    }

    /// The word lists token `i` without a possessive ending is on.
    pub fn base_lists(&self, i: usize) -> u32 {
        debug_assert!(self.classified, "tokens made by Tokens::read");
        self.toks[i].base_lists
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    pub fn lower(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lower;
        &self.lower[a as usize..b as usize]
    }

    /// The lower-case word without a possessive "'s" or "'" ending.
    pub fn base(&self, i: usize) -> &str {
        let w = self.lower(i);
        w.strip_suffix("'s")
            .or_else(|| w.strip_suffix('\''))
            .unwrap_or(w)
    }

    pub fn is_possessive(&self, i: usize) -> bool {
        let w = self.lower(i);
        w.len() > 2 && (w.ends_with("'s") || w.ends_with("s'"))
    }

    pub fn text(&self, i: usize) -> &'s str {
        &self.src[self.toks[i].start..self.toks[i].end]
    }

    pub fn is_word(&self, i: usize) -> bool {
        matches!(self.toks[i].kind, Kind::Word | Kind::Number)
    }

    /// The text from token `a` to token `b` inclusive, as written.
    pub fn span_text(&self, a: usize, b: usize) -> &'s str {
        &self.src[self.toks[a].start..self.toks[b].end]
    }
}

/// The first `n` characters of `s` lower-cased as `str::to_lowercase` does, given to `f`;
/// kept on the stack (a capital sigma, whose lower case depends on the letters around it, or
/// a head too long for the buffer takes the allocating path), so no statement allocates.
pub fn with_lower_head<R>(s: &str, n: usize, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 256];
    let mut len = 0;
    for c in s.chars().take(n) {
        if c.is_ascii() && len < buf.len() {
            buf[len] = c.to_ascii_lowercase() as u8;
            len += 1;
            continue;
        }
        if c == 'Σ' {
            return f(&s.chars().take(n).collect::<String>().to_lowercase());
        }
        for l in c.to_lowercase() {
            if len + l.len_utf8() > buf.len() {
                return f(&s.chars().take(n).collect::<String>().to_lowercase());
            }
            len += l.encode_utf8(&mut buf[len..]).len();
        }
    }
    f(std::str::from_utf8(&buf[..len]).unwrap_or_default())
}

fn push_lower(out: &mut String, c: char) {
    match c {
        '’' | '‘' => out.push('\''),
        '‑' => out.push('-'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_abbreviations_possessives_and_numbers_whole() {
        let t = Tokens::new(
            "Ukraine’s U.S. aid rose 6,000 (5.25%), “he said.”",
            usize::MAX,
        );
        let words: Vec<&str> = (0..t.len()).map(|i| t.lower(i)).collect();
        assert_eq!(
            words,
            [
                "ukraine's",
                "u.s",
                ".",
                "aid",
                "rose",
                "6,000",
                "(",
                "5.25",
                "%",
                ")",
                ",",
                "“",
                "he",
                "said",
                ".",
                "”"
            ]
        );
        assert!(t.toks[1].acronym);
        assert_eq!(t.toks[11].kind, Kind::Open);
        assert_eq!(t.base(0), "ukraine");
    }

    #[test]
    fn a_lower_head_is_what_to_lowercase_gives() {
        let texts = [
            "",
            "  ALSO READ: Markets",
            "Ünïcode HEADS ΣΑΣ and more",
            "İstanbul",
            "ΣΑΣ ΟΔΟΣ",
            "Ukraine’s general staff said the café owners’ Zürich ẞ ǅ",
            &"A".repeat(100),
            &"Ä".repeat(100),
            &"İ".repeat(100),
            "short",
        ];
        for s in texts {
            for n in [0, 1, 5, 32, 48, 64, 80, 300] {
                let want = s.chars().take(n).collect::<String>().to_lowercase();
                assert_eq!(with_lower_head(s, n, str::to_string), want, "{s:?} {n}");
            }
        }
    }

    #[test]
    fn keeps_at_most_max_tokens() {
        let t = Tokens::new("a b c d e", 3);
        assert_eq!(t.len(), 3);
        assert!(t.truncated);
    }
}
