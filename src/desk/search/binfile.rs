//! The little binary format of the search cache's own files (the manifest and the claims'
//! fingerprints): little-endian numbers behind a magic and a version, a checksum at the end.
//! A flat format read in one pass keeps a million claims' fingerprints to well under a second
//! to load; anything that does not check out is reported as corrupt and rebuilt by the caller.

use std::io;
use std::path::Path;

/// Why a cache file could not be read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt(pub String);

impl std::fmt::Display for Corrupt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn corrupt(what: &str) -> Corrupt {
    Corrupt(what.to_string())
}

/// A fast checksum (not cryptographic): catches torn writes and stray bytes.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or_default());
        h = (h ^ w).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    }
    super::minhash::mix(h)
}

/// Builds a file: header first, `finish` appends the checksum.
pub struct Out(Vec<u8>);

impl Out {
    pub fn new(magic: &[u8; 8], version: u32) -> Out {
        let mut out = Out(Vec::new());
        out.0.extend_from_slice(magic);
        out.u32(version);
        out
    }

    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    pub fn u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        self.0.reserve(v.len() * 4);
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        self.0.reserve(v.len() * 8);
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub fn finish(mut self) -> Vec<u8> {
        let sum = checksum(&self.0);
        self.u64(sum);
        self.0
    }
}

/// Reads a file built by `Out`; every read checks bounds.
pub struct In<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> In<'a> {
    /// Checks magic, version and checksum.
    pub fn open(bytes: &'a [u8], magic: &[u8; 8], version: u32) -> Result<In<'a>, Corrupt> {
        if bytes.len() < 20 || &bytes[..8] != magic {
            return Err(corrupt("not a claimdesk cache file"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if checksum(body) != u64::from_le_bytes(sum.try_into().unwrap_or_default()) {
            return Err(corrupt("checksum mismatch"));
        }
        let mut input = In {
            bytes: body,
            pos: 8,
        };
        let found = input.u32()?;
        if found != version {
            return Err(Corrupt(format!(
                "format version {found}, this build reads {version}"
            )));
        }
        Ok(input)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Corrupt> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len())
            .ok_or_else(|| corrupt("truncated"))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    pub fn u8(&mut self) -> Result<u8, Corrupt> {
        Ok(self.take(1)?[0])
    }

    pub fn u32(&mut self) -> Result<u32, Corrupt> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }

    pub fn u64(&mut self) -> Result<u64, Corrupt> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }

    fn len(&mut self, item: usize) -> Result<usize, Corrupt> {
        let n = usize::try_from(self.u64()?).map_err(|_| corrupt("length overflow"))?;
        if n.saturating_mul(item) > self.bytes.len() - self.pos {
            return Err(corrupt("truncated"));
        }
        Ok(n)
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], Corrupt> {
        let n = self.len(1)?;
        self.take(n)
    }

    pub fn string(&mut self) -> Result<String, Corrupt> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| corrupt("text is not UTF-8"))
    }

    pub fn u32s(&mut self) -> Result<Vec<u32>, Corrupt> {
        let n = self.len(4)?;
        let raw = self.take(n * 4)?;
        Ok(raw
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect())
    }

    pub fn u64s(&mut self) -> Result<Vec<u64>, Corrupt> {
        let n = self.len(8)?;
        let raw = self.take(n * 8)?;
        Ok(raw
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect())
    }

    pub fn end(&self) -> Result<(), Corrupt> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(corrupt("trailing bytes"))
        }
    }
}

/// Replaces a cache file through a temporary file and a rename, so a reader never sees half
/// of one. No fsync: a cache lost in a power cut is rebuilt (the checksum notices).
pub fn write_replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let mut out = Out::new(b"CDTEST01", 3);
        out.u8(7);
        out.str("zürich");
        out.u32s(&[1, 2, 3]);
        out.u64s(&[u64::MAX]);
        let bytes = out.finish();
        let mut input = In::open(&bytes, b"CDTEST01", 3).unwrap();
        assert_eq!(input.u8().unwrap(), 7);
        assert_eq!(input.string().unwrap(), "zürich");
        assert_eq!(input.u32s().unwrap(), vec![1, 2, 3]);
        assert_eq!(input.u64s().unwrap(), vec![u64::MAX]);
        input.end().unwrap();

        assert!(In::open(&bytes, b"CDTEST01", 4).is_err());
        assert!(In::open(&bytes, b"CDOTHER1", 3).is_err());
        let mut flipped = bytes.clone();
        flipped[14] ^= 1;
        assert!(In::open(&flipped, b"CDTEST01", 3).is_err());
        assert!(In::open(&bytes[..bytes.len() - 1], b"CDTEST01", 3).is_err());
        assert!(In::open(b"", b"CDTEST01", 3).is_err());
    }
}
