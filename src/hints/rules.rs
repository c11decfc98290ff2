//! The hint rules are data: three RON files under `assets/hints/` are built into the binary,
//! and a desk adds to them with files of the same names in a folder of its own (every list
//! in a desk file is appended to the shipped one). Parsed once, then compiled to hash sets
//! and phrase tables so each statement costs a few lookups per word.

use super::claim_type::ClaimType;
use super::tokens::Tokens;
use serde::Deserialize;
use std::collections::{HashMap as StdMap, HashSet as StdSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A small multiply-rotate hasher (FxHash's): rule tables are looked up once or more per
/// word of the article, and SipHash's flood protection buys nothing for our own word lists.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<WordHasher>>;
pub type HashSet<K> = StdSet<K, BuildHasherDefault<WordHasher>>;

pub const CUES_RON: &str = include_str!("../../assets/hints/cues.ron");
pub const SOURCES_RON: &str = include_str!("../../assets/hints/sources.ron");
pub const SIGNALS_RON: &str = include_str!("../../assets/hints/signals.ron");

/// The folder a desk keeps its own rule files in, when no `--rules` option names one.
pub const RULES_DIR_ENV: &str = "CLAIMDESK_HINTS_DIR";

/// `cues.ron`: how attribution is worded.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CueFile {
    pub verbs: Vec<String>,
    pub that_verbs: Vec<String>,
    pub finding_verbs: Vec<String>,
    pub document_words: Vec<String>,
    pub participles: Vec<String>,
    pub source_after: Vec<String>,
    pub source_before: Vec<String>,
    pub blocked_before: Vec<String>,
    pub blocked_after: Vec<(String, Vec<String>)>,
    pub skip_before_verb: Vec<String>,
    pub clause_openers: Vec<String>,
    pub prepositions: Vec<String>,
    pub not_in_source: Vec<String>,
    pub ignore_lines: Vec<String>,
}

/// `sources.ron`: people, organisations and the words that refer back to them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SourceFile {
    pub person_words: Vec<String>,
    pub org_words: Vec<String>,
    pub person_pronouns: Vec<String>,
    pub org_pronouns: Vec<String>,
    pub not_names: Vec<String>,
    pub abbreviations: Vec<(String, String)>,
    pub org_references: Vec<String>,
}

/// How a check-worthiness signal is recognised.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub enum Matcher {
    Words(Vec<String>),
    Numbers,
    Years,
    Names,
    Acronyms,
    BeforeWord(String),
    Suffix(Vec<String>, usize, Vec<String>),
    Question,
    ShortLine(usize),
    LineStarts(Vec<String>),
    Attributed,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalRule {
    pub name: String,
    pub weight: f64,
    pub matcher: Matcher,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeRule {
    pub claim_type: ClaimType,
    pub any: Vec<String>,
}

/// `signals.ron`: check-worthiness signals and claim-type rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignalFile {
    pub base: Option<f64>,
    pub signals: Vec<SignalRule>,
    pub types: Vec<TypeRule>,
}

/// A rule file that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError(pub String);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RulesError {}

/// Parses a rule file; `base: 0.3` is read as `Some(0.3)` so desk files stay plain.
fn parse<T: for<'de> Deserialize<'de>>(src: &str, name: &str) -> Result<T, RulesError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(src)
        .map_err(|e| RulesError(format!("{name}: {e}")))
}

/// Lower-case phrases keyed by their first word, longest first, for matching on tokens.
#[derive(Debug, Default, Clone)]
pub struct Phrases {
    by_first: HashMap<String, Vec<Phrase>>,
    /// The bit of the first words in `Rules::words` (0: not there, so looked up every time).
    first_bit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Phrase {
    words: Vec<String>,
    /// Written with a capital ("January", "I"): matches capitalised words only.
    caps: bool,
    /// Which list it came from (the signal, for the combined signal table).
    tag: usize,
}

impl Phrases {
    fn new<'a>(phrases: impl IntoIterator<Item = &'a String>) -> Self {
        Phrases::tagged(phrases.into_iter().map(|p| (0, p)))
    }

