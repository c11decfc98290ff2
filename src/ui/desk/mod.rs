//! The desk in the app: the overview of every project in a folder (sortable, filterable),
//! search across their claims, and what the open project's claims were checked as before.
//! All reading and indexing runs on the desk's workers (`session::desk`); this keeps what
//! has arrived and what the reviewer asked, and draws it.

mod search;
mod view;

pub use view::DeskCommand;

use crate::desk::order::{SortKey, matches, sort};
use crate::desk::overview::Overview;
use crate::desk::search::{Hit, Match, Query, SeenFlag};
use crate::model::Verdict;
use crate::session::desk::{Ask, DeskWorker, IndexState, News};
use crate::session::jobs::Waker;
use crate::session::watch::DeskWatch;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An open desk and what the app knows of it.
pub struct Desk {
    pub worker: DeskWorker,
    watch: Option<DeskWatch>,
    pub overview: Option<Overview>,
    /// Why the last overview failed, if it did.
    pub overview_error: Option<String>,
    /// Indexes into `overview.projects`, sorted and filtered: computed when they change, never
    /// per frame.
    pub rows: Vec<usize>,
    pub sort: SortKey,
    pub filter: String,
    /// (sort, filter, overview serial) `rows` was computed for.
    rows_for: Option<(SortKey, String, u64)>,
    /// The newest overview asked for, and the one shown.
    overview_serial: u64,
    shown_serial: u64,
    pub index: IndexStatus,
    pub search: DeskSearch,
    pub seen: SeenState,
    /// The open project's claims checked before elsewhere: claim id → what the hover says.
    pub flags: HashMap<String, String>,
    flags_serial: u64,
    flags_done: u64,
    /// The open project's file, session and spans revision the flags were asked for.
    flags_for: Option<(Option<PathBuf>, u64, u64)>,
    /// The desk is a git repository (File → Sync works).
    pub is_repository: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub enum IndexStatus {
    /// The first index is being built (or brought up to date).
    #[default]
    Indexing,
    Ready(IndexState),
    Failed(String),
}

/// The search the reviewer is typing and what came back.
#[derive(Debug, Clone, Default)]
pub struct DeskSearch {
    pub text: String,
    pub verdict: Option<Verdict>,
    pub claim_type: Option<crate::hints::ClaimType>,
    pub reviewer: String,
    pub attributed_to: String,
    pub domain: String,
    pub from: String,
    pub to: String,
    /// The query last sent, to send again only when it changes.
    sent: Option<Query>,
    serial: u64,
    pub hits: Vec<Hit>,
    pub error: Option<String>,
    pub waiting: bool,
    /// Something was asked (words or a filter): "no claims found" means something.
    pub asked: bool,
    pub focus: bool,
}

/// "Checked before" for the selected claim.
#[derive(Debug, Clone, Default)]
pub struct SeenState {
    /// The claim (and its quote) the matches are for.
    pub claim: Option<(String, String)>,
    serial: u64,
    answered: u64,
    pub matches: Option<Vec<Match>>,
}

impl Desk {
    /// Opens the desk at `dir`; its caches go under `cache_base` (this machine's cache
    /// folder when `None`).
    pub fn open(
        dir: &Path,
        cache_base: Option<&Path>,
        waker: Option<Waker>,
    ) -> Result<Desk, String> {
        let worker = DeskWorker::start(dir, cache_base, waker.clone())?;
        let watch = waker.and_then(|w| DeskWatch::new(&worker.root, w).ok());
        let is_repository = crate::desk::sync::is_repository(&worker.root);
        Ok(Desk {
            overview_serial: worker.overview_serial(),
            shown_serial: 0,
            worker,
            watch,
            overview: None,
            overview_error: None,
            rows: Vec::new(),
            sort: SortKey::default(),
            filter: String::new(),
            rows_for: None,
            index: IndexStatus::Indexing,
            search: DeskSearch::default(),
            seen: SeenState::default(),
            flags: HashMap::new(),
            flags_serial: 0,
            flags_done: 0,
            flags_for: None,
            is_repository,
        })
    }

