//! A byte test the compiler turns into vector code: most lines hold none of the rare chars
//! the version 2 passes look for, and saying so cheaply keeps splitting fast.

/// Whether any byte of `bytes` is one of `set`.
pub(super) fn any_of<const N: usize>(bytes: &[u8], set: [u8; N]) -> bool {
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        // No early exit inside a chunk, so the loop vectorises.
        let mut seen = 0u8;
        for &b in chunk {
            let mut hit = false;
            for s in set {
                hit |= b == s;
            }
            seen |= u8::from(hit);
        }
        if seen != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|b| set.contains(b))
}

#[cfg(test)]
mod tests {
    use super::any_of;

    #[test]
    fn finds_bytes_anywhere() {
        let text = "x".repeat(100);
        for at in [0, 31, 32, 63, 99] {
            let mut bytes = text.clone().into_bytes();
            bytes[at] = b'"';
            assert!(any_of(&bytes, [b'"', b')']), "{at}");
        }
        assert!(!any_of(text.as_bytes(), [b'"', b')']));
        assert!(!any_of(b"", [b'"']));
    }
}