    /// Phrases from several lists, each tagged with its list's number.
    fn tagged<'a>(phrases: impl IntoIterator<Item = (usize, &'a String)>) -> Self {
        let mut by_first: HashMap<String, Vec<Phrase>> = HashMap::default();
        for (tag, p) in phrases {
            let words = phrase_words(p);
            let caps = p.trim().starts_with(char::is_uppercase);
            if let Some(first) = words.first() {
                by_first
                    .entry(first.clone())
                    .or_default()
                    .push(Phrase { words, caps, tag });
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
            list.dedup();
        }
        Phrases {
            by_first,
            first_bit: 0,
        }
    }

    /// Whether a phrase may start at token `i`: false when no phrase starts with its word.
    fn may_start(&self, t: &Tokens, i: usize) -> bool {
        self.first_bit == 0 || t.lists(i) & self.first_bit != 0
    }

    fn find(&self, t: &Tokens, i: usize, cased: bool, opening: bool) -> Option<usize> {
        if !self.may_start(t, i) {
            return None;
        }
        let list = self.by_first.get(t.lower(i))?;
        list.iter()
            .find(|p| {
                (!cased || opening || p.caps == t.toks[i].cap)
                    && p.words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| i + k < t.len() && t.lower(i + k) == w)
            })
            .map(|p| p.words.len())
    }

    /// Every (tag, length) of the phrases matching at token `i`, cased as `match_cased`.
    pub fn all_cased<'p>(
        &'p self,
        t: &'p Tokens,
        i: usize,
        opening: bool,
    ) -> impl Iterator<Item = (usize, usize)> + 'p {
        self.may_start(t, i)
            .then(|| self.by_first.get(t.lower(i)))
            .flatten()
            .into_iter()
            .flatten()
            .filter(move |p| {
                (opening || p.caps == t.toks[i].cap)
                    && p.words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| i + k < t.len() && t.lower(i + k) == w)
            })
            .map(|p| (p.tag, p.words.len()))
    }

    /// Length in tokens of the longest phrase starting at token `i`, if any (any case).
    pub fn match_at(&self, t: &Tokens, i: usize) -> Option<usize> {
        self.find(t, i, false, false)
    }

    /// Like `match_at`, but a lower-case entry does not match a capitalised word inside the
    /// sentence (a name: "North Atlantic Treaty Organization" holds no legal claim) and a
    /// capitalised entry ("March", "I") matches only capitalised words. `opening`: token `i`
    /// is the statement's first word (capitalised whatever it is).
    pub fn match_cased(&self, t: &Tokens, i: usize, opening: bool) -> Option<usize> {
        self.find(t, i, true, opening)
    }
}

/// A phrase split the way statements are tokenised, so "per cent" and "%" match alike.
fn phrase_words(p: &str) -> Vec<String> {
    let t = Tokens::new(p, usize::MAX);
    (0..t.len()).map(|i| t.lower(i).to_string()).collect()
}

fn set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.trim().to_lowercase()).collect()
}

/// A word list: lower-case words, and the list's bit in `Rules::words`. Every token of a
/// statement is looked up there once (`Tokens::read`), so asking whether a token is on a list
/// costs a bit test, not a hash lookup.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    set: HashSet<String>,
    bit: u32,
}

impl WordList {
    pub fn contains(&self, w: &str) -> bool {
        self.set.contains(w)
    }

    /// Token `i`, lower-cased (`Tokens::lower`), is on the list.
    pub fn has(&self, t: &Tokens, i: usize) -> bool {
        t.lists(i) & self.bit != 0
    }

    /// Token `i` without a possessive ending (`Tokens::base`) is on the list.
    pub fn has_base(&self, t: &Tokens, i: usize) -> bool {
        t.base_lists(i) & self.bit != 0
    }
}

