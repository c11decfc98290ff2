//! Every command of the workspace, with its label and keyboard shortcuts in one place, so
//! menus, the shortcut sheet and the keyboard handler agree and a test can prove that no two
//! commands share a shortcut.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiCommand {
    NewFromArticle,
    NewFromText,
    NewFromUrl,
    Open,
    Save,
    SaveAs,
    Export,
    Quit,
    Undo,
    Redo,
    NextClaim,
    PreviousClaim,
    NextUnreviewed,
    NextDisagreement,
    TagVerified,
    TagAttributedOnly,
    TagDisputed,
    TagUnreviewed,
    FocusNote,
    FocusAttributedTo,
    AddEvidence,
    Search,
    ExtendSelectionLeft,
    ExtendSelectionRight,
    ClaimFromSelection,
    SplitAtCursor,
    MergeWithNext,
    DeleteClaim,
    AcceptHint,
    DismissHint,
    ShowDisagreements,
    Agreement,
    MergeReviewerFile,
    ShortcutSheet,
    OpenDesk,
    ShowDesk,
    SearchDesk,
    ReuseReview,
    Sync,
}

/// The menu a command is listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Claim,
    Review,
    Help,
}

const fn key(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, k)
}

const fn shift(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, k)
}

const fn ctrl(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, k)
}

const fn ctrl_shift(k: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), k)
}

