//! A generated desk for benchmarks and tests: nested folders of realistic, fully valid
//! projects (articles of news sentences, two or three reviewers with verdicts that mostly
//! agree, notes, evidence links, the odd final verdict, progress from untouched to done).
//!
//! About one statement in twenty comes from a pool shared by the whole desk (claims that
//! travel from article to article), half of those changed the way outlets change them:
//! other case, straight quotes for curly ones, numbers written out. That gives "checked
//! before" something to find. Deterministic for a seed.

use crate::article::{ArticleInfo, new_project};
use crate::model::{AuditEntry, Evidence, Project, Review, Verdict};
use crate::synth::Rng;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, UNIX_EPOCH};

/// What `generate_desk` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedDesk {
    /// Relative to the desk, sorted.
    pub files: Vec<String>,
    pub claims: usize,
    /// Statements taken from the shared pool (exact or changed).
    pub repeated: usize,
}

/// Share of statements taken from the shared pool, in percent.
const POOL_PERCENT: u64 = 5;
const POOL_SIZE: usize = 400;

const SUBJECTS: &[&str] = &[
    "The ministry",
    "Ukraine’s general staff",
    "A spokesperson for the city council",
    "NATO Secretary-General Jens Stoltenberg",
    "Officials in Kharkiv",
    "The defence ministry",
    "Residents of Zürich",
    "Dr. Amélie Dupont",
    "The regional governor",
    "Police in Lyon",
    "The central bank",
    "A senior European diplomat",
    "The electricity operator",
    "Union leaders",
    "The health authority",
    "Opposition lawmakers",
];
const VERBS: &[&str] = &[
    "said on Thursday that",
    "claimed that",
    "confirmed that",
    "denied reports that",
    "told reporters that",
    "wrote on social media that",
    "said in a statement that",
    "insisted that",
];
/// `{n}` a number, `{p}` a place, `{m}` a month, `{o}` an organisation. A month never ends
/// a sentence: the splitter reads "May." as an abbreviation.
const CLAIMS: &[&str] = &[
    "{n} drones were shot down over {p} overnight",
    "the budget for {p} rose by ${n} million in {m} alone",
    "{n} people were evacuated from {p}",
    "unemployment in {p} has fallen for {n} months running",
    "the {o} now has {n} member states",
    "{n} ground assaults were repelled near {p}",
    "talks with the {o} would resume in {m} at the earliest",
    "prices in {p} rose {n}% compared with last year",
    "no civilians were harmed in the strike on {p}",
    "the bridge at {p} was closed for {n} days",
    "the “last train” from {p} left with {n} passengers",
    "{n} schools in {p} had reopened by {m}, ahead of schedule",
];
const PLACES: &[&str] = &[
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Bakhmut",
    "Lviv",
    "Zaporizhzhia",
    "Dnipro",
    "Mykolaiv",
    "Kherson",
    "Sumy",
    "Lyon",
    "Marseille",
    "Zürich",
    "Gdańsk",
    "Tallinn",
    "Vilnius",
    "Rīga",
    "Brussels",
    "Vienna",
    "Bucharest",
];
const MONTHS: &[&str] = &[
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
];
const ORGS: &[&str] = &[
    "alliance",
    "European Union",
    "IAEA",
    "Red Cross",
    "World Bank",
    "OSCE",
    "UN Security Council",
    "G7",
];
const HEADLINES: &[&str] = &[
    "ALSO READ: Markets steady as talks resume",
    "Live updates",
    "What we know so far",
    "ANALYSIS: Why the numbers matter",
];
const OUTLETS: &[(&str, &str)] = &[
    ("Kyiv Independent", "kyivindependent.com"),
    ("Reuters", "www.reuters.com"),
    ("Le Monde", "www.lemonde.fr"),
    ("Süddeutsche Zeitung", "www.sueddeutsche.de"),
    ("Associated Press", "apnews.com"),
    ("BBC News", "www.bbc.co.uk"),
    ("Al Jazeera", "www.aljazeera.com"),
    ("The Guardian", "www.theguardian.com"),
];
const REVIEWERS: &[&str] = &[
    "Ana Kovač",
    "Ben Okafor",
    "Chen Wei",
    "Dara Ní Bhriain",
    "Emil Järvinen",
    "Fatima Zahra",
    "Gabriel Souza",
    "Hana Novák",
    "Ilse de Vries",
    "Jonas Berg",
    "Kemi Adeyemi",
    "Lucía Ortega",
];
const NOTES: &[&str] = &[
    "Checked against the ministry’s statement; figures match.",
    "Only one source, the regional governor; not independently confirmed.",
    "The figure in the official report is lower; see the evidence.",
    "Repeated from a wire story; the original gives no source.",
    "Satellite images do not show the damage described.",
    "Confirmed by two independent reporters on the ground.",
];
const EVIDENCE: &[(&str, &str)] = &[
    (
        "https://www.mil.gov.ua/en/news/",
        "Ministry of Defence of Ukraine",
    ),
    (
        "https://www.nato.int/cps/en/natohq/news_",
        "NATO news release",
    ),
    ("https://www.reuters.com/world/europe/", "Reuters report"),
    ("https://data.worldbank.org/indicator/", "World Bank data"),
    (
        "https://www.iaea.org/newscenter/pressreleases/",
        "IAEA press release",
    ),
    (
        "https://ec.europa.eu/eurostat/web/products-euro-indicators/",
        "Eurostat release",
    ),
];
/// 2024-01-01T00:00:00Z: articles are dated within the 600 days after it.
const FIRST_DAY: u64 = 1_704_067_200;

