//! Newsroom word lists for languages other than English (English keeps its own in `words`):
//! which words open sentences, which abbreviations are written before a name or number and so
//! never end one, and which may end one. sentencex knows many abbreviations but not whether
//! they may end a sentence; these lists decide that for the break rules in `intl`.
//!
//! Entries are written as in text, without their period. An all-lowercase entry matches any
//! capitalisation (`nr` matches `Nr`); an entry with a capital matches only as written
//! (French `M` is "Monsieur", `m` is a metre). Lookups go through hash tables built from the
//! lists on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The lists for one language.
pub(super) struct Lexicon {
    /// Words that open sentences and are rarely capitalised inside one: articles, pronouns,
    /// conjunctions, sentence adverbs. A capitalised one after an abbreviation starts a new
    /// statement. Entries ending in an apostrophe (French `L'`) match as prefixes.
    pub starters: &'static [&'static str],
    /// Abbreviations written before a name, place or number (`Dr.`, `вул.`, `Sra.`): never
    /// sentence-final, whatever follows.
    pub prefixes: &'static [&'static str],
    /// Abbreviations that often end a sentence (`usw.`, `тис.`, `etc.`): they end it before a
    /// sentence opener.
    pub suffixes: &'static [&'static str],
    /// Closing words of an enumeration (`та ін.`, `и др.`): they end the sentence before any
    /// capitalised word.
    pub enders: &'static [&'static str],
    /// Abbreviations written in spaced parts (`z. B.`, `т. зв.`), lowercase, each part
    /// without its period, with their class.
    pub multi: &'static [(&'static [&'static str], Class)],
    /// Units and year marks written after a number (`2024 р.`, `2,5 млрд грн.`): in languages
    /// whose nouns are not capitalised, a capitalised word after one starts a sentence unless
    /// the number phrase opens the sentence (`У 2023 р. Україна ...`). Empty for German.
    pub units: &'static [&'static str],
    /// German ordinals (`am 5. Tag`, `der 2. Weltkrieg`): words after which a number with a
    /// period is an ordinal, and nouns that follow ordinals.
    pub ordinal_before: &'static [&'static str],
    pub ordinal_nouns: &'static [&'static str],
    /// German capitalises nouns, so a capital after an abbreviation says little; elsewhere it
    /// is a name or a new sentence, and after an abbreviation that may end one, a new sentence.
    pub capitalised_nouns: bool,
    /// Position in `ALL`, to find the lists' hash tables.
    pub slot: usize,
}

/// Every lexicon, in `slot` order.
static ALL: [&Lexicon; 5] = [&GERMAN, &UKRAINIAN, &RUSSIAN, &SPANISH, &FRENCH];

static INDEXES: LazyLock<Vec<Index>> = LazyLock::new(|| ALL.iter().map(|l| Index::of(l)).collect());

/// A lexicon's lists as hash tables.
struct Index {
    starters: HashSet<&'static str>,
    /// Elided starters (`L'`), without the apostrophe.
    elided: Vec<&'static str>,
    /// Classes of the all-lowercase entries (matched in any case) ...
    classes: HashMap<&'static str, Class>,
    /// ... and of the ones with capitals (matched as written).
    exact: HashMap<&'static str, Class>,
    units: HashSet<&'static str>,
}

impl Index {
    fn of(lex: &'static Lexicon) -> Index {
        let mut index = Index {
            starters: HashSet::new(),
            elided: Vec::new(),
            classes: HashMap::new(),
            exact: HashMap::new(),
            units: lex.units.iter().copied().collect(),
        };
        for s in lex.starters {
            match s.strip_suffix('\'') {
                Some(stem) => index.elided.push(stem),
                None => {
                    index.starters.insert(s);
                }
            }
        }
        // Earlier lists win: a prefix is never also read as a suffix.
        for (list, class) in [
            (lex.suffixes, Class::Suffix),
            (lex.enders, Class::Ender),
            (lex.prefixes, Class::Prefix),
        ] {
            for entry in list {
                let table = if entry.chars().any(char::is_uppercase) {
                    &mut index.exact
                } else {
                    &mut index.classes
                };
                table.insert(entry, class);
            }
        }
        index
    }
}

/// `word` in lowercase, borrowed when it already is.
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// What an abbreviation says about the break after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Prefix,
    Suffix,
    Ender,
}

