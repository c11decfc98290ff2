//! Slow work for an open project, off the thread that draws: saving, recovery copies,
//! opening, merging a reviewer's file, exporting and checking the file on disk. Each job runs
//! on a thread of its own and reports back through a channel the app polls once a frame; a
//! waker (egui's request_repaint) makes sure that frame comes.

use super::Action;
use super::disk::{self, DiskState, Incoming, OnDisk, SaveOutcome, SaveRequest};
use super::recovery::RecoveryStore;
use crate::export::{ExportOptions, Format};
use crate::merge::MergeOutcome;
use crate::model::Project;
use crate::store::{self, LoadError};
use crate::{clock, ops};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// A job for the worker. Everything it needs is owned or shared (`Arc`), never borrowed.
pub enum Job {
    /// Save the state at `serial`.
    Save {
        serial: u64,
        request: SaveRequest,
    },
    /// Write a recovery copy of the project with the drafts (typed, not yet committed text)
    /// applied as `reviewer`.
    Autosave {
        store: RecoveryStore,
        file: Option<PathBuf>,
        project: Arc<Project>,
        drafts: Vec<Action>,
        reviewer: String,
    },
    Open {
        path: PathBuf,
    },
    /// Read an article file: text, or a saved web page to extract the article from.
    ReadArticle {
        path: PathBuf,
    },
    /// Download a web page (seconds, or a timeout) and extract its article.
    FetchArticle {
        url: String,
    },
    /// Split an article into a new project (a megabyte takes tens of milliseconds).
    NewProject {
        info: crate::article::ArticleInfo,
        text: String,
    },
    /// Merge a reviewer's project file into `ours`.
    Merge {
        path: PathBuf,
        ours: Arc<Project>,
    },
    Export {
        project: Arc<Project>,
        format: Format,
        options: ExportOptions,
        path: PathBuf,
    },
    /// Compare the file with what we know (holding no snapshot of ours: after our own saves
    /// this finds nothing, and the open project stays unshared).
    CheckDisk {
        path: PathBuf,
        known: DiskState,
    },
    /// Someone else's version was found: merge it with ours (the state at `serial`).
    MergeIncoming {
        path: PathBuf,
        base: Arc<String>,
        ours: Arc<Project>,
        theirs: Box<Project>,
        disk: DiskState,
        serial: u64,
    },
    /// Hints for the open project's claims (`key` says which state they were asked for:
    /// the app's session number and the spans revision).
    Hints {
        job: crate::hints::HintJob,
        rules: Arc<crate::hints::Rules>,
        key: (u64, u64),
    },
}

impl Job {
    /// Jobs whose result replaces the open project: edits wait until they are done.
    pub fn replaces_project(&self) -> bool {
        matches!(
            self,
            Job::Save { .. } | Job::Open { .. } | Job::NewProject { .. } | Job::Merge { .. }
        )
    }