/// Gives each word list a bit and records, per word, the bits of the lists it is on.
#[derive(Default)]
struct Bits {
    words: HashMap<String, u32>,
    used: u32,
}

impl Bits {
    fn bit_for<'a>(&mut self, words: impl IntoIterator<Item = &'a String>) -> u32 {
        assert!(self.used < u32::BITS, "more word lists than bits");
        let bit = 1 << self.used;
        self.used += 1;
        for w in words {
            *self.words.entry(w.clone()).or_default() |= bit;
        }
        bit
    }

    fn list(&mut self, words: &[String]) -> WordList {
        let set = set(words);
        let bit = self.bit_for(&set);
        WordList { set, bit }
    }

    fn phrases(&mut self, mut p: Phrases) -> Phrases {
        p.first_bit = self.bit_for(p.by_first.keys());
        p
    }
}

/// Compiled attribution cues.
#[derive(Debug, Clone)]
pub struct Cues {
    pub verbs: WordList,
    pub that_verbs: WordList,
    pub finding_verbs: WordList,
    pub document_words: WordList,
    pub participles: WordList,
    pub source_after: Phrases,
    pub source_before: Phrases,
    pub blocked_before: WordList,
    pub blocked_after: HashMap<String, HashSet<String>>,
    pub skip_before_verb: WordList,
    pub clause_openers: WordList,
    pub prepositions: WordList,
    pub not_in_source: WordList,
    pub ignore_lines: Vec<String>,
}

/// Compiled source vocabulary.
#[derive(Debug, Clone)]
pub struct SourceWords {
    pub person_words: WordList,
    pub org_words: WordList,
    pub person_pronouns: WordList,
    pub org_pronouns: WordList,
    pub not_names: WordList,
    /// Both directions: "admiral" → "adm" and "adm" → "admiral".
    pub abbreviations: HashMap<String, String>,
    pub org_references: WordList,
}

/// A compiled signal.
#[derive(Debug, Clone)]
pub struct Signal {
    pub name: String,
    /// The index of the first signal of this name: signals listed under several matchers
    /// share it.
    pub name_id: usize,
    pub weight: f64,
    pub matcher: Compiled,
}

#[derive(Debug, Clone)]
pub enum Compiled {
    Words(Phrases),
    Numbers,
    Years,
    Names,
    Acronyms,
    BeforeWord(String),
    Suffix {
        ends: Vec<String>,
        min_len: usize,
        except: HashSet<String>,
    },
    Question,
    ShortLine(usize),
    LineStarts(Vec<String>),
    Attributed,
}

/// Every rule the hints use, ready to apply. Cheap to share between threads (`Arc<Rules>`).
#[derive(Debug, Clone)]
pub struct Rules {
    pub cues: Cues,
    pub sources: SourceWords,
    pub base: f64,
    pub signals: Vec<Signal>,
    /// Every `Words` signal's phrases in one table tagged by signal index: one lookup per word.
    pub signal_words: Phrases,
    /// Per lower-case word on any word list or opening any phrase: the bits of those lists
    /// (`WordList`, `Phrases`).
    pub words: HashMap<String, u32>,
    pub types: Vec<TypeRule>,
    /// Per type rule: the `name_id`s of the signals it names (names no signal has are left
    /// out: they never match).
    pub type_signals: Vec<Vec<usize>>,
    /// Where the desk's additions came from, if any (shown by the CLI).
    pub extended_from: Option<PathBuf>,
}

/// The raw files, shipped plus the desk's, before compiling.
#[derive(Debug, Clone, Default)]
pub struct RuleFiles {
    pub cues: CueFile,
    pub sources: SourceFile,
    pub signals: SignalFile,
}

impl RuleFiles {
    /// The files built into claimdesk.
    pub fn shipped() -> Result<RuleFiles, RulesError> {
        Ok(RuleFiles {
            cues: parse(CUES_RON, "cues.ron")?,
            sources: parse(SOURCES_RON, "sources.ron")?,
            signals: parse(SIGNALS_RON, "signals.ron")?,
        })
    }