impl Lexicon {
    fn index(&self) -> &'static Index {
        &INDEXES[self.slot]
    }

    pub fn is_starter(&self, word: &str) -> bool {
        let index = self.index();
        index.starters.contains(word)
            || index.elided.iter().any(|stem| {
                word.len() > stem.len() + 1
                    && word.starts_with(stem)
                    && word[stem.len()..].starts_with(['\'', '’'])
            })
    }

    /// The class of a one-word abbreviation (its stem, without the period). Units count only
    /// after a number (`is_unit`).
    pub fn class(&self, stem: &str) -> Option<Class> {
        if stem.len() > 16 {
            return None;
        }
        let index = self.index();
        index
            .exact
            .get(stem)
            .or_else(|| index.classes.get(lowercase(stem).as_ref()))
            .copied()
    }

    pub fn is_unit(&self, stem: &str) -> bool {
        stem.len() <= 16 && self.index().units.contains(lowercase(stem).as_ref())
    }
}

/// Whether `entry` (from a list) matches `word`: see the module docs for how case is
/// compared.
pub(super) fn same_word(entry: &str, word: &str) -> bool {
    // Case changes keep the UTF-8 length in the alphabets we list (Latin, Cyrillic).
    if entry.len() != word.len() {
        return false;
    }
    if entry.chars().any(char::is_uppercase) {
        entry == word
    } else {
        entry.chars().eq(word.chars().flat_map(char::to_lowercase))
    }
}

/// The lexicon for an ISO 639-1 code, if we have newsroom lists for it.
pub(super) fn for_language(code: &str) -> Option<&'static Lexicon> {
    match code {
        "de" => Some(&GERMAN),
        "uk" => Some(&UKRAINIAN),
        "ru" => Some(&RUSSIAN),
        "es" => Some(&SPANISH),
        "fr" => Some(&FRENCH),
        _ => None,
    }
}

#[rustfmt::skip]
static GERMAN: Lexicon = Lexicon {
    starters: &[
        "Aber", "Alle", "Allerdings", "Als", "Also", "Am", "An", "Angesichts", "Anders", "Auch",
        "Auf", "Aus", "Außerdem", "Bei", "Beide", "Bereits", "Bis", "Bisher", "Da", "Dabei",
        "Dadurch", "Dafür", "Dagegen", "Daher", "Damals", "Damit", "Danach", "Dann", "Daran",
        "Darauf", "Darin", "Darüber", "Das", "Dass", "Davon", "Dazu", "Dem", "Demnach", "Den",
        "Denn", "Dennoch", "Der", "Deren", "Des", "Deshalb", "Dessen", "Deswegen", "Die", "Dies",
        "Diese", "Diesem", "Diesen", "Dieser", "Dieses", "Doch", "Dort", "Du", "Durch", "Ein",
        "Eine", "Einem", "Einen", "Einer", "Eines", "Einige", "Er", "Es", "Etwa", "Für", "Gegen",
        "Gestern", "Gleichzeitig", "Heute", "Hier", "Ich", "Ihm", "Ihn", "Ihr", "Ihre", "Ihrem",
        "Ihren", "Ihrer", "Im", "In", "Indes", "Inzwischen", "Ja", "Jedoch", "Jetzt", "Kein",
        "Keine", "Laut", "Man", "Mehrere", "Mit", "Mittlerweile", "Morgen", "Nach", "Nachdem",
        "Neben", "Nein", "Nicht", "Noch", "Nun", "Nur", "Ob", "Obwohl", "Oder", "Ohne", "Schon",
        "Sein", "Seine", "Seit", "Seitdem", "Sie", "So", "Sogar", "Somit", "Sondern", "Später",
        "Stattdessen", "Trotz", "Trotzdem", "Um", "Und", "Unter", "Unterdessen", "Viele", "Vom",
        "Von", "Vor", "Vorher", "Während", "Wann", "Warum", "Was", "Weil", "Weitere", "Wenn", "Wer",
        "Wie", "Wir", "Wo", "Zudem", "Zugleich", "Zum", "Zunächst", "Zur", "Zuvor", "Zwar", "Über",
    ],
    prefixes: &[
        "abb", "abg", "abs", "aufl", "az", "bd", "bsp", "bzgl", "bzw", "ca", "dipl", "dr",
        "evtl", "gebr", "gem", "ggf", "hl", "hr", "hrn", "jg", "kap", "tab", "tel", "ziff",
        "hrsg", "inkl", "ing", "lt", "mag", "nr", "pfr", "präs", "prof", "sog", "st", "stv",
        "univ", "vgl", "zzgl", "zit",
    ],
    suffixes: &[
        "chr", "co", "dez", "di", "do", "etc", "feb", "fr", "inc", "jan", "jh", "jhd", "ltd", "mi",
        "min", "mio", "mo", "mrd", "nov", "okt", "sa", "sep", "sept", "so", "std", "str", "tsd",
        "usw",
    ],
    enders: &[],
    multi: &[
        (&["z", "b"], Class::Prefix), (&["d", "h"], Class::Prefix), (&["u", "a"], Class::Prefix),
        (&["v", "a"], Class::Prefix), (&["u", "u"], Class::Prefix), (&["z", "t"], Class::Prefix),
        (&["i", "d", "r"], Class::Prefix), (&["m", "e"], Class::Prefix),
        (&["o", "g"], Class::Prefix), (&["i", "a"], Class::Prefix), (&["z", "hd"], Class::Prefix),
        (&["i", "v"], Class::Prefix), (&["a", "d"], Class::Suffix), (&["o", "ä"], Class::Suffix),
        (&["u", "ä"], Class::Suffix), (&["u", "v", "m"], Class::Suffix),
        (&["s", "o"], Class::Suffix), (&["s", "u"], Class::Suffix), (&["v", "chr"], Class::Suffix),
        (&["n", "chr"], Class::Suffix),
    ],
    units: &[],
    ordinal_before: &[
        "ab", "am", "ans", "beim", "bis", "das", "dem", "den", "der", "des", "die", "diese",
        "diesem", "diesen", "dieser", "dieses", "ein", "eine", "einem", "einen", "einer", "eines",
        "ihre", "ihrem", "ihren", "ihrer", "im", "ins", "jede", "jedem", "jeden", "jeder", "jedes",
        "seine", "seinem", "seinen", "seiner", "seit", "vom", "zum", "zur",
    ],
    ordinal_nouns: &[
        "Absatz", "Advent", "Adventssonntag", "Amtszeit", "Armee", "Artikel", "Auflage", "Ausgabe",
        "Band", "Bataillon", "Brigade", "Bundesliga", "Division", "Etage", "FC", "Flotte", "Folge",
        "Geburtstag", "Halbjahr", "Halbzeit", "Instanz", "Jahrestag", "Jahrhundert", "Jahrhunderts",
        "Jahrtausend", "Kammer", "Kapitel", "Klasse", "Kompanie", "Korps", "Legislaturperiode",
        "Lesung", "Liga", "Mal", "Minute", "Monat", "Paket", "Parteitag", "Platz", "Quartal",
        "Rang", "Regiment", "Runde", "Sanktionspaket", "Senat", "Sitzung", "Spieltag", "Staffel",
        "Stelle", "Stock", "Tag", "Teil", "Todestag", "Weltkrieg", "Weltkriegs", "Woche",
    ],
    capitalised_nouns: true,
    slot: 0,
};

