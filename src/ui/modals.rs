//! Drawing the modal dialogs. A dialog never calls into the app: it edits its own fields and
//! returns what its buttons ask for as `DialogCommand`s, which the app runs with the frame's
//! other commands.

use super::command::UiCommand;
use super::dialogs::{DialogCommand, Modal};
use super::keymap::{self, Keymap};
use crate::article::ArticleInfo;
use eframe::egui::{self, Id, RichText};
use std::path::{Path, PathBuf};

mod new_article;

/// What dialogs may read of the app.
pub struct DialogView<'a> {
    pub reviewer: &'a str,
    pub keymap: &'a Keymap,
    pub project_path: Option<&'a Path>,
}

fn labeled_edit(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        ui.label(label);
        let r = ui.add(egui::TextEdit::singleline(value).desired_width(320.0));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
        r
    })
    .inner
}

/// A text field that takes the keyboard when its dialog opens. Focus is asked for only while
/// nothing has it: asking every frame restarts the input method each frame, which loses typed
/// keys on X11 and keeps the app repainting.
/// Returns true when Enter was pressed in it.
fn focused_edit(ui: &mut egui::Ui, label: &str, value: &mut String) -> bool {
    let r = labeled_edit(ui, label, value);
    // Asked before focus is given back: a single-line field gives up the keyboard on Enter.
    let entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if !entered && ui.memory(|m| m.focused().is_none()) {
        r.request_focus();
    }
    entered
}

/// Enter pressed with no text field holding the keyboard (a single-line field gives it up on
/// Enter, so Enter in the last field also counts).
fn enter_pressed(ui: &egui::Ui) -> bool {
    ui.input(|i| i.key_pressed(egui::Key::Enter)) && ui.memory(|m| m.focused().is_none())
}