    pub fn kind(&self) -> JobKind {
        match self {
            Job::Save { .. } => JobKind::Save,
            Job::Autosave { .. } => JobKind::Autosave,
            Job::Open { .. }
            | Job::ReadArticle { .. }
            | Job::FetchArticle { .. }
            | Job::NewProject { .. } => JobKind::Open,
            Job::Merge { .. } => JobKind::Merge,
            Job::Export { .. } => JobKind::Export,
            Job::CheckDisk { .. } | Job::MergeIncoming { .. } => JobKind::CheckDisk,
            Job::Hints { .. } => JobKind::Hints,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    Save,
    Autosave,
    Open,
    Merge,
    Export,
    CheckDisk,
    Hints,
}

impl JobKind {
    /// For the status bar: "Saving…".
    pub fn doing(self) -> &'static str {
        match self {
            JobKind::Save => "Saving",
            JobKind::Autosave => "Writing the recovery copy",
            JobKind::Open => "Opening",
            JobKind::Merge => "Merging",
            JobKind::Export => "Exporting",
            JobKind::CheckDisk => "Checking the file on disk",
            JobKind::Hints => "Finding hints",
        }
    }
}

/// What the disk check found.
#[derive(Debug)]
pub enum DiskCheck {
    Unchanged,
    Missing,
    /// Another version, not merged yet (see `Job::MergeIncoming`).
    Found {
        theirs: Box<Project>,
        disk: DiskState,
    },
    /// Another version merged with ours.
    Changed(Box<Incoming>),
    NotProject(LoadError),
    Failed(String),
}

/// A finished job. Sent once per job through a channel, so the size of the largest variant
/// (a whole project) costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
pub enum Done {
    Saved {
        path: PathBuf,
        serial: u64,
        outcome: SaveOutcome,
    },
    Autosaved(Result<PathBuf, String>),
    Opened {
        path: PathBuf,
        result: Result<(Project, DiskState), LoadError>,
    },
    /// An article was read or downloaded: what it says about itself (language resolved) and
    /// its text. `from` is the file or address, for messages.
    ArticleRead {
        from: String,
        result: Result<(crate::article::ArticleInfo, String), String>,
    },
    Created(Project),
    Merged {
        path: PathBuf,
        result: Result<MergeOutcome, String>,
    },
    Exported {
        path: PathBuf,
        format: Format,
        result: Result<crate::export::Rendered, String>,
    },
    DiskChecked {
        path: PathBuf,
        /// The state of ours the check was merged with (for `DiskCheck::Changed`).
        serial: u64,
        check: DiskCheck,
    },
    /// Hints computed for the state `key` names (see `Job::Hints`).
    Hints {
        key: (u64, u64),
        hints: crate::hints::ProjectHints,
    },
}

impl Done {
    pub fn kind(&self) -> JobKind {
        match self {
            Done::Saved { .. } => JobKind::Save,
            Done::Autosaved(_) => JobKind::Autosave,
            Done::Opened { .. } | Done::ArticleRead { .. } | Done::Created(_) => JobKind::Open,
            Done::Merged { .. } => JobKind::Merge,
            Done::Exported { .. } => JobKind::Export,
            Done::DiskChecked { .. } => JobKind::CheckDisk,
            Done::Hints { .. } => JobKind::Hints,
        }
    }
}

/// The jobs in flight and the channel their results come back on.
pub struct Jobs {
    tx: Sender<Done>,
    rx: Receiver<Done>,
    running: Vec<JobKind>,
    waker: Option<Waker>,
}

impl Default for Jobs {
    fn default() -> Self {
        Self::new(None)
    }
}

impl Jobs {
    pub fn new(waker: Option<Waker>) -> Self {
        let (tx, rx) = channel();
        Jobs {
            tx,
            rx,
            running: Vec::new(),
            waker,
        }
    }

    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    /// Starts a job on a thread of its own.
    pub fn start(&mut self, job: Job) {
        self.running.push(job.kind());
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        std::thread::spawn(move || {
            // A job that copies its snapshot first wakes the frame when it lets it go, so edits
            // waiting for it apply at once.
            let released = || {
                if let Some(w) = &waker {
                    w();
                }
            };
            let done = run(job, &released);
            let _ = tx.send(done);
            released();
        });
    }

    /// The jobs that finished since the last call. Never blocks.
    pub fn poll(&mut self) -> Vec<Done> {
        let done: Vec<Done> = self.rx.try_iter().collect();
        for d in &done {
            self.finished(d.kind());
        }
        done
    }

    /// Waits for every running job (on exit, and in tests).
    pub fn wait_all(&mut self) -> Vec<Done> {
        let mut out = Vec::new();
        while !self.running.is_empty() {
            match self.rx.recv() {
                Ok(d) => {
                    self.finished(d.kind());
                    out.push(d);
                }
                Err(_) => break,
            }
        }
        out
    }

    fn finished(&mut self, kind: JobKind) {
        if let Some(i) = self.running.iter().position(|k| *k == kind) {
            self.running.remove(i);
        }
    }

    pub fn is_running(&self, kind: JobKind) -> bool {
        self.running.contains(&kind)
    }

    pub fn running(&self) -> &[JobKind] {
        &self.running
    }

