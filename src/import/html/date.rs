//! Publication dates as pages write them, to `YYYY-MM-DD` when a whole date is there. The date
//! is the one written (a local `2025-01-14T23:30:00-05:00` stays the 14th, as the page shows it);
//! anything partial or unreadable is kept as given.

/// `2024-03-05T08:30:00+01:00`, `2024/03/05`, `20240305`, `05.03.2024`, `5 March 2024`,
/// `March 5, 2024`, `Tue, 05 Mar 2024 08:30:00 GMT` → `2024-03-05`; anything else unchanged.
pub fn normalise(raw: &str) -> String {
    let s = raw.trim();
    iso(s)
        .or_else(|| dotted(s))
        .or_else(|| slashed(s))
        .or_else(|| with_month_name(s))
        .unwrap_or_else(|| s.to_string())
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1000..=9999).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYYMMDD`, then anything from a `T` or space.
fn iso(s: &str) -> Option<String> {
    let date = s.split(['T', ' ', 't']).next()?;
    if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(num(&date[..4])?, num(&date[4..6])?, num(&date[6..])?);
    }
    let sep = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    match parts[..] {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => ymd(num(y)?, num(m)?, num(d)?),
        _ => None,
    }
}

/// German and Ukrainian style `05.03.2024` (day first; with dots that is unambiguous).
fn dotted(s: &str) -> Option<String> {
    let date = s.split([' ', ',']).next()?;
    match date.split('.').collect::<Vec<_>>()[..] {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => ymd(num(y)?, num(m)?, num(d)?),
        _ => None,
    }
}

/// `05/29/2007` or `29/05/2007` where only one reading is a date (day over 12); `05/06/2007`
/// is left as given, since American and European pages disagree on it.
fn slashed(s: &str) -> Option<String> {
    let date = s.split([' ', ',', 'T']).next()?;
    let [a, b, y] = date.split('/').collect::<Vec<_>>()[..] else {
        return None;
    };
    if y.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b, y) = (num(a)?, num(b)?, num(y)?);
    match (a > 12, b > 12) {
        (false, true) => ymd(y, a, b),
        (true, false) => ymd(y, b, a),
        _ => None,
    }
}

/// A day, a month name and a four-digit year in either order, in English, German, French,
/// Spanish, Ukrainian or Russian (genitive, as dates write them), with
/// the weekday, commas, dots and times around them ignored.
fn with_month_name(s: &str) -> Option<String> {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let month = words.iter().find_map(|w| month(w))?;
    let year = words.iter().find_map(|w| num(w).filter(|_| w.len() == 4))?;
    let day = words.iter().filter(|w| w.len() <= 4).find_map(|w| {
        num(w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])).filter(|d| (1..=31).contains(d))
    })?;
    ymd(year, month, day)
}

fn month(w: &str) -> Option<u32> {
    const NAMES: [&[&str]; 12] = [
        &[
            "january",
            "jan",
            "januar",
            "jänner",
            "janvier",
            "enero",
            "січня",
            "января",
        ],
        &[
            "february",
            "feb",
            "februar",
            "février",
            "febrero",
            "лютого",
            "февраля",
        ],
        &[
            "march",
            "mar",
            "märz",
            "maerz",
            "mars",
            "marzo",
            "березня",
            "марта",
        ],
        &["april", "apr", "avril", "abril", "квітня", "апреля"],
        &["may", "mai", "mayo", "травня", "мая"],
        &["june", "jun", "juni", "juin", "junio", "червня", "июня"],
        &["july", "jul", "juli", "juillet", "julio", "липня", "июля"],
        &["august", "aug", "août", "agosto", "серпня", "августа"],
        &[
            "september",
            "sep",
            "sept",
            "septembre",
            "septiembre",
            "вересня",
            "сентября",
        ],
        &[
            "october",
            "oct",
            "oktober",
            "okt",
            "octobre",
            "octubre",
            "жовтня",
            "октября",
        ],
        &[
            "november",
            "nov",
            "novembre",
            "noviembre",
            "листопада",
            "ноября",
        ],
        &[
            "december",
            "dec",
            "dezember",
            "dez",
            "décembre",
            "diciembre",
            "грудня",
            "декабря",
        ],
    ];
    NAMES
        .iter()
        .position(|names| names.contains(&w))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn whole_dates_become_iso() {
        for (given, want) in [
            ("2023-08-16T14:05:31Z", "2023-08-16"),
            ("2025-01-14T23:30:00-05:00", "2025-01-14"),
            ("2024-3-5", "2024-03-05"),
            ("2024/03/05 10:00", "2024-03-05"),
            ("20240305", "2024-03-05"),
            ("05.03.2024, 10:35", "2024-03-05"),
            ("Tue, 05 Mar 2024 08:30:00 GMT", "2024-03-05"),
            ("March 5, 2024", "2024-03-05"),
            ("Aug. 16th, 2023", "2023-08-16"),
            ("12. Februar 2024", "2024-02-12"),
            ("2024-02-29", "2024-02-29"),
            ("16 квітня 2024, 10:35", "2024-04-16"),
            ("10 de junio de 2024", "2024-06-10"),
            ("2024 March 5", "2024-03-05"),
            ("05/29/2007 09:49:00", "2007-05-29"),
            ("29/05/2007", "2007-05-29"),
        ] {
            assert_eq!(normalise(given), want, "{given}");
        }
    }

    #[test]
    fn partial_or_impossible_dates_stay() {
        for given in [
            "2024",
            "2024-03",
            "2023-02-29",
            "2024-13-01",
            "yesterday",
            "",
            "16 квітня",
            "12:30 5 Mar",
            "05/06/2007",
        ] {
            assert_eq!(normalise(given), given.trim(), "{given}");
        }
    }
}