impl UiCommand {
    pub const ALL: [UiCommand; 39] = [
        UiCommand::NewFromArticle,
        UiCommand::NewFromText,
        UiCommand::NewFromUrl,
        UiCommand::Open,
        UiCommand::OpenDesk,
        UiCommand::ShowDesk,
        UiCommand::Sync,
        UiCommand::MergeReviewerFile,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::Export,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::NextClaim,
        UiCommand::PreviousClaim,
        UiCommand::NextUnreviewed,
        UiCommand::NextDisagreement,
        UiCommand::TagVerified,
        UiCommand::TagAttributedOnly,
        UiCommand::TagDisputed,
        UiCommand::TagUnreviewed,
        UiCommand::FocusNote,
        UiCommand::FocusAttributedTo,
        UiCommand::AddEvidence,
        UiCommand::Search,
        UiCommand::SearchDesk,
        UiCommand::ExtendSelectionLeft,
        UiCommand::ExtendSelectionRight,
        UiCommand::ClaimFromSelection,
        UiCommand::SplitAtCursor,
        UiCommand::MergeWithNext,
        UiCommand::DeleteClaim,
        UiCommand::AcceptHint,
        UiCommand::DismissHint,
        UiCommand::ReuseReview,
        UiCommand::ShowDisagreements,
        UiCommand::Agreement,
        UiCommand::ShortcutSheet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            UiCommand::NewFromArticle => "New project from article or saved page…",
            UiCommand::NewFromText => "New project from pasted text…",
            UiCommand::NewFromUrl => "New project from web address…",
            UiCommand::Open => "Open project…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save as…",
            UiCommand::Export => "Export report…",
            UiCommand::Quit => "Quit",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::NextClaim => "Next claim",
            UiCommand::PreviousClaim => "Previous claim",
            UiCommand::NextUnreviewed => "Next unreviewed claim",
            UiCommand::NextDisagreement => "Next disagreement",
            UiCommand::FocusAttributedTo => "Edit attributed-to",
            UiCommand::ExtendSelectionLeft => "Extend selection left (a word)",
            UiCommand::ExtendSelectionRight => "Extend selection right (a word)",
            UiCommand::TagVerified => "Tag verified",
            UiCommand::TagAttributedOnly => "Tag attributed-only",
            UiCommand::TagDisputed => "Tag disputed",
            UiCommand::TagUnreviewed => "Tag unreviewed",
            UiCommand::FocusNote => "Edit note",
            UiCommand::AddEvidence => "Add evidence",
            UiCommand::Search => "Search claims",
            UiCommand::ClaimFromSelection => "Claim from selection",
            UiCommand::SplitAtCursor => "Split statement at cursor",
            UiCommand::MergeWithNext => "Merge with next statement",
            UiCommand::DeleteClaim => "Delete claim",
            UiCommand::AcceptHint => "Accept hint (attributed-to)",
            UiCommand::DismissHint => "Dismiss or restore hint",
            UiCommand::ShowDisagreements => "Show disagreements",
            UiCommand::Agreement => "Reviewers and agreement",
            UiCommand::MergeReviewerFile => "Merge reviewer file…",
            UiCommand::ShortcutSheet => "Keyboard shortcuts",
            UiCommand::OpenDesk => "Open desk…",
            UiCommand::ShowDesk => "Desk view / back to the project",
            UiCommand::SearchDesk => "Search the desk",
            UiCommand::ReuseReview => "Use the earlier review (checked before)",
            UiCommand::Sync => "Sync the desk (git)",
        }
    }

    pub fn menu(self) -> Menu {
        use UiCommand::*;
        match self {
            // Merging brings in another file, so it sits with the other file commands.
            NewFromArticle | NewFromText | NewFromUrl | Open | OpenDesk | ShowDesk | Sync
            | MergeReviewerFile | Save | SaveAs | Export | Quit => Menu::File,
            Undo | Redo | Search | SearchDesk => Menu::Edit,
            ShowDisagreements | NextDisagreement | Agreement | ReuseReview => Menu::Review,
            ShortcutSheet => Menu::Help,
            _ => Menu::Claim,
        }
    }

    /// The first one is shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            UiCommand::NewFromArticle => &const { [ctrl(Key::N)] },
            UiCommand::NewFromText => &const { [ctrl_shift(Key::N)] },
            // Ctrl+L goes to the address bar in browsers.
            UiCommand::NewFromUrl => &const { [ctrl(Key::L)] },
            UiCommand::Open => &const { [ctrl(Key::O)] },
            UiCommand::Save => &const { [ctrl(Key::S)] },
            UiCommand::SaveAs => &const { [ctrl_shift(Key::S)] },
            UiCommand::Export => &const { [ctrl(Key::E)] },
            UiCommand::Quit => &const { [ctrl(Key::Q)] },
            UiCommand::Undo => &const { [ctrl(Key::Z)] },
            UiCommand::Redo => &const { [ctrl_shift(Key::Z), ctrl(Key::Y)] },
            UiCommand::NextClaim => &const { [key(Key::J), key(Key::ArrowDown)] },
            UiCommand::PreviousClaim => &const { [key(Key::K), key(Key::ArrowUp)] },
            UiCommand::NextUnreviewed => &const { [key(Key::U)] },
            UiCommand::NextDisagreement => &const { [key(Key::D)] },
            UiCommand::FocusAttributedTo => &const { [key(Key::A)] },
            UiCommand::ExtendSelectionLeft => &const { [shift(Key::ArrowLeft)] },
            UiCommand::ExtendSelectionRight => &const { [shift(Key::ArrowRight)] },
            UiCommand::TagVerified => &const { [key(Key::Num1)] },
            UiCommand::TagAttributedOnly => &const { [key(Key::Num2)] },
            UiCommand::TagDisputed => &const { [key(Key::Num3)] },
            UiCommand::TagUnreviewed => &const { [key(Key::Num0)] },
            UiCommand::FocusNote => &const { [key(Key::N)] },
            UiCommand::AddEvidence => &const { [key(Key::E)] },
            UiCommand::Search => &const { [ctrl(Key::F)] },
            UiCommand::ClaimFromSelection => &const { [key(Key::C)] },
            UiCommand::SplitAtCursor => &const { [key(Key::S)] },
            UiCommand::MergeWithNext => &const { [key(Key::M)] },
            UiCommand::DeleteClaim => &const { [key(Key::Delete)] },
            UiCommand::AcceptHint => &const { [key(Key::H)] },
            UiCommand::DismissHint => &const { [key(Key::X)] },
            UiCommand::ShowDisagreements => &const { [ctrl(Key::D)] },
            UiCommand::Agreement => &const { [ctrl_shift(Key::A)] },
            UiCommand::MergeReviewerFile => &const { [ctrl_shift(Key::M)] },
            UiCommand::ShortcutSheet => &const { [key(Key::F1), key(Key::Questionmark)] },
            UiCommand::OpenDesk => &const { [ctrl_shift(Key::O)] },
            UiCommand::ShowDesk => &const { [ctrl_shift(Key::D)] },
            UiCommand::SearchDesk => &const { [ctrl_shift(Key::F)] },
            // R: reuse.
            UiCommand::ReuseReview => &const { [key(Key::R)] },
            UiCommand::Sync => &const { [ctrl_shift(Key::Y)] },
        }
    }

    /// A stable name for the preferences file: the variant's name ("NextClaim").
    pub fn name(self) -> String {
        format!("{self:?}")
    }

    /// Shortcuts without Ctrl/Cmd are letters a reviewer also types into notes: they must
    /// never fire while a text field has the keyboard.
    pub fn is_single_key(shortcut: &KeyboardShortcut) -> bool {
        !shortcut.modifiers.command && !shortcut.modifiers.ctrl && !shortcut.modifiers.alt
    }

    /// The commands whose shortcuts were pressed this frame, consumed from the input.
    /// More specific shortcuts are checked first (Ctrl+Shift+S before Ctrl+S), because egui
    /// matches extra Shift loosely.
    pub fn from_keyboard(
        ctx: &eframe::egui::Context,
        keymap: &super::keymap::Keymap,
    ) -> Vec<UiCommand> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut all: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
            .iter()
            .flat_map(|&c| keymap.shortcuts(c).into_iter().map(move |s| (c, s)))
            .filter(|(_, s)| !(typing && Self::is_single_key(s)))
            .collect();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        let mut found = Vec::new();
        ctx.input_mut(|i| {
            for (cmd, s) in all {
                if i.consume_shortcut(&s) && !found.contains(&cmd) {
                    found.push(cmd);
                }
            }
        });
        found
    }

    /// "Ctrl+Shift+S" etc., for menus and the shortcut sheet.
    pub fn shortcut_text(ctx: &eframe::egui::Context, s: &KeyboardShortcut) -> String {
        ctx.format_shortcut(s)
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.command || m.ctrl) + u8::from(m.shift) + u8::from(m.alt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: HashMap<(bool, bool, bool, Key), UiCommand> = HashMap::new();
        for cmd in UiCommand::ALL {
            assert!(!cmd.shortcuts().is_empty(), "{cmd:?} has no shortcut");
            for s in cmd.shortcuts() {
                let m = s.modifiers;
                let k = (m.command || m.ctrl, m.shift, m.alt, s.logical_key);
                if let Some(other) = seen.insert(k, cmd) {
                    panic!("{cmd:?} and {other:?} share {s:?}");
                }
            }
        }
    }

    #[test]
    fn all_lists_every_command_once() {
        let mut labels: Vec<&str> = UiCommand::ALL.iter().map(|c| c.label()).collect();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), UiCommand::ALL.len());
    }
}
