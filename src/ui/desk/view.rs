//! The desk view: every project of the desk in a table (title, outlet, date, progress,
//! reviewers, open disagreements, last change), sortable by a column and filtered by words,
//! the files that are not projects, and the search panel beside it.

use super::{Desk, IndexStatus};
use crate::desk::order::SortKey;
use crate::desk::summary::ProjectSummary;
use eframe::egui::{self, RichText, Sense};

const ROW_HEIGHT: f32 = 24.0;

/// What the desk view asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskCommand {
    /// Open the project at this path (relative to the desk) in the workspace.
    Open(String),
    /// Open it with this claim selected.
    OpenAt(String, String),
    /// Read the desk again now.
    Refresh,
    Sync,
    /// Back to the open project.
    BackToProject,
    CloseDesk,
}

/// The columns, with the sort each one stands for and its share of the width.
const COLUMNS: [(&str, Option<SortKey>, f32); 7] = [
    ("Title", Some(SortKey::Title), 0.29),
    ("Outlet", None, 0.11),
    ("Date", Some(SortKey::Date), 0.11),
    ("Progress", Some(SortKey::Progress), 0.12),
    ("Reviewers", None, 0.14),
    ("Disagreements", Some(SortKey::Disagreements), 0.11),
    ("Last change", Some(SortKey::Changed), 0.12),
];

impl Desk {
    /// Draws the desk view into the window's remaining space.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        has_project: bool,
        syncing: bool,
    ) -> Vec<DeskCommand> {
        let mut out = Vec::new();
        egui::Panel::right("desk-search")
            .resizable(true)
            .default_size((ui.available_width() * 0.36).clamp(220.0, 560.0))
            .show(ui, |ui| self.show_search(ui, &mut out));
        egui::CentralPanel::default().show(ui, |ui| {
            self.header(ui, has_project, syncing, &mut out);
            ui.separator();
            self.table(ui, &mut out);
        });
        out
    }

    fn header(
        &mut self,
        ui: &mut egui::Ui,
        has_project: bool,
        syncing: bool,
        out: &mut Vec<DeskCommand>,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.heading("Desk");
            ui.label(RichText::new(self.root().display().to_string()).monospace());
        });
        ui.horizontal_wrapped(|ui| {
            if has_project && ui.button("Back to the project").clicked() {
                out.push(DeskCommand::BackToProject);
            }
            if ui.button("Refresh").clicked() {
                out.push(DeskCommand::Refresh);
            }
            if self.is_repository {
                let b = ui
                    .add_enabled(!syncing, egui::Button::new("Sync"))
                    .on_hover_text("Commit your saved projects, pull the others' work, push");
                if b.clicked() {
                    out.push(DeskCommand::Sync);
                }
            }
            if ui.button("Close desk").clicked() {
                out.push(DeskCommand::CloseDesk);
            }
            match &self.index {
                IndexStatus::Indexing => {
                    ui.add(egui::Spinner::new());
                    ui.label("Indexing the desk for search…");
                }
                IndexStatus::Ready(s) => {
                    ui.label(
                        RichText::new(format!(
                            "{} claims in {} projects indexed",
                            s.claims, s.projects
                        ))
                        .weak(),
                    );
                }
                IndexStatus::Failed(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, format!("Search index: {e}"));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let filter = ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("Filter by title, outlet, path, date, reviewer…")
                    .desired_width(280.0),
            );
            filter.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Filter projects")
            });
            egui::ComboBox::from_label("Sort")
                .selected_text(sort_title(self.sort))
                .show_ui(ui, |ui| {
                    for k in SortKey::ALL {
                        ui.selectable_value(&mut self.sort, k, sort_title(k));
                    }
                });
        });
        // Sorting and filtering cost a pass over the projects: only when they change.
        self.update_rows();
        match (&self.overview, &self.overview_error) {
            (_, Some(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            (None, None) => {
                ui.horizontal(|ui| {
                    ui.add(egui::Spinner::new());
                    ui.label("Reading the desk…");
                });
            }
            (Some(o), None) => {
                let shown = if self.rows.len() == o.projects.len() {
                    format!("{} projects", o.projects.len())
                } else {
                    format!("{} of {} projects", self.rows.len(), o.projects.len())
                };
                ui.label(shown);
            }
        }
    }

    fn table(&mut self, ui: &mut egui::Ui, out: &mut Vec<DeskCommand>) {
        let Some(o) = &self.overview else { return };
        if !o.broken.is_empty() {
            let n = o.broken.len();
            egui::CollapsingHeader::new(if n == 1 {
                "1 file is not a project and was skipped".to_string()
            } else {
                format!("{n} files are not projects and were skipped")
            })
            .id_salt("desk-broken")
            .show(ui, |ui| {
                for b in &o.broken {
                    ui.add(egui::Label::new(RichText::new(&b.error).small()).wrap());
                }
            });
        }
        let width = ui.available_width();
        let mut sort = self.sort;
        ui.horizontal(|ui| {
            for (title, key, share) in COLUMNS {
                let text = match key {
                    Some(k) if k == sort => RichText::new(title).strong().underline(),
                    _ => RichText::new(title).strong(),
                };
                let r = ui
                    .allocate_ui_with_layout(
                        egui::vec2(width * share - 8.0, ROW_HEIGHT),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_width(width * share - 8.0);
                            ui.add(egui::Button::new(text).frame(false))
                        },
                    )
                    .inner;
                if let Some(k) = key
                    && r.on_hover_text(format!("Sort by {}", sort_title(k)))
                        .clicked()
                {
                    // A second click on the sorted column goes back to path order.
                    sort = if sort == k { SortKey::Path } else { k };
                }
            }
        });
        self.sort = sort;
        self.update_rows();
        let Some(o) = &self.overview else { return };
        egui::ScrollArea::vertical()
            .id_salt("desk-projects")
            .auto_shrink([false, false])
            .show_rows(ui, ROW_HEIGHT, self.rows.len(), |ui, range| {
                for row in range {
                    let p = &o.projects[self.rows[row]];
                    if project_row(ui, p, width) {
                        out.push(DeskCommand::Open(p.path.clone()));
                    }
                }
            });
    }
}

