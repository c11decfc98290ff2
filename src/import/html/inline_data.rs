//! Images, fonts and styles inlined as `data:` URIs: what makes pages saved as one file
//! (SingleFile, "Save as… complete") tens of megabytes heavy without any of it being article.
//! Big pages lose them before parsing, so the page size limit is about the markup only.

use std::borrow::Cow;

/// `data:` URIs longer than this are emptied; small ones (spacer GIFs) are left alone.
const KEEP_BELOW: usize = 1024;

/// `bytes` with every long `data:` URI in an attribute value (`src="data:…"`) or a CSS
/// `url(data:…)` emptied to `data:,`. Works on ASCII-compatible encodings (UTF-8, the
/// windows-125x family); UTF-16 pages come back unchanged.
pub fn strip_data_uris(bytes: &[u8]) -> Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(off) = find(&bytes[at..], b"data:") {
        let start = at + off;
        at = start + 5;
        let closer = match start.checked_sub(1).map(|i| bytes[i]) {
            Some(q @ (b'"' | b'\'')) => q,
            Some(b'(') => b')',
            _ => continue,
        };
        let Some(len) = bytes[at..].iter().position(|&b| b == closer) else {
            break;
        };
        let end = at + len;
        if end - start < KEEP_BELOW {
            at = end;
            continue;
        }
        let buf = out.get_or_insert_with(|| Vec::with_capacity(bytes.len() / 2));
        buf.extend_from_slice(&bytes[copied..start]);
        buf.extend_from_slice(b"data:,");
        copied = end;
        at = end;
    }
    match out {
        None => Cow::Borrowed(bytes),
        Some(mut buf) => {
            buf.extend_from_slice(&bytes[copied..]);
            Cow::Owned(buf)
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(i) = hay.get(at..)?.iter().position(|&b| b == needle[0]) {
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
    fn long_data_uris_go_short_ones_and_text_stay() {
        let img = "A".repeat(5000);
        let page = format!(
            "<img src=\"data:image/png;base64,{img}\"><p>The data: field</p><i style='background:url(data:image/gif;base64,{img})'></i><img src='data:image/gif;base64,R0lGOD'>"
        );
        let out = strip_data_uris(page.as_bytes());
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "<img src=\"data:,\"><p>The data: field</p><i style='background:url(data:,)'></i><img src='data:image/gif;base64,R0lGOD'>"
        );
        assert!(matches!(
            strip_data_uris(b"<p>no uris</p>"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            strip_data_uris(b"<img src=\"data:unclosed"),
            Cow::Borrowed(_)
        ));
    }
}
