//! Files from the workspace: opening (now or on the worker), saving, Save As, exports,
//! merging a reviewer's file, new projects from an article, confirming unsaved work and
//! crash-recovery offers.

use super::*;

impl ClaimdeskApp {
    /// Opens a project file now (start-up, tests). On failure the open project stays and the
    /// error is shown. A file open in another window is not opened: the reviewer is asked.
    pub fn open_path(&mut self, path: &Path) -> bool {
        let Some(mark) = self.mark_open(path, false) else {
            return false;
        };
        match Session::open(path) {
            Ok(session) => {
                self.opened(path, session, mark);
                true
            }
            Err(e) => {
                self.open_failed(&e);
                false
            }
        }
    }

    /// Opens a project file on the worker (from the menu, recent files, a dropped file).
    pub fn open_in_background(&mut self, path: &Path, read_only: bool) {
        if self.mark_open(path, read_only).is_none() {
            return;
        }
        self.status = format!("Opening {}…", path.display());
        self.pending_read_only = read_only;
        self.jobs.start(Job::Open {
            path: path.to_path_buf(),
        });
    }

    /// Marks `path` open in this window. `None` when another window has it open (then the
    /// reviewer is asked, unless `anyway`); `Some(None)` when no mark could be made.
    pub(super) fn mark_open(&mut self, path: &Path, anyway: bool) -> Option<Option<OpenMark>> {
        let Some(store) = &self.recovery else {
            return Some(None);
        };
        match store.mark_open(path) {
            Ok(Some(mark)) => Some(Some(mark)),
            Ok(None) if anyway => Some(None),
            Ok(None) => {
                self.modal = Modal::OpenElsewhere {
                    path: path.to_path_buf(),
                };
                None
            }
            Err(_) => Some(None),
        }
    }

    pub fn opened(&mut self, path: &Path, session: Session, mark: Option<OpenMark>) {
        self.settings.remember(path);
        self.status = if session.read_only {
            format!(
                "Opened {} read-only (it is open in another window)",
                path.display()
            )
        } else {
            format!("Opened {}", path.display())
        };
        self.replace_session(Some(session));
        self.file.mark = mark;
        self.opened_from_desk(path);
    }

    pub(super) fn open_failed(&mut self, e: &store::LoadError) {
        self.modal = Modal::Error {
            title: "Could not open the project".into(),
            message: e.to_string(),
        };
        self.status = e.to_string();
    }

    pub(super) fn replace_session(&mut self, session: Option<Session>) {
        if let Some(old) = &self.session
            && let Some(store) = &self.recovery
        {
            store.remove(old.path.as_deref());
        }
        self.session = session;
        self.selected = self
            .session
            .as_ref()
            .and_then(|s| s.project.claims.first().map(|c| c.id.clone()));
        self.article = ArticleView::default();
        let filter = std::mem::take(&mut self.list.filter);
        self.list = ClaimList::default();
        self.list.filter = filter;
        self.detail = ClaimDetail::default();
        self.hints.reset();
        self.autosave.due_since = None;
        self.autosave.written = None;
        self.file = FileLink::default();
        self.queued.clear();
    }

