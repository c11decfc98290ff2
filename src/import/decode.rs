//! Page bytes to text, the way a browser picks the encoding (WHATWG "encoding sniffing"):
//! a BOM, then the HTTP charset, then a `<meta charset>` prescan, then a guess. `encoding_rs`
//! does the decoding, so malformed bytes become U+FFFD instead of an error or a panic.

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1251, WINDOWS_1252};

/// How far the `<meta charset>` prescan looks, as browsers do.
const PRESCAN_BYTES: usize = 1024;
/// Where a page that is not valid UTF-8 gets a second, longer look for a late `<meta charset>`
/// (pages with big inline scripts or styles before it; browsers reload when they meet one).
const LATE_META_BYTES: usize = 64 * 1024;

/// Page bytes to text: BOM first, then the header charset, then a `<meta charset>` /
/// `http-equiv` prescan of the first 1024 bytes (as browsers do), then UTF-8 if valid, else
/// windows-1252. Beyond that order: a page whose meta names a legacy encoding but whose bytes
/// are valid UTF-8 with non-ASCII characters in them was converted and is read as UTF-8; a
/// page that is not UTF-8 also honours a `<meta charset>` further down its head, reads as
/// UTF-8 when only a few stray bytes are broken, and as windows-1251 when its letters are
/// nearly all Cyrillic-range bytes.
pub fn decode_html(bytes: &[u8], header_charset: Option<&str>) -> Result<String, String> {
    let encoding = sniff(bytes, header_charset);
    if encoding == REPLACEMENT {
        // ISO-2022-KR, HZ-GB-2312 and friends: the standard decodes them to one U+FFFD.
        return Err(
            "uses a text encoding that cannot be read safely (ISO-2022-KR or similar)".into(),
        );
    }
    // `decode` strips a BOM itself (and lets a BOM override `encoding`, as `sniff` did).
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// Which encoding `decode_html` reads `bytes` with.
pub fn sniff(bytes: &[u8], header_charset: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    if let Some(enc) = header_charset
        .and_then(|l| Encoding::for_label(l.trim().trim_matches(['"', '\'']).as_bytes()))
    {
        return enc;
    }
    let verdict = utf8_verdict(bytes);
    if let Some(enc) = meta_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        // A page converted to UTF-8 by whatever saved it often keeps its old `<meta charset>`.
        // Text in a legacy encoding is never valid UTF-8 once it has non-ASCII letters, so
        // valid UTF-8 with multi-byte characters is UTF-8 whatever the meta says.
        return if enc != UTF_8 && matches!(verdict, Utf8::Valid) && has_multibyte(bytes) {
            UTF_8
        } else {
            enc
        };
    }
    if matches!(verdict, Utf8::Valid | Utf8::Mostly) {
        return UTF_8;
    }
    if let Some(enc) = meta_charset(head_of(&bytes[..bytes.len().min(LATE_META_BYTES)])) {
        return enc;
    }
    if mostly_cyrillic_bytes(bytes) {
        WINDOWS_1251
    } else {
        WINDOWS_1252
    }
}