#[rustfmt::skip]
static UKRAINIAN: Lexicon = Lexicon {
    starters: &[
        "А", "Але", "Бо", "В", "Вже", "Від", "Відповідно", "Відтак", "Він", "Вона", "Вони",
        "Водночас", "Всі", "Втім", "Де", "Для", "До", "З", "За", "Загалом", "Зазначимо",
        "Зазначається", "Зараз", "Згідно", "Згодом", "Зі", "Зокрема", "І", "Із", "Її", "Його", "Їх",
        "Й", "Крім", "Коли", "Лише", "Ми", "Між", "На", "Навіть", "Нагадаємо", "Наразі",
        "Натомість", "Не", "Нині", "Ні", "Однак", "Окрім", "Оскільки", "Ось", "Отже", "Перед",
        "Під", "Після", "По", "Поки", "Попри", "Потім", "Про", "Проте", "Раніше", "Серед", "Станом",
        "Та", "Так", "Також", "Там", "Тепер", "Тим", "Тоді", "Тож", "Тому", "Тут", "У", "Уже",
        "Утім", "Це", "Цей", "Ця", "Ці", "Через", "Чи", "Ще", "Що", "Щоб", "Як", "Яка", "Який",
        "Які", "Якщо", "Я",
    ],
    prefixes: &[
        "акад", "арк", "буд", "бульв", "вул", "ген", "гр", "див", "доц", "зв", "ім", "кв", "корп",
        "лейт", "м", "мкр", "наб", "напр", "о", "оз", "пл", "полк", "пор", "пп", "пров", "проф",
        "просп", "п", "р", "рис", "с", "св", "сел", "смт", "ст", "табл", "тов", "ч",
    ],
    suffixes: &["коп", "обл", "р-н", "см", "мм"],
    enders: &["ін", "под"],
    multi: &[
        (&["т", "зв"], Class::Prefix), (&["т", "ч"], Class::Prefix), (&["т", "б"], Class::Prefix),
        (&["т", "д"], Class::Ender), (&["т", "п"], Class::Ender), (&["н", "е"], Class::Suffix),
    ],
    units: &[
        "га", "год", "грн", "дол", "кг", "км", "м", "млн", "млрд", "р", "рр", "с", "тис", "трлн",
        "хв",
    ],
    ordinal_before: &[],
    ordinal_nouns: &[],
    capitalised_nouns: false,
    slot: 1,
};

