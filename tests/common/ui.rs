//! The real app in an egui_kittest harness, for the UI tests.

use std::time::Duration;

use egui_kittest::Harness;
use marsad::ui::MarsadApp;

/// The app in a 1400×900 window, driven frame by frame.
pub fn harness(app: MarsadApp) -> Harness<'static, MarsadApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut MarsadApp| app.ui(ui), app)
}

/// Steps until the background import is done.
pub fn wait_for_import(h: &mut Harness<'_, MarsadApp>) {
    // Generous: a debug build of the extractor is slow on a loaded machine.
    for _ in 0..6000 {
        h.step();
        if !h.state().importing() {
            h.run_steps(3);
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("import did not finish");
}
