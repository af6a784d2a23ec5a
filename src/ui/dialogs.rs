//! File dialogs behind a trait, so tests (and a headless benchmark) can answer them.
//!
//! The native dialog is rfd's xdg-desktop-portal backend on Linux. Without a desktop portal
//! (a bare X server, a minimal window manager, a container) rfd cannot show anything and just
//! returns "nothing picked"; the app then offers an in-app path entry and says why.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What a dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    Picked(Vec<PathBuf>),
    Cancelled,
    /// No native dialog can be shown; the reason is shown to the user.
    Unavailable(String),
}

/// Pickers for files and folders to import.
pub trait FileDialog {
    /// Lets the user pick files with one of `extensions` (without dots).
    fn pick_files(&mut self, extensions: &[&str]) -> DialogOutcome;
    /// Lets the user pick a folder (imported recursively).
    fn pick_folder(&mut self) -> DialogOutcome;
}

/// The native dialogs (rfd).
#[derive(Default)]
pub struct NativeDialogs;

/// Why a native dialog cannot be shown, when that can be told in advance.
fn portal_problem() -> Option<String> {
    if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return Some(
            "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the desktop's \
             file chooser portal cannot be reached"
                .to_owned(),
        );
    }
    None
}

/// rfd says "nothing picked" both when the user cancels and when no portal answered; a
/// dialog that a person closed cannot have been open for less than this.
const TOO_FAST_TO_BE_A_PERSON: Duration = Duration::from_millis(250);

fn outcome(started: Instant, picked: Option<Vec<PathBuf>>) -> DialogOutcome {
    match picked {
        Some(paths) if !paths.is_empty() => DialogOutcome::Picked(paths),
        _ if started.elapsed() < TOO_FAST_TO_BE_A_PERSON => DialogOutcome::Unavailable(
            "the system file chooser closed immediately (is xdg-desktop-portal installed and \
             running?)"
                .to_owned(),
        ),
        _ => DialogOutcome::Cancelled,
    }
}

impl FileDialog for NativeDialogs {
    fn pick_files(&mut self, extensions: &[&str]) -> DialogOutcome {
        if let Some(reason) = portal_problem() {
            return DialogOutcome::Unavailable(reason);
        }
        let started = Instant::now();
        let picked =
            rfd::FileDialog::new().set_title("Import news files").add_filter("News text", extensions).pick_files();
        outcome(started, picked)
    }

    fn pick_folder(&mut self) -> DialogOutcome {
        if let Some(reason) = portal_problem() {
            return DialogOutcome::Unavailable(reason);
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new().set_title("Import a folder of news files").pick_folder().map(|p| vec![p]);
        outcome(started, picked)
    }
}

/// Dialogs that answer from a queue: for tests and scripted runs.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub answers: std::collections::VecDeque<DialogOutcome>,
}

impl ScriptedDialogs {
    pub fn new(answers: impl IntoIterator<Item = DialogOutcome>) -> Self {
        Self { answers: answers.into_iter().collect() }
    }
}

impl FileDialog for ScriptedDialogs {
    fn pick_files(&mut self, _extensions: &[&str]) -> DialogOutcome {
        self.answers.pop_front().unwrap_or(DialogOutcome::Cancelled)
    }

    fn pick_folder(&mut self) -> DialogOutcome {
        self.answers.pop_front().unwrap_or(DialogOutcome::Cancelled)
    }
}