    pub(super) fn is_dirty(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.is_dirty()) || !self.draft_actions().is_empty()
    }

    /// Typed text not yet turned into actions.
    pub(super) fn draft_actions(&self) -> Vec<Action> {
        self.detail.commit(self.selected_claim(), self.reviewer())
    }

    pub(super) fn commit_drafts(&mut self) {
        let claim = self.selected_claim().cloned();
        let actions = self.detail.commit(claim.as_ref(), self.reviewer());
        for a in actions {
            self.apply(a);
        }
    }

    /// Starts saving to the project's file (on the worker). Returns false when no save
    /// started (no file yet: Save As is asked instead; read-only; a save already running).
    pub fn save(&mut self) -> bool {
        self.commit_drafts();
        let Some(s) = &self.session else {
            return false;
        };
        let Some(path) = s.path.clone() else {
            self.choose_file(FilePurpose::SaveAs);
            return false;
        };
        if s.read_only {
            self.modal = Modal::Error {
                title: "Opened read-only".into(),
                message: format!(
                    "{} is open in another window, so this window opened it read-only. Use Save As to keep a copy of your own.",
                    path.display()
                ),
            };
            return false;
        }
        self.start_save(&path, SaveMode::Compare)
    }

    /// Starts writing the project to another file, replacing what is there.
    pub fn save_as(&mut self, path: &Path) -> bool {
        self.commit_drafts();
        self.start_save(path, SaveMode::Replace)
    }

    pub fn start_save(&mut self, path: &Path, mode: SaveMode) -> bool {
        let Some(s) = &self.session else {
            return false;
        };
        if self.jobs.is_running(JobKind::Save) {
            self.status = "A save is already running".into();
            return false;
        }
        let mut request = s.save_request(path, mode == SaveMode::Replace);
        request.overwrite_unreadable = mode == SaveMode::Overwrite;
        request.overwrite_read_only = mode == SaveMode::Overwrite;
        let serial = s.serial();
        self.jobs.start(Job::Save { serial, request });
        self.status = format!("Saving {}…", path.display());
        true
    }

    /// Native dialog, or a path field where no dialog service answers.
    pub(super) fn choose_file(&mut self, purpose: FilePurpose) {
        let suggested = self.session.as_ref().and_then(|s| {
            s.path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
        });
        if self.options.no_native_dialogs {
            self.dialog_answered(purpose, Picked::NoService);
            return;
        }
        if self.dialog.is_some() {
            return; // one dialog at a time
        }
        // The desktop's dialog blocks until the reviewer answers: on a thread of its own, so
        // the window keeps drawing.
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = self.waker.clone();
        std::thread::spawn(move || {
            let picked = native_file_dialog(purpose, suggested.as_deref());
            let _ = tx.send((purpose, picked));
            if let Some(w) = waker {
                w();
            }
        });
        self.dialog = Some(rx);
    }

    pub(super) fn dialog_answered(&mut self, purpose: FilePurpose, picked: Picked) {
        match picked {
            Picked::File(path) => self.file_chosen(purpose, &path),
            Picked::Cancelled => {}
            Picked::NoService => self.modal = Modal::PathPrompt {
                purpose,
                path: String::new(),
                why: if purpose == FilePurpose::OpenDesk {
                    "No file dialog service is available on this desktop; type the folder's path."
                } else {
                    "No file dialog service is available on this desktop; type the file's path."
                }
                .into(),
            },
        }
    }

    pub(super) fn file_chosen(&mut self, purpose: FilePurpose, path: &Path) {
        match purpose {
            FilePurpose::Open => self.open_in_background(path, false),
            FilePurpose::SaveAs => {
                self.save_as(path);
            }
            FilePurpose::NewFromArticle => self.start_new_from_article(path),
            FilePurpose::Merge => self.merge_file(path),
            FilePurpose::OpenDesk => {
                self.open_desk(path);
            }
            FilePurpose::Export(_) => {
                if let Modal::Export(form) = &mut self.modal {
                    form.path = path.display().to_string();
                }
            }
        }
    }

    /// Writes the export the dialog describes; publisher settings typed there are kept in the
    /// project (undoable) so the next export has them.
    pub fn export(&mut self, form: &ExportForm) -> bool {
        let Some(s) = &mut self.session else {
            return false;
        };
        if form.format.needs_publisher() || s.project.publisher.is_some() {
            let p = &form.publisher;
            let blank = p.name.trim().is_empty()
                && p.url.trim().is_empty()
                && p.review_url.trim().is_empty();
            s.set_publisher((!blank).then(|| p.clone()));
        }
        let options = crate::export::ExportOptions {
            verdicts: form.verdicts.clone(),
            ..Default::default()
        };
        let path = PathBuf::from(form.path.trim());
        self.status = format!("Exporting {}…", path.display());
        self.jobs.start(Job::Export {
            project: Arc::clone(&s.project),
            format: form.format,
            options,
            path,
        });
        true
    }

    /// Asks the desktop where to write an export (the dialog's path field works without it).
    pub fn choose_export_path(&mut self, format: crate::export::Format) {
        if self.options.no_native_dialogs {
            return;
        }
        self.choose_file(FilePurpose::Export(format));
    }

    /// Merges a reviewer's project file into the open project, as one undoable step. Nothing
    /// either file holds is dropped; what the merge did is shown.
    pub fn merge_file(&mut self, path: &Path) {
        let Some(s) = &self.session else { return };
        self.status = format!("Merging {}…", path.display());
        self.jobs.start(Job::Merge {
            path: path.to_path_buf(),
            ours: Arc::clone(&s.project),
        });
    }

    pub(super) fn start_new_from_article(&mut self, path: &Path) {
        self.status = format!("Reading {}…", path.display());
        self.jobs.start(Job::ReadArticle {
            path: path.to_path_buf(),
        });
    }

    /// Downloads an article page on a worker (a slow site must not freeze the window).
    pub(super) fn start_new_from_url(&mut self, url: &str) {
        self.status = format!("Downloading {url}…");
        self.jobs.start(Job::FetchArticle {
            url: url.trim().to_string(),
        });
    }

    /// The article was read: ask for its title, outlet, URL, date and language, filled from
    /// what the page said about itself.
    pub(super) fn article_read(
        &mut self,
        from: String,
        result: Result<(ArticleInfo, String), String>,
    ) {
        match result {
            Ok((info, text)) => {
                self.status.clear();
                self.modal = Modal::ArticleInfo {
                    source: Some(from),
                    info,
                    text,
                };
            }
            Err(message) => {
                self.status.clear();
                self.modal = Modal::Error {
                    title: "Could not read the article".into(),
                    message,
                }
            }
        }
    }

    /// Makes a new, unsaved project from an article's text.
    pub fn create_project(&mut self, info: ArticleInfo, text: String) {
        self.status = "Splitting the article…".into();
        self.jobs.start(Job::NewProject { info, text });
    }

    /// The new project is split: open it, unsaved.
    pub(super) fn created(&mut self, project: crate::model::Project) {
        let mut session = Session::new(project, None);
        session.mark_dirty();
        self.replace_session(Some(session));
        self.status = "New project: save it to give it a file".into();
    }

    /// Runs `then` now, or first asks Save / Discard / Cancel when there is unsaved work.
    pub(super) fn after_confirm(&mut self, then: AfterConfirm) {
        if self.is_dirty() {
            self.modal = Modal::ConfirmUnsaved { then };
        } else {
            self.proceed(then);
        }
    }

    /// Drops unsaved work on the reviewer's word: drafts and the recovery copy go too. Work
    /// done after this is guarded again like any other.
    pub fn discard_changes(&mut self) {
        self.detail.reload();
        if let (Some(store), Some(s)) = (&self.recovery, &self.session) {
            store.remove(s.path.as_deref());
        }
        if let Some(s) = &mut self.session {
            while s.is_dirty() && s.undo() {}
        }
        self.autosave.due_since = None;
    }

    pub(super) fn proceed(&mut self, then: AfterConfirm) {
        match then {
            AfterConfirm::Quit => {
                if let (Some(store), Some(s)) = (&self.recovery, &self.session) {
                    store.remove(s.path.as_deref());
                }
                self.quit_confirmed = true;
                self.commands.clear();
                self.quit_requested = true;
            }
            AfterConfirm::Open(Some(path)) => self.open_in_background(&path, false),
            AfterConfirm::Open(None) => self.choose_file(FilePurpose::Open),
            AfterConfirm::NewFromArticle(Some(path)) => self.start_new_from_article(&path),
            AfterConfirm::NewFromArticle(None) => self.choose_file(FilePurpose::NewFromArticle),
            AfterConfirm::NewFromUrl => self.modal = Modal::FetchUrl { url: String::new() },
            AfterConfirm::NewFromText => {
                self.modal = Modal::ArticleInfo {
                    source: None,
                    info: ArticleInfo::default(),
                    text: String::new(),
                }
            }
        }
    }

    pub(super) fn offer_recovery(&mut self) {
        let Some(store) = &self.recovery else { return };
        let mut offers = Vec::new();
        for (copy_path, copy) in store.leftovers() {
            match copy {
                Ok(copy) => {
                    let changes = match &copy.file {
                        Some(f) => match store::load(f) {
                            Ok(saved) => describe_changes(&saved, &copy.project),
                            Err(_) => vec![format!(
                                "{} is missing or unreadable; the copy holds the whole project",
                                f.display()
                            )],
                        },
                        None => vec!["a project that was never saved".into()],
                    };
                    offers.push(RecoveryOffer {
                        copy_path,
                        file: copy.file,
                        written: copy.written,
                        changes,
                    });
                }
                Err(e) => self.status = format!("A recovery copy could not be read: {e}"),
            }
        }
        if !offers.is_empty() {
            self.modal = Modal::Recovery { offers };
        }
    }

    pub(super) fn restore(&mut self, offer: &RecoveryOffer) {
        match crate::session::recovery::read(&offer.copy_path) {
            Ok(copy) => {
                let mark = match &copy.file {
                    Some(f) => match self.mark_open(f, false) {
                        Some(m) => m,
                        None => return, // open elsewhere: the reviewer is asked first
                    },
                    None => None,
                };
                let mut session = Session::new(copy.project, copy.file.clone());
                if let Some(f) = &copy.file {
                    // What the copy was based on is unknown: the save merges the copy with
                    // whatever the file holds now, so work saved there since is not lost.
                    session.disk = Some(crate::session::disk::DiskState {
                        fingerprint: crate::session::disk::Fingerprint::of(b"", None),
                        base: Arc::new(String::new()),
                    });
                    let _ = f;
                }
                session.mark_dirty();
                self.replace_session(Some(session));
                self.file.mark = mark;
                if let Some(store) = &self.recovery {
                    store.remove_leftover(&offer.copy_path);
                }
                self.status = "Restored unsaved work; save to keep it".into();
            }
            Err(e) => self.status = format!("The recovery copy could not be read: {e}"),
        }
    }
}
