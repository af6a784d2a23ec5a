//! The panels beside the text: entities grouped by type, and quotations.

use egui::{FontId, Sense, Shape, Ui};

use crate::model::{EntityType, QuoteKind};

use super::reader::{ReaderState, entity_color, entity_type_name};
use super::text;

/// A full-width clickable row: draws `contents`, then a hover/selection background behind it.
pub fn clickable_row(ui: &mut Ui, selected: bool, label: &str, contents: impl FnOnce(&mut Ui)) -> egui::Response {
    let bg = ui.painter().add(Shape::Noop);
    let inner = ui.scope(|ui| {
        ui.set_min_width(ui.available_width());
        contents(ui);
    });
    let response = inner.response.interact(Sense::click());
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, label));
    let visuals = ui.visuals();
    let fill = if selected {
        Some(visuals.selection.bg_fill.gamma_multiply(0.5))
    } else if response.hovered() {
        Some(visuals.widgets.hovered.weak_bg_fill)
    } else {
        None
    };
    if let Some(fill) = fill {
        ui.painter().set(bg, Shape::rect_filled(response.rect.expand(2.0), 4.0, fill));
    }
    response
}

/// Entities of the open article, grouped by type.
pub fn entities_ui(ui: &mut Ui, reader: &mut ReaderState) {
    let Some(doc) = &reader.doc else {
        ui.weak("No article open.");
        return;
    };
    if doc.entities.is_empty() {
        ui.weak("No entities found in this article.");
        return;
    }
    let selected = reader.selected_entity;
    let mut clicked = None;
    let name_font = FontId::proportional(15.0);
    let small = FontId::proportional(12.5);

    // The navigation bar is always there, so selecting does not move the list under the pointer.
    let current = selected.and_then(|id| doc.entities.iter().find(|g| g.entity == id));
    let n = current.map_or(0, |e| e.mentions.len());
    let canonical = current.map(|e| e.canonical.clone());
    let cursor = reader.entity_cursor;
    let mut step = None;
    ui.horizontal(|ui| {
        ui.add_enabled_ui(current.is_some(), |ui| {
            if ui.button("Prev").on_hover_text("Previous mention (p)").clicked() {
                step = Some(false);
            }
            ui.label(if n > 0 { format!("{}/{}", cursor + 1, n) } else { "–".into() });
            if ui.button("Next").on_hover_text("Next mention (n)").clicked() {
                step = Some(true);
            }
        });
        match &canonical {
            Some(name) => {
                text::bidi_label(ui, name, name_font.clone(), None, false);
            }
            None => {
                ui.weak("click an entity");
            }
        }
    });
    if let Some(forward) = step {
        reader.step_mention(forward);
    }
    ui.separator();
    let Some(doc) = &reader.doc else { return };

    egui::ScrollArea::vertical().id_salt("entities_scroll").auto_shrink([false, false]).show(ui, |ui| {
        for t in EntityType::ALL {
            let group: Vec<_> = doc.entities.iter().filter(|g| g.entity_type == t).collect();
            if group.is_empty() {
                continue;
            }
            let total: usize = group.iter().map(|g| g.mentions.len()).sum();
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let (r, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
                ui.painter().rect_filled(r, 2.0, entity_color(t, true));
                ui.strong(format!("{} ({}, {} mentions)", entity_type_name(t), group.len(), total));
            });
            for g in group {
                let is_sel = selected == Some(g.entity);
                let r = clickable_row(ui, is_sel, &g.canonical, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(format!("{:>2}×", g.mentions.len()));
                        text::bidi_label(ui, &g.canonical, name_font.clone(), None, false);
                    });
                    if !g.aliases.is_empty() {
                        ui.horizontal_wrapped(|ui| {
                            ui.weak("also:");
                            for a in &g.aliases {
                                text::bidi_label(ui, a, small.clone(), Some(ui.visuals().weak_text_color()), false);
                            }
                        });
                    }
                });
                if r.clicked() {
                    clicked = Some(g.entity);
                }
            }
        }
    });
    if let Some(id) = clicked {
        if selected == Some(id) {
            reader.selected_entity = None;
        } else {
            reader.select_entity(id);
        }
    }
}

/// Quotations of the open article.
pub fn quotes_ui(ui: &mut Ui, reader: &mut ReaderState) {
    let Some(doc) = &reader.doc else {
        ui.weak("No article open.");
        return;
    };
    if doc.quotes.is_empty() {
        ui.weak("No quotations found in this article.");
        return;
    }
    let now = ui.input(|i| i.time);
    let selected = reader.selected_quote;
    let mut clicked = None;
    let body_font = FontId::proportional(14.5);
    // Long articles can hold over a thousand quotes: show them a page at a time, so the panel
    // costs little per frame.
    const PAGE: usize = 100;
    let shown_id = egui::Id::unique(("marsad_quotes_shown", doc.article.id));
    let mut shown = ui.data(|d| d.get_temp::<usize>(shown_id)).unwrap_or(PAGE);
    if let Some(sel) = selected {
        shown = shown.max(sel + 1);
    }
    let total = doc.quotes.len();
    egui::ScrollArea::vertical().id_salt("quotes_scroll").auto_shrink([false, false]).show(ui, |ui| {
        for (i, q) in doc.quotes.iter().enumerate().take(shown) {
            let speaker = q.speaker.clone().unwrap_or_else(|| "unattributed".into());
            let label = format!("Quote {}: {}", i + 1, speaker);
            let r = clickable_row(ui, selected == Some(i), &label, |ui| {
                ui.horizontal(|ui| {
                    let (kind, color) = match q.kind {
                        QuoteKind::Direct => ("direct", egui::Color32::from_rgb(170, 90, 220)),
                        QuoteKind::Indirect => ("indirect", egui::Color32::from_rgb(120, 120, 160)),
                    };
                    ui.label(egui::RichText::new(format!("{} · {kind}", i + 1)).small().color(color));
                });
                // Speaker and cue as one bidi paragraph, so Arabic reads right to left and long
                // attributions wrap instead of being cut.
                let who = match &q.cue {
                    Some(cue) => format!("{speaker} — {cue}"),
                    None => speaker.clone(),
                };
                text::bidi_wrapped(ui, &who, FontId::proportional(15.0), Some(ui.visuals().strong_text_color()));
                let mut shown: String = q.text.chars().take(280).collect();
                if shown.len() < q.text.len() {
                    shown.push('…');
                }
                text::bidi_wrapped(ui, &shown, body_font.clone(), None);
            });
            if r.clicked() {
                clicked = Some(i);
            }
            ui.separator();
        }
        if shown < total {
            let more = PAGE.min(total - shown);
            if ui.button(format!("Show {more} more ({shown} of {total} shown)")).clicked() {
                shown += more;
            }
        }
    });
    ui.data_mut(|d| d.insert_temp(shown_id, shown));
    if let Some(i) = clicked {
        reader.focus_quote(i, now);
    }
}
