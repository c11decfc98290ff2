//! What the tests of the font modules share: the system fonts they rely on, and helpers.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::tables::{be16, be32};
use super::{FontSearch, Script, find_in, install};

/// Fonts the tests need, from Debian packages that CI installs.
pub(super) const DEJAVU: (&str, &str) = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "fonts-dejavu-core",
);
pub(super) const DROID: (&str, &str) = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "fonts-droid-fallback",
);
pub(super) const LOHIT: (&str, &str) = (
    "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf",
    "fonts-lohit-deva",
);

/// A system font these tests rely on; fails (never skips) when it is not installed.
pub(super) fn system_font((path, package): (&str, &str)) -> PathBuf {
    let path = PathBuf::from(path);
    assert!(
        path.is_file(),
        "{} is missing: install it with `apt-get install {package}` (CI installs it)",
        path.display()
    );
    path
}

pub(super) fn temp_dir_with(fonts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for &font in fonts {
        let from = system_font(font);
        std::fs::copy(&from, dir.path().join(from.file_name().unwrap())).unwrap();
    }
    dir
}

pub(super) fn search_in(dir: &Path, scripts: &[Script]) -> FontSearch {
    find_in(&[dir.to_owned()], scripts)
}

/// An egui context whose fonts are in use, with `found` installed.
pub(super) fn context_with(found: &FontSearch) -> egui::Context {
    let ctx = egui::Context::default();
    install(&ctx, found);
    let mut output = ctx.run_ui(Default::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

pub(super) fn layout(ctx: &egui::Context, text: &str) -> Vec<egui::epaint::text::Glyph> {
    let galley = ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            text.to_owned(),
            egui::FontId::proportional(14.0),
            egui::Color32::WHITE,
        )
    });
    galley
        .rows
        .iter()
        .flat_map(|r| r.row.glyphs.clone())
        .collect()
}

/// The font with its outlines zeroed: the character map intact, nothing to draw.
pub(super) fn gutted(font: &[u8]) -> Vec<u8> {
    let mut font = font.to_vec();
    let tables = usize::from(be16(&font, 4).unwrap());
    let glyf = (0..tables)
        .map(|i| 12 + i * 16)
        .find(|&record| &font[record..record + 4] == b"glyf")
        .expect("a TrueType font");
    let offset = be32(&font, glyf + 8).unwrap() as usize;
    let length = be32(&font, glyf + 12).unwrap() as usize;
    font[offset..offset + length].fill(0);
    font
}

/// A font collection (.ttc) of whole single fonts: each face's table offsets moved to
/// where its font lands in the file.
pub(super) fn collection(fonts: &[&[u8]]) -> Vec<u8> {
    let header = 12 + 4 * fonts.len();
    let mut out = b"ttcf\0\x01\0\0".to_vec();
    out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
    let mut at = header;
    let mut starts = Vec::new();
    for font in fonts {
        starts.push(at);
        out.extend_from_slice(&(at as u32).to_be_bytes());
        at += font.len().next_multiple_of(4);
    }
    for (font, start) in fonts.iter().zip(starts) {
        let mut font = font.to_vec();
        let tables = usize::from(be16(&font, 4).unwrap());
        for i in 0..tables {
            let field = 12 + i * 16 + 8;
            let offset = be32(&font, field).unwrap() + start as u32;
            font[field..field + 4].copy_from_slice(&offset.to_be_bytes());
        }
        font.resize(font.len().next_multiple_of(4), 0);
        out.extend_from_slice(&font);
    }
    out
}
