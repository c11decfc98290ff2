//! The article's language: detected from the text (whatlang), or named by the user, always
//! kept as an ISO 639-1 code ("en", "de", "uk"). The splitter picks its rules by that code and
//! the project records it, so the names here are the only place codes meet people.

/// How much of the text detection reads: enough for a confident answer, bounded so a huge
/// paste costs no more than a short one.
const SAMPLE_BYTES: usize = 16 * 1024;

/// Fewer letters than this is a headline or a test string: too little to tell languages apart.
const MIN_LETTERS: usize = 40;

/// Below this whatlang confidence the answer is a guess (whatlang calls > 0.9 "reliable";
/// a paragraph of news usually reaches 1.0). Spanish and Catalan are settled apart, below.
const MIN_CONFIDENCE: f64 = 0.25;

/// Words frequent in one of Spanish and Catalan and rare in the other: whatlang's trigrams
/// often take a Spanish paragraph for Catalan.
const SPANISH_WORDS: &[&str] = &[
    "y", "los", "con", "por", "para", "pero", "más", "muy", "este", "esta", "sus", "como", "fue",
    "según", "del",
];
const CATALAN_WORDS: &[&str] = &[
    "i", "els", "amb", "per", "però", "més", "molt", "aquest", "aquesta", "seus", "com", "segons",
    "pel", "dels", "l",
];

/// One language: ISO 639-1 code, ISO 639-3 code (whatlang's), English name, right-to-left.
struct Known {
    code: &'static str,
    code3: &'static str,
    name: &'static str,
    rtl: bool,
}

const fn ltr(code: &'static str, code3: &'static str, name: &'static str) -> Known {
    Known {
        code,
        code3,
        name,
        rtl: false,
    }
}

const fn rtl(code: &'static str, code3: &'static str, name: &'static str) -> Known {
    Known {
        code,
        code3,
        name,
        rtl: true,
    }
}

/// Every language whatlang detects, plus Kazakh (sentencex has rules for it), sorted by name.
const KNOWN: &[Known] = &[
    ltr("af", "afr", "Afrikaans"),
    ltr("ak", "aka", "Akan"),
    ltr("am", "amh", "Amharic"),
    rtl("ar", "ara", "Arabic"),
    ltr("hy", "hye", "Armenian"),
    ltr("az", "aze", "Azerbaijani"),
    ltr("be", "bel", "Belarusian"),
    ltr("bn", "ben", "Bengali"),
    ltr("bg", "bul", "Bulgarian"),
    ltr("my", "mya", "Burmese"),
    ltr("ca", "cat", "Catalan"),
    ltr("zh", "cmn", "Chinese"),
    ltr("hr", "hrv", "Croatian"),
    ltr("cs", "ces", "Czech"),
    ltr("da", "dan", "Danish"),
    ltr("nl", "nld", "Dutch"),
    ltr("en", "eng", "English"),
    ltr("eo", "epo", "Esperanto"),
    ltr("et", "est", "Estonian"),
    ltr("fi", "fin", "Finnish"),
    ltr("fr", "fra", "French"),
    ltr("ka", "kat", "Georgian"),
    ltr("de", "deu", "German"),
    ltr("el", "ell", "Greek"),
    ltr("gu", "guj", "Gujarati"),
    rtl("he", "heb", "Hebrew"),
    ltr("hi", "hin", "Hindi"),
    ltr("hu", "hun", "Hungarian"),
    ltr("id", "ind", "Indonesian"),
    ltr("it", "ita", "Italian"),
    ltr("ja", "jpn", "Japanese"),
    ltr("jv", "jav", "Javanese"),
    ltr("kn", "kan", "Kannada"),
    ltr("kk", "kaz", "Kazakh"),
    ltr("km", "khm", "Khmer"),
    ltr("ko", "kor", "Korean"),
    ltr("la", "lat", "Latin"),
    ltr("lv", "lav", "Latvian"),
    ltr("lt", "lit", "Lithuanian"),
    ltr("mk", "mkd", "Macedonian"),
    ltr("ml", "mal", "Malayalam"),
    ltr("mr", "mar", "Marathi"),
    ltr("ne", "nep", "Nepali"),
    ltr("nb", "nob", "Norwegian Bokmål"),
    ltr("or", "ori", "Oriya"),
    rtl("fa", "pes", "Persian"),
    ltr("pl", "pol", "Polish"),
    ltr("pt", "por", "Portuguese"),
    ltr("pa", "pan", "Punjabi"),
    ltr("ro", "ron", "Romanian"),
    ltr("ru", "rus", "Russian"),
    ltr("sr", "srp", "Serbian"),
    ltr("sn", "sna", "Shona"),
    ltr("si", "sin", "Sinhala"),
    ltr("sk", "slk", "Slovak"),
    ltr("sl", "slv", "Slovenian"),
    ltr("es", "spa", "Spanish"),
    ltr("sv", "swe", "Swedish"),
    ltr("tl", "tgl", "Tagalog"),
    ltr("ta", "tam", "Tamil"),
    ltr("te", "tel", "Telugu"),
    ltr("th", "tha", "Thai"),
    ltr("tr", "tur", "Turkish"),
    ltr("tk", "tuk", "Turkmen"),
    ltr("uk", "ukr", "Ukrainian"),
    rtl("ur", "urd", "Urdu"),
    ltr("uz", "uzb", "Uzbek"),
    ltr("vi", "vie", "Vietnamese"),
    ltr("cy", "cym", "Welsh"),
    rtl("yi", "yid", "Yiddish"),
    ltr("zu", "zul", "Zulu"),
];

