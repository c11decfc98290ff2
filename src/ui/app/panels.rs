//! What the workspace draws around the article: the menu bar, the status bar, the article
//! header, the welcome page, the three panels and dropped files.

use super::*;

impl ClaimdeskApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let keymap = self.settings.keymap.clone();
        let item = |ui: &mut egui::Ui, cmd: UiCommand, out: &mut Vec<UiCommand>| {
            let shortcut = keymap
                .shortcuts(cmd)
                .first()
                .map(crate::ui::keymap::format)
                .unwrap_or_default();
            if ui
                .add(egui::Button::new(cmd.label()).shortcut_text(shortcut))
                .clicked()
            {
                out.push(cmd);
                ui.close();
            }
        };
        let mut out = Vec::new();
        let mut open_recent = None;
        let in_menu = |menu: Menu| UiCommand::ALL.into_iter().filter(move |c| c.menu() == menu);
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for cmd in in_menu(Menu::File) {
                    item(ui, cmd, &mut out);
                    if cmd == UiCommand::Open {
                        ui.menu_button("Open recent", |ui| {
                            if self.settings.recent.is_empty() {
                                ui.label("No recent files");
                            }
                            for p in &self.settings.recent {
                                if ui.button(p.display().to_string()).clicked() {
                                    open_recent = Some(p.clone());
                                    ui.close();
                                }
                            }
                        });
                    }
                    if matches!(
                        cmd,
                        UiCommand::MergeReviewerFile | UiCommand::Export | UiCommand::Sync
                    ) {
                        ui.separator();
                    }
                }
            });
            for (title, menu) in [
                ("Edit", Menu::Edit),
                ("Claim", Menu::Claim),
                ("Review", Menu::Review),
            ] {
                ui.menu_button(title, |ui| {
                    for cmd in in_menu(menu) {
                        item(ui, cmd, &mut out);
                    }
                });
            }
            ui.menu_button("Help", |ui| {
                for cmd in in_menu(Menu::Help) {
                    item(ui, cmd, &mut out);
                }
                if ui.button("Change reviewer name…").clicked() {
                    self.modal = Modal::AskReviewer {
                        name: self.settings.reviewer.clone(),
                    };
                    ui.close();
                }
            });
            ui.menu_button("View", |ui| {
                let mut show_list = !self.settings.hide_list;
                if ui.checkbox(&mut show_list, "Claim list").changed() {
                    self.settings.hide_list = !show_list;
                }
                let mut show_detail = !self.settings.hide_detail;
                if ui.checkbox(&mut show_detail, "Claim detail").changed() {
                    self.settings.hide_detail = !show_detail;
                }
                ui.separator();
                self.layer_menu(ui);
                ui.separator();
                let dark = ui.visuals().dark_mode;
                if ui
                    .button(if dark { "Light theme" } else { "Dark theme" })
                    .clicked()
                {
                    let theme = if dark {
                        egui::Theme::Light
                    } else {
                        egui::Theme::Dark
                    };
                    ui.ctx().set_theme(theme);
                    ui.close();
                }
            });
        });
        self.commands.extend(out);
        if let Some(p) = open_recent {
            self.after_confirm(AfterConfirm::Open(Some(p)));
        }
    }

    /// View → Colour the article by: my verdicts, one reviewer's, final only, or where mine
    /// differs from the final verdict.
    pub(super) fn layer_menu(&mut self, ui: &mut egui::Ui) {
        use crate::ui::article_view::Layer;
        ui.label(RichText::new("Colour the article by").weak());
        let mut layers = vec![Layer::Mine];
        if let Some(s) = &self.session {
            layers.extend(s.project.reviewers.iter().cloned().map(Layer::Reviewer));
        }
        layers.extend([Layer::FinalOnly, Layer::MineVsFinal]);
        let me = self.settings.reviewer.trim().to_string();
        for layer in layers {
            let title = layer.title(&me);
            if ui.radio(self.article.layer == layer, title).clicked() {
                self.article.layer = layer;
                ui.close();
            }
        }
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let name = if self.reviewer().is_empty() {
                "(no name)"
            } else {
                self.reviewer()
            };
            if ui
                .link(format!("Reviewer: {name}"))
                .on_hover_text("Change reviewer name")
                .clicked()
            {
                self.modal = Modal::AskReviewer {
                    name: self.settings.reviewer.clone(),
                };
            }
            ui.separator();
            match &self.session {
                Some(s) => {
                    let file = s
                        .path
                        .as_ref()
                        .map_or("(not saved yet)".to_string(), |p| p.display().to_string());
                    ui.label(file);
                    if s.is_dirty() {
                        ui.label(
                            RichText::new("• unsaved changes")
                                .color(egui::Color32::from_rgb(0xE6, 0x9F, 0x00)),
                        );
                    }
                }
                None => {
                    ui.label("No project open");
                }
            }
            ui.separator();
            if let Some(busy) = &self.busy {
                ui.add(egui::Spinner::new());
                ui.label(busy);
                ui.separator();
            }
            ui.label(&self.status);
        });
    }

    pub(super) fn article_header(
        ui: &mut egui::Ui,
        p: &Project,
        layer: &str,
        notice: Option<&str>,
    ) {
        ui.heading(&p.article.title);
        ui.horizontal_wrapped(|ui| {
            let a = &p.article;
            let byline = (!a.byline.is_empty()).then(|| format!("By {}", a.byline));
            let meta: Vec<&str> = [
                byline.as_deref().unwrap_or(""),
                a.outlet.as_str(),
                a.published.as_str(),
                crate::language::name(&a.language),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            if !meta.is_empty() {
                ui.label(meta.join(" · "));
            }
            if let Some(src) = &a.source {
                let from = match src.kind {
                    crate::model::SourceKind::Text => format!("from {}", src.from),
                    crate::model::SourceKind::Html => format!("from saved page {}", src.from),
                    crate::model::SourceKind::Url => "downloaded".to_string(),
                };
                ui.label(RichText::new(from).weak())
                    .on_hover_text(format!("SHA-256 of the original: {}", src.sha256));
            }
            if !crate::hints::supports_language(&a.language) {
                ui.label(RichText::new("no hints: they read English only").weak());
            }
            if let Some(u) = crate::export::web_url(&p.article.url) {
                ui.hyperlink_to(&p.article.url, u.as_str());
            } else if !p.article.url.is_empty() {
                ui.label(&p.article.url);
            }
        });
        if let Some(n) = notice {
            ui.label(RichText::new(n).color(ui.visuals().warn_fg_color));
        }
        ui.horizontal_wrapped(|ui| {
            for v in [
                Verdict::Verified,
                Verdict::AttributedOnly,
                Verdict::Disputed,
                Verdict::Unreviewed,
            ] {
                verdict_badge(ui, v);
                ui.label(verdict_title(v));
            }
            ui.label(RichText::new("· underlined: a claim made from a selection").weak());
        });
        ui.label(RichText::new(format!("Colours show {layer} (View menu to change)")).weak());
        ui.separator();
    }

    pub(super) fn welcome(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading("claimdesk");
            ui.label("Open a project, or start one from an article.");
            ui.add_space(12.0);
            for cmd in [
                UiCommand::Open,
                UiCommand::NewFromArticle,
                UiCommand::NewFromText,
                UiCommand::NewFromUrl,
            ] {
                if ui.button(cmd.label()).clicked() {
                    self.commands.push(cmd);
                }
            }
            if ui.button(UiCommand::OpenDesk.label()).clicked() {
                self.commands.push(UiCommand::OpenDesk);
            }
            if !self.settings.recent_desks.is_empty() {
                ui.add_space(12.0);
                ui.label("Recent desks");
                let mut chosen = None;
                for p in &self.settings.recent_desks {
                    if ui.link(p.display().to_string()).clicked() {
                        chosen = Some(p.clone());
                    }
                }
                if let Some(p) = chosen {
                    self.open_desk(&p);
                }
            }
            if !self.settings.recent.is_empty() {
                ui.add_space(12.0);
                ui.label("Recent");
                let mut chosen = None;
                for p in &self.settings.recent {
                    if ui.link(p.display().to_string()).clicked() {
                        chosen = Some(p.clone());
                    }
                }
                if let Some(p) = chosen {
                    self.open_in_background(&p, false);
                }
            }
        });
    }

    pub(super) fn workspace(&mut self, ui: &mut egui::Ui) {
        let reviewer = self.settings.reviewer.trim().to_string();
        let selected_index = self.selected_index();
        let Some(session) = &self.session else {
            egui::CentralPanel::default().show(ui, |ui| self.welcome(ui));
            return;
        };
        let (project, revision) = (&session.project, session.revision);
        let layer_title = self.article.layer.title(&reviewer);
        let selected = self.selected.clone();
        let mut clicked = None;
        let has_selection = self.article.selected_range().is_some();
        self.list.has_selection = has_selection;
        // Side panels take a share of the width, so the article keeps at least a third of it
        // from 1024 px to 4K and at any zoom; their widths are remembered once dragged.
        let width = ui.available_width();
        let side = (width * 0.28).clamp(150.0, 460.0);
        let range = 140.0..=(width * 0.34).max(150.0);
        if !self.settings.hide_list {
            egui::Panel::left("claims")
                .resizable(true)
                .default_size(side)
                .size_range(range.clone())
                .show(ui, |ui| {
                    let flags = self.desk.as_ref().map(|d| &d.flags);
                    clicked = self.list.show(
                        ui,
                        project,
                        revision,
                        &reviewer,
                        selected.as_deref(),
                        (&self.hints, flags),
                    );
                });
        }
        let mut detail_out = None;
        if !self.settings.hide_detail {
            egui::Panel::right("detail")
                .resizable(true)
                .default_size(side)
                .size_range(range)
                .show(ui, |ui| match selected_index {
                    Some(i) => {
                        let claim = &project.claims[i];
                        let hint = self.hints.hints.as_ref().and_then(|h| h.get(&claim.id));
                        let dismissed = self.hints.dismissed.contains(&claim.id);
                        let aside = crate::ui::claim_detail::Aside {
                            hint: hint.map(|h| (h, dismissed)),
                            checked: self
                                .desk
                                .as_ref()
                                .map_or(crate::ui::claim_detail::CheckedBefore::NoDesk, |d| {
                                    d.checked_before(&claim.id)
                                }),
                        };
                        detail_out = Some(self.detail.show(
                            ui,
                            claim,
                            i + 1,
                            &reviewer,
                            &self.settings.keymap,
                            aside,
                        ))
                    }
                    None => {
                        ui.label("Select a claim in the list or the article (J/K to move).");
                    }
                });
        }
        let mut article_out = None;
        let has_selection = self.article.selected_range().is_some();
        // The selected claim's hinted source (and the words here that refer to it).
        let marks: Vec<std::ops::Range<usize>> = selected
            .as_deref()
            .and_then(|id| self.hints.live(id))
            .and_then(|h| h.attribution.as_ref())
            .map(|a| {
                std::iter::once(a.source_start..a.source_end)
                    .chain(a.mention.as_ref().map(|s| s.start..s.end))
                    .collect()
            })
            .unwrap_or_default();
        let mut make_claim = false;
        egui::CentralPanel::default().show(ui, |ui| {
            Self::article_header(ui, project, &layer_title, self.scripts.notice.as_deref());
            ui.horizontal_wrapped(|ui| {
                let b = egui::Button::new(format!("{} (C)", UiCommand::ClaimFromSelection.label()));
                make_claim = ui
                    .add_enabled(has_selection, b)
                    .on_disabled_hover_text("Drag over article text to select it first")
                    .clicked();
                ui.label(
                    RichText::new(
                        "Drag to select text · click a claim to select it · right-click for more",
                    )
                    .weak(),
                );
            });
            article_out =
                Some(
                    self.article
                        .show(ui, session, &reviewer, selected.as_deref(), &marks),
                );
        });
        if make_claim {
            self.commands.push(UiCommand::ClaimFromSelection);
        }
        if let (Some(orphan), Some(r)) = (self.list.reattach.take(), self.article.selected_range())
        {
            self.actions.push(Action::ReattachOrphan {
                orphan,
                start: r.start,
                end: r.end,
            });
            self.article.selection = None;
        }
        if let Some(d) = detail_out {
            self.actions.extend(d.actions);
            self.commands.extend(d.commands);
            if let (Some((rel, claim)), Some(desk)) = (d.open_at, &self.desk) {
                let file = desk.file(&rel);
                self.open_at(&file, Some(claim));
            }
        }
        if let Some(a) = article_out {
            self.commands.extend(a.commands);
            if a.select.is_some() {
                clicked = a.select;
            }
        }
        if clicked.is_some() {
            self.select(clicked);
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "ron" => self.after_confirm(AfterConfirm::Open(Some(path))),
                e if crate::ui::dialogs::ARTICLE_EXTENSIONS.contains(&e) => {
                    self.after_confirm(AfterConfirm::NewFromArticle(Some(path)))
                }
                _ => {
                    self.status = format!(
                        "{}: drop a .ron project, a .txt/.md article or a saved .html/.mhtml page",
                        path.display()
                    )
                }
            }
        }
    }
}
