//! Keyboard shortcuts: one table used both for handling keys and for the help window.

use egui::{Context, Key, KeyboardShortcut, Modifiers};

/// Something a shortcut asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextArticle,
    PreviousArticle,
    FocusSearch,
    Import,
    ToggleHelp,
    ToggleColumns,
    NextMention,
    PreviousMention,
}

/// Every shortcut, as shown in the help window.
pub const HELP: &[(&str, &str)] = &[
    ("j / Down", "Next article in the library"),
    ("k / Up", "Previous article in the library"),
    ("/", "Search"),
    ("Ctrl+O", "Import files…"),
    ("n / p", "Next / previous mention of the selected entity"),
    ("c", "Entities | Text | Quotes as three columns, or back"),
    ("Ctrl+C", "Copy the selected text"),
    ("1 … 9", "Apply the label with that key to the focused target"),
    ("Tab / Shift+Tab", "Next / previous target: the article, its quotes, its entities"),
    ("a", "Accept the first suggested label"),
    ("Enter / Shift+Enter", "Next / previous article of the tagging session"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo tagging (also after a restart)"),
    ("F1 or ?", "Show or hide this list"),
    ("Esc", "Leave the search field"),
];

/// Reads this frame's keys. Plain-letter shortcuts only apply when no text field has focus.
pub fn read(ctx: &Context) -> Vec<Action> {
    let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::O)) {
            out.push(Action::Import);
        }
        if i.consume_key(Modifiers::NONE, Key::F1) {
            out.push(Action::ToggleHelp);
        }
        if typing {
            return;
        }
        let keys = [
            (Key::J, Action::NextArticle),
            (Key::ArrowDown, Action::NextArticle),
            (Key::K, Action::PreviousArticle),
            (Key::ArrowUp, Action::PreviousArticle),
            (Key::Slash, Action::FocusSearch),
            (Key::N, Action::NextMention),
            (Key::P, Action::PreviousMention),
            (Key::C, Action::ToggleColumns),
        ];
        for (key, action) in keys {
            if i.consume_key(Modifiers::NONE, key) {
                out.push(action);
            }
        }
        // '?' arrives as text (its key differs between layouts).
        if i.events.iter().any(|e| matches!(e, egui::Event::Text(t) if t == "?")) {
            out.push(Action::ToggleHelp);
        }
    });
    out
}

/// The help window.
pub fn help_ui(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts").open(open).collapsible(false).resizable(false).show(ctx, |ui| {
        egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
            for (keys, what) in HELP {
                ui.strong(*keys);
                ui.label(*what);
                ui.end_row();
            }
        });
    });
}
