//! Newsroom word lists the break rules consult. sentencex's own English abbreviation list
//! (`src/languages/abbrev/en.txt`) already suppresses most breaks; these cover what it lacks
//! or treats as a possible sentence end when a news reader would not.

/// Titles and ranks written before a name (AP style). Capitalised, without the period.
/// Never sentence-final in news copy, so a capitalised word after one always continues.
const TITLES: &[&str] = &[
    "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Ens", "Gen", "Gens",
    "Gov", "Govs", "Hon", "Insp", "Lieut", "Lt", "Maj", "Messrs", "Mmes", "Mr", "Mrs", "Ms",
    "Msgr", "Pfc", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "Spc",
    "Supt",
];

/// Prefixes of place and personal names that are also street/place suffixes
/// (`St. Louis` / `Main St.`, `Dr. Fauci` / `Elm Dr.`).
const PLACE_PREFIXES: &[&str] = &["Dr", "Ft", "Mt", "St"];

/// Month abbreviations (AP: Jan., Feb., Aug., Sept., Oct., Nov., Dec.; others for safety).
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Abbreviations that are followed by a number (`No. 10`, `vol. 2`, `approx. 30`).
const BEFORE_DIGIT: &[&str] = &[
    "approx", "art", "ch", "est", "fig", "figs", "no", "nos", "nr", "p", "para", "pp", "sec",
    "vol", "vols",
];

/// Abbreviations missing from sentencex's list (some it leaves out because they are also
/// words: `Mass.`, `Wash.`). Capitalised ones only count when written capitalised.
const BEFORE_NON_STARTER: &[&str] = &["Mass", "Wash", "approx", "govt", "vol"];

/// Words that continue a time of day: `10 a.m. Tuesday`, `4 p.m. EDT`, `9 a.m. Eastern`.
const TIME_FOLLOWERS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thur",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "ET",
    "EST",
    "EDT",
    "CT",
    "CST",
    "CDT",
    "MT",
    "MST",
    "MDT",
    "PT",
    "PST",
    "PDT",
    "AKST",
    "AKDT",
    "HST",
    "GMT",
    "UTC",
    "BST",
    "CET",
    "CEST",
    "EET",
    "EEST",
    "MSK",
    "IST",
    "JST",
    "AEST",
    "AEDT",
    "Eastern",
    "Central",
    "Mountain",
    "Pacific",
];

pub(super) fn is_title(stem: &str) -> bool {
    TITLES.contains(&stem)
}

pub(super) fn is_place_prefix(stem: &str) -> bool {
    PLACE_PREFIXES.contains(&stem)
}

pub(super) fn is_month(stem: &str) -> bool {
    MONTHS.contains(&stem)
}

pub(super) fn joins_before_digit(stem: &str) -> bool {
    BEFORE_DIGIT.iter().any(|a| a.eq_ignore_ascii_case(stem))
}

pub(super) fn joins_before_non_starter(stem: &str) -> bool {
    BEFORE_NON_STARTER.iter().any(|a| {
        if a.starts_with(char::is_uppercase) {
            *a == stem
        } else {
            a.eq_ignore_ascii_case(stem)
        }
    })
}

/// `next` is the word after `a.m.`/`p.m.`, possibly with trailing punctuation.
pub(super) fn is_time_follower(next: &str) -> bool {
    let word = next.trim_end_matches(|c: char| c.is_ascii_punctuation());
    TIME_FOLLOWERS.contains(&word)
}
