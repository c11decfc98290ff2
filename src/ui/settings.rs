//! What the app remembers between runs (eframe persistence): who the reviewer is and the
//! recently opened files. Everything else is runtime state.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const STORAGE_KEY: &str = "claimdesk-settings";
const MAX_RECENT: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Every review is recorded under this name; asked once.
    pub reviewer: String,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Panels folded away (View menu); their widths are kept by egui's own memory.
    pub hide_list: bool,
    pub hide_detail: bool,
    /// The reviewer's own key bindings.
    pub keymap: super::keymap::Keymap,
    /// Desks (folders of projects) opened, most recent first.
    pub recent_desks: Vec<PathBuf>,
}

impl Settings {
    pub fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    pub fn remember_desk(&mut self, dir: &Path) {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        self.recent_desks.retain(|p| p != &dir);
        self.recent_desks.insert(0, dir);
        self.recent_desks.truncate(MAX_RECENT);
    }
}