    pub fn root(&self) -> &Path {
        &self.worker.root
    }

    /// Takes what the workers sent and follows changes on disk. Returns true when anything
    /// arrived (the frame then shows it).
    pub fn poll(&mut self) -> bool {
        let mut any = false;
        if self.watch.as_ref().is_some_and(DeskWatch::take_changed) {
            self.refresh();
        }
        for news in self.worker.poll() {
            any = true;
            self.take(news);
        }
        if any {
            self.update_rows();
        }
        any
    }

    /// Waits until the workers are idle (tests): every answer asked for so far is in.
    pub fn settle(&mut self, timeout: std::time::Duration) {
        let end = std::time::Instant::now() + timeout;
        while self.is_waiting() {
            let left = end.saturating_duration_since(std::time::Instant::now());
            match self.worker.wait(left) {
                Some(news) => self.take(news),
                None => break,
            }
        }
        self.update_rows();
    }

    /// Something asked is not answered yet.
    pub fn is_waiting(&self) -> bool {
        self.overview_serial != self.shown_serial
            || self.index == IndexStatus::Indexing
            || self.search.waiting
            || self.seen.answered != self.seen.serial
            || self.flags_done != self.flags_serial
    }

    /// The project files changed: read the overview again and index what changed.
    pub fn refresh(&mut self) {
        self.overview_serial = self.worker.refresh_overview();
        self.index = IndexStatus::Indexing;
        self.worker.ask(Ask::Reindex);
        // Answers may change with the index: ask again once it is done.
        self.search.sent = None;
        self.seen.matches = None;
        self.flags_for = None;
    }

    fn take(&mut self, news: News) {
        match news {
            News::Overview { serial, result } => {
                if serial != self.overview_serial {
                    return; // an older read finished after a newer one was asked
                }
                self.shown_serial = serial;
                match result {
                    Ok(o) => {
                        self.overview = Some(o);
                        self.overview_error = None;
                    }
                    Err(e) => self.overview_error = Some(e),
                }
                self.rows_for = None;
            }
            News::Indexed(result) => {
                self.index = match result {
                    Ok(state) => IndexStatus::Ready(state),
                    Err(e) => IndexStatus::Failed(e),
                };
            }
            News::Found { serial, result } if serial == self.search.serial => {
                self.search.waiting = false;
                match result {
                    Ok(hits) => {
                        self.search.hits = hits;
                        self.search.error = None;
                    }
                    Err(e) => self.search.error = Some(e),
                }
            }
            News::Seen {
                serial, matches, ..
            } if serial == self.seen.serial => {
                self.seen.matches = Some(matches);
                self.seen.answered = serial;
            }
            News::Flags { serial, flags } if serial == self.flags_serial => {
                self.flags = flags
                    .iter()
                    .map(|f| (f.claim_id.clone(), flag_text(f)))
                    .collect();
                self.flags_done = serial;
            }
            News::Found { .. } | News::Seen { .. } | News::Flags { .. } => {}
        }
    }

    /// Sorts and filters the overview again if the sort, the filter or the overview changed.
    pub fn update_rows(&mut self) {
        let Some(o) = &self.overview else {
            self.rows.clear();
            return;
        };
        // Called every frame the desk is shown: compared in place, copied only on a change.
        if self.rows_for.as_ref().is_some_and(|(k, f, n)| {
            (*k, f.as_str(), *n) == (self.sort, &self.filter, self.shown_serial)
        }) {
            return;
        }
        let key = (self.sort, self.filter.clone(), self.shown_serial);
        let mut shown: Vec<&crate::desk::summary::ProjectSummary> = o
            .projects
            .iter()
            .filter(|p| matches(p, &self.filter))
            .collect();
        sort(&mut shown, self.sort);
        let at: HashMap<&str, usize> = o
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| (p.path.as_str(), i))
            .collect();
        self.rows = shown.iter().map(|p| at[p.path.as_str()]).collect();
        self.rows_for = Some(key);
    }

