//! Web addresses as a browser reads them. Whether a string becomes a link, which host a report
//! shows for it and whether two addresses are on the same site are decided here, and only
//! here, by the WHATWG URL parser (the `url` crate): the one browsers follow. Hand-made parsing
//! disagreed with browsers on cases such as `https://evil.example\@desk.example/` (a browser
//! opens evil.example; the backslash is a path separator there).
//!
//! Reports write the *parsed* address as the link target, so the host shown next to a link is
//! always the host the link opens.

use url::{Host, Url};

/// The address a browser would open for `s`, when it is an absolute `http`/`https` URL with a
/// host; `None` for anything else (`javascript:` in any spelling, `data:`, relative and
/// protocol-relative addresses, text that is not a URL). Leading and trailing spaces and
/// control characters, and tabs and line breaks inside, are dropped as a browser drops them.
pub fn web_url(s: &str) -> Option<Url> {
    let url = Url::parse(s).ok()?;
    let web = matches!(url.scheme(), "http" | "https");
    (web && url.host().is_some()).then_some(url)
}

/// True when `s` becomes a link in a report.
pub fn is_web_url(s: &str) -> bool {
    web_url(s).is_some()
}

/// The host a browser would contact for `s`: lower case, international names in their ASCII
/// (punycode, `xn--…`) form so look-alike letters cannot pose as another site, IPv6 in
/// brackets; no port or user info. `None` when `s` is not a web address.
pub fn web_host(s: &str) -> Option<String> {
    web_url(s).and_then(|u| u.host_str().map(str::to_string))
}

/// Same site: equal hosts (a leading `www.` aside), or one a subdomain of the other. IP
/// addresses only match themselves. `false` when either is not a web address.
pub(crate) fn same_site(a: &str, b: &str) -> bool {
    let (Some(a), Some(b)) = (web_url(a), web_url(b)) else {
        return false;
    };
    match (a.host(), b.host()) {
        (Some(Host::Domain(a)), Some(Host::Domain(b))) => {
            let a = a.strip_prefix("www.").unwrap_or(a);
            let b = b.strip_prefix("www.").unwrap_or(b);
            a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}"))
        }
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backslash_ends_the_host_as_in_a_browser() {
        assert_eq!(
            web_host("https://evil.example\\@desk.example/").as_deref(),
            Some("evil.example")
        );
        assert!(!same_site(
            "https://desk.example/",
            "https://evil.example\\@desk.example/"
        ));
    }

    #[test]
    fn same_site_allows_www_and_subdomains_only() {
        assert!(same_site(
            "https://example.org",
            "https://www.example.org/fc/1"
        ));
        assert!(same_site(
            "https://example.org",
            "https://factcheck.example.org/x"
        ));
        assert!(!same_site("https://example.org", "https://example.com/x"));
        assert!(!same_site(
            "https://example.org",
            "https://badexample.org/x"
        ));
        assert!(same_site("http://192.0.2.1/", "https://192.0.2.1/x"));
        assert!(!same_site("https://example.org", "javascript:alert(1)"));
    }
}
