//! schema.org ClaimReview (JSON-LD): a list with one `ClaimReview` per claim whose verdict is
//! settled (an adjudicated final verdict, or every reviewer agrees), checked against Google's
//! fact-check rules before anything is written.
//!
//! - `reviewRating` carries only `alternateName` ("Verified", "Unverified (attributed to
//!   SOURCE)", "Disputed"), which Google requires and shows. No `ratingValue` /
//!   `bestRating` / `worstRating`: claimdesk's verdicts are not points on one truth scale
//!   ("attributed only" says nothing about truth), and a number would suggest an order that
//!   does not exist.
//! - `url` is the review URL with `#claim-ID` appended: the anchor of the claim's entry in the
//!   HTML report, so publishing that report at the review URL makes every link land.
//! - Every URL is written as the WHATWG parser reads it (`links::web_url`), so the host the
//!   same-site check compared is the host in the file.
//! - The JSON escapes `<`, `>` and `&` (`json::json_for_html`): the list is meant to be pasted
//!   into a page's `<script type="application/ld+json">`, and no text from the project may
//!   end that script.
//! - `itemReviewed.author` is whom the reviewers say made the claim (attributed-to); a claim
//!   attributed to nobody is the article's own, so its author is the outlet. A name is typed
//!   `Person` when it looks like a person's name (two to four capitalised words, no
//!   organisation words), else `Organization`.

use super::{
    ExportError, ExportOptions, PublisherField, Selected, plain_json, report, same_site, web_host,
    web_url,
};
use crate::model::{Claim, Project, Publisher, Verdict};
use serde::Serialize;
use url::Url;

/// Google: keep `claimReviewed` under this many characters so it is not cut on phones.
pub const CLAIM_REVIEWED_MAX: usize = 75;

pub(super) struct Out {
    pub text: String,
    pub warnings: Vec<String>,
    pub claims: usize,
}

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: String,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    author: Org<'a>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ItemReviewed<'a>,
}

#[derive(Serialize)]
struct Org<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: String,
}

#[derive(Serialize)]
struct ItemReviewed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Org<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "str::is_empty")]
    date_published: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<Appearance<'a>>,
}

#[derive(Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    headline: &'a str,
    #[serde(rename = "datePublished", skip_serializing_if = "str::is_empty")]
    date_published: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Org<'a>>,
}

/// The publisher settings (with the two URLs parsed), or which are missing or malformed.
fn publisher(p: &Project) -> Result<(&Publisher, Url, Url), ExportError> {
    let Some(publ) = &p.publisher else {
        return Err(ExportError::MissingPublisher(vec![
            PublisherField::Name,
            PublisherField::Url,
            PublisherField::ReviewUrl,
        ]));
    };
    let missing: Vec<PublisherField> = [
        (PublisherField::Name, &publ.name),
        (PublisherField::Url, &publ.url),
        (PublisherField::ReviewUrl, &publ.review_url),
    ]
    .into_iter()
    .filter(|(_, v)| v.trim().is_empty())
    .map(|(f, _)| f)
    .collect();
    if !missing.is_empty() {
        return Err(ExportError::MissingPublisher(missing));
    }
    let parse = |field, url: &String| {
        web_url(url).ok_or_else(|| ExportError::BadPublisherUrl {
            field,
            url: url.clone(),
        })
    };
    let home = parse(PublisherField::Url, &publ.url)?;
    let review = parse(PublisherField::ReviewUrl, &publ.review_url)?;
    Ok((publ, home, review))
}

