//! Who a source is: a named person or organisation, or a pronoun or short reference ("he",
//! "it", "the admiral", "the ministry") resolved to the last matching named source earlier
//! in the article. Names that follow a title anywhere ("Energy Minister Herman
//! Halushchenko") are remembered as people's names, so "Halushchenko said" is a person.

use super::rules::{HashSet, Rules, WordList};
use super::tokens::Tokens;

/// A source as it stands in the article: its text and character span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub person: bool,
    /// Lower-case words of the name, each followed by a space (one allocation, not one per
    /// word), for matching "the ministry" to "Russia's Defense Ministry".
    words: String,
}

impl Named {
    /// Lower-case words of the name (tokens hold no spaces).
    fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split_terminator(' ')
    }
}

/// What a source phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    PersonPronoun,
    OrgPronoun,
    /// "the admiral", "the company": a definite phrase without a name.
    ShortReference,
    Named,
    /// "officials", "its lawyers", "analysts": kept as written.
    Generic,
}

/// Where a statement's source phrase sits: tokens `[a, b)` and the statement's first char.
pub struct Phrase<'t, 's> {
    pub t: &'t Tokens<'s>,
    pub a: usize,
    pub b: usize,
    /// Article char offset of each token boundary the caller can compute.
    pub chars: &'t dyn Fn(usize) -> usize,
}

/// The resolved source and, when it was a reference, the words that referred to it.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub source: Named,
    pub mention: Option<Named>,
}

/// Sources and person names seen so far in the article.
#[derive(Debug, Default)]
pub struct Memory {
    recent: Vec<Named>,
    names: HashSet<String>,
    /// The person the previous statement opened with ("Pakistan's prime minister offered
    /// condolences. He said ..."): in news copy a sentence-initial "he" refers to them.
    previous_subject: Option<Named>,
}

/// How far back a reference looks, in sources.
const RECALL: usize = 64;

impl Memory {
    /// Remembers names that follow a title or role in this statement.
    pub fn learn_names(&mut self, t: &Tokens, rules: &Rules) {
        let s = &rules.sources;
        let mut i = 0;
        while i < t.len() {
            if !s.person_words.has_base(t, i) {
                i += 1;
                continue;
            }
            let mut k = i + 1;
            let mut taken = 0;
            while k < t.len() && taken < 3 {
                if t.lower(k) == "." {
                    k += 1;
                    continue;
                }
                let w = t.base(k);
                if !t.toks[k].cap || s.not_names.has_base(t, k) {
                    break;
                }
                if !s.person_words.has_base(t, k) {
                    if !self.names.contains(w) {
                        self.names.insert(w.to_string());
                    }
                    taken += 1;
                }
                k += 1;
            }
            i = k.max(i + 1);
        }
    }

    /// Resolves a source phrase and remembers it when it names someone.
    pub fn resolve(&mut self, p: &Phrase, rules: &Rules) -> Resolved {
        let written = self.named(p, rules);
        let sort = self.sort(p, rules);
        let found = match sort {
            Sort::PersonPronoun => self
                .previous_subject
                .clone()
                .or_else(|| self.last(|n| n.person)),
            Sort::OrgPronoun => self.last(|n| !n.person),
            Sort::ShortReference => self.by_head(p, rules),
            Sort::Named | Sort::Generic => None,
        };
        // "the county sheriff", "a fire official": no name, but what a later "he" means.
        let describes =
            written.person || written.words().any(|w| rules.sources.org_words.contains(w));
        if found.is_none() && matches!(sort, Sort::ShortReference | Sort::Generic) && describes {
            self.remember(written.clone());
        }
        if sort == Sort::Named {
            if written.person {
                for w in written.words() {
                    if !rules.sources.person_words.contains(w) && !self.names.contains(w) {
                        // Every word of a person's name is a name from now on.
                        self.names.insert(w.to_string());
                    }
                }
            }
            self.remember(written.clone());
        }
        match found {
            Some(source) => Resolved {
                source,
                mention: Some(written),
            },
            None => Resolved {
                source: written,
                mention: None,
            },
        }
    }

    /// Sets who the next statement's "he" or "she" most likely is.
    pub fn set_previous_subject(&mut self, who: Option<Named>) {
        self.previous_subject = who.filter(|n| n.person);
    }