/// Whether bytes look like an HTML page at all: after a BOM, whitespace, comments and an XML
/// declaration, the first tag is one pages start with (the WHATWG MIME sniffing list, widened
/// to common block tags); or, for pages with a stray line before their markup, `<!doctype html`
/// or `<html` turns up in the first kilobyte of a file that has no binary bytes.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = ascii_view(&bytes[..bytes.len().min(4 * PRESCAN_BYTES)]);
    if head.contains(&0) {
        return false; // binary (PNG, PDF, ZIP...), not text
    }
    let mut rest: &[u8] = &head;
    loop {
        rest = trim_ascii_start(rest);
        if starts_with_ci(rest, b"<!--") {
            match find(rest, b"-->") {
                Some(i) => rest = &rest[i + 3..],
                None => return false,
            }
        } else if starts_with_ci(rest, b"<?xml") {
            match find(rest, b"?>") {
                Some(i) => rest = &rest[i + 2..],
                None => return false,
            }
        } else {
            break;
        }
    }
    const FIRST_TAGS: &[&[u8]] = &[
        b"!doctype html",
        b"html",
        b"head",
        b"body",
        b"meta",
        b"title",
        b"link",
        b"script",
        b"style",
        b"base",
        b"iframe",
        b"h1",
        b"h2",
        b"h3",
        b"div",
        b"p",
        b"table",
        b"a",
        b"b",
        b"br",
        b"font",
        b"article",
        b"section",
        b"main",
        b"header",
        b"nav",
        b"span",
        b"ul",
        b"ol",
        b"center",
    ];
    if let Some(tag) = rest.strip_prefix(b"<") {
        let opens_page = FIRST_TAGS.iter().any(|t| {
            starts_with_ci(tag, t)
                && tag
                    .get(t.len())
                    .is_none_or(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace())
        });
        if opens_page {
            return true;
        }
    }
    let first_kb = &head[..head.len().min(PRESCAN_BYTES)];
    find_ci(first_kb, b"<!doctype html").is_some()
        || find_ci(first_kb, b"<html").is_some_and(|i| {
            first_kb
                .get(i + 5)
                .is_none_or(|&c| c == b'>' || c.is_ascii_whitespace())
        })
}

/// ASCII-compatible bytes as they are; UTF-16 (by BOM) narrowed to one byte per unit, so the
/// sniffing above sees its markup. Non-ASCII units become `?`.
fn ascii_view(bytes: &[u8]) -> Vec<u8> {
    let narrow = |be: bool| {
        bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                let unit = if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                };
                u8::try_from(unit).ok().filter(u8::is_ascii).unwrap_or(b'?')
            })
            .collect()
    };
    match Encoding::for_bom(bytes) {
        Some((enc, _)) if enc == UTF_16LE => narrow(false),
        Some((enc, _)) if enc == UTF_16BE => narrow(true),
        Some((_, bom)) => bytes[bom..].to_vec(),
        None => bytes.to_vec(),
    }
}

enum Utf8 {
    Valid,
    /// Invalid only here and there among at least twice as many good multi-byte sequences: a
    /// UTF-8 page with a few broken bytes. Legacy 8-bit text almost never forms a valid
    /// multi-byte sequence (an accented letter is followed by a letter, not by 0x80..0xBF),
    /// while each of its accented letters is an invalid one.
    Mostly,
    No,
}

fn utf8_verdict(bytes: &[u8]) -> Utf8 {
    let mut rest = bytes;
    let (mut good, mut bad) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += count_multibyte(s);
                break;
            }
            Err(e) => {
                let (ok, tail) = rest.split_at(e.valid_up_to());
                // Safe: `valid_up_to` bytes are valid UTF-8.
                good += count_multibyte(std::str::from_utf8(ok).unwrap_or_default());
                match e.error_len() {
                    // A sequence cut off by the end of the file (a truncated download) is not
                    // evidence against UTF-8.
                    None => break,
                    Some(n) => {
                        bad += 1;
                        rest = &tail[n..];
                    }
                }
            }
        }
    }
    match (good, bad) {
        (_, 0) => Utf8::Valid,
        (g, b) if g >= 2 * b => Utf8::Mostly,
        _ => Utf8::No,
    }
}

fn has_multibyte(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b >= 0xC0)
}

fn count_multibyte(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 == 0xC0).count()
}

/// A legacy 8-bit page without a declared charset: if nearly all its letter bytes are in
/// 0xC0..=0xFF (the Cyrillic block of windows-1251, accented capitals in windows-1252), it is
/// Cyrillic. Western European text has a few per cent of such bytes, Russian or Ukrainian
/// nearly all of them.
fn mostly_cyrillic_bytes(bytes: &[u8]) -> bool {
    let text = skip_markup(bytes);
    let high = text.iter().filter(|&&b| b >= 0xC0).count();
    let ascii_letters = text.iter().filter(|b| b.is_ascii_alphabetic()).count();
    high > 200 && high > ascii_letters
}

