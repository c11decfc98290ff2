//! Which characters a font has: a bounds-checked reader of the OpenType `cmap` table.

use super::tables::{be16, be32};

/// The code points a font maps to a glyph: sorted, disjoint, inclusive ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Coverage {
    pub(super) ranges: Vec<(u32, u32)>,
}

impl Coverage {
    pub(super) fn from_ranges(mut ranges: Vec<(u32, u32)>) -> Self {
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match merged.last_mut() {
                Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        Coverage { ranges: merged }
    }

    pub(super) fn contains(&self, c: char) -> bool {
        let c = c as u32;
        let i = self.ranges.partition_point(|&(_, end)| end < c);
        self.ranges.get(i).is_some_and(|&(start, _)| start <= c)
    }

    pub(super) fn has_all(&self, chars: &str) -> bool {
        chars.chars().all(|c| self.contains(c))
    }
}

/// The Unicode code points a `cmap` table maps to a glyph other than `.notdef`, from its best
/// Unicode subtable (format 12 if there is one, else 4, else 6), as egui's font loader would
/// choose. Symbol-encoded subtables are not read: such fonts are not for text.
pub(super) fn parse_cmap(cmap: &[u8]) -> Option<Coverage> {
    let count = usize::from(be16(cmap, 2)?);
    let mut best: Option<(u8, usize)> = None;
    for i in 0..count {
        let record = 4 + i * 8;
        let (Some(platform), Some(encoding), Some(offset)) = (
            be16(cmap, record),
            be16(cmap, record + 2),
            be32(cmap, record + 4),
        ) else {
            break;
        };
        let unicode = matches!((platform, encoding), (0, _) | (3, 1) | (3, 10));
        let offset = usize::try_from(offset).ok()?;
        let rank = match (unicode, be16(cmap, offset)) {
            (true, Some(12)) => 3,
            (true, Some(4)) => 2,
            (true, Some(6)) => 1,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, offset));
        }
    }
    let (rank, offset) = best?;
    let subtable = cmap.get(offset..)?;
    let mut ranges = Vec::new();
    match rank {
        3 => read_format12(subtable, &mut ranges)?,
        2 => read_format4(subtable, &mut ranges)?,
        _ => read_format6(subtable, &mut ranges)?,
    }
    Some(Coverage::from_ranges(ranges))
}

fn read_format4(t: &[u8], out: &mut Vec<(u32, u32)>) -> Option<()> {
    let seg_x2 = usize::from(be16(t, 6)?);
    let segments = seg_x2 / 2;
    let ends = 14;
    let starts = ends + seg_x2 + 2;
    let deltas = starts + seg_x2;
    let range_offsets = deltas + seg_x2;
    for i in 0..segments {
        let end = u32::from(be16(t, ends + 2 * i)?);
        let start = u32::from(be16(t, starts + 2 * i)?);
        let delta = u32::from(be16(t, deltas + 2 * i)?);
        let range_offset_at = range_offsets + 2 * i;
        let range_offset = usize::from(be16(t, range_offset_at)?);
        if start > end || start == 0xFFFF {
            continue;
        }
        if range_offset == 0 {
            // glyph = (c + delta) mod 65536; exactly one c in the segment may land on 0.
            let zero = (0x1_0000 - delta) & 0xFFFF;
            if (start..=end).contains(&zero) {
                if zero > start {
                    out.push((start, zero - 1));
                }
                if zero < end {
                    out.push((zero + 1, end));
                }
            } else {
                out.push((start, end));
            }
        } else {
            for c in start..=end {
                let at = range_offset_at + range_offset + 2 * (c - start) as usize;
                let Some(glyph) = be16(t, at) else { break };
                if glyph != 0 && (u32::from(glyph) + delta) & 0xFFFF != 0 {
                    out.push((c, c));
                }
            }
        }
    }
    Some(())
}