pub(super) fn render(
    p: &Project,
    selected: &[Selected],
    o: &ExportOptions,
) -> Result<Out, ExportError> {
    let (publ, home, review) = publisher(p)?;
    let mut warnings = Vec::new();
    if review.fragment().is_some() {
        warnings.push(format!(
            "the review URL {} has a #fragment; each claim's own anchor replaces it",
            publ.review_url.trim()
        ));
    }
    if !same_site(home.as_str(), review.as_str()) {
        warnings.push(format!(
            "the review URL's domain ({}) is not the publisher's ({}); Google expects ClaimReview on the publisher's own site",
            web_host(review.as_str()).unwrap_or_default(),
            web_host(home.as_str()).unwrap_or_default()
        ));
    }
    let a = &p.article;
    let article_url = a.url.trim();
    let appearance_url = web_url(article_url);
    if article_url.is_empty() {
        warnings.push(
            "the article has no URL, so itemReviewed has no appearance; Google recommends one (set the article URL in the project)".into(),
        );
    } else if appearance_url.is_none() {
        warnings.push(format!(
            "the article URL {article_url:?} is not an http(s) address; itemReviewed has no appearance"
        ));
    }
    let claim_url = |id: &str| {
        let mut u = review.clone();
        u.set_fragment(Some(&format!("claim-{id}")));
        u.to_string()
    };

    let (mut unreviewed, mut differ, mut no_author) = (0, 0, 0);
    let mut reviews = Vec::new();
    for sel in selected {
        let c = sel.claim;
        let Some(verdict) = c.settled_verdict() else {
            if c.is_disagreement() {
                differ += 1;
            } else {
                unreviewed += 1;
            }
            continue;
        };
        let claim_reviewed = c.quote.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = claim_reviewed.chars().count();
        if length > CLAIM_REVIEWED_MAX {
            warnings.push(format!(
                "claim {}: claimReviewed is {length} characters; Google recommends under {CLAIM_REVIEWED_MAX} so it is not cut off (select the core of the claim as its own claim)",
                sel.number
            ));
        }
        let source = attributed_to(c, verdict);
        let author = match source {
            Some(name) => Some(Org {
                kind: if looks_like_person(name) {
                    "Person"
                } else {
                    "Organization"
                },
                name,
                url: None,
            }),
            None if !a.outlet.trim().is_empty() => Some(Org {
                kind: "Organization",
                name: a.outlet.trim(),
                url: None,
            }),
            None => {
                no_author += 1;
                None
            }
        };
        reviews.push(ClaimReview {
            context: "https://schema.org",
            kind: "ClaimReview",
            url: claim_url(&c.id),
            claim_reviewed,
            date_published: &o.report_date,
            author: Org {
                kind: "Organization",
                name: publ.name.trim(),
                url: Some(home.to_string()),
            },
            review_rating: Rating {
                kind: "Rating",
                alternate_name: rating_name(verdict, source),
            },
            item_reviewed: ItemReviewed {
                kind: "Claim",
                author,
                date_published: a.published.trim(),
                appearance: appearance_url.as_ref().map(|url| Appearance {
                    kind: "CreativeWork",
                    url: url.to_string(),
                    headline: a.title.trim(),
                    date_published: a.published.trim(),
                    publisher: (!a.outlet.trim().is_empty()).then(|| Org {
                        kind: "Organization",
                        name: a.outlet.trim(),
                        url: None,
                    }),
                }),
            },
        });
    }
    let left_out = unreviewed + differ;
    if left_out > 0 {
        warnings.push(format!(
            "{} left out as unsettled: {unreviewed} not reviewed, {differ} where reviewers differ and no final verdict was chosen",
            report::claims(left_out)
        ));
    }
    if no_author > 0 {
        warnings.push(format!(
            "{} with no attributed-to and no outlet: itemReviewed has no author",
            report::claims(no_author)
        ));
    }
    if reviews.is_empty() {
        warnings.push("no claim has a settled verdict; the file holds an empty list".into());
    }
    let claims = reviews.len();
    let mut text = plain_json(&reviews);
    text.push('\n');
    Ok(Out {
        text,
        warnings,
        claims,
    })
}

/// Whom the claim is attributed to: the first non-empty attributed-to among reviewers who gave
/// the settled verdict, else among all reviewers.
fn attributed_to(c: &Claim, verdict: Verdict) -> Option<&str> {
    let named = |r: &&crate::model::Review| !r.attributed_to.trim().is_empty();
    c.reviews
        .values()
        .filter(|r| r.verdict == verdict)
        .find(named)
        .or_else(|| c.reviews.values().find(named))
        .map(|r| r.attributed_to.trim())
}

fn rating_name(v: Verdict, source: Option<&str>) -> String {
    match (v, source) {
        (Verdict::AttributedOnly, Some(s)) => {
            format!(
                "Unverified (attributed to {})",
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        }
        (Verdict::AttributedOnly, None) => "Unverified (attribution only)".into(),
        (Verdict::Verified, _) => "Verified".into(),
        (Verdict::Disputed, _) => "Disputed".into(),
        (Verdict::Unreviewed, _) => "Unreviewed".into(),
    }
}

const ORGANISATION_WORDS: &[&str] = &[
    "agency",
    "alliance",
    "army",
    "association",
    "bank",
    "board",
    "bureau",
    "command",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "forces",
    "foundation",
    "government",
    "group",
    "inc",
    "institute",
    "leaders",
    "ltd",
    "media",
    "ministry",
    "navy",
    "news",
    "office",
    "officials",
    "organisation",
    "organization",
    "party",
    "police",
    "press",
    "reports",
    "service",
    "sources",
    "staff",
    "team",
    "times",
    "union",
    "university",
];

/// Two to four capitalised words, none of them an organisation word or an acronym, no digits
/// or brackets: "Jens Stoltenberg", "Dr. Amélie Dupont".
fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) || name.contains(['(', ')', '\'', '’', ',', '/', '&']) {
        return false;
    }
    words.iter().all(|w| {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        let lower = letters.to_lowercase();
        let mut chars = letters.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase);
        let acronym = letters.chars().count() > 1 && letters.chars().all(char::is_uppercase);
        capitalised
            && !acronym
            && !w.chars().any(|c| c.is_ascii_digit())
            && !ORGANISATION_WORDS.contains(&lower.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_and_organisations() {
        for person in [
            "Jens Stoltenberg",
            "Dr. Amélie Dupont",
            "Sen. Lindsey Graham",
        ] {
            assert!(looks_like_person(person), "{person}");
        }
        for org in [
            "Ukraine's general staff",
            "unnamed media reports",
            "NATO",
            "NATO leaders (Bucharest Summit, 2008)",
            "Ukraine (armed forces)",
            "The Ministry",
            "US Department",
        ] {
            assert!(!looks_like_person(org), "{org}");
        }
    }
}