/// Shows the open modal, if any; closes it when it is done. Returns what its buttons asked.
pub fn show(modal: &mut Modal, ctx: &egui::Context, view: &DialogView<'_>) -> Vec<DialogCommand> {
    let mut out = Vec::new();
    let mut keep = true;
    match modal {
        Modal::None => keep = false,
        Modal::AskReviewer { name } => {
            let r = egui::Modal::new(Id::unique("ask-reviewer")).show(ctx, |ui| {
                ui.heading("Who is reviewing?");
                ui.label("Every verdict, note and piece of evidence is recorded under this name.");
                let enter = focused_edit(ui, "Your name", name);
                let ok = !name.trim().is_empty();
                ui.horizontal(|ui| {
                    if ui.add_enabled(ok, egui::Button::new("Continue")).clicked() || (ok && enter)
                    {
                        out.push(DialogCommand::SetReviewer(name.trim().to_string()));
                        keep = false;
                    }
                    if ui.button("Later").clicked() {
                        keep = false;
                    }
                });
                if view.reviewer.trim().is_empty() {
                    ui.label(
                        RichText::new("You can look around first; claimdesk asks again before your first change.")
                            .weak(),
                    );
                }
            });
            if r.should_close() {
                keep = false; // Esc or a click beside the dialog: later
            }
        }
        Modal::PathPrompt { purpose, path, why } => {
            let purpose = *purpose;
            egui::Modal::new(Id::unique("path-prompt")).show(ctx, |ui| {
                ui.heading(purpose.title());
                ui.label(why.as_str());
                let enter = focused_edit(ui, "Path", path);
                ui.horizontal(|ui| {
                    if (ui.button("OK").clicked() || enter) && !path.trim().is_empty() {
                        keep = false;
                        out.push(DialogCommand::FileChosen(
                            purpose,
                            PathBuf::from(path.trim()),
                        ));
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
        }
        Modal::ConfirmUnsaved { then } => {
            let then = then.clone();
            egui::Modal::new(Id::unique("confirm-unsaved")).show(ctx, |ui| {
                ui.heading("Save your changes?");
                ui.label("This project has changes that are not saved yet.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        keep = false;
                        out.push(DialogCommand::SaveThen(then.clone()));
                    }
                    if ui.button("Discard").clicked() {
                        keep = false;
                        out.push(DialogCommand::DiscardThen(then.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
        }
        Modal::ArticleInfo { source, info, text } => {
            keep = new_article::article_form(ctx, source, info, text, &mut out);
        }
        Modal::FetchUrl { url } => keep = new_article::url_prompt(ctx, url, &mut out),
        Modal::Recovery { offers } => {
            let mut restore = None;
            let mut discard = Vec::new();
            egui::Modal::new(Id::unique("recovery")).show(ctx, |ui| {
                ui.heading("Unsaved work was found");
                ui.label("claimdesk did not close cleanly last time. These recovery copies hold work that may not be in your files.");
                for (i, o) in offers.iter().enumerate() {
                    ui.group(|ui| {
                        let file = o.file.as_ref().map_or("Untitled project".to_string(), |f| f.display().to_string());
                        ui.strong(file);
                        ui.label(format!("written {}", o.written));
                        if o.changes.is_empty() {
                            ui.label("Same reviews as the saved file.");
                        }
                        for line in o.changes.iter().take(12) {
                            ui.label(format!("• {line}"));
                        }
                        if o.changes.len() > 12 {
                            ui.label(format!("… and {} more", o.changes.len() - 12));
                        }
                        ui.horizontal(|ui| {
                            if ui.button("Restore").clicked() {
                                restore = Some(i);
                            }
                            if ui.button("Discard copy").clicked() {
                                discard.push(i);
                            }
                        });
                    });
                }
                if ui.button("Decide later").clicked() {
                    keep = false;
                }
            });
            if let Some(i) = restore {
                out.push(DialogCommand::Restore(offers.remove(i)));
            }
            for i in discard.into_iter().rev() {
                out.push(DialogCommand::DiscardRecovery(offers.remove(i).copy_path));
            }
            if offers.is_empty() {
                keep = false;
            }
        }
        Modal::Shortcuts { capturing, message } => {
            let keymap = view.keymap;
            if let Some(cmd) = *capturing {
                // The next key pressed (with its modifiers) becomes the command's shortcut.
                let pressed = ctx.input(|i| {
                    i.events.iter().find_map(|e| match e {
                        egui::Event::Key {
                            key,
                            pressed: true,
                            modifiers,
                            ..
                        } => Some(egui::KeyboardShortcut::new(*modifiers, *key)),
                        _ => None,
                    })
                });
                if let Some(s) = pressed {
                    if s.logical_key == egui::Key::Escape && s.modifiers.is_none() {
                        *message = "Not changed.".into();
                    } else {
                        // The app rebinds and writes the outcome into `message`.
                        out.push(DialogCommand::Rebind(cmd, s));
                    }
                    *capturing = None;
                    ctx.input_mut(|i| i.events.clear());
                }
            }
            let r = egui::Modal::new(Id::unique("shortcuts")).show(ctx, |ui| {
                ui.heading("Keyboard shortcuts");
                ui.label("Single keys work when no text field has the keyboard (Enter or Esc leaves a field).");
                // Above the list: the list scrolls, the button stays in reach.
                ui.horizontal(|ui| {
                    if ui.button("Close").clicked() {
                        keep = false;
                    }
                    if !message.is_empty() {
                        ui.label(RichText::new(message.as_str()).strong());
                    }
                });
                let max_h = (ctx.content_rect().height() * 0.7).max(200.0);
                egui::ScrollArea::vertical().max_height(max_h).show(ui, |ui| {
                    egui::Grid::new("shortcut-grid").striped(true).show(ui, |ui| {
                        for cmd in UiCommand::ALL {
                            ui.label(cmd.label());
                            let keys: Vec<String> =
                                keymap.shortcuts(cmd).iter().map(keymap::format).collect();
                            if *capturing == Some(cmd) {
                                ui.label(RichText::new("press the new keys… (Esc: keep)").italics());
                            } else {
                                ui.label(RichText::new(keys.join("  or  ")).monospace());
                            }
                            ui.horizontal(|ui| {
                                if ui.small_button("Change").on_hover_text(format!("Change the keys for {}", cmd.label())).clicked() {
                                    *capturing = Some(cmd);
                                    message.clear();
                                }
                                if keymap.bindings.contains_key(&cmd.name())
                                    && ui.small_button("Default").clicked()
                                {
                                    out.push(DialogCommand::ResetKeys(cmd));
                                    *message = format!("“{}” has its default keys again", cmd.label());
                                }
                            });
                            ui.end_row();
                        }
                    });
                });
            });
            if r.should_close() && capturing.is_none() {
                keep = false;
            }
        }
        Modal::Export(form) => {
            let mut export = false;
            let mut choose = false;
            let project_path = view.project_path;
            let r = egui::Modal::new(Id::unique("export")).show(ctx, |ui| {
                ui.heading("Export");
                ui.horizontal_wrapped(|ui| {
                    ui.label("Format");
                    for f in crate::export::Format::ALL {
                        if ui.selectable_label(form.format == f, f.label()).clicked()
                            && form.format != f
                        {
                            form.format = f;
                            form.path = super::app::export_path(project_path, f);
                        }
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    ui.label("Only claims that are");
                    for v in crate::model::Verdict::ALL {
                        let mut on = form.verdicts.contains(&v);
                        if ui
                            .checkbox(&mut on, super::theme::verdict_title(v))
                            .changed()
                        {
                            form.verdicts.retain(|x| *x != v);
                            if on {
                                form.verdicts.push(v);
                            }
                        }
                    }
                });
                if form.verdicts.is_empty() {
                    ui.label(RichText::new("Nothing ticked: every claim is exported.").weak());
                }
                if form.format.needs_publisher() {
                    ui.separator();
                    ui.label("Publisher (kept in the project for the next export)");
                    labeled_edit(ui, "Organisation", &mut form.publisher.name);
                    labeled_edit(ui, "Organisation URL", &mut form.publisher.url);
                    labeled_edit(ui, "Fact-check URL", &mut form.publisher.review_url);
                }
                ui.separator();
                ui.horizontal(|ui| {
                    labeled_edit(ui, "Save to", &mut form.path);
                    choose = ui.button("Choose…").clicked();
                });
                ui.horizontal(|ui| {
                    let ok = !form.path.trim().is_empty();
                    export = ui.add_enabled(ok, egui::Button::new("Export")).clicked()
                        || (ok && enter_pressed(ui));
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
            if r.should_close() {
                keep = false; // Esc
            }
            if choose {
                out.push(DialogCommand::ChooseExportPath(form.format));
            }
            if export {
                keep = false;
                out.push(DialogCommand::Export((**form).clone()));
            }
        }
        Modal::Agreement(figures) => {
            let r = egui::Modal::new(Id::unique("agreement")).show(ctx, |ui| {
                ui.heading("Reviewers and agreement");
                if ui.button("Close").clicked() || enter_pressed(ui) {
                    keep = false;
                }
                // Many reviewers make many pairs and matrices: scroll inside the window.
                let max_h = (ctx.content_rect().height() * 0.7).max(200.0);
                egui::ScrollArea::both()
                    .max_height(max_h)
                    .max_width((ctx.content_rect().width() * 0.85).max(300.0))
                    .show(ui, |ui| {
                        super::agreement_view::show(ui, figures);
                    });
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::Report { title, lines } => {
            let r = egui::Modal::new(Id::unique("report")).show(ctx, |ui| {
                ui.heading(title.as_str());
                for line in lines.iter() {
                    ui.label(line.as_str());
                }
                if ui.button("OK").clicked() || enter_pressed(ui) {
                    keep = false;
                }
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::ConfirmOverwrite { path, message } => {
            let path = path.clone();
            egui::Modal::new(Id::unique("confirm-overwrite")).show(ctx, |ui| {
                ui.heading("Overwrite the file?");
                ui.label(message.as_str());
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        keep = false;
                        out.push(DialogCommand::Overwrite(path.clone()));
                    }
                    if ui.button("Save As…").clicked() {
                        keep = false;
                        out.push(DialogCommand::Run(UiCommand::SaveAs));
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
        }
        Modal::OpenElsewhere { path } => {
            let path = path.clone();
            egui::Modal::new(Id::unique("open-elsewhere")).show(ctx, |ui| {
                ui.heading("Open in another window");
                ui.label(format!(
                    "{} is already open in another claimdesk window. Open it read-only here, or anyway (saves merge both windows' work)?",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Open read-only").clicked() {
                        keep = false;
                        out.push(DialogCommand::OpenElsewhere(path.clone(), true));
                    }
                    if ui.button("Open anyway").clicked() {
                        keep = false;
                        out.push(DialogCommand::OpenElsewhere(path.clone(), false));
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
        }
        Modal::Error { title, message } => {
            let r = egui::Modal::new(Id::unique("error")).show(ctx, |ui| {
                ui.heading(title.as_str());
                ui.label(RichText::new(message.as_str()).monospace());
                if ui.button("OK").clicked() || enter_pressed(ui) {
                    keep = false;
                }
            });
            if r.should_close() {
                keep = false;
            }
        }
    }
    // A button may have opened another modal meanwhile; that one wins.
    if !keep {
        *modal = Modal::None;
    }
    out
}

impl ArticleInfo {
    pub fn is_blank(&self) -> bool {
        self.title.is_empty()
            && self.outlet.is_empty()
            && self.url.is_empty()
            && self.published.is_empty()
            && self.byline.is_empty()
    }
}