#[rustfmt::skip]
static RUSSIAN: Lexicon = Lexicon {
    starters: &[
        "А", "Без", "Благодаря", "Более", "Был", "Была", "Были", "Было", "В", "Ведь", "Во", "Вот",
        "Впрочем", "Все", "Всё", "Вчера", "Где", "Для", "До", "Его", "Ее", "Её", "Если", "Еще",
        "Ещё", "За", "Затем", "Здесь", "И", "Из", "Или", "Им", "Их", "Итак", "К", "Как", "Когда",
        "Кроме", "Кстати", "Кто", "Между", "Мы", "На", "Напомним", "Например", "Наконец", "Не",
        "Несмотря", "Нет", "Ни", "Но", "О", "Об", "Однако", "Он", "Она", "Они", "Оно", "От",
        "Отметим", "По", "Под", "Поэтому", "После", "При", "Про", "Против", "Пока", "Позже",
        "Ранее", "С", "Сегодня", "Сейчас", "Со", "Согласно", "Сообщается", "Среди", "Так", "Также",
        "Там", "Тем", "Теперь", "Тогда", "Только", "Тут", "У", "Уже", "Хотя", "Через", "Что",
        "Чтобы", "Это", "Этот", "Эта", "Эти", "Я",
    ],
    prefixes: &[
        "акад", "б-р", "ген", "г", "гр", "д", "дер", "доц", "им", "кв", "корп", "наб", "напр", "п",
        "пер", "пл", "полк", "пос", "пп", "пр", "проф", "просп", "св", "ст", "стр", "тов", "ул",
        "ч",
    ],
    suffixes: &["вв", "долл", "коп", "обл", "р-н"],
    enders: &["др"],
    multi: &[
        (&["т", "е"], Class::Prefix), (&["т", "к"], Class::Prefix), (&["т", "н"], Class::Prefix),
        (&["т", "ч"], Class::Prefix), (&["т", "о"], Class::Prefix), (&["т", "д"], Class::Ender),
        (&["т", "п"], Class::Ender), (&["н", "э"], Class::Suffix),
    ],
    units: &[
        "в", "г", "га", "гг", "кг", "км", "м", "мин", "млн", "млрд", "руб", "сек", "см", "тыс",
        "трлн",
    ],
    ordinal_before: &[],
    ordinal_nouns: &[],
    capitalised_nouns: false,
    slot: 2,
};

#[rustfmt::skip]
static SPANISH: Lexicon = Lexicon {
    starters: &[
        "A", "Además", "Ahora", "Al", "Algunos", "Allí", "Ante", "Antes", "Aquí", "Asimismo", "Así",
        "Aunque", "Ayer", "Cada", "Como", "Con", "Cuando", "Cómo", "De", "Del", "Desde", "Después",
        "Durante", "El", "Ella", "Ellas", "Ellos", "En", "Entonces", "Entre", "Es", "Esa", "Ese",
        "Eso", "Esta", "Estas", "Este", "Esto", "Estos", "Finalmente", "Fue", "Ha", "Han", "Hasta",
        "Hay", "Hoy", "Incluso", "La", "Las", "Le", "Les", "Lo", "Los", "Luego", "Mientras", "Más",
        "Ni", "No", "Nos", "O", "Otra", "Otro", "Otros", "Para", "Pero", "Por", "Pues", "Que",
        "Qué", "Se", "Según", "Si", "Sin", "Sobre", "Su", "Sus", "Sí", "También", "Tampoco", "Toda",
        "Todas", "Todo", "Todos", "Tras", "Un", "Una", "Unas", "Uno", "Unos", "Y", "Ya", "Yo", "Él",
    ],
    prefixes: &[
        "apdo", "aprox", "art", "av", "avda", "cap", "cnel", "dpto", "dr", "dra", "dña", "ej",
        "excma", "excmo", "fig", "gob", "gral", "ilma", "ilmo", "ing", "lic", "lcdo", "mons",
        "núm", "pág", "pdte", "prof", "pza", "sgto", "sr", "sra", "sras", "sres", "srta", "sta",
        "sto", "tel", "tfno", "tte", "ud", "uds", "vd", "vds", "vol",
    ],
    suffixes: &[
        "abr", "ago", "cía", "dic", "ene", "etc", "feb", "hnos", "jul", "jun", "kg", "km", "mill",
        "nov", "oct", "ptas", "sept",
    ],
    enders: &[],
    multi: &[
        (&["p", "ej"], Class::Prefix), (&["ee", "uu"], Class::Suffix), (&["a", "c"], Class::Suffix),
        (&["d", "c"], Class::Suffix), (&["s", "a"], Class::Suffix), (&["a", "m"], Class::Suffix),
        (&["p", "m"], Class::Suffix),
    ],
    units: &[],
    ordinal_before: &[],
    ordinal_nouns: &[],
    capitalised_nouns: false,
    slot: 3,
};