/// Bytes outside `<...>` tags, script and style not excluded (good enough for a letter count).
fn skip_markup(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut in_tag = false;
    for &b in bytes {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ if !in_tag => out.push(b),
            _ => {}
        }
    }
    out
}

/// The part of a page before its `</head>` or `<body`, or all of `bytes` if neither shows.
fn head_of(bytes: &[u8]) -> &[u8] {
    let end = [find_ci(bytes, b"</head"), find_ci(bytes, b"<body")]
        .into_iter()
        .flatten()
        .min();
    &bytes[..end.unwrap_or(bytes.len())]
}

/// The encoding a `<meta charset=...>` or `<meta http-equiv="content-type" content="...;
/// charset=...">` in `bytes` names (a simplified WHATWG prescan: comments skipped, attributes
/// parsed with or without quotes). UTF-16 labels mean UTF-8 here, as the standard says (the
/// bytes were readable as ASCII to find them); x-user-defined means windows-1252.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i += find(rest, b"-->").map_or(rest.len(), |j| j + 3);
            continue;
        }
        if starts_with_ci(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            let (attrs, len) = parse_attrs(&rest[5..]);
            i += 5 + len;
            if let Some(enc) = charset_of_meta(&attrs) {
                return Some(match enc {
                    e if e == UTF_16LE || e == UTF_16BE => UTF_8,
                    e if e.name() == "x-user-defined" => WINDOWS_1252,
                    e => e,
                });
            }
            continue;
        }
        i += 1;
    }
    None
}

fn charset_of_meta(attrs: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(label) = get("charset") {
        return Encoding::for_label(label.trim().as_bytes());
    }
    let is_content_type =
        get("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"));
    if is_content_type {
        return get("content").and_then(charset_in_content_type);
    }
    None
}

/// The `charset=` parameter of a Content-Type value (`text/html; charset="utf-8"`).
pub fn charset_in_content_type(value: &str) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")? + "charset".len();
    let rest = lower[at..].trim_start().strip_prefix('=')?.trim_start();
    let label = match rest.strip_prefix(['"', '\'']) {
        Some(quoted) => quoted.split(['"', '\'']).next().unwrap_or(""),
        None => rest
            .split(|c: char| c == ';' || c.is_ascii_whitespace())
            .next()
            .unwrap_or(""),
    };
    Encoding::for_label(label.as_bytes())
}