    /// True while a job runs whose result replaces the open project.
    pub fn holds_project(&self) -> bool {
        self.running
            .iter()
            .any(|k| matches!(k, JobKind::Save | JobKind::Open | JobKind::Merge))
    }
}

/// Runs a job to completion on the calling thread. `released` is called once a job that
/// copies its snapshot of the open project has let go of it.
pub fn run(job: Job, released: &dyn Fn()) -> Done {
    match job {
        Job::Save { serial, request } => {
            let path = request.path.clone();
            Done::Saved {
                path,
                serial,
                outcome: disk::save(request),
            }
        }
        Job::Autosave {
            store,
            file,
            project,
            drafts,
            reviewer,
        } => {
            let owned = let_go(project, released);
            Done::Autosaved(autosave(&store, file, owned, drafts, &reviewer))
        }
        Job::Open { path } => {
            let result = disk::read(&path);
            Done::Opened { path, result }
        }
        Job::ReadArticle { path } => Done::ArticleRead {
            from: path.display().to_string(),
            result: crate::import::read_file(&path).map(imported_article),
        },
        Job::FetchArticle { url } => Done::ArticleRead {
            result: crate::import::read_url(&url, &crate::import::fetch::Limits::default())
                .map(imported_article),
            from: url,
        },
        Job::NewProject { info, text } => Done::Created(crate::article::new_project(info, text)),
        Job::Merge { path, ours } => {
            let result = store::load(&path)
                .map_err(|e| e.to_string())
                .and_then(|other| {
                    crate::merge::merge_refs(&[&ours, &other])
                        .map_err(|e| format!("{}: {e}", path.display()))
                });
            Done::Merged { path, result }
        }
        Job::Export {
            project,
            format,
            options,
            path,
        } => {
            let owned = let_go(project, released);
            let result = export(&owned, format, &options, &path);
            Done::Exported {
                path,
                format,
                result,
            }
        }
        Job::CheckDisk { path, known } => {
            let check = match disk::compare(&path, &known.fingerprint) {
                OnDisk::Unchanged => DiskCheck::Unchanged,
                OnDisk::Missing => DiskCheck::Missing,
                OnDisk::NotProject(e) => DiskCheck::NotProject(e),
                OnDisk::Changed { project, state } => DiskCheck::Found {
                    theirs: project,
                    disk: state,
                },
            };
            Done::DiskChecked {
                path,
                serial: 0,
                check,
            }
        }
        Job::MergeIncoming {
            path,
            base,
            ours,
            theirs,
            disk,
            serial,
        } => {
            let ours = let_go(ours, released);
            let check = match disk::merge_incoming(&path, &base, &ours, *theirs, disk) {
                Ok(inc) => DiskCheck::Changed(Box::new(inc)),
                Err(e) => DiskCheck::Failed(e),
            };
            Done::DiskChecked {
                path,
                serial,
                check,
            }
        }
        Job::Hints { job, rules, key } => Done::Hints {
            key,
            hints: job.run(&rules),
        },
    }
}

/// Copies the snapshot and lets it go at once: the open project is shared only for the
/// copy (a few milliseconds), not for the whole write.
fn let_go(project: Arc<Project>, released: &dyn Fn()) -> Project {
    let owned = Arc::unwrap_or_clone(project);
    released();
    owned
}

fn autosave(
    store: &RecoveryStore,
    file: Option<PathBuf>,
    mut p: Project,
    drafts: Vec<Action>,
    reviewer: &str,
) -> Result<PathBuf, String> {
    // Text still being typed goes into the copy (never into the undo history).
    if !drafts.is_empty() {
        let at = clock::now();
        for a in drafts {
            let _ = match a {
                Action::SetNote { claim, text } => {
                    ops::set_note(&mut p, &claim, reviewer, &text, &at)
                }
                Action::SetAttributedTo { claim, text } => {
                    ops::set_attributed_to(&mut p, &claim, reviewer, &text, &at)
                }
                _ => Ok(()),
            };
        }
    }
    store
        .write_parts(file.as_deref(), &clock::now(), &p)
        .map_err(|e| format!("could not write the recovery copy: {e}"))
}

fn export(
    project: &Project,
    format: Format,
    options: &ExportOptions,
    path: &Path,
) -> Result<crate::export::Rendered, String> {
    let rendered = crate::export::render(project, format, options).map_err(|e| e.to_string())?;
    store::write_atomic(path, rendered.text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(rendered)
}

/// An imported article as the new-project form shows it: the language already resolved so
/// the form can show what was detected (detection reads a sample, but not on the UI thread).
fn imported_article(
    (imported, source): (crate::import::Imported, crate::model::ArticleSource),
) -> (crate::article::ArticleInfo, String) {
    let mut info = crate::import::article_info(&imported, source, "");
    info.language = crate::article::language_for(&info.language, &imported.text);
    (info, imported.text)
}
