//! Modal dialogs and native file dialogs. Native dialogs come from the desktop's file-dialog
//! service (xdg portal); where none answers, the app says so and offers a path field instead
//! of doing nothing.

use crate::article::ArticleInfo;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Files the app makes a new project from: text, and web pages saved by a browser.
pub const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "md", "html", "htm", "xhtml", "mhtml", "mht"];

/// What a file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    Open,
    SaveAs,
    NewFromArticle,
    Merge,
    Export(crate::export::Format),
    /// A folder of projects.
    OpenDesk,
}

impl FilePurpose {
    pub fn title(self) -> &'static str {
        match self {
            FilePurpose::Open => "Open project",
            FilePurpose::SaveAs => "Save project as",
            FilePurpose::NewFromArticle => "New project from article",
            FilePurpose::Merge => "Merge a reviewer's project file",
            FilePurpose::Export(_) => "Export to",
            FilePurpose::OpenDesk => "Open desk (a folder of projects)",
        }
    }
}

/// The export dialog's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportForm {
    pub format: crate::export::Format,
    /// Only claims with these verdicts; none ticked exports every claim.
    pub verdicts: Vec<crate::model::Verdict>,
    pub publisher: crate::model::Publisher,
    pub path: String,
}

/// What to do once unsaved changes are saved or discarded.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterConfirm {
    Quit,
    Open(Option<PathBuf>),
    NewFromArticle(Option<PathBuf>),
    NewFromText,
    NewFromUrl,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecoveryOffer {
    pub copy_path: PathBuf,
    pub file: Option<PathBuf>,
    pub written: String,
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Modal {
    #[default]
    None,
    AskReviewer {
        name: String,
    },
    PathPrompt {
        purpose: FilePurpose,
        path: String,
        why: String,
    },
    ConfirmUnsaved {
        then: AfterConfirm,
    },
    /// The new-project form. `source` names the file or address the text was read from;
    /// `None` when the reviewer pastes the text into the form.
    ArticleInfo {
        source: Option<String>,
        info: ArticleInfo,
        text: String,
    },
    /// Asks for a web address to download an article from.
    FetchUrl {
        url: String,
    },
    Recovery {
        offers: Vec<RecoveryOffer>,
    },
    /// The shortcut sheet; `capturing` is the command whose new keys are awaited.
    Shortcuts {
        capturing: Option<super::command::UiCommand>,
        message: String,
    },
    Export(Box<ExportForm>),
    /// The agreement figures, computed once when the panel opens.
    Agreement(Box<crate::agreement::Agreement>),
    Report {
        title: String,
        lines: Vec<String>,
    },
    Error {
        title: String,
        message: String,
    },
    /// The file to save over is read-only or no longer a project: overwrite only on the
    /// reviewer's word.
    ConfirmOverwrite {
        path: PathBuf,
        message: String,
    },
    /// The project is open in another claimdesk window.
    OpenElsewhere {
        path: PathBuf,
    },
}

impl Modal {
    /// No dialog, or one that only shows something: keyboard shortcuts may close it and run.
    pub fn is_passive(&self) -> bool {
        matches!(
            self,
            Modal::None
                | Modal::Report { .. }
                | Modal::Error { .. }
                | Modal::Shortcuts {
                    capturing: None,
                    ..
                }
                | Modal::Agreement(_)
        )
    }
}

/// What a dialog's buttons ask the app to do; run with the frame's other commands.
#[derive(Debug, Clone)]
pub enum DialogCommand {
    SetReviewer(String),
    /// A path typed where no file dialog service answered.
    FileChosen(FilePurpose, PathBuf),
    SaveThen(AfterConfirm),
    DiscardThen(AfterConfirm),
    CreateProject(ArticleInfo, String),
    /// Download the page at this address and make a project of its article.
    FetchUrl(String),
    Restore(RecoveryOffer),
    DiscardRecovery(PathBuf),
    Rebind(super::command::UiCommand, eframe::egui::KeyboardShortcut),
    ResetKeys(super::command::UiCommand),
    ChooseExportPath(crate::export::Format),
    Export(ExportForm),
    Overwrite(PathBuf),
    OpenElsewhere(PathBuf, bool),
    Run(super::command::UiCommand),
}

/// What a native file dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    File(PathBuf),
    Cancelled,
    /// No dialog service answered: offer a path field instead.
    NoService,
}

/// Asks the desktop for a file.
pub fn native_file_dialog(purpose: FilePurpose, suggested: Option<&str>) -> Picked {
    if std::env::var_os("CLAIMDESK_NO_NATIVE_DIALOGS").is_some() {
        return Picked::NoService;
    }
    let mut d = rfd::FileDialog::new().set_title(purpose.title());
    d = match purpose {
        FilePurpose::Open | FilePurpose::SaveAs | FilePurpose::Merge => {
            d.add_filter("claimdesk project", &["ron"])
        }
        FilePurpose::NewFromArticle => d
            .add_filter("Article or saved web page", &ARTICLE_EXTENSIONS)
            .add_filter("Any file", &["*"]),
        FilePurpose::Export(f) => d.add_filter(f.label(), &[f.extension()]),
        FilePurpose::OpenDesk => d,
    };
    if let Some(name) = suggested {
        d = d.set_file_name(name);
    }
    let started = Instant::now();
    let picked = match purpose {
        FilePurpose::SaveAs | FilePurpose::Export(_) => d.save_file(),
        FilePurpose::OpenDesk => d.pick_folder(),
        _ => d.pick_file(),
    };
    // Nobody cancels a dialog within a quarter second: an instant "nothing" means no service.
    match picked {
        Some(path) => Picked::File(path),
        None if started.elapsed() < Duration::from_millis(250) => Picked::NoService,
        None => Picked::Cancelled,
    }
}