/// Writes `projects` projects of about `claims_per_project` claims each (exactly, unless the
/// splitter finds fewer sentences than were written) into `dir`, as
/// `YYYY/MM/outlet/slug-NNNN.ron`. Uses every core of the machine.
pub fn generate_desk(
    dir: &Path,
    projects: usize,
    claims_per_project: usize,
    seed: u64,
) -> std::io::Result<GeneratedDesk> {
    let pool = shared_pool(seed);
    let next = AtomicUsize::new(0);
    let out = Mutex::new(Vec::with_capacity(projects));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads.min(projects.max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= projects {
                        break;
                    }
                    let made = write_one(dir, i, claims_per_project, seed, &pool);
                    let failed = made.is_err();
                    out.lock().unwrap_or_else(|e| e.into_inner()).push(made);
                    if failed {
                        next.store(projects, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let mut desk = GeneratedDesk::default();
    for made in out.into_inner().unwrap_or_else(|e| e.into_inner()) {
        let (file, claims, repeated) = made?;
        desk.files.push(file);
        desk.claims += claims;
        desk.repeated += repeated;
    }
    desk.files.sort();
    Ok(desk)
}

/// Generates project `i` and saves it; returns its path, claims and pool statements.
fn write_one(
    dir: &Path,
    i: usize,
    claims: usize,
    seed: u64,
    pool: &[String],
) -> std::io::Result<(String, usize, usize)> {
    let (project, file, repeated) = project(i, claims, seed, pool);
    let path: PathBuf = dir.join(&file);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    crate::store::save(&path, &project)?;
    Ok((file, project.claims.len(), repeated))
}

/// The sentences every project may quote, with `{n}` etc. filled in.
fn shared_pool(seed: u64) -> Vec<String> {
    let mut rng = Rng(seed ^ 0x9E37_79B9_7F4A_7C15 | 1);
    (0..POOL_SIZE).map(|_| sentence(&mut rng)).collect()
}

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len() as u64) as usize]
}

/// One news sentence, e.g. "Officials in Kharkiv confirmed that 26 drones were shot down
/// over Odesa overnight."
fn sentence(rng: &mut Rng) -> String {
    let claim = pick(rng, CLAIMS)
        .replace("{n}", &(2 + rng.below(97)).to_string())
        .replace("{p}", pick(rng, PLACES))
        .replace("{m}", pick(rng, MONTHS))
        .replace("{o}", pick(rng, ORGS));
    format!("{} {} {claim}.", pick(rng, SUBJECTS), pick(rng, VERBS))
}

/// A pool sentence as an outlet may print it: as it is (half the time), or with other case,
/// straight quotes or its numbers in words.
fn variant(s: &str, rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => s.to_uppercase(),
        1 => {
            let lower = s.to_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        2 => s.replace(['’', '‘'], "'").replace(['“', '”'], "\""),
        3 => numbers_in_words(s),
        _ => s.to_string(),
    }
}

fn numbers_in_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut digits = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            match digits.parse::<u32>() {
                Ok(n) if n < 100 => out.push_str(&words(n)),
                _ => out.push_str(&digits),
            }
            digits.clear();
        }
        out.push(c);
    }
    out.pop();
    out
}

/// Who a generated sentence quotes: the words before its verb ("" for a heading).
fn subject_of(quote: &str) -> &str {
    VERBS
        .iter()
        .filter_map(|v| quote.find(&format!(" {v}")))
        .min()
        .map_or("", |at| &quote[..at])
}

fn words(n: u32) -> String {
    use crate::desk::search::normalise::UNITS as ONES;
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match n {
        0..20 => ONES[n as usize].to_string(),
        _ if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        _ => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
    }
}