fn read_format12(t: &[u8], out: &mut Vec<(u32, u32)>) -> Option<()> {
    let groups = usize::try_from(be32(t, 12)?).ok()?;
    for i in 0..groups {
        let at = 16 + i * 12;
        let (Some(start), Some(end), Some(glyph)) = (be32(t, at), be32(t, at + 4), be32(t, at + 8))
        else {
            break;
        };
        let end = end.min(0x10FFFF);
        let start = if glyph == 0 {
            start.saturating_add(1)
        } else {
            start
        };
        if start <= end {
            out.push((start, end));
        }
    }
    Some(())
}

fn read_format6(t: &[u8], out: &mut Vec<(u32, u32)>) -> Option<()> {
    let first = u32::from(be16(t, 6)?);
    let count = usize::from(be16(t, 8)?);
    for i in 0..count {
        let Some(glyph) = be16(t, 10 + 2 * i) else {
            break;
        };
        if glyph != 0 {
            let c = first + i as u32;
            out.push((c, c));
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::Arc;

    use eframe::egui;

    use crate::ui::fonts::tables::coverage_of_bytes;
    use crate::ui::fonts::testing::{DEJAVU, DROID, LOHIT, system_font};

    /// Every character egui finds in a font, and every one our reader finds, are the same.
    fn assert_reader_agrees_with_egui(name: &str, bytes: &'static [u8], index: u32) {
        let ours = coverage_of_bytes(bytes, index).expect("our reader reads the font");
        let mut definitions = egui::FontDefinitions::empty();
        definitions.font_data.insert(
            name.to_owned(),
            Arc::new(egui::FontData::from_blob(Arc::new(bytes), index)),
        );
        definitions
            .families
            .insert(egui::FontFamily::Proportional, vec![name.to_owned()]);
        let mut fonts = egui::epaint::text::Fonts::new(Default::default(), definitions);
        let theirs: Vec<char> = fonts
            .with_pixels_per_point(1.0)
            .characters(&egui::FontFamily::Proportional)
            .keys()
            .copied()
            .collect();
        let ignored_by_egui = |c: char| {
            egui::FontDefinitions::builtin_font_names().contains(&name)
                && matches!(
                    c,
                    '\u{534d}' | '\u{5350}' | '\u{E0FF}' | '\u{EFFD}' | '\u{F0FF}' | '\u{F200}'
                )
        };
        let ours_list: Vec<char> = ours
            .ranges
            .iter()
            .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
            .filter(|&c| !ignored_by_egui(c))
            .collect();
        assert!(!theirs.is_empty(), "{name}: no characters");
        let only_theirs: Vec<char> = theirs
            .iter()
            .copied()
            .filter(|&c| !ours.contains(c))
            .collect();
        let theirs_set: HashSet<char> = theirs.iter().copied().collect();
        let only_ours: Vec<char> = ours_list
            .iter()
            .copied()
            .filter(|c| !theirs_set.contains(c))
            .collect();
        assert!(
            only_theirs.is_empty(),
            "{name}: egui has, we miss {only_theirs:?}"
        );
        assert!(
            only_ours.is_empty(),
            "{name}: we have, egui misses {only_ours:?}"
        );
    }

    #[test]
    fn the_reader_agrees_with_egui_on_the_bundled_fonts() {
        let definitions = egui::FontDefinitions::default();
        for name in egui::FontDefinitions::builtin_font_names() {
            let data = &definitions.font_data[*name];
            let bytes: &'static [u8] = Vec::leak(data.bytes().to_vec());
            assert_reader_agrees_with_egui(name, bytes, data.index);
        }
    }

    #[test]
    fn the_reader_agrees_with_egui_on_system_fonts() {
        for font in [DEJAVU, DROID, LOHIT] {
            let path = system_font(font);
            let bytes: &'static [u8] = Vec::leak(std::fs::read(&path).unwrap());
            assert_reader_agrees_with_egui(font.0, bytes, 0);
        }
    }
}
