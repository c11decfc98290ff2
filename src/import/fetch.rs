//! Downloading an article page once: http(s) only, bounded in time, size and redirects, so a
//! bad link gives a clear error instead of a hung or exhausted app. After this the project
//! works offline like a saved page.

use std::io::Read;
use std::time::Duration;
use url::Url;

/// Larger downloads are refused: news pages are well under 5 MB of HTML; more is a file, a
/// feed or a page stuffed with inline images.
pub const MAX_DOWNLOAD_BYTES: u64 = 20_000_000;

/// Bounds on one download.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The whole exchange: connect, redirects, headers and body.
    pub timeout: Duration,
    pub max_bytes: u64,
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_bytes: MAX_DOWNLOAD_BYTES,
            max_redirects: 10,
        }
    }
}

/// A downloaded page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// Where the page really was, after redirects.
    pub url: Url,
    pub bytes: Vec<u8>,
    /// The Content-Type header, e.g. `text/html; charset=windows-1251`.
    pub content_type: String,
}

impl Fetched {
    /// The charset the server named, if any.
    pub fn charset(&self) -> Option<&str> {
        self.content_type.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches(['"', '\'']))
        })
    }

    /// Whether the server says this is a web page (or says nothing useful).
    pub fn is_html(&self) -> bool {
        let mime = self.content_type.split(';').next().unwrap_or("").trim();
        mime.is_empty()
            || mime.eq_ignore_ascii_case("text/html")
            || mime.eq_ignore_ascii_case("application/xhtml+xml")
            || mime.eq_ignore_ascii_case("application/octet-stream")
    }
}

/// Parses what the user typed as a web address: http and https only, with a host. A bare
/// `example.org/story` is not guessed at; the user types the scheme they mean.
pub fn parse_url(input: &str) -> Result<Url, String> {
    let input = input.trim();
    let url = Url::parse(input).map_err(|e| format!("{input}: not a web address ({e})"))?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(format!(
                "{input}: only http and https addresses can be fetched, not {other}:"
            ));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{input}: the address has no host"));
    }
    Ok(url)
}

/// Downloads `url`. Errors name the URL and say what went wrong in words a user can act on.
pub fn fetch(url: &Url, limits: &Limits) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .max_redirects_will_error(true)
        .save_redirect_history(true)
        .http_status_as_error(false)
        .user_agent(concat!("claimdesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let fail = |what: String| format!("{url}: {what}");
    let response = agent
        .get(url.as_str())
        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        .call()
        .map_err(|e| fail(describe(&e, limits)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(fail(
            format!(
                "the server answered {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string(),
        ));
    }
    let final_url = {
        use ureq::ResponseExt;
        Url::parse(&response.get_uri().to_string()).unwrap_or_else(|_| url.clone())
    };
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    // Read one byte past the limit to tell "exactly at the limit" from "over it".
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("the download broke off: {e}")))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(fail(format!(
            "the page is larger than {}; claimdesk does not import pages that large",
            megabytes(limits.max_bytes)
        )));
    }
    Ok(Fetched {
        url: final_url,
        bytes,
        content_type,
    })
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1_000_000.0)
}

/// ureq's errors in a user's words.
fn describe(e: &ureq::Error, limits: &Limits) -> String {
    use ureq::Error as E;
    match e {
        E::Timeout(_) => format!(
            "no answer within {} s (the site is slow or unreachable)",
            limits.timeout.as_secs()
        ),
        E::HostNotFound => {
            "the host was not found (check the address, or you may be offline)".into()
        }
        E::ConnectionFailed => "could not connect (the site is down, or you are offline)".into(),
        E::TooManyRedirects => format!(
            "redirected more than {} times (a redirect loop?)",
            limits.max_redirects
        ),
        E::RedirectFailed => "a redirect pointed nowhere usable".into(),
        E::BadUri(u) => format!("bad address {u}"),
        E::Tls(m) => format!("the secure connection failed: {m}"),
        E::Rustls(r) => format!("the secure connection failed: {r}"),
        E::BodyExceedsLimit(n) => format!("the page is larger than {}", megabytes(*n)),
        E::Io(io) => {
            use std::io::ErrorKind as K;
            match io.kind() {
                K::ConnectionRefused => {
                    "could not connect (the server refused; the site is down or the address is wrong)".into()
                }
                K::NetworkUnreachable | K::HostUnreachable | K::NetworkDown => {
                    "could not connect (the network is unreachable: you may be offline)".into()
                }
                K::TimedOut => format!(
                    "no answer within {} s (the site is slow or unreachable)",
                    limits.timeout.as_secs()
                ),
                _ => format!("the connection failed: {io}"),
            }
        }
        other => format!("the download failed: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_with_a_host_are_fetched() {
        assert!(parse_url("https://example.org/a?b=1").is_ok());
        assert!(parse_url(" http://127.0.0.1:8080/x ").is_ok());
        for bad in [
            "file:///etc/passwd",
            "ftp://example.org/a",
            "javascript:alert(1)",
            "data:text/html,hi",
        ] {
            let e = parse_url(bad).unwrap_err();
            assert!(e.contains("only http and https"), "{bad}: {e}");
        }
        assert!(
            parse_url("example.org/story")
                .unwrap_err()
                .contains("not a web address")
        );
        assert!(parse_url("http://").is_err());
    }

    #[test]
    fn the_charset_comes_from_the_content_type() {
        let f = |ct: &str| Fetched {
            url: Url::parse("http://a.test/").unwrap(),
            bytes: vec![],
            content_type: ct.into(),
        };
        assert_eq!(
            f("text/html; charset=\"windows-1251\"").charset(),
            Some("windows-1251")
        );
        assert_eq!(f("text/html").charset(), None);
        assert!(f("text/html; charset=utf-8").is_html());
        assert!(!f("application/pdf").is_html());
    }
}