    /// The project at `path` (relative to the desk) as a file.
    pub fn file(&self, path: &str) -> PathBuf {
        self.root().join(path)
    }

    /// Sends the search if the reviewer changed it. An empty search with no filter clears
    /// the results instead.
    pub fn send_search(&mut self) {
        let s = &self.search;
        let opt = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
        let query = Query {
            text: s.text.trim().to_string(),
            reviewer: opt(&s.reviewer),
            verdict: s.verdict,
            attributed_to: opt(&s.attributed_to),
            domain: opt(&s.domain),
            published_from: opt(&s.from),
            published_to: opt(&s.to),
            claim_type: s.claim_type,
            limit: 200,
        };
        if self.search.sent.as_ref() == Some(&query) {
            return;
        }
        let empty = query
            == Query {
                limit: 200,
                ..Query::default()
            };
        self.search.sent = Some(query.clone());
        self.search.serial += 1;
        self.search.asked = !empty;
        if empty {
            self.search.hits.clear();
            self.search.error = None;
            self.search.waiting = false;
            return;
        }
        self.search.waiting = true;
        self.worker.ask(Ask::Search {
            serial: self.search.serial,
            query,
        });
    }

    /// Asks what the claim `id` (saying `quote`, in the project at `file`) was checked as
    /// before, unless that is what is shown already.
    pub fn ask_seen(&mut self, file: Option<&Path>, id: &str, quote: &str) {
        // Called every frame: compared in place, nothing copied unless the claim changed.
        let same = self
            .seen
            .claim
            .as_ref()
            .is_some_and(|(c, q)| c == id && q == quote);
        // Asked already (answered or not), unless a re-index dropped the answer.
        if same && (self.seen.matches.is_some() || self.seen.answered != self.seen.serial) {
            return;
        }
        self.seen.claim = Some((id.to_string(), quote.to_string()));
        self.seen.matches = None;
        self.seen.serial += 1;
        self.worker.ask(Ask::Seen {
            serial: self.seen.serial,
            path: file.and_then(|f| self.worker.path_of(f)),
            claim_id: id.to_string(),
            quote: quote.to_string(),
        });
    }

    /// What the detail panel shows under "Checked before" for claim `id`.
    pub fn checked_before(&self, id: &str) -> crate::ui::claim_detail::CheckedBefore<'_> {
        use crate::ui::claim_detail::CheckedBefore;
        if matches!(self.index, IndexStatus::Failed(_)) {
            return CheckedBefore::NoDesk; // the desk view says why
        }
        match (&self.seen.claim, &self.seen.matches) {
            (Some((claim, _)), Some(m)) if claim == id => CheckedBefore::Found(m),
            _ => CheckedBefore::Looking,
        }
    }

    /// Asks which claims of the open project were checked before, once per project state.
    pub fn ask_flags(
        &mut self,
        file: Option<&Path>,
        session_id: u64,
        revision: u64,
        project: &Arc<crate::model::Project>,
    ) {
        // Compared by the file as named: where it is in the desk (a look at the disk) is
        // worked out only when the question is asked.
        if self
            .flags_for
            .as_ref()
            .is_some_and(|(f, s, r)| (f.as_deref(), *s, *r) == (file, session_id, revision))
        {
            return;
        }
        self.flags_for = Some((file.map(Path::to_path_buf), session_id, revision));
        let path = file.and_then(|f| self.worker.path_of(f));
        self.flags_serial += 1;
        self.worker.ask(Ask::Flags {
            serial: self.flags_serial,
            path,
            project: Arc::clone(project),
        });
    }
}

/// "Checked before in 2026/nov/a.ron (claim 4): verified".
fn flag_text(f: &SeenFlag) -> String {
    format!(
        "Checked before in {} (claim {}): {}",
        f.best.path, f.best.number, f.best.settled
    )
}