fn day(offset_days: u64, seconds: u64) -> String {
    let t = UNIX_EPOCH + Duration::from_secs(FIRST_DAY + offset_days * 86_400 + seconds);
    humantime::format_rfc3339_seconds(t).to_string()
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_alphanumeric() {
            // Accented letters are dropped: file names stay plain ASCII.
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let cut: String = out.chars().take(48).collect();
    cut.trim_end_matches('-').to_string()
}

/// Project `i` of the desk: the project, its path in the desk, and how many statements came
/// from the shared pool.
fn project(i: usize, claims: usize, seed: u64, pool: &[String]) -> (Project, String, usize) {
    let mut rng = Rng((seed ^ (i as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407)) | 1);
    let days = rng.below(600);
    let published = day(days, 0)[..10].to_string();
    let (outlet, domain) = OUTLETS[rng.below(OUTLETS.len() as u64) as usize];
    let lead = sentence(&mut rng);
    let title = lead.trim_end_matches('.').to_string();
    let file = format!(
        "{}/{}/{}/{}-{i:04}.ron",
        &published[..4],
        &published[5..7],
        slug(outlet),
        slug(&title)
    );
    // The text: the title line, then paragraphs of four sentences with a heading now and
    // then, one line (claim) at a time until there are enough.
    let mut text = format!("{title}\n");
    let mut lines = 1;
    let mut repeated = 0;
    let mut in_paragraph = 0;
    while lines < claims {
        if in_paragraph == 0 && rng.below(8) == 0 && lines + 1 < claims {
            text.push_str(pick(&mut rng, HEADLINES));
            text.push('\n');
            lines += 1;
        }
        let s = if rng.below(100) < POOL_PERCENT {
            repeated += 1;
            // Skewed: a few pool claims come back again and again.
            let bound = rng.below(pool.len() as u64) + 1;
            let k = rng.below(bound) as usize;
            variant(&pool[k], &mut rng)
        } else {
            sentence(&mut rng)
        };
        text.push_str(&s);
        lines += 1;
        in_paragraph += 1;
        if in_paragraph == 4 || lines == claims {
            text.push('\n');
            in_paragraph = 0;
        } else {
            text.push(' ');
        }
    }
    let mut p = new_project(
        ArticleInfo {
            title: title.clone(),
            outlet: outlet.to_string(),
            url: format!("https://{domain}/{}/{}", &published[..7], slug(&title)),
            published,
            language: "en".into(),
            ..Default::default()
        },
        text,
    );
    p.claims.truncate(claims);
    review(&mut p, &mut rng, days);
    (p, file, repeated)
}

/// Reviews as a desk makes them: one to three reviewers, who got as far as the project's
/// progress, each agreeing with the claim's "true" verdict most of the time; an editor
/// settles some disagreements.
fn review(p: &mut Project, rng: &mut Rng, days: u64) {
    let team = match rng.below(20) {
        0..3 => 1,
        3..16 => 2,
        _ => 3,
    };
    let first = rng.below(REVIEWERS.len() as u64) as usize;
    let names: Vec<&str> = (0..team)
        .map(|k| REVIEWERS[(first + k * 5) % REVIEWERS.len()])
        .collect();
    for name in &names {
        p.ensure_reviewer(name);
    }
    let done = match rng.below(20) {
        0..3 => 0.0,
        3..11 => 1.0,
        _ => (10 + rng.below(86)) as f64 / 100.0,
    };
    let reach = (p.claims.len() as f64 * done).round() as usize;
    let judged = [
        Verdict::Verified,
        Verdict::AttributedOnly,
        Verdict::Disputed,
    ];
    let mut settle = Vec::new();
    for (ci, claim) in p.claims.iter_mut().enumerate().take(reach) {
        let truth = match rng.below(20) {
            0..9 => Verdict::Verified,
            9..16 => Verdict::AttributedOnly,
            _ => Verdict::Disputed,
        };
        let at = day(days + 1 + rng.below(10), rng.below(86_400));
        for name in &names {
            if rng.below(10) == 0 {
                continue; // this reviewer has not got to it
            }
            let verdict = if rng.below(100) < 85 {
                truth
            } else {
                judged[rng.below(3) as usize]
            };
            let mut r = Review {
                verdict,
                changed: at.clone(),
                ..Review::default()
            };
            if rng.below(5) < 3 {
                r.attributed_to = subject_of(&claim.quote).to_string();
            }
            if rng.below(10) < 3 {
                r.note = pick(rng, NOTES).to_string();
            }
            if rng.below(10) < 4 {
                let (url, title) = EVIDENCE[rng.below(EVIDENCE.len() as u64) as usize];
                r.evidence.push(Evidence {
                    url: format!("{url}{}", 1000 + rng.below(90_000)),
                    title: title.to_string(),
                    excerpt: "The figures given above are confirmed.".into(),
                    accessed: at[..10].to_string(),
                });
            }
            p.audit.push(AuditEntry::verdict_change(
                &at,
                name,
                &claim.id,
                Verdict::Unreviewed,
                verdict,
            ));
            claim.reviews.insert(name.to_string(), r);
        }
        if claim.is_disagreement() && rng.below(2) == 0 {
            settle.push((ci, truth, at));
        }
    }
    for (ci, truth, at) in settle {
        let id = p.claims[ci].id.clone();
        crate::adjudication::adjudicate(p, &id, names[0], Some(truth), &at)
            .expect("a valid editor, verdict and time");
    }
    // The file keeps its audit in time order, as review makes it.
    p.audit.sort_by(|a, b| a.at.cmp(&b.at));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_out_below_a_hundred() {
        assert_eq!(
            numbers_in_words("26 drones and 7 tanks, 140 guns"),
            "twenty-six drones and seven tanks, 140 guns"
        );
        assert_eq!(words(40), "forty");
    }

    #[test]
    fn slugs_are_plain_lower_case_words() {
        assert_eq!(slug("Süddeutsche Zeitung"), "sddeutsche-zeitung");
        assert_eq!(slug("BBC News"), "bbc-news");
    }
}
