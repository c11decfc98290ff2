//! The reviewer's own key bindings, kept with the preferences. A command not rebound keeps its
//! default shortcuts (`UiCommand::shortcuts`); a rebinding that another command already uses is
//! refused, so no key ever means two things.

use super::command::UiCommand;
use eframe::egui::{Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Command name (as `UiCommand`'s variant is spelled) → shortcuts written as "Ctrl+Shift+S".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Keymap {
    pub bindings: BTreeMap<String, Vec<String>>,
}

impl Keymap {
    /// The shortcuts that run `cmd` now.
    pub fn shortcuts(&self, cmd: UiCommand) -> Vec<KeyboardShortcut> {
        match self.bindings.get(&cmd.name()) {
            Some(texts) => texts.iter().filter_map(|t| parse(t)).collect(),
            None => cmd.shortcuts().to_vec(),
        }
    }

    /// The command `s` runs, other than `except`.
    pub fn command_for(
        &self,
        s: &KeyboardShortcut,
        except: Option<UiCommand>,
    ) -> Option<UiCommand> {
        UiCommand::ALL
            .into_iter()
            .filter(|c| Some(*c) != except)
            .find(|&c| self.shortcuts(c).iter().any(|o| same(o, s)))
    }

    /// Makes `s` the one shortcut of `cmd`. Refused, naming the other command, when `s`
    /// already runs one; refused for a plain key that text fields need (Enter, Esc, Tab,
    /// Backspace).
    pub fn rebind(&mut self, cmd: UiCommand, s: KeyboardShortcut) -> Result<(), String> {
        if matches!(
            s.logical_key,
            Key::Enter | Key::Escape | Key::Tab | Key::Backspace
        ) && !(s.modifiers.command || s.modifiers.ctrl || s.modifiers.alt)
        {
            return Err(format!("{} is needed for typing and dialogs", format(&s)));
        }
        if let Some(other) = self.command_for(&s, Some(cmd)) {
            return Err(format!("{} already runs “{}”", format(&s), other.label()));
        }
        self.bindings.insert(cmd.name(), vec![format(&s)]);
        Ok(())
    }

    /// Back to the default shortcuts.
    pub fn reset(&mut self, cmd: UiCommand) {
        self.bindings.remove(&cmd.name());
    }

    /// Pairs of commands that share a shortcut (a hand-edited preferences file could make
    /// one); empty for any keymap `rebind` made.
    pub fn clashes(&self) -> Vec<(UiCommand, UiCommand, String)> {
        let mut out = Vec::new();
        for (i, a) in UiCommand::ALL.iter().enumerate() {
            for b in &UiCommand::ALL[i + 1..] {
                for s in self.shortcuts(*a) {
                    if self.shortcuts(*b).iter().any(|o| same(o, &s)) {
                        out.push((*a, *b, format(&s)));
                    }
                }
            }
        }
        out
    }
}

/// Two shortcuts are the same keys (Ctrl and Cmd count as one).
fn same(a: &KeyboardShortcut, b: &KeyboardShortcut) -> bool {
    let m = |s: &KeyboardShortcut| {
        (
            s.modifiers.command || s.modifiers.ctrl,
            s.modifiers.shift,
            s.modifiers.alt,
        )
    };
    a.logical_key == b.logical_key && m(a) == m(b)
}

/// "Ctrl+Shift+S", "Alt+F1", "J".
pub fn format(s: &KeyboardShortcut) -> String {
    let mut parts = Vec::new();
    if s.modifiers.command || s.modifiers.ctrl {
        parts.push("Ctrl");
    }
    if s.modifiers.alt {
        parts.push("Alt");
    }
    if s.modifiers.shift {
        parts.push("Shift");
    }
    parts.push(s.logical_key.name());
    parts.join("+")
}

/// The inverse of [`format`]; `None` for text that names no key.
pub fn parse(text: &str) -> Option<KeyboardShortcut> {
    let mut modifiers = Modifiers::NONE;
    let mut key = None;
    for part in text.split('+').map(str::trim) {
        match part.to_ascii_lowercase().as_str() {
            "ctrl" | "cmd" | "command" => modifiers = modifiers.plus(Modifiers::COMMAND),
            "alt" | "option" => modifiers = modifiers.plus(Modifiers::ALT),
            "shift" => modifiers = modifiers.plus(Modifiers::SHIFT),
            _ if key.is_none() => key = Some(Key::from_name(part)?),
            _ => return None,
        }
    }
    Some(KeyboardShortcut::new(modifiers, key?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_read_back_as_written() {
        for cmd in UiCommand::ALL {
            for s in cmd.shortcuts() {
                let text = format(s);
                let back = parse(&text).unwrap_or_else(|| panic!("{text}"));
                assert!(same(&back, s), "{text}");
            }
        }
        assert!(parse("Ctrl+Nope").is_none());
        assert!(parse("Ctrl+S+T").is_none());
    }

    #[test]
    fn a_rebinding_that_clashes_is_refused_and_names_the_other_command() {
        let mut k = Keymap::default();
        let ctrl_s = parse("Ctrl+S").unwrap();
        let err = k.rebind(UiCommand::NextClaim, ctrl_s).unwrap_err();
        assert!(err.contains("Save"), "{err}");
        assert_eq!(
            k.shortcuts(UiCommand::NextClaim),
            UiCommand::NextClaim.shortcuts()
        );
        k.rebind(UiCommand::NextClaim, parse("L").unwrap()).unwrap();
        assert_eq!(
            k.command_for(&parse("L").unwrap(), None),
            Some(UiCommand::NextClaim)
        );
        assert_eq!(
            k.command_for(&parse("J").unwrap(), None),
            None,
            "J is free again"
        );
        assert!(k.clashes().is_empty());
        assert!(k.rebind(UiCommand::Save, parse("Enter").unwrap()).is_err());
        k.reset(UiCommand::NextClaim);
        assert_eq!(
            k.command_for(&parse("J").unwrap(), None),
            Some(UiCommand::NextClaim)
        );
    }

    #[test]
    fn the_default_keymap_has_no_clashes() {
        assert!(Keymap::default().clashes().is_empty());
    }

    #[test]
    fn a_hand_edited_clash_is_found() {
        let mut k = Keymap::default();
        k.bindings.insert("NextClaim".into(), vec!["Ctrl+S".into()]);
        let c = k.clashes();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].2, "Ctrl+S");
    }
}
