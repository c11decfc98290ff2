//! The tables of a font file: its faces (one, or several in a collection), each face's table
//! directory, read bounds-checked from a file piece by piece or from bytes in memory.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

use super::cmap::{Coverage, parse_cmap};

pub(super) fn be16(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([s[0], s[1]]))
}

pub(super) fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

/// No font table we read is larger than this; a corrupt length asks for no more memory.
const MAX_TABLE_BYTES: usize = 32 << 20;
/// Collections hold a few dozen faces at most.
const MAX_FACES: usize = 256;

/// Something font bytes can be read from: a file (read piece by piece) or bytes in memory.
pub(super) trait FontSource {
    fn read_at(&mut self, offset: u64, len: usize) -> Option<Vec<u8>>;
    fn size(&mut self) -> Option<u64>;
}

impl FontSource for &[u8] {
    fn read_at(&mut self, offset: u64, len: usize) -> Option<Vec<u8>> {
        let start = usize::try_from(offset).ok()?;
        self.get(start..start.checked_add(len)?).map(<[u8]>::to_vec)
    }

    fn size(&mut self) -> Option<u64> {
        u64::try_from(self.len()).ok()
    }
}

impl FontSource for File {
    fn read_at(&mut self, offset: u64, len: usize) -> Option<Vec<u8>> {
        if len > MAX_TABLE_BYTES {
            return None;
        }
        self.seek(SeekFrom::Start(offset)).ok()?;
        let mut buf = vec![0; len];
        self.read_exact(&mut buf).ok()?;
        Some(buf)
    }

    fn size(&mut self) -> Option<u64> {
        self.metadata().ok().map(|m| m.len())
    }
}

/// Where each face of a font file starts: one face for .ttf/.otf, several for a collection.
pub(super) fn face_offsets(src: &mut impl FontSource) -> Option<Vec<u32>> {
    let head = src.read_at(0, 12)?;
    match &head[0..4] {
        b"ttcf" => {
            let count = usize::try_from(be32(&head, 8)?).ok()?;
            if count == 0 || count > MAX_FACES {
                return None;
            }
            let table = src.read_at(12, count * 4)?;
            (0..count).map(|i| be32(&table, i * 4)).collect()
        }
        [0, 1, 0, 0] | b"OTTO" | b"true" => Some(vec![0]),
        _ => None,
    }
}

/// What the search needs to know about one face.
pub(super) struct FaceInfo {
    pub(super) coverage: Coverage,
    /// Has TrueType or CFF outlines (a colour-bitmap-only emoji font has none, and egui draws
    /// nothing from it).
    pub(super) outlines: bool,
}

pub(super) fn read_face(src: &mut impl FontSource, face_offset: u32) -> Option<FaceInfo> {
    let face_offset = u64::from(face_offset);
    let header = src.read_at(face_offset, 12)?;
    if !matches!(&header[0..4], [0, 1, 0, 0] | b"OTTO" | b"true") {
        return None;
    }
    let tables = usize::from(be16(&header, 4)?);
    let directory = src.read_at(face_offset + 12, tables * 16)?;
    let size = src.size()?;
    let mut cmap = None;
    let mut outlines = false;
    for record in directory.chunks_exact(16) {
        // A truncated file: its tables run past its end.
        let end = u64::from(be32(record, 8)?) + u64::from(be32(record, 12)?);
        if end > size {
            return None;
        }
        match &record[0..4] {
            b"cmap" => cmap = Some((be32(record, 8)?, be32(record, 12)?)),
            b"glyf" | b"CFF " | b"CFF2" => outlines = true,
            _ => {}
        }
    }
    let (offset, length) = cmap?;
    let length = usize::try_from(length).ok()?;
    if length > MAX_TABLE_BYTES {
        return None;
    }
    let table = src.read_at(u64::from(offset), length)?;
    Some(FaceInfo {
        coverage: parse_cmap(&table)?,
        outlines,
    })
}

/// The characters of every face of a font file in memory.
pub(super) fn coverage_of_bytes(bytes: &[u8], index: u32) -> Option<Coverage> {
    let mut src = bytes;
    let offsets = face_offsets(&mut src)?;
    let offset = *offsets.get(usize::try_from(index).ok()?)?;
    Some(read_face(&mut src, offset)?.coverage)
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use eframe::egui;
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any bytes, and a real font with bytes changed, are read or refused: never a panic.
        #[test]
        fn the_reader_never_panics(
            junk in proptest::collection::vec(any::<u8>(), 0..2000),
            flips in proptest::collection::vec((0usize..400_000, any::<u8>()), 1..20),
            cut in 0usize..800_000,
        ) {
            let _ = coverage_of_bytes(&junk, 0);
            let mut ttc = b"ttcf\0\x01\0\0\0\0\0\x02\0\0\0\x14\0\0\0\x20".to_vec();
            ttc.extend_from_slice(&junk);
            let _ = coverage_of_bytes(&ttc, 1);
            let _ = parse_cmap(&junk);
            let mut font = default_font_bytes().to_vec();
            for (at, byte) in flips {
                let at = at % font.len();
                font[at] ^= byte;
            }
            let _ = coverage_of_bytes(&font, 0);
            font.truncate(cut);
            let _ = coverage_of_bytes(&font, 0);
        }
    }

    fn default_font_bytes() -> &'static [u8] {
        static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
        BYTES.get_or_init(|| {
            egui::FontDefinitions::default().font_data["Ubuntu-Light"]
                .bytes()
                .to_vec()
        })
    }
}