#[rustfmt::skip]
static FRENCH: Lexicon = Lexicon {
    starters: &[
        "Ainsi", "Alors", "Après", "Au", "Aujourd'hui", "Auparavant", "Aussi", "Aux", "Avant",
        "Avec", "C'", "Car", "Ce", "Cela", "Celle", "Celui", "Cependant", "Certains", "Ces", "Cet",
        "Cette", "Chaque", "Comme", "Comment", "D'", "Dans", "De", "Depuis", "Des", "Donc", "Du",
        "Dès", "Déjà", "Désormais", "Elle", "Elles", "En", "Encore", "Enfin", "Ensuite", "Entre",
        "Et", "Hier", "Ici", "Il", "Ils", "J'", "Je", "L'", "La", "Le", "Les", "Leur", "Leurs",
        "Lors", "Lorsque", "Mais", "Malgré", "Même", "N'", "Nos", "Notre", "Nous", "Néanmoins",
        "On", "Or", "Ou", "Où", "Par", "Parmi", "Pendant", "Plusieurs", "Pour", "Pourquoi",
        "Pourtant", "Puis", "Qu'", "Quand", "Que", "Quel", "Quelle", "Qui", "S'", "Sa", "Sans",
        "Se", "Selon", "Ses", "Si", "Son", "Sous", "Sur", "Toutefois", "Tous", "Tout", "Toute",
        "Toutes", "Un", "Une", "Vous", "Y", "À",
    ],
    prefixes: &[
        "M", "MM", "Me", "Mgr", "Mlle", "Mlles", "Mme", "Mmes", "Dr", "Pr", "St", "Ste", "art",
        "av", "bd", "boul", "cdt", "cf", "chap", "col", "env", "ex", "fig", "gén", "lt", "mal",
        "p", "sgt", "vol", "éd",
    ],
    suffixes: &[
        "Cie", "avr", "déc", "etc", "févr", "hab", "janv", "juil", "kg", "km", "min", "nov", "oct",
        "sept",
    ],
    enders: &[],
    multi: &[(&["p", "ex"], Class::Prefix)],
    units: &[],
    ordinal_before: &[],
    ordinal_nouns: &[],
    capitalised_nouns: false,
    slot: 4,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_rules() {
        assert!(same_word("nr", "Nr"));
        assert!(same_word("вул", "Вул"));
        assert!(same_word("M", "M"));
        assert!(!same_word("M", "m"));
        assert!(!same_word("nr", "nrx"));
        assert!(FRENCH.is_starter("L'armée"));
        assert!(FRENCH.is_starter("L’armée"));
        assert!(!FRENCH.is_starter("L'"));
        assert!(!FRENCH.is_starter("Lundi"));
        assert_eq!(GERMAN.class("Dr"), Some(Class::Prefix));
        assert_eq!(GERMAN.class("Mio"), Some(Class::Suffix));
        assert_eq!(UKRAINIAN.class("ін"), Some(Class::Ender));
        assert_eq!(UKRAINIAN.class("грн"), None);
        assert!(UKRAINIAN.is_unit("р"));
    }

    /// Starters are capitalised words; abbreviations carry no period; slots are positions.
    #[test]
    fn lists_are_well_formed() {
        for (i, lex) in ALL.iter().enumerate() {
            assert_eq!(lex.slot, i);
        }
        for lex in [&GERMAN, &UKRAINIAN, &RUSSIAN, &SPANISH, &FRENCH] {
            for s in lex.starters {
                assert!(s.starts_with(char::is_uppercase), "{s}");
            }
            for list in [lex.prefixes, lex.suffixes, lex.enders, lex.units] {
                for a in list {
                    assert!(!a.is_empty() && !a.contains('.'), "{a}");
                }
            }
            for (parts, _) in lex.multi {
                assert!(parts.len() >= 2);
            }
        }
    }
}