/// One project in the table; true when clicked.
fn project_row(ui: &mut egui::Ui, p: &ProjectSummary, width: f32) -> bool {
    let title = if p.title.is_empty() {
        p.path.as_str()
    } else {
        p.title.as_str()
    };
    let progress = format!("{}/{} ({:.0}%)", p.reviewed, p.claims, p.progress_percent);
    let disagreements = if p.open_disagreements == 0 {
        String::new()
    } else {
        p.open_disagreements.to_string()
    };
    let day = p.last_change.get(..10).unwrap_or(&p.last_change);
    let cells = [
        title.to_string(),
        p.outlet.clone(),
        p.published.clone(),
        progress,
        p.reviewers.join(", "),
        disagreements,
        day.to_string(),
    ];
    let response = ui
        .horizontal(|ui| {
            ui.set_min_height(ROW_HEIGHT - 4.0);
            for ((_, _, share), text) in COLUMNS.iter().zip(cells) {
                // Left-aligned in its column, cut with "…" when too long (the hover has all).
                ui.allocate_ui_with_layout(
                    egui::vec2(width * share - 8.0, ROW_HEIGHT - 4.0),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        ui.set_width(width * share - 8.0);
                        ui.add(egui::Label::new(text).truncate());
                    },
                );
            }
        })
        .response;
    let response = ui
        .interact(
            response.rect,
            ui.scope_id().with(("desk-row", &p.path)),
            Sense::click(),
        )
        .on_hover_text(format!("{}\nClick to open", p.path));
    if response.hovered() {
        ui.painter().rect_filled(
            response.rect,
            2.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.2),
        );
    }
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Open project: {title}"))
    });
    response.clicked()
}

fn sort_title(k: SortKey) -> &'static str {
    match k {
        SortKey::Path => "path",
        SortKey::Title => "title",
        SortKey::Date => "date, newest first",
        SortKey::Progress => "progress, least reviewed first",
        SortKey::Disagreements => "open disagreements, most first",
        SortKey::Changed => "last change, newest first",
    }
}
