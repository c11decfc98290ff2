//! JSON that is safe to paste into HTML. Everything claimdesk prints as JSON goes through
//! here, so a `</script>` in an article, a date or a publisher name cannot end the
//! `<script type="application/ld+json">` block a publisher pastes ClaimReview into.

use serde::Serialize;

/// Pretty-printed JSON with `<`, `>`, `&`, U+2028 and U+2029 written as `\u003c`-style
/// escapes. The result parses to exactly the same value.
///
/// Replacing characters in the finished text is sound: JSON's own syntax is ASCII without
/// these five characters, so each of them can only sit inside a string, where the `\u`
/// escape means the same character.
pub fn json_for_html<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(value).map(|s| escape_for_html(&s))
}

/// [`json_for_html`] for values that cannot fail to serialise (strings, numbers, lists and
/// maps with string keys): every export claimdesk writes.
pub(crate) fn plain_json<T: Serialize + ?Sized>(value: &T) -> String {
    json_for_html(value).expect("exports hold only strings, numbers, lists and maps")
}

/// Escapes the characters that HTML (or a JavaScript parser) would read as markup or a line
/// end inside already-serialised JSON text.
pub fn escape_for_html(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_escapes_and_the_value_is_unchanged() {
        let value = serde_json::json!({
            "a</script><script>alert(1)</script>": "x & y <!-- \u{2028}\u{2029} -->",
        });
        let out = json_for_html(&value).unwrap();
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!out.contains(bad), "{out}");
        }
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, value);
    }
}
