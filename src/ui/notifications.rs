//! Non-blocking notifications ("toasts") in the bottom-right corner.

use egui::{Align2, Color32, Ui, vec2};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    Error,
}

#[derive(Debug, Clone)]
pub struct Toast {
    pub level: Level,
    pub text: String,
    /// egui time at which it disappears.
    expires: f64,
}

/// Queue of visible notifications.
#[derive(Default)]
pub struct Notifications {
    toasts: Vec<Toast>,
    /// Time of the last frame, so messages can be pushed from outside a frame.
    now: f64,
}

impl Notifications {
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        let seconds = if level == Level::Error { 12.0 } else { 6.0 };
        self.toasts.push(Toast { level, text: text.into(), expires: self.now + seconds });
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text);
    }

    pub fn success(&mut self, text: impl Into<String>) {
        self.push(Level::Success, text);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text);
    }

    /// The notifications on screen now.
    pub fn visible(&self) -> &[Toast] {
        &self.toasts
    }

    /// Draws the notifications; each can be dismissed with ×.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        let now = self.now;
        self.toasts.retain(|t| t.expires > now);
        if self.toasts.is_empty() {
            return;
        }
        let mut dismiss = None;
        egui::Area::new(egui::Id::unique("marsad_notifications"))
            .anchor(Align2::RIGHT_BOTTOM, vec2(-12.0, -34.0))
            .order(egui::Order::Foreground)
            .show(&ctx, |ui| {
                ui.set_max_width(380.0);
                for (i, t) in self.toasts.iter().enumerate() {
                    let stroke = match t.level {
                        Level::Info => Color32::from_rgb(90, 140, 220),
                        Level::Success => Color32::from_rgb(60, 170, 90),
                        Level::Error => Color32::from_rgb(220, 70, 60),
                    };
                    egui::Frame::popup(ui.style()).stroke(egui::Stroke::new(1.5, stroke)).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label(egui::RichText::new(&t.text));
                            if ui.small_button("×").clicked() {
                                dismiss = Some(i);
                            }
                        });
                    });
                }
            });
        if let Some(i) = dismiss {
            self.toasts.remove(i);
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
    }
}
