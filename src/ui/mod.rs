//! The analyst's window (eframe/egui, glow renderer).
//!
//! One module per concern: [`app`] holds the state and lays out the window, [`library`] is the
//! article list, [`reader`] the text, [`side_panels`] entities and quotes, [`import_worker`]
//! runs imports off the UI thread, [`bidi`] and [`text`] lay out right-to-left and mixed text,
//! [`fonts`] bundles the Arabic font, [`dialogs`] puts file dialogs behind a trait,
//! [`notifications`] and [`shortcuts`] do what they say.

pub mod app;
pub mod bidi;
pub mod dialogs;
pub mod fonts;
pub mod import_choices;
pub mod import_worker;
pub mod library;
pub mod notifications;
pub mod reader;
pub mod samples;
pub mod shortcuts;
pub mod side_panels;
pub mod tagging;
pub mod text;

use std::path::Path;

pub use app::{MarsadApp, Persisted};
pub use dialogs::{DialogOutcome, FileDialog, NativeDialogs, ScriptedDialogs};

use crate::store::Store;

/// Opens the window on the database at `db_path` and runs until it is closed.
pub fn run(db_path: &Path) -> anyhow::Result<()> {
    let store =
        Store::open(db_path).map_err(|e| anyhow::anyhow!("could not open the database {}: {e}", db_path.display()))?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Marsad · مرصد")
            .with_app_id("marsad")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "marsad",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let persisted: Option<Persisted> = cc.storage.and_then(|s| eframe::get_value(s, app::PERSIST_KEY));
            Ok(Box::new(MarsadApp::new(store, Box::new(NativeDialogs), persisted)))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
