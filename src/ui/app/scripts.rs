//! Fonts for the article's scripts. When an article opens, a thread of its own finds which of
//! its scripts the bundled fonts cannot draw and loads system fonts that can (reading font
//! files takes a while; the frame never waits). The header then says plainly what still
//! cannot be shown properly: right-to-left layout, scripts no font was found for.

use crate::model::Project;
use crate::ui::fonts::{self, FontSearch};
use eframe::egui;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

#[derive(Default)]
pub struct ScriptFonts {
    /// The text (by hash) the fonts were looked for.
    for_text: String,
    pending: Option<Receiver<(FontSearch, Option<String>)>>,
    /// What the article header says about scripts it cannot show properly.
    pub notice: Option<String>,
}

impl ScriptFonts {
    /// A font search for the open text is still running.
    pub fn is_searching(&self) -> bool {
        self.pending.is_some()
    }

    /// Starts a search when a new text is open; installs what a finished search found.
    pub fn refresh(&mut self, ctx: &egui::Context, project: Option<&Project>) {
        if let Some(p) = project
            && self.for_text != p.article.text_sha256
        {
            self.for_text = p.article.text_sha256.clone();
            self.notice = None;
            let text = p.article.text.clone();
            let (tx, rx) = channel();
            let waker = ctx.clone();
            self.pending = Some(rx);
            std::thread::spawn(move || {
                let missing = fonts::missing_scripts(&text);
                let search = if missing.is_empty() {
                    FontSearch::default()
                } else {
                    fonts::find_system_fonts(&missing)
                };
                let notice = fonts::notice(&text, &search.missing);
                if tx.send((search, notice)).is_ok() {
                    waker.request_repaint();
                }
            });
        }
        let Some(rx) = &self.pending else { return };
        match rx.try_recv() {
            Ok((search, notice)) => {
                fonts::install(ctx, &search);
                self.notice = notice;
                self.pending = None;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.pending = None,
        }
    }
}