/// Other names people type: ISO 639-2/B codes, macrolanguage codes and common English
/// alternatives, each to its ISO 639-1 code.
const ALIASES: &[(&str, &str)] = &[
    ("arm", "hy"),
    ("bur", "my"),
    ("chi", "zh"),
    ("zho", "zh"),
    ("mandarin", "zh"),
    ("cze", "cs"),
    ("dut", "nl"),
    ("flemish", "nl"),
    ("fre", "fr"),
    ("geo", "ka"),
    ("ger", "de"),
    ("gre", "el"),
    ("mac", "mk"),
    ("per", "fa"),
    ("fas", "fa"),
    ("farsi", "fa"),
    ("rum", "ro"),
    ("moldovan", "ro"),
    ("slo", "sk"),
    ("slovene", "sl"),
    ("sinhalese", "si"),
    ("wel", "cy"),
    ("no", "nb"),
    ("nor", "nb"),
    ("norwegian", "nb"),
    ("bokmal", "nb"),
    ("filipino", "tl"),
    ("castilian", "es"),
    ("iw", "he"),
    ("ji", "yi"),
    ("in", "id"),
];

fn known(code: &str) -> Option<&'static Known> {
    KNOWN.iter().find(|k| k.code == code)
}

/// ISO 639-1 code of the text's language, or `None` when the text is too short or whatlang
/// is unsure. Only the first ~16 KB are read.
pub fn detect(text: &str) -> Option<&'static str> {
    let sample = &text[..text.floor_char_boundary(SAMPLE_BYTES)];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    let lang = info.lang();
    if matches!(lang, whatlang::Lang::Spa | whatlang::Lang::Cat)
        && let Some(code) = spanish_or_catalan(sample)
    {
        return Some(code);
    }
    if info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    let code3 = lang.code();
    KNOWN.iter().find(|k| k.code3 == code3).map(|k| k.code)
}

/// "es" or "ca" by counting words typical of each; `None` on a tie.
fn spanish_or_catalan(sample: &str) -> Option<&'static str> {
    let (mut es, mut ca) = (0usize, 0usize);
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        let word = word.to_lowercase();
        es += usize::from(SPANISH_WORDS.contains(&word.as_str()));
        ca += usize::from(CATALAN_WORDS.contains(&word.as_str()));
    }
    match es.cmp(&ca) {
        std::cmp::Ordering::Greater => Some("es"),
        std::cmp::Ordering::Less => Some("ca"),
        std::cmp::Ordering::Equal => None,
    }
}

/// The canonical ISO 639-1 code for what a user typed: a code in any case ("de", "DE"),
/// a tagged one ("de-AT", "pt_BR"), an ISO 639-2/3 code ("deu", "ger", "ukr"), or a name in
/// English or in the language itself ("German", "Deutsch", "Українська").
pub fn parse(input: &str) -> Result<&'static str, String> {
    let typed = input.trim();
    let lower = typed.to_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or("");
    if primary.is_empty() {
        return Err(unknown(typed));
    }
    let found = KNOWN
        .iter()
        .find(|k| k.code == primary || k.code3 == primary)
        .map(|k| k.code)
        .or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == primary || *alias == lower)
                .map(|&(_, code)| code)
        })
        .or_else(|| {
            KNOWN
                .iter()
                .find(|k| k.name.to_lowercase() == lower || native_name(k).to_lowercase() == lower)
                .map(|k| k.code)
        });
    found.ok_or_else(|| unknown(typed))
}

fn unknown(typed: &str) -> String {
    let codes: Vec<String> = KNOWN
        .iter()
        .map(|k| format!("{} ({})", k.code, k.name))
        .collect();
    format!(
        "unknown language {typed:?}: give an ISO 639-1 code or an English name, one of {}",
        codes.join(", ")
    )
}

/// The language's own name for itself, from whatlang ("Deutsch"), else its English name.
fn native_name(k: &Known) -> &'static str {
    whatlang::Lang::from_code(k.code3).map_or(k.name, whatlang::Lang::name)
}

/// English name of an ISO 639-1 code ("Ukrainian"), or the code itself when unknown.
pub fn name(code: &str) -> &str {
    known(code).map_or(code, |k| k.name)
}

/// Whether the language is written right to left (Arabic, Hebrew, Persian, Urdu, Yiddish,
/// and a few without detection support that users may still name).
pub fn is_rtl(code: &str) -> bool {
    known(code).is_some_and(|k| k.rtl) || matches!(code, "ps" | "sd" | "ug" | "dv" | "ku" | "ckb")
}