    /// Adds a desk's files from `dir` (each of cues.ron, sources.ron, signals.ron is optional;
    /// a missing folder is an error, so a typo in the path is noticed).
    pub fn extend_from_dir(&mut self, dir: &Path) -> Result<(), RulesError> {
        if !dir.is_dir() {
            return Err(RulesError(format!(
                "{}: not a folder of hint rules",
                dir.display()
            )));
        }
        let read = |name: &str| -> Result<Option<String>, RulesError> {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(s) => Ok(Some(s)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(RulesError(format!("{}: {e}", path.display()))),
            }
        };
        let named = |name: &str| dir.join(name).display().to_string();
        if let Some(src) = read("cues.ron")? {
            let c: CueFile = parse(&src, &named("cues.ron"))?;
            let m = &mut self.cues;
            m.verbs.extend(c.verbs);
            m.that_verbs.extend(c.that_verbs);
            m.finding_verbs.extend(c.finding_verbs);
            m.document_words.extend(c.document_words);
            m.participles.extend(c.participles);
            m.source_after.extend(c.source_after);
            m.source_before.extend(c.source_before);
            m.blocked_before.extend(c.blocked_before);
            m.blocked_after.extend(c.blocked_after);
            m.skip_before_verb.extend(c.skip_before_verb);
            m.clause_openers.extend(c.clause_openers);
            m.prepositions.extend(c.prepositions);
            m.not_in_source.extend(c.not_in_source);
            m.ignore_lines.extend(c.ignore_lines);
        }
        if let Some(src) = read("sources.ron")? {
            let s: SourceFile = parse(&src, &named("sources.ron"))?;
            let m = &mut self.sources;
            m.person_words.extend(s.person_words);
            m.org_words.extend(s.org_words);
            m.person_pronouns.extend(s.person_pronouns);
            m.org_pronouns.extend(s.org_pronouns);
            m.not_names.extend(s.not_names);
            m.abbreviations.extend(s.abbreviations);
            m.org_references.extend(s.org_references);
        }
        if let Some(src) = read("signals.ron")? {
            let s: SignalFile = parse(&src, &named("signals.ron"))?;
            if s.base.is_some() {
                self.signals.base = s.base;
            }
            self.signals.signals.extend(s.signals);
            // The desk's type rules come first: they are more specific than the shipped ones.
            let mut types = s.types;
            types.append(&mut self.signals.types);
            self.signals.types = types;
        }
        Ok(())
    }