    /// The person a statement opens with, if it opens with one ("Judge Andrew Oldham
    /// dissented.").
    pub fn opening_person(
        &self,
        t: &Tokens,
        chars: &dyn Fn(usize) -> usize,
        rules: &Rules,
    ) -> Option<Named> {
        let s = &rules.sources;
        let mut end = 0;
        while end < t.len() {
            let w = t.base(end);
            let fits = (t.is_word(end) && t.toks[end].cap)
                || matches!(w, "the" | "a" | "an" | ".")
                || s.person_words.has_base(t, end)
                || s.org_words.has_base(t, end);
            if !fits {
                break;
            }
            end += 1;
        }
        while end > 0 && !t.is_word(end - 1) {
            end -= 1;
        }
        if end == 0 {
            return None;
        }
        let pronoun = end == 1 && s.person_pronouns.has(t, 0);
        if pronoun || !self.is_person(t, 0, end, rules) {
            return None;
        }
        let p = Phrase {
            t,
            a: 0,
            b: end,
            chars,
        };
        Some(self.named(&p, rules))
    }

    fn remember(&mut self, n: Named) {
        self.recent.retain(|o| o.text != n.text);
        self.recent.push(n);
        if self.recent.len() > RECALL {
            self.recent.remove(0);
        }
    }

    fn last(&self, wanted: impl Fn(&Named) -> bool) -> Option<Named> {
        self.recent.iter().rev().find(|n| wanted(n)).cloned()
    }

    /// "the admiral" → the last source holding "admiral" or "adm"; "the company" → the last
    /// organisation.
    fn by_head(&self, p: &Phrase, rules: &Rules) -> Option<Named> {
        let s = &rules.sources;
        let head = p.t.base(p.b - 1);
        let short = s.abbreviations.get(head);
        let hit = self.last(|n| {
            n.words()
                .any(|w| w == head || short.is_some_and(|a| a == w))
        });
        hit.or_else(|| {
            if p.b - p.a == 2 && s.org_references.has_base(p.t, p.b - 1) {
                self.last(|n| !n.person)
            } else {
                None
            }
        })
    }

    fn sort(&self, p: &Phrase, rules: &Rules) -> Sort {
        let (t, a, b) = (p.t, p.a, p.b);
        let s = &rules.sources;
        if b - a == 1 && s.person_pronouns.has(t, a) {
            return Sort::PersonPronoun;
        }
        if b - a == 1 && s.org_pronouns.has(t, a) {
            return Sort::OrgPronoun;
        }
        if self.has_name(p, rules) {
            return Sort::Named;
        }
        if t.lower(a) == "the" && b - a <= 4 {
            return Sort::ShortReference;
        }
        Sort::Generic
    }

    /// A capitalised word that is a name, not just a sentence's first word.
    fn has_name(&self, p: &Phrase, rules: &Rules) -> bool {
        let s = &rules.sources;
        (p.a..p.b).any(|k| {
            p.t.is_word(k)
                && (p.t.toks[k].cap || p.t.toks[k].acronym)
                && !s.not_names.has_base(p.t, k)
                && !s.person_pronouns.has(p.t, k)
                && !s.org_pronouns.has(p.t, k)
        })
    }

    /// The phrase as a source: its text, span and whether it is a person.
    fn named(&self, p: &Phrase, rules: &Rules) -> Named {
        let (t, a, b) = (p.t, p.a, p.b);
        let mut words = String::new();
        for k in (a..b).filter(|&k| t.is_word(k)) {
            words.push_str(t.base(k));
            words.push(' ');
        }
        Named {
            text: t.span_text(a, b - 1).to_string(),
            start: (p.chars)(t.toks[a].start),
            end: (p.chars)(t.toks[b - 1].end),
            person: self.is_person(t, a, b, rules),
            words,
        }
    }

    /// Whether tokens `[a, b)` name a person rather than an organisation.
    fn is_person(&self, t: &Tokens, a: usize, b: usize, rules: &Rules) -> bool {
        let s = &rules.sources;
        let has = |list: &WordList| (a..b).any(|k| t.is_word(k) && list.has_base(t, k));
        let caps = (a..b)
            .filter(|&k| t.is_word(k) && t.toks[k].cap && !s.not_names.has_base(t, k))
            .count();
        let acronym = (a..b).any(|k| t.toks[k].acronym);
        let known = (a..b).any(|k| t.toks[k].cap && self.names.contains(t.base(k)));
        let pronoun = b - a == 1 && s.person_pronouns.has(t, a);
        if pronoun || has(&s.person_words) {
            true
        } else if has(&s.org_words) || acronym {
            false
        } else {
            known || caps >= 2
        }
    }
}
