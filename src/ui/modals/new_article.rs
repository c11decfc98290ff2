//! The new-project form (title, byline, outlet, address, date, language, and the text when
//! pasting) and the web-address prompt. Both only edit their own fields and return commands.

use super::{enter_pressed, focused_edit, labeled_edit};
use crate::article::ArticleInfo;
use crate::ui::dialogs::DialogCommand;
use eframe::egui::{self, Id, RichText};

/// Draws the form; returns false when it is closed.
pub(super) fn article_form(
    ctx: &egui::Context,
    source: &Option<String>,
    info: &mut ArticleInfo,
    text: &mut String,
    out: &mut Vec<DialogCommand>,
) -> bool {
    let mut keep = true;
    egui::Modal::new(Id::unique("article-info")).show(ctx, |ui| {
        ui.heading("New project");
        if let Some(src) = source {
            ui.label(format!("From {src}"));
        }
        labeled_edit(ui, "Title", &mut info.title);
        labeled_edit(ui, "Byline", &mut info.byline);
        labeled_edit(ui, "Outlet", &mut info.outlet);
        labeled_edit(ui, "URL", &mut info.url);
        labeled_edit(ui, "Published", &mut info.published);
        language_choice(ui, &mut info.language, source.is_some());
        if source.is_none() {
            ui.label("Article text");
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    let r = ui.add(
                        egui::TextEdit::multiline(text)
                            .desired_rows(10)
                            .desired_width(480.0),
                    );
                    r.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Article text")
                    });
                });
        }
        ui.horizontal(|ui| {
            let ok = !text.trim().is_empty();
            if ui
                .add_enabled(ok, egui::Button::new("Create project"))
                .clicked()
            {
                keep = false;
                out.push(DialogCommand::CreateProject(
                    std::mem::take(info),
                    std::mem::take(text),
                ));
            }
            if ui.button("Cancel").clicked() {
                keep = false;
            }
        });
    });
    keep
}

/// The language the statements are split as. Read text arrives with its language detected;
/// pasted text is detected when the project is made unless the reviewer picks one.
fn language_choice(ui: &mut egui::Ui, language: &mut String, detected: bool) {
    let shown = if language.is_empty() {
        "Detect from the text".to_string()
    } else {
        crate::language::name(language).to_string()
    };
    ui.horizontal(|ui| {
        ui.label("Language");
        let r = egui::ComboBox::from_id_salt("new-project-language")
            .selected_text(shown.clone())
            .show_ui(ui, |ui| {
                if !detected {
                    ui.selectable_value(language, String::new(), "Detect from the text");
                }
                for (code, name) in crate::language::choices() {
                    ui.selectable_value(language, code.to_string(), *name);
                }
            });
        r.response.widget_info(|| {
            let mut info = egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Language");
            info.current_text_value = Some(shown.clone());
            info
        });
    });
    if crate::language::is_rtl(language) {
        ui.label(
            RichText::new(
                "Right-to-left text is shown left-to-right, letter by letter: claimdesk cannot lay out right-to-left scripts yet.",
            )
            .weak(),
        );
    }
}

/// Asks for a web address; returns false when closed.
pub(super) fn url_prompt(
    ctx: &egui::Context,
    url: &mut String,
    out: &mut Vec<DialogCommand>,
) -> bool {
    let mut keep = true;
    egui::Modal::new(Id::unique("fetch-url")).show(ctx, |ui| {
        ui.heading("New project from a web address");
        ui.label("claimdesk downloads the page once and keeps the article; the project then works offline.");
        let entered = focused_edit(ui, "Web address", url);
        let problem = (!url.trim().is_empty())
            .then(|| crate::import::fetch::parse_url(url).err())
            .flatten();
        if let Some(p) = &problem {
            ui.label(RichText::new(p).color(ui.visuals().warn_fg_color));
        }
        let ok = !url.trim().is_empty() && problem.is_none();
        ui.horizontal(|ui| {
            let go = ui.add_enabled(ok, egui::Button::new("Download"));
            if ok && (go.clicked() || entered || enter_pressed(ui)) {
                keep = false;
                out.push(DialogCommand::FetchUrl(url.trim().to_string()));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                keep = false;
            }
        });
    });
    keep
}
