//! The text two claims are compared by for "checked before": case, quote marks, apostrophes,
//! punctuation, spacing and diacritics do not count, and numbers are digits whether the article
//! wrote "five million", "5 million" or "5,000,000".
//!
//! Changing anything here changes the stored hashes: bump `NORMALISE_VERSION` so caches are
//! rebuilt.

/// Part of every cache file's header: a cache made with other rules is rebuilt.
pub const NORMALISE_VERSION: u32 = 1;

/// Lower case, words and numbers separated by one space, numbers as plain digits.
/// "The Minister said “5 million”." → "the minister said 5000000".
pub fn normalise(text: &str) -> String {
    let words = words(text);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < words.len() {
        let (word, used) = match number_at(&words[i..]) {
            Some((value, used)) => (value, used),
            None => (words[i].clone(), 1),
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
        i += used;
    }
    out
}

/// The numbers of a normalised text, sorted: two near-duplicates with different numbers
/// ("26 drones" and "62 drones") are different claims to a fact-checker.
pub fn numbers(normalised: &str) -> Vec<&str> {
    let mut out: Vec<&str> = normalised
        .split(' ')
        .filter(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    out.sort_unstable();
    out
}

/// Lower-case words with diacritics folded. Apostrophes inside a word vanish ("don’t" →
/// "dont"); digits keep a decimal point and lose thousands commas ("2,500.5" → "2500.5");
/// "%" is the word "percent".
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let digit_at = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let letter_at = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    for (i, &c) in chars.iter().enumerate() {
        // Combining accents (decomposed "é") belong to their letter: dropped like folded ones.
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        if c.is_alphanumeric() {
            // "5bn", "10am", "covid19": digits and letters are separate words.
            let kind = |ch: char| ch.is_ascii_digit() || ch == '.';
            if word
                .chars()
                .last()
                .is_some_and(|last| kind(last) != c.is_ascii_digit())
            {
                words.push(std::mem::take(&mut word));
            }
            for lower in c.to_lowercase() {
                match fold(lower) {
                    Some(folded) => word.push_str(folded),
                    None => word.push(lower),
                }
            }
            continue;
        }
        let inside_number = i > 0 && digit_at(i - 1) && digit_at(i + 1);
        if c == '.' && inside_number && word.bytes().all(|w| w.is_ascii_digit()) {
            word.push('.');
            continue;
        }
        // "2,500" and "1,000,000": a comma followed by exactly three digits.
        if c == ',' && inside_number && (1..=3).all(|k| digit_at(i + k)) && !digit_at(i + 4) {
            continue;
        }
        if is_apostrophe(c) && i > 0 && letter_at(i - 1) && letter_at(i + 1) {
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c == '%' {
            words.push("percent".to_string());
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    merge_per_cent(words)
}

/// "per cent" and "percent" are one word.
fn merge_per_cent(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        if w == "cent" && out.last().is_some_and(|p| p == "per") {
            if let Some(last) = out.last_mut() {
                *last = "percent".to_string();
            }
            continue;
        }
        out.push(w);
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`' | '´')
}

/// Latin letters with diacritics as plain ASCII; `None` for letters left as they are.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        _ => return None,
    })
}

/// Number words from zero to nineteen, as news copy writes them out.
pub(crate) const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

fn small_number(word: &str) -> Option<u64> {
    if let Some(n) = UNITS.iter().position(|u| *u == word) {
        return Some(n as u64);
    }
    tens(word)
}

fn tens(word: &str) -> Option<u64> {
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    TENS.iter()
        .position(|t| *t == word)
        .map(|n| (n as u64 + 2) * 10)
}

/// The power of ten a scale word multiplies by.
fn scale(word: &str) -> Option<u32> {
    match word {
        "thousand" => Some(3),
        "million" | "mln" => Some(6),
        "billion" | "bn" => Some(9),
        "trillion" | "tn" => Some(12),
        _ => None,
    }
}

/// A number as a decimal: `mantissa × 10^exponent`.
#[derive(Clone, Copy)]
struct Decimal {
    mantissa: u128,
    exponent: i32,
}

impl Decimal {
    fn parse(digits: &str) -> Option<Decimal> {
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() || whole.len() + frac.len() > 30 || frac.contains('.') {
            return None;
        }
        let mantissa = format!("{whole}{frac}").parse().ok()?;
        Some(Decimal {
            mantissa,
            exponent: -(frac.len() as i32),
        })
    }

    fn whole(n: u64) -> Decimal {
        Decimal {
            mantissa: u128::from(n),
            exponent: 0,
        }
    }

    /// Plain digits: no exponent, no trailing zeros after a decimal point.
    fn text(self) -> String {
        let Decimal {
            mut mantissa,
            mut exponent,
        } = self;
        while exponent < 0 && mantissa % 10 == 0 && mantissa != 0 {
            mantissa /= 10;
            exponent += 1;
        }
        if mantissa == 0 {
            return "0".to_string();
        }
        let digits = mantissa.to_string();
        if exponent >= 0 {
            return format!("{digits}{}", "0".repeat(exponent as usize));
        }
        let point = digits.len() as i32 + exponent;
        if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else {
            let (a, b) = digits.split_at(point as usize);
            format!("{a}.{b}")
        }
    }
}

/// A number starting at `words[0]`: digits or number words up to 999 ("twenty five", "two
/// hundred"), "a" before a scale ("a million"), then scale words. Returns its digits and how
/// many words it took; `None` if `words[0]` starts no number.
fn number_at(words: &[String]) -> Option<(String, usize)> {
    let first = words.first()?;
    let (mut value, mut used) = if first.starts_with(|c: char| c.is_ascii_digit()) {
        (Decimal::parse(first)?, 1)
    } else if first == "a" && words.get(1).is_some_and(|w| scale(w).is_some()) {
        (Decimal::whole(1), 1)
    } else if first == "a" && words.get(1).is_some_and(|w| w == "hundred") {
        // "a hundred" is "one hundred".
        let (n, used) = spelled(&words[1..])?;
        (Decimal::whole(n), used + 1)
    } else {
        let (n, used) = spelled(words)?;
        (Decimal::whole(n), used)
    };
    // Digits of more than 15 places are an identifier or a phone number, not an amount.
    while let Some(power) = words.get(used).and_then(|w| scale(w)) {
        if value.mantissa.to_string().len() as i32 + value.exponent + power as i32 > 30 {
            break;
        }
        value.exponent += power as i32;
        used += 1;
    }
    Some((value.text(), used))
}

/// Number words up to 999: "seven", "forty two", "forty-two" (split already), "a hundred",
/// "three hundred fifty".
fn spelled(words: &[String]) -> Option<(u64, usize)> {
    let word = |i: usize| words.get(i).map(String::as_str);
    let mut used = 0;
    let mut value = match word(0)? {
        "hundred" => {
            used = 1;
            100
        }
        w => {
            let n = small_number(w)?;
            used += 1;
            n
        }
    };
    // "forty two": tens then a unit.
    if value >= 20
        && value % 10 == 0
        && value < 100
        && let Some(unit) = word(used)
            .and_then(small_number)
            .filter(|u| (1..10).contains(u))
    {
        value += unit;
        used += 1;
    }
    if value < 10 && value > 0 && word(used) == Some("hundred") {
        value *= 100;
        used += 1;
    }
    if value >= 100
        && value % 100 == 0
        && let Some((rest, more)) = word(used).filter(|w| *w != "hundred").and_then(|_| {
            let (n, more) = spelled(&words[used..])?;
            (n < 100 && n > 0).then_some((n, more))
        })
    {
        value += rest;
        used += more;
    }
    Some((value, used))
}

#[cfg(test)]
mod tests {
    use super::{normalise, numbers};

    #[test]
    fn case_quotes_and_punctuation_do_not_count() {
        assert_eq!(
            normalise("The Minister said: “We’re  ready.”"),
            normalise("the minister said \"we're ready\"")
        );
        assert_eq!(normalise("Don’t stop!"), "dont stop");
    }

    #[test]
    fn numbers_written_out_are_digits() {
        assert_eq!(
            normalise("The minister said 5 million"),
            "the minister said 5000000"
        );
        assert_eq!(
            normalise("the Minister said five million"),
            "the minister said 5000000"
        );
        assert_eq!(normalise("5,000,000 people"), "5000000 people");
        assert_eq!(normalise("$2.5 billion"), "2500000000");
        assert_eq!(normalise("$2.5bn"), "2500000000");
        assert_eq!(normalise("covid19"), "covid 19");
        assert_eq!(normalise("forty-two drones"), "42 drones");
        assert_eq!(normalise("twenty six drones"), "26 drones");
        assert_eq!(normalise("one hundred days"), "100 days");
        assert_eq!(normalise("a hundred days"), "100 days");
        assert_eq!(normalise("three hundred fifty"), "350");
        assert_eq!(normalise("a million people"), "1000000 people");
        assert_eq!(normalise("zero casualties"), "0 casualties");
        assert_eq!(normalise("prices fell 4.2% "), "prices fell 4.2 percent");
        assert_eq!(normalise("4.2 per cent"), "4.2 percent");
        assert_eq!(normalise("4.20"), "4.2");
    }

    #[test]
    fn numbers_of_a_text() {
        assert_eq!(
            numbers(&normalise("26 drones, then five more and 26 again")),
            vec!["26", "26", "5"]
        );
        assert!(numbers("no numbers here").is_empty());
    }

    #[test]
    fn diacritics_fold() {
        assert_eq!(normalise("Zürich café Łódź"), "zurich cafe lodz");
    }

    #[test]
    fn odd_input_is_safe() {
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("—…"), "");
        assert_eq!(normalise("1.2.3"), "1.2 3");
        let long = "9".repeat(40);
        assert_eq!(
            normalise(&format!("{long} million")),
            format!("{long} million")
        );
        assert_eq!(normalise("re\u{301}sume\u{301}"), "resume");
    }
}
