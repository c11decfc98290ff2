//! Where fonts are: the system's font folders, and the font files under a folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::search::Limits;

/// The folders fonts are usually installed in on this kind of system, most personal first.
pub fn system_font_dirs() -> Vec<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let mut dirs = Vec::new();
    let home = env("HOME").map(PathBuf::from);
    if cfg!(windows) {
        if let Some(local) = env("LOCALAPPDATA") {
            dirs.push(
                PathBuf::from(local)
                    .join("Microsoft")
                    .join("Windows")
                    .join("Fonts"),
            );
        }
        let windir = env("WINDIR").or_else(|| env("SystemRoot"));
        let windir = windir.map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from);
        dirs.push(windir.join("Fonts"));
    } else {
        if let Some(home) = &home {
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
        }
        if let Some(data_home) = env("XDG_DATA_HOME") {
            dirs.push(PathBuf::from(data_home).join("fonts"));
        }
        let data_dirs =
            env("XDG_DATA_DIRS").unwrap_or_else(|| "/usr/local/share:/usr/share".into());
        for dir in std::env::split_paths(&data_dirs) {
            dirs.push(dir.join("fonts"));
        }
        dirs.push("/usr/local/share/fonts".into());
        dirs.push("/usr/share/fonts".into());
        if cfg!(target_os = "macos") {
            if let Some(home) = &home {
                dirs.push(home.join("Library/Fonts"));
            }
            dirs.push("/Library/Fonts".into());
            dirs.push("/System/Library/Fonts".into());
        }
    }
    let mut seen = HashSet::new();
    dirs.retain(|dir| seen.insert(dir.clone()));
    dirs
}

/// Font files under `dirs`, with their sizes, each once.
pub(super) fn font_files(
    dirs: &[PathBuf],
    limits: &Limits,
    deadline: Instant,
) -> Vec<(PathBuf, u64)> {
    let mut files = Vec::new();
    let mut visited = HashSet::new();
    let mut stack: Vec<(PathBuf, usize)> = dirs.iter().rev().map(|d| (d.clone(), 0)).collect();
    while let Some((dir, depth)) = stack.pop() {
        if files.len() >= limits.max_files || Instant::now() > deadline {
            break;
        }
        let Ok(real) = dir.canonicalize() else {
            continue;
        };
        if !visited.insert(real) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut subdirs = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            // Follows symbolic links (fontconfig setups link fonts and folders about).
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                if depth < limits.max_depth {
                    subdirs.push(path);
                }
            } else if meta.is_file() && is_font_file(&path) {
                files.push((path, meta.len()));
            }
        }
        subdirs.sort();
        stack.extend(subdirs.into_iter().rev().map(|d| (d, depth + 1)));
    }
    let mut seen = HashSet::new();
    files.retain(|(path, _)| seen.insert(path.canonicalize().unwrap_or_else(|_| path.clone())));
    files
}

fn is_font_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::ui::fonts::testing::{DEJAVU, DROID, LOHIT, system_font};
    use crate::ui::fonts::{Script, find_system_fonts};

    #[test]
    fn the_usual_folders_are_searched() {
        let dirs = system_font_dirs();
        if cfg!(target_os = "linux") {
            assert!(
                dirs.contains(&PathBuf::from("/usr/share/fonts")),
                "{dirs:?}"
            );
            assert!(
                dirs.contains(&PathBuf::from("/usr/local/share/fonts")),
                "{dirs:?}"
            );
        }
        let unique: HashSet<&PathBuf> = dirs.iter().collect();
        assert_eq!(unique.len(), dirs.len(), "{dirs:?}");
        // On this machine (and CI) the packages above are installed.
        for font in [DEJAVU, DROID, LOHIT] {
            system_font(font);
        }
        let started = Instant::now();
        let found = find_system_fonts(&[
            Script::Cjk,
            Script::Arabic,
            Script::Hebrew,
            Script::Devanagari,
        ]);
        assert!(found.missing.is_empty(), "{found:?}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }
}
