//! MHTML archives ("Save page as… Webpage, single file", RFC 2557): MIME headers, then the page
//! and its images, styles and frames as parts of a `multipart/related` body. Only the page's own
//! HTML part is read; the other parts (often most of the file) are skipped over.

use super::Imported;
use url::Url;

/// Archives above this are refused. Only the HTML part is decoded (and held to the web page
/// limit), so big images in an archive cost a scan for the boundary and nothing more.
pub const MAX_ARCHIVE_BYTES: usize = 256 * 1024 * 1024;

/// How far into the file the archive's own headers must have ended.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Extracts the article from an MHTML archive ("Save page as… single file"): the first
/// text/html part (quoted-printable or base64, its own charset), Content-Location as the base
/// URL.
pub fn extract(bytes: &[u8]) -> Result<Imported, String> {
    if bytes.len() > MAX_ARCHIVE_BYTES {
        return Err(format!(
            "is {:.1} MB; MHTML archives over {} MB are not imported",
            bytes.len() as f64 / 1_000_000.0,
            MAX_ARCHIVE_BYTES / (1024 * 1024)
        ));
    }
    let page = html_part(bytes)?;
    let base = page.location.as_deref().and_then(|l| Url::parse(l).ok());
    let base = base.filter(|u| matches!(u.scheme(), "http" | "https"));
    super::html::extract(&page.body, page.charset.as_deref(), base.as_ref())
}

/// The page inside an archive: its decoded bytes, declared charset and location.
#[derive(Debug, PartialEq, Eq)]
pub struct Page {
    pub body: Vec<u8>,
    pub charset: Option<String>,
    pub location: Option<String>,
}

/// Finds and decodes the archive's HTML part: the one named by the `start` parameter if any,
/// else the first `text/html` part. A single-part archive of HTML is its own page. A
/// truncated archive still gives what its HTML part holds.
pub fn html_part(bytes: &[u8]) -> Result<Page, String> {
    const NOT_MHTML: &str = "is not an MHTML archive (no MIME headers)";
    let (head, body) = split_headers(bytes, MAX_HEADER_BYTES).ok_or(NOT_MHTML)?;
    let headers = Headers::parse(head);
    let content_type = headers.get("content-type").ok_or(NOT_MHTML)?;
    let archive_location = headers
        .get("snapshot-content-location")
        .or_else(|| headers.get("content-location"));
    let mime = media_type(content_type);
    if is_html(&mime) {
        return Ok(Page {
            body: decode_body(body, headers.get("content-transfer-encoding")),
            charset: param(content_type, "charset"),
            location: archive_location.map(str::to_string),
        });
    }
    if !mime.starts_with("multipart/") {
        return Err(format!(
            "is not an MHTML archive (it holds {mime}, not a web page)"
        ));
    }
    let boundary = param(content_type, "boundary")
        .filter(|b| !b.is_empty())
        .ok_or("is a damaged MHTML archive (its parts have no boundary)")?;
    let start = param(content_type, "start");
    let mut first_html = None;
    for part in parts(body, boundary.as_bytes()) {
        let Some((part_head, part_body)) = split_headers(part, part.len()) else {
            continue;
        };
        let h = Headers::parse(part_head);
        let part_type = h.get("content-type").unwrap_or("text/plain");
        let is_start = start
            .as_deref()
            .is_some_and(|s| h.get("content-id").is_some_and(|id| id.trim() == s.trim()));
        if !(is_html(&media_type(part_type)) || is_start) {
            continue;
        }
        let page = Page {
            body: decode_body(part_body, h.get("content-transfer-encoding")),
            charset: param(part_type, "charset"),
            location: h
                .get("content-location")
                .or(archive_location)
                .map(str::to_string),
        };
        if is_start {
            return Ok(page);
        }
        first_html.get_or_insert(page);
        if start.is_none() {
            break;
        }
    }
    first_html
        .ok_or_else(|| "is an MHTML archive without a web page in it (no text/html part)".into())
}

fn is_html(mime: &str) -> bool {
    matches!(mime, "text/html" | "application/xhtml+xml")
}

/// The archive's parts: what lies between `--boundary` lines. The last part of a truncated
/// archive runs to the end of the file.
fn parts<'a>(body: &'a [u8], boundary: &[u8]) -> Vec<&'a [u8]> {
    let mut delimiter = b"--".to_vec();
    delimiter.extend_from_slice(boundary);
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&body[at..], &delimiter) {
        let pos = at + i;
        let line_start = pos == 0 || body[pos - 1] == b'\n';
        at = pos + delimiter.len();
        if line_start {
            starts.push(pos);
        }
    }
    let mut out = Vec::new();
    for (n, &pos) in starts.iter().enumerate() {
        let after = pos + delimiter.len();
        if body[after..].starts_with(b"--") {
            break; // the closing delimiter
        }
        // The part begins on the line after the delimiter.
        let Some(nl) = body[after..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let begin = after + nl + 1;
        let end = starts
            .get(n + 1)
            .map_or(body.len(), |&next| trim_line_end(body, next));
        if begin <= end {
            out.push(&body[begin..end]);
        }
    }
    out
}

/// The end of the line before `pos` (the CRLF or LF before a delimiter belongs to it).
fn trim_line_end(body: &[u8], pos: usize) -> usize {
    let mut end = pos;
    if end > 0 && body[end - 1] == b'\n' {
        end -= 1;
        if end > 0 && body[end - 1] == b'\r' {
            end -= 1;
        }
    }
    end
}

