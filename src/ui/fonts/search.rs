//! Looking in font folders for fonts that draw the scripts a text needs.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::check::egui_draws;
use super::folders::font_files;
use super::order::file_rank;
use super::script::Script;
use super::tables::{face_offsets, read_face};

/// A font file (or one face of a collection) that draws some of the missing scripts.
#[derive(Clone)]
pub struct FoundFont {
    /// Unique name the font is installed under in egui (its file name, and face for a
    /// collection).
    pub name: String,
    pub path: PathBuf,
    /// The whole file, shared.
    pub bytes: Arc<Vec<u8>>,
    /// Which face of a collection (.ttc); 0 for a single font.
    pub index: u32,
    /// The searched-for scripts it draws.
    pub scripts: Vec<Script>,
}

impl std::fmt::Debug for FoundFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FoundFont")
            .field("name", &self.name)
            .field("path", &self.path)
            .field("bytes", &self.bytes.len())
            .field("index", &self.index)
            .field("scripts", &self.scripts)
            .finish()
    }
}

/// What a font search found, and what it did not.
#[derive(Clone, Debug, Default)]
pub struct FontSearch {
    pub fonts: Vec<FoundFont>,
    /// Scripts no font was found for ([`Script::Other`] is never looked for), in
    /// [`Script::ALL`] order.
    pub missing: Vec<Script>,
}

pub(super) struct Limits {
    pub(super) time: Duration,
    pub(super) max_files: usize,
    pub(super) max_depth: usize,
    pub(super) max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(5),
            max_files: 20_000,
            max_depth: 8,
            max_file_bytes: 128 << 20,
        }
    }
}

pub(super) fn search(dirs: &[PathBuf], scripts: &[Script], limits: &Limits) -> FontSearch {
    let deadline = Instant::now() + limits.time;
    let mut wanted: Vec<Script> = scripts.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut missing: Vec<Script> = Vec::new();
    wanted.retain(|s| {
        let searchable = !s.samples().is_empty();
        if !searchable {
            missing.push(*s);
        }
        searchable
    });
    let mut fonts: Vec<FoundFont> = Vec::new();
    if !wanted.is_empty() {
        let mut files = font_files(dirs, limits, deadline);
        files.sort_by_cached_key(|(path, size)| (file_rank(path, &wanted), *size, path.clone()));
        for (path, size) in files {
            if wanted.is_empty() || Instant::now() > deadline {
                break;
            }
            if size > limits.max_file_bytes {
                continue;
            }
            look_in_file(&path, &mut wanted, &mut fonts);
        }
    }
    missing.extend(wanted);
    missing.sort_unstable();
    FontSearch { fonts, missing }
}

/// Opens one font file; adds each face that draws some of `wanted` to `fonts` (and takes its
/// scripts off `wanted`). A file that cannot be read or parsed is passed over.
fn look_in_file(path: &Path, wanted: &mut Vec<Script>, fonts: &mut Vec<FoundFont>) {
    let Ok(mut file) = File::open(path) else {
        return;
    };
    let Some(offsets) = face_offsets(&mut file) else {
        return;
    };
    let mut bytes: Option<Arc<Vec<u8>>> = None;
    for (index, offset) in offsets.into_iter().enumerate() {
        if wanted.is_empty() {
            break;
        }
        let Some(face) = read_face(&mut file, offset) else {
            continue;
        };
        if !face.outlines {
            continue;
        }
        let covered: Vec<Script> = wanted
            .iter()
            .copied()
            .filter(|s| face.coverage.has_all(s.samples()))
            .collect();
        if covered.is_empty() {
            continue;
        }
        if bytes.is_none() {
            let mut all = Vec::new();
            if file.seek(SeekFrom::Start(0)).is_err() || file.read_to_end(&mut all).is_err() {
                return;
            }
            bytes = Some(Arc::new(all));
        }
        let Some(bytes) = &bytes else { return };
        let index = index as u32;
        let name = font_name(path, index, fonts);
        let drawn: Vec<Script> = covered
            .into_iter()
            .filter(|s| egui_draws(&name, bytes, index, s.samples()))
            .collect();
        if drawn.is_empty() {
            continue;
        }
        wanted.retain(|s| !drawn.contains(s));
        fonts.push(FoundFont {
            name,
            path: path.to_owned(),
            bytes: Arc::clone(bytes),
            index,
            scripts: drawn,
        });
    }
}