/// Attributes of a tag starting just after its name, up to its `>`: lower-case names, raw
/// values. Returns them with the number of bytes read.
fn parse_attrs(bytes: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut i = 0;
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (attrs, (i + 1).min(bytes.len()));
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = lossy(&bytes[name_start..i]).to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let start = i + 1;
                    let end = bytes[start..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(bytes.len(), |p| start + p);
                    value = lossy(&bytes[start..end]);
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = lossy(&bytes[start..i]);
                }
            }
        }
        if !name.is_empty() && !attrs.iter().any(|(k, _)| *k == name) {
            attrs.push((name, value));
        }
    }
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_everything() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=\"windows-1251\"><p>café</p>".as_bytes());
        assert_eq!(sniff(&page, Some("iso-8859-1")), UTF_8);
        assert_eq!(
            decode_html(&page, None).unwrap(),
            "<meta charset=\"windows-1251\"><p>café</p>"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>ї</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_html(&utf16, None).unwrap(), "<p>ї</p>");
        assert!(looks_like_html(&utf16));
    }

    #[test]
    fn header_then_meta_then_guess() {
        let page = b"<html><head><meta http-equiv=Content-Type content='text/html; charset=windows-1251'></head><p>\xF0\xE0\xE4\xB3</p>";
        assert_eq!(sniff(page, None), WINDOWS_1251);
        assert!(decode_html(page, None).unwrap().contains("<p>раді</p>"));
        assert_eq!(
            sniff(page, Some("utf-8")),
            UTF_8,
            "the HTTP header outranks the page"
        );
        assert_eq!(
            sniff(page, Some("no-such-charset")),
            WINDOWS_1251,
            "an unknown header label is ignored"
        );
        assert_eq!(
            sniff(b"<meta charset=\"bogus\"><p>caf\xE9</p>", None),
            WINDOWS_1252
        );
        assert_eq!(sniff(b"<meta charset=utf-16><p>x</p>", None), UTF_8);
        // Converted to UTF-8 with its old meta kept: the bytes tell.
        assert_eq!(
            sniff("<meta charset=gb2312><p>人工智能</p>".as_bytes(), None),
            UTF_8
        );
        assert_eq!(
            sniff(b"<meta charset=gb2312><p>ascii only</p>", None).name(),
            "GBK"
        );
        assert_eq!(sniff("<p>café</p>".as_bytes(), None), UTF_8);
        assert_eq!(sniff(b"<p>caf\xE9 cr\xE8me</p>", None), WINDOWS_1252);
    }

    #[test]
    fn a_meta_in_a_comment_does_not_count_and_a_late_one_does() {
        assert_eq!(
            sniff(b"<!-- <meta charset=windows-1251> --><p>caf\xE9</p>", None),
            WINDOWS_1252
        );
        let mut late = b"<html><head><script>".to_vec();
        late.extend(std::iter::repeat_n(b'x', 3000));
        late.extend_from_slice(
            b"</script><meta charset=\"koi8-r\"></head><body>\xF0\xD2\xC9</body>",
        );
        assert_eq!(sniff(&late, None).name(), "KOI8-R");
    }

    #[test]
    fn mostly_utf8_with_a_broken_byte_stays_utf8() {
        let mut page = "<p>Зеленський заявив, що Україна готова.</p>"
            .as_bytes()
            .to_vec();
        page.push(0xFF);
        assert_eq!(sniff(&page, None), UTF_8);
        // Cut in the middle of a character: still UTF-8.
        let cut = &"<p>ї</p>".as_bytes()[..4];
        assert_eq!(sniff(cut, None), UTF_8);
    }

    #[test]
    fn undeclared_cyrillic_is_windows_1251() {
        let text = "<p>Президент України підписав закон. ".repeat(20);
        let (bytes, _, _) = WINDOWS_1251.encode(&text);
        assert_eq!(sniff(&bytes, None), WINDOWS_1251);
    }

    #[test]
    fn replacement_encodings_are_refused() {
        assert!(decode_html(b"<p>x</p>", Some("iso-2022-kr")).is_err());
    }

    #[test]
    fn what_looks_like_html() {
        for page in [
            &b"<!DOCTYPE html><html><p>x"[..],
            b"\n\n  <html lang=en>",
            b"<!-- saved from url=(0022)https://example.com/ -->\n<html>",
            b"<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"><html>",
            b"<div class=x>hello</div>",
            b"<P>old page",
            b"\xEF\xBB\xBF<!doctype html>",
            b"Warning: stray PHP notice\n<!DOCTYPE html><html>",
        ] {
            assert!(looks_like_html(page), "{:?}", String::from_utf8_lossy(page));
        }
        for not in [
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..],
            b"%PDF-1.7\n%\xE2\xE3",
            b"{\"headline\": \"<b>x</b>\"}",
            b"Plain text article.\nSecond <line> here.",
            b"",
            b"<<<>>>",
            b"<abbr>x</abbr>",
            b"<!-- never closed",
        ] {
            assert!(!looks_like_html(not), "{:?}", String::from_utf8_lossy(not));
        }
    }

    #[test]
    fn content_type_charset_parameter() {
        assert_eq!(
            charset_in_content_type("text/html; charset=\"UTF-8\""),
            Some(UTF_8)
        );
        assert_eq!(
            charset_in_content_type("text/html;charset=cp1251"),
            Some(WINDOWS_1251)
        );
        assert_eq!(charset_in_content_type("text/html"), None);
        assert_eq!(charset_in_content_type("text/html; charset="), None);
    }
}