    pub fn compile(self) -> Rules {
        let mut bits = Bits::default();
        let c = self.cues;
        let cues = Cues {
            verbs: bits.list(&c.verbs),
            that_verbs: bits.list(&c.that_verbs),
            finding_verbs: bits.list(&c.finding_verbs),
            document_words: bits.list(&c.document_words),
            participles: bits.list(&c.participles),
            source_after: bits.phrases(Phrases::new(&c.source_after)),
            source_before: bits.phrases(Phrases::new(&c.source_before)),
            blocked_before: bits.list(&c.blocked_before),
            blocked_after: c
                .blocked_after
                .iter()
                .fold(HashMap::default(), |mut m, (v, next)| {
                    m.entry(v.to_lowercase())
                        .or_insert_with(HashSet::default)
                        .extend(set(next));
                    m
                }),
            skip_before_verb: bits.list(&c.skip_before_verb),
            clause_openers: bits.list(&c.clause_openers),
            prepositions: bits.list(&c.prepositions),
            not_in_source: bits.list(&c.not_in_source),
            ignore_lines: c.ignore_lines.iter().map(|s| s.to_lowercase()).collect(),
        };
        let s = self.sources;
        let mut abbreviations = HashMap::default();
        for (full, short) in &s.abbreviations {
            abbreviations.insert(full.to_lowercase(), short.to_lowercase());
            abbreviations.insert(short.to_lowercase(), full.to_lowercase());
        }
        let sources = SourceWords {
            person_words: bits.list(&s.person_words),
            org_words: bits.list(&s.org_words),
            person_pronouns: bits.list(&s.person_pronouns),
            org_pronouns: bits.list(&s.org_pronouns),
            not_names: bits.list(&s.not_names),
            abbreviations,
            org_references: bits.list(&s.org_references),
        };
        let signal_words = bits.phrases(Phrases::tagged(
            self.signals
                .signals
                .iter()
                .enumerate()
                .filter_map(|(i, r)| match &r.matcher {
                    Matcher::Words(w) => Some(w.iter().map(move |p| (i, p))),
                    _ => None,
                })
                .flatten(),
        ));
        let name_id = |name: &str| self.signals.signals.iter().position(|r| r.name == name);
        let type_signals = self
            .signals
            .types
            .iter()
            .map(|rule| rule.any.iter().filter_map(|n| name_id(n)).collect())
            .collect();
        let name_ids: Vec<usize> = self
            .signals
            .signals
            .iter()
            .enumerate()
            .map(|(i, r)| name_id(&r.name).unwrap_or(i))
            .collect();
        let signals = self
            .signals
            .signals
            .into_iter()
            .zip(name_ids)
            .map(|(r, name_id)| Signal {
                name: r.name,
                name_id,
                weight: r.weight,
                matcher: compile_matcher(r.matcher),
            })
            .collect();
        Rules {
            cues,
            sources,
            base: self.signals.base.unwrap_or(0.3),
            signals,
            signal_words,
            words: bits.words,
            types: self.signals.types,
            type_signals,
            extended_from: None,
        }
    }
}

fn compile_matcher(m: Matcher) -> Compiled {
    match m {
        Matcher::Words(w) => Compiled::Words(Phrases::new(&w)),
        Matcher::Numbers => Compiled::Numbers,
        Matcher::Years => Compiled::Years,
        Matcher::Names => Compiled::Names,
        Matcher::Acronyms => Compiled::Acronyms,
        Matcher::BeforeWord(w) => Compiled::BeforeWord(w.to_lowercase()),
        Matcher::Suffix(ends, min_len, except) => Compiled::Suffix {
            ends: ends.iter().map(|e| e.to_lowercase()).collect(),
            min_len,
            except: set(&except),
        },
        Matcher::Question => Compiled::Question,
        Matcher::ShortLine(n) => Compiled::ShortLine(n),
        Matcher::LineStarts(s) => {
            Compiled::LineStarts(s.iter().map(|x| x.to_lowercase()).collect())
        }
        Matcher::Attributed => Compiled::Attributed,
    }
}

impl Rules {
    /// The shipped rules, parsed once per process.
    pub fn shipped() -> Arc<Rules> {
        static SHIPPED: OnceLock<Arc<Rules>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                let files = RuleFiles::shipped().expect("the shipped hint rules parse (tested)");
                Arc::new(files.compile())
            })
            .clone()
    }

    /// The shipped rules plus a desk's files from `dir`.
    pub fn with_dir(dir: &Path) -> Result<Rules, RulesError> {
        let mut files = RuleFiles::shipped()?;
        files.extend_from_dir(dir)?;
        let mut rules = files.compile();
        rules.extended_from = Some(dir.to_path_buf());
        Ok(rules)
    }

    /// The rules in force: `dir` if given, else the folder in `CLAIMDESK_HINTS_DIR` if set,
    /// else the shipped rules.
    pub fn load(dir: Option<&Path>) -> Result<Arc<Rules>, RulesError> {
        if let Some(dir) = dir {
            return Rules::with_dir(dir).map(Arc::new);
        }
        match std::env::var_os(RULES_DIR_ENV) {
            Some(d) if !d.is_empty() => Rules::with_dir(Path::new(&d))
                .map(Arc::new)
                .map_err(|e| RulesError(format!("{RULES_DIR_ENV}: {e}"))),
            _ => Ok(Rules::shipped()),
        }
    }
}