fn font_name(path: &Path, index: u32, taken: &[FoundFont]) -> String {
    let file = path.file_name().map_or_else(
        || "font".to_owned(),
        |name| name.to_string_lossy().into_owned(),
    );
    let base = if index == 0 {
        format!("system:{file}")
    } else {
        format!("system:{file}#{index}")
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|f| f.name == name) {
        name = format!("{base} ({n})");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::fonts::find_in;
    use crate::ui::fonts::testing::{
        DEJAVU, DROID, LOHIT, collection, gutted, search_in, system_font, temp_dir_with,
    };

    fn names(search: &FontSearch) -> Vec<(String, Vec<Script>)> {
        search
            .fonts
            .iter()
            .map(|f| (f.name.clone(), f.scripts.clone()))
            .collect()
    }

    #[test]
    fn finds_the_font_for_each_script_in_a_folder() {
        let dir = temp_dir_with(&[DEJAVU, DROID, LOHIT]);
        let found = search_in(
            dir.path(),
            &[
                Script::Devanagari,
                Script::Hebrew,
                Script::Cjk,
                Script::Arabic,
            ],
        );
        let mut got = names(&found);
        got.sort();
        assert_eq!(
            got,
            vec![
                (
                    "system:DejaVuSans.ttf".to_owned(),
                    vec![Script::Arabic, Script::Hebrew]
                ),
                (
                    "system:DroidSansFallbackFull.ttf".to_owned(),
                    vec![Script::Cjk]
                ),
                (
                    "system:Lohit-Devanagari.ttf".to_owned(),
                    vec![Script::Devanagari]
                ),
            ]
        );
        assert!(found.missing.is_empty(), "{:?}", found.missing);
        let dejavu = found
            .fonts
            .iter()
            .find(|f| f.name.contains("DejaVu"))
            .unwrap();
        assert_eq!(dejavu.index, 0);
        assert_eq!(dejavu.path, dir.path().join("DejaVuSans.ttf"));
        assert_eq!(*dejavu.bytes, std::fs::read(system_font(DEJAVU)).unwrap());
    }

    #[test]
    fn a_script_no_font_has_stays_missing() {
        let dir = temp_dir_with(&[DEJAVU]);
        let found = search_in(dir.path(), &[Script::Cjk, Script::Hebrew, Script::Other]);
        assert_eq!(
            names(&found),
            vec![("system:DejaVuSans.ttf".to_owned(), vec![Script::Hebrew])]
        );
        assert_eq!(found.missing, vec![Script::Cjk, Script::Other]);

        let empty = tempfile::tempdir().unwrap();
        let found = search_in(empty.path(), &[Script::Thai]);
        assert!(found.fonts.is_empty());
        assert_eq!(found.missing, vec![Script::Thai]);

        let nowhere = search_in(&empty.path().join("no such folder"), &[Script::Thai]);
        assert_eq!(nowhere.missing, vec![Script::Thai]);
        assert!(find_in(&[], &[]).fonts.is_empty());
    }

    #[test]
    fn corrupt_and_truncated_font_files_are_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let droid = std::fs::read(system_font(DROID)).unwrap();
        let write =
            |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
        // All sorted before the real font by the search's preferences (names, then size).
        write("DroidSansFallback-empty.ttf", b"");
        write("DroidSansFallback-junk.ttf", &[0xAB; 5000]);
        write("DroidSansFallback-head.ttf", &droid[..4096]);
        write("DroidSansFallback-half.ttf", &droid[..droid.len() / 2]);
        let mut collection = b"ttcf\0\x01\0\0\xff\xff\xff\xff".to_vec();
        collection.extend_from_slice(&droid[..1000]);
        write("DroidSansFallback-collection.ttc", &collection);
        write("DroidSansFallback-gutted.ttf", &gutted(&droid));
        std::fs::create_dir(dir.path().join("folder.ttf")).unwrap();
        let found = search_in(dir.path(), &[Script::Cjk]);
        assert_eq!(found.missing, vec![Script::Cjk], "{:?}", names(&found));

        std::fs::copy(system_font(DROID), dir.path().join("zz.ttf")).unwrap();
        let found = search_in(dir.path(), &[Script::Cjk]);
        assert_eq!(
            names(&found),
            vec![("system:zz.ttf".to_owned(), vec![Script::Cjk])]
        );
        assert!(found.missing.is_empty());
    }

    #[test]
    fn fonts_in_subfolders_and_collections_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("truetype/droid");
        std::fs::create_dir_all(&nested).unwrap();
        // A collection of two faces: Hebrew only in the second.
        let dejavu = std::fs::read(system_font(DEJAVU)).unwrap();
        let droid = std::fs::read(system_font(DROID)).unwrap();
        std::fs::write(nested.join("pair.ttc"), collection(&[&droid, &dejavu])).unwrap();
        let found = search_in(dir.path(), &[Script::Hebrew, Script::Cjk]);
        assert_eq!(
            names(&found),
            vec![
                ("system:pair.ttc".to_owned(), vec![Script::Cjk]),
                ("system:pair.ttc#1".to_owned(), vec![Script::Hebrew]),
            ]
        );
        assert_eq!(found.fonts[1].index, 1);
        assert!(Arc::ptr_eq(&found.fonts[0].bytes, &found.fonts[1].bytes));
    }

    #[test]
    fn the_search_stops_when_out_of_time() {
        let dir = temp_dir_with(&[DEJAVU]);
        let limits = Limits {
            time: Duration::ZERO,
            ..Limits::default()
        };
        let found = search(&[dir.path().to_owned()], &[Script::Hebrew], &limits);
        assert!(found.fonts.is_empty());
        assert_eq!(found.missing, vec![Script::Hebrew]);
    }
}