/// The languages a user can pick: (code, English name), sorted by name.
pub fn choices() -> &'static [(&'static str, &'static str)] {
    static CHOICES: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
        std::sync::LazyLock::new(|| KNOWN.iter().map(|k| (k.code, k.name)).collect());
    &CHOICES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_sorted_by_name_and_unique() {
        let c = choices();
        assert!(c.windows(2).all(|w| w[0].1 < w[1].1), "{c:?}");
        let mut codes: Vec<&str> = c.iter().map(|(code, _)| *code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), c.len());
        for lang in whatlang::Lang::all() {
            assert!(
                KNOWN.iter().any(|k| k.code3 == lang.code()),
                "whatlang's {lang:?} has no code here"
            );
        }
        for (_, code) in ALIASES {
            assert!(known(code).is_some(), "alias to unknown {code}");
        }
    }

    #[test]
    fn parses_codes_tags_and_names() {
        for (typed, code) in [
            ("de", "de"),
            ("DE", "de"),
            ("de-AT", "de"),
            ("pt_BR", "pt"),
            ("German", "de"),
            ("german", "de"),
            ("Deutsch", "de"),
            ("deu", "de"),
            ("ger", "de"),
            ("ukr", "uk"),
            ("Ukrainian", "uk"),
            ("Українська", "uk"),
            ("Русский", "ru"),
            ("Español", "es"),
            ("français", "fr"),
            (" en ", "en"),
            ("en-GB", "en"),
            ("zh-Hans", "zh"),
            ("Farsi", "fa"),
            ("Norwegian", "nb"),
        ] {
            assert_eq!(parse(typed), Ok(code), "{typed}");
        }
        let err = parse("Klingon").unwrap_err();
        assert!(
            err.contains("Klingon") && err.contains("uk (Ukrainian)"),
            "{err}"
        );
        assert!(parse("").is_err());
    }

    #[test]
    fn names_and_direction() {
        assert_eq!(name("uk"), "Ukrainian");
        assert_eq!(name("de"), "German");
        assert_eq!(name("xx"), "xx");
        assert!(is_rtl("ar") && is_rtl("he") && is_rtl("fa") && is_rtl("ur"));
        assert!(!is_rtl("en") && !is_rtl("uk") && !is_rtl("xx"));
    }

    #[test]
    fn detects_news_languages() {
        // Two sentences of ordinary news each: single short sentences can fool whatlang
        // (Spanish read as Catalan), whole articles do not.
        for (text, code) in [
            (
                "NATO Secretary-General Jens Stoltenberg paid a surprise visit to Kyiv on Thursday. He met President Volodymyr Zelenskyy, who has asked for more air defences.",
                "en",
            ),
            (
                "Nato-Generalsekretär Jens Stoltenberg ist überraschend zu einem Besuch in Kiew eingetroffen. Er traf Präsident Selenskyj, der um mehr Flugabwehr gebeten hat.",
                "de",
            ),
            (
                "Генеральний секретар НАТО Єнс Столтенберг прибув до Києва з неоголошеним візитом. Він зустрівся з президентом, який просить більше систем протиповітряної оборони.",
                "uk",
            ),
            (
                "Генеральный секретарь НАТО Йенс Столтенберг прибыл в Киев с необъявленным визитом. Он встретился с президентом, который просит больше систем противовоздушной обороны.",
                "ru",
            ),
            (
                "El secretario general de la OTAN, Jens Stoltenberg, llegó este jueves a Kiev en una visita sorpresa. El Gobierno aprobó este martes el proyecto de ley de presupuestos.",
                "es",
            ),
            (
                "Le secrétaire général de l'Otan, Jens Stoltenberg, est arrivé jeudi à Kiev pour une visite surprise. Il a rencontré le président, qui demande davantage de défense aérienne.",
                "fr",
            ),
            (
                "El secretari general de l'OTAN, Jens Stoltenberg, ha arribat aquest dijous a Kíev en una visita sorpresa. Es va reunir amb el president, que demana més defenses antiaèries.",
                "ca",
            ),
        ] {
            assert_eq!(detect(text), Some(code), "{text}");
        }
    }

    #[test]
    fn unsure_or_short_is_none() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("   \n"), None);
        assert_eq!(detect("NATO"), None);
        assert_eq!(detect("12345 67890 !!! ..."), None);
    }

    #[test]
    fn huge_text_reads_only_a_sample() {
        // A multi-byte char straddles the sample's end: the cut must not panic.
        let text = format!(
            "{}Ж{}",
            "a".repeat(SAMPLE_BYTES - 1),
            "Слава Україні. ".repeat(1000)
        );
        let _ = detect(&text);
        let de = "Die Bundesregierung hat am Mittwoch neue Hilfen beschlossen. ".repeat(5000);
        assert_eq!(detect(&de), Some("de"));
    }
}