/// Headers and body, split at the first empty line, if it comes within `limit` bytes.
fn split_headers(bytes: &[u8], limit: usize) -> Option<(&[u8], &[u8])> {
    let window = &bytes[..bytes.len().min(limit)];
    let mut line_start = 0;
    while line_start < window.len() {
        let line_end = window[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| line_start + i);
        let Some(line_end) = line_end else { break };
        let line = &window[line_start..line_end];
        if line.is_empty() || line == b"\r" {
            return Some((&bytes[..line_start], &bytes[line_end + 1..]));
        }
        line_start = line_end + 1;
    }
    None
}

/// MIME headers, unfolded, names in lower case.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn parse(head: &[u8]) -> Self {
        let text = String::from_utf8_lossy(head);
        let mut out: Vec<(String, String)> = Vec::new();
        for line in text.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some((_, v)) = out.last_mut() {
                    v.push(' ');
                    v.push_str(line.trim());
                }
            } else if let Some((name, value)) = line.split_once(':') {
                out.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
        Self(out)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `text/html; charset=utf-8` → `text/html`.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// A parameter of a header value (`boundary="----abc"`), unquoted.
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

fn decode_body(body: &[u8], encoding: Option<&str>) -> Vec<u8> {
    match encoding.map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        Some("quoted-printable") => quoted_printable(body),
        Some("base64") => base64(body),
        _ => body.to_vec(),
    }
}

/// `=XX` escapes and `=` soft line breaks; a stray `=` is kept as it is.
fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b != b'=' {
            out.push(b);
            i += 1;
            continue;
        }
        let rest = &body[i + 1..];
        if rest.starts_with(b"\r\n") {
            i += 3;
        } else if rest.starts_with(b"\n") {
            i += 2;
        } else if let (Some(h), Some(l)) = (
            rest.first().and_then(|&c| hex(c)),
            rest.get(1).and_then(|&c| hex(c)),
        ) {
            out.push(h << 4 | l);
            i += 3;
        } else {
            out.push(b'=');
            i += 1;
        }
    }
    out
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Base64 with line breaks and other stray bytes skipped; stops at padding, and a truncated
/// last group gives the bytes it holds.
fn base64(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in body {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut at = 0;
    while let Some(i) = hay[at..=hay.len() - needle.len()]
        .iter()
        .position(|&b| b == first)
    {
        let pos = at + i;
        if hay[pos..].starts_with(needle) {
            return Some(pos);
        }
        at = pos + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_encodings() {
        assert_eq!(
            quoted_printable(b"caf=C3=A9 =3D long=\r\nline=\nend =ZZ="),
            "café = longlineend =ZZ=".as_bytes()
        );
        assert_eq!(
            base64(b"SGVs\r\nbG8s IHfDtnJs\nZA=="),
            "Hello, wörld".as_bytes()
        );
        assert_eq!(base64(b"SGVsbG"), b"Hell");
    }

    #[test]
    fn the_html_part_and_its_location() {
        let archive = b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://a.example/x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B--\"\r\n\r\n\r\n------B--\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n------B--\r\nContent-Type: text/html; charset=windows-1251\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://a.example/page\r\n\r\n<p>=F0=E0=E4=B3</p>\r\n------B----\r\n";
        let page = html_part(archive).unwrap();
        assert_eq!(page.body, b"<p>\xF0\xE0\xE4\xB3</p>");
        assert_eq!(page.charset.as_deref(), Some("windows-1251"));
        assert_eq!(page.location.as_deref(), Some("https://a.example/page"));
    }

    #[test]
    fn start_parameter_and_single_part() {
        let archive = b"Content-Type: multipart/related; boundary=b; start=\"<main>\"\n\n--b\nContent-Type: text/html\n\n<p>frame</p>\n--b\nContent-Type: text/html\nContent-ID: <main>\n\n<p>main</p>\n--b--\n";
        assert_eq!(html_part(archive).unwrap().body, b"<p>main</p>");
        let single = b"MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\nContent-Location: https://a.example/\n\nPHA+aGk8L3A+\n";
        let page = html_part(single).unwrap();
        assert_eq!(
            (page.body.as_slice(), page.location.as_deref()),
            (&b"<p>hi</p>"[..], Some("https://a.example/"))
        );
    }

    #[test]
    fn broken_archives() {
        assert!(
            html_part(b"just text")
                .unwrap_err()
                .contains("not an MHTML")
        );
        assert!(
            html_part(b"Content-Type: multipart/related\n\n--x\n")
                .unwrap_err()
                .contains("no boundary")
        );
        let no_html = b"Content-Type: multipart/related; boundary=x\n\n--x\nContent-Type: image/png\n\nPNG\n--x--\n";
        assert!(
            html_part(no_html)
                .unwrap_err()
                .contains("no text/html part")
        );
        let truncated = b"Content-Type: multipart/related; boundary=x\n\n--x\nContent-Type: text/html\n\n<p>cut her";
        assert_eq!(html_part(truncated).unwrap().body, b"<p>cut her");
        let cut_in_headers =
            b"Content-Type: multipart/related; boundary=x\n\n--x\nContent-Type: text/ht";
        assert!(html_part(cut_in_headers).is_err());
    }
}
