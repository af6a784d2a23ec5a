//! Second chances for files an import could not read on its own.
//!
//! Two things the importer refuses to guess at, because a wrong guess would store garbage:
//! the encoding of a legacy text file when detection is unsure (the import fails it with
//! [`IngestError::UnsureEncoding`]), and which column of a JSON/CSV export holds the article
//! text when the names do not say (it fails with a `--map body=COLUMN` message) or when several
//! columns could fill a field. For each, a small window shows the choice with a preview of
//! what would be stored, and imports the file again with [`IngestOptions`] carrying the
//! user's answer. Nothing is stored until the user has seen the preview.

use std::path::{Path, PathBuf};

use egui::{TextStyle, Ui};

use super::text::bidi_wrapped;
use crate::ingest::decode::decode;
use crate::ingest::records::{ExportSample, Field, FieldMap};
use crate::ingest::{IngestError, IngestOptions};
use crate::model::PageDraft;
use crate::pipeline::ImportReport;

/// Encodings offered when detection is unsure: the Arabic code pages, UTF-8/16 and the
/// Western one that legacy Arabic is most often mistaken for.
pub const ENCODINGS: [&str; 6] = ["UTF-8", "windows-1256", "ISO-8859-6", "UTF-16LE", "UTF-16BE", "windows-1252"];

/// Characters of decoded text shown in the encoding preview.
const PREVIEW_CHARS: usize = 300;
/// Records shown in the mapping preview.
const SAMPLE_RECORDS: usize = 3;
/// The command line's advice in the import's error, and what the window says instead.
const CLI_ADVICE: (&str, &str) = ("map one with --map body=COLUMN", "choose the body column below");

/// Text size of the previews, a little larger than the body text so Arabic reads easily.
/// (Values are drawn with `bidi_wrapped`, not `bidi_label`: the single-line label clips its
/// rectangle at the line height, which cuts off the dots under a final yeh, في → فى.)
fn preview_font(ui: &Ui) -> egui::FontId {
    let body = TextStyle::Body.resolve(ui.style());
    egui::FontId::new(body.size + 2.0, body.family)
}

/// File types whose columns can be mapped.
const EXPORT_EXTENSIONS: [&str; 5] = ["json", "jsonl", "ndjson", "csv", "tsv"];

/// An import the user asked for from one of the windows.
#[derive(Debug, Clone)]
pub struct Reimport {
    pub paths: Vec<PathBuf>,
    pub options: IngestOptions,
}

/// A file whose encoding detection was unsure.
struct UnsureFile {
    path: PathBuf,
    guess: String,
    /// The file's bytes, or why they could not be read again.
    bytes: Result<Vec<u8>, String>,
}

/// The encoding window's state: the files, the encoding chosen, and what each file decodes
/// to with it (computed when the choice changes, not every frame).
pub struct EncodingChoice {
    files: Vec<UnsureFile>,
    /// The chosen WHATWG label.
    pub label: String,
    /// Index of the file whose preview is shown.
    pub shown: usize,
    /// For `decoded_as`: the first characters of each file, or the decoding error.
    decoded: Vec<Result<String, String>>,
    decoded_as: Option<String>,
    /// The options of the import the files failed in (a field mapping is kept).
    base: IngestOptions,
}

/// The mapping window's state for one export file.
pub struct MappingChoice {
    pub path: PathBuf,
    /// Why the window asks (the import's error, or the fields several columns could fill).
    pub reason: String,
    sample: ExportSample,
    /// The column chosen for each field of [`Field::ALL`], `None` for none.
    pub chosen: [Option<String>; 6],
    /// Fields several columns could fill by name, with the candidates, pointed out next to
    /// their combo boxes.
    ambiguous: Vec<(Field, Vec<String>)>,
    /// For `preview_of`: the sampled records as they would import, or the import's error.
    preview: Result<Vec<PageDraft>, String>,
    preview_of: Option<[Option<String>; 6]>,
    base: IngestOptions,
}

impl MappingChoice {
    /// The chosen columns as import options.
    pub fn overrides(&self) -> Vec<(Field, String)> {
        Field::ALL.into_iter().zip(self.chosen.iter()).filter_map(|(f, c)| Some((f, c.clone()?))).collect()
    }

    fn refresh_preview(&mut self) {
        if self.preview_of.as_ref() == Some(&self.chosen) {
            return;
        }
        self.preview = self.sample.preview(&self.overrides()).map_err(|e| e.to_string());
        self.preview_of = Some(self.chosen.clone());
    }
}

/// The open choice windows.
#[derive(Default)]
pub struct ImportChoices {
    pub encoding: Option<EncodingChoice>,
    /// Export files waiting for a mapping; the window shows the first.
    pub mappings: Vec<MappingChoice>,
}

/// The best guess named in an [`IngestError::UnsureEncoding`] message, if `message` is one.
fn unsure_guess(message: &str) -> Option<String> {
    let template = IngestError::UnsureEncoding("\u{1}".into()).to_string();
    let (prefix, suffix) = template.split_once('\u{1}')?;
    message.strip_prefix(prefix)?.strip_suffix(suffix).map(str::to_string)
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// Reads an export's columns and first records the way the import reads the file.
fn sample_export(path: &Path, options: &IngestOptions) -> Result<Option<ExportSample>, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > options.max_file_bytes {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = decode(&bytes, options.encoding.as_deref()).map_err(|e| e.to_string())?.text;
    let ext = extension(path);
    if ext == "json" && crate::ingest::feed::is_json_feed(&text) {
        return Ok(None);
    }
    ExportSample::read(&text, &ext, SAMPLE_RECORDS).map(Some).map_err(|e| e.to_string())
}

impl ImportChoices {
    /// Whether a choice window is open.
    pub fn is_open(&self) -> bool {
        self.encoding.is_some() || !self.mappings.is_empty()
    }

    /// Offers the files of a finished import that failed for want of an encoding or a body
    /// column. `options` are those the import ran with, kept for the next attempt.
    pub fn offer(&mut self, report: &ImportReport, options: &IngestOptions) {
        let mut unsure = Vec::new();
        for (path, why) in &report.failures {
            if let Some(guess) = unsure_guess(why) {
                let bytes = std::fs::read(path).map_err(|e| format!("could not read the file again: {e}"));
                unsure.push(UnsureFile { path: path.clone(), guess, bytes });
            } else if why.contains("--map body=COLUMN") && EXPORT_EXTENSIONS.contains(&extension(path).as_str()) {
                self.offer_mapping(path, why.replace(CLI_ADVICE.0, CLI_ADVICE.1), options);
            }
        }
        // A window still open from an earlier import (with the same other options) takes the
        // new files too, rather than losing its own.
        if let Some(open) = &mut self.encoding
            && open.base.field_map == options.field_map
        {
            unsure.retain(|u| !open.files.iter().any(|f| f.path == u.path));
            open.files.extend(unsure);
            open.decoded_as = None;
            return;
        }
        if !unsure.is_empty() {
            let guess = unsure[0].guess.clone();
            let label = ENCODINGS.iter().find(|e| e.eq_ignore_ascii_case(&guess)).map_or(guess, |e| e.to_string());
            self.encoding = Some(EncodingChoice {
                files: unsure,
                label,
                shown: 0,
                decoded: Vec::new(),
                decoded_as: None,
                base: IngestOptions { encoding: None, ..options.clone() },
            });
        }
    }

    /// Takes out of `paths` the export files whose columns are ambiguous and offers them in
    /// the mapping window instead: importing them on a guess would store the wrong text.
    /// Only files named directly are looked at (not the contents of folders).
    pub fn hold_back_ambiguous(&mut self, paths: &mut Vec<PathBuf>, options: &IngestOptions) {
        if !options.field_map.is_empty() {
            return;
        }
        paths.retain(|path| {
            if !path.is_file() || !EXPORT_EXTENSIONS.contains(&extension(path).as_str()) {
                return true;
            }
            let Ok(Some(sample)) = sample_export(path, options) else { return true };
            let map = FieldMap::guess(&sample.columns, &options.field_map);
            if map.ambiguous.is_empty() {
                return true;
            }
            let fields: Vec<String> = map
                .ambiguous
                .iter()
                .map(|(f, columns)| format!("{} could be {}", f.name(), columns.join(" or ")))
                .collect();
            let reason = format!("several columns fit: {}", fields.join("; "));
            self.push_mapping(path, reason, sample, options);
            false
        });
    }

    fn offer_mapping(&mut self, path: &Path, reason: String, options: &IngestOptions) {
        if let Ok(Some(sample)) = sample_export(path, options) {
            self.push_mapping(path, reason, sample, options);
        }
    }

    fn push_mapping(&mut self, path: &Path, reason: String, sample: ExportSample, options: &IngestOptions) {
        if self.mappings.iter().any(|m| m.path == path) {
            return;
        }
        let guess = FieldMap::guess(&sample.columns, &options.field_map);
        let chosen = Field::ALL.map(|f| guess.column(f).map(str::to_string));
        self.mappings.push(MappingChoice {
            path: path.to_path_buf(),
            reason,
            sample,
            chosen,
            ambiguous: guess.ambiguous.clone(),
            preview: Err(String::new()),
            preview_of: None,
            base: IngestOptions { field_map: Vec::new(), ..options.clone() },
        });
    }

    /// Draws the open windows; returns the imports the user asked for. `busy` (an import is
    /// running) disables the import buttons, since only one import runs at a time.
    pub fn ui(&mut self, ctx: &egui::Context, busy: bool) -> Vec<Reimport> {
        let mut asked = Vec::new();
        if let Some(reimport) = self.encoding_ui(ctx, busy) {
            asked.push(reimport);
        }
        if let Some(reimport) = self.mapping_ui(ctx, busy) {
            asked.push(reimport);
        }
        asked
    }

    fn encoding_ui(&mut self, ctx: &egui::Context, busy: bool) -> Option<Reimport> {
        let choice = self.encoding.as_mut()?;
        if choice.decoded_as.as_deref() != Some(choice.label.as_str()) {
            choice.decoded = choice
                .files
                .iter()
                .map(|f| {
                    let bytes = f.bytes.as_ref().map_err(Clone::clone)?;
                    let text = decode(bytes, Some(&choice.label)).map_err(|e| e.to_string())?.text;
                    Ok(text.chars().take(PREVIEW_CHARS).collect::<String>().replace("\r\n", "\n").replace('\r', "\n"))
                })
                .collect();
            choice.decoded_as = Some(choice.label.clone());
        }
        let mut open = true;
        let mut go = false;
        let mut cancel = false;
        egui::Window::new("Choose the encoding")
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .default_pos(ctx.content_rect().center() - egui::vec2(280.0, 220.0))
            .show(ctx, |ui| {
                ui.label(
                    "The encoding of these files could not be told for certain. Choose one and check \
                     the preview: if the text does not read correctly, it would be stored garbled.",
                );
                ui.add_space(4.0);
                for (i, (file, decoded)) in choice.files.iter().zip(&choice.decoded).enumerate() {
                    ui.horizontal(|ui| {
                        let name = file.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        if ui
                            .selectable_label(choice.shown == i, name)
                            .on_hover_text(file.path.display().to_string())
                            .clicked()
                        {
                            choice.shown = i;
                        }
                        ui.weak(format!("best guess {}", file.guess));
                        if decoded.is_err() {
                            ui.colored_label(ui.visuals().error_fg_color, "cannot be read as this encoding");
                        }
                    });
                }
                ui.add_space(4.0);
                egui::ComboBox::from_label("Encoding").selected_text(choice.label.as_str()).show_ui(ui, |ui| {
                    let guesses = choice.files.iter().map(|f| f.guess.as_str());
                    let mut offered: Vec<&str> = ENCODINGS.to_vec();
                    for g in guesses {
                        if !offered.iter().any(|e| e.eq_ignore_ascii_case(g)) {
                            offered.push(g);
                        }
                    }
                    for label in offered {
                        ui.selectable_value(&mut choice.label, label.to_string(), label);
                    }
                });
                ui.separator();
                let shown = choice.shown.min(choice.files.len().saturating_sub(1));
                ui.weak(format!(
                    "Preview of {} as {}:",
                    choice.files[shown].path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
                    choice.label
                ));
                egui::ScrollArea::vertical().max_height(180.0).id_salt("encoding_preview").show(ui, |ui| match &choice
                    .decoded[shown]
                {
                    Ok(text) => {
                        bidi_wrapped(ui, text, preview_font(ui), None);
                    }
                    Err(why) => {
                        ui.colored_label(ui.visuals().error_fg_color, why);
                    }
                });
                ui.separator();
                let readable = choice.decoded.iter().all(Result::is_ok);
                ui.horizontal(|ui| {
                    let button = ui
                        .add_enabled(readable && !busy, egui::Button::new("Import with this encoding"))
                        .on_disabled_hover_text(if busy {
                            "Wait for the running import to finish."
                        } else {
                            "Some files cannot be read in this encoding."
                        });
                    go = button.clicked();
                    cancel = ui.button("Cancel").clicked();
                });
            });
        if go {
            let choice = self.encoding.take()?;
            let options = IngestOptions { encoding: Some(choice.label.clone()), ..choice.base };
            return Some(Reimport { paths: choice.files.into_iter().map(|f| f.path).collect(), options });
        }
        if cancel || !open {
            self.encoding = None;
        }
        None
    }

    fn mapping_ui(&mut self, ctx: &egui::Context, busy: bool) -> Option<Reimport> {
        let choice = self.mappings.first_mut()?;
        choice.refresh_preview();
        let waiting = self.mappings.len() - 1;
        let choice = &mut self.mappings[0];
        let mut open = true;
        let mut go = false;
        let mut skip = false;
        egui::Window::new("Map the columns")
            .open(&mut open)
            .collapsible(false)
            .default_width(640.0)
            .default_pos(ctx.content_rect().center() - egui::vec2(320.0, 260.0))
            .show(ctx, |ui| {
                let name = choice.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                ui.strong(&name).on_hover_text(choice.path.display().to_string());
                ui.label(&choice.reason);
                if waiting > 0 {
                    ui.weak(format!("{waiting} more file{} after this one", if waiting == 1 { "" } else { "s" }));
                }
                ui.add_space(4.0);
                mapping_fields_ui(ui, choice);
                ui.separator();
                ui.strong(format!("The first {SAMPLE_RECORDS} records as they would import"));
                egui::ScrollArea::vertical().max_height(300.0).id_salt("mapping_preview").show(ui, |ui| {
                    preview_ui(ui, choice);
                });
                ui.separator();
                ui.horizontal(|ui| {
                    let button = ui
                        .add_enabled(choice.preview.is_ok() && !busy, egui::Button::new("Import with this mapping"))
                        .on_disabled_hover_text(if busy {
                            "Wait for the running import to finish."
                        } else {
                            "The records cannot be imported with this mapping (see the preview)."
                        });
                    go = button.clicked();
                    skip = ui.button("Skip this file").clicked();
                });
            });
        if go {
            let choice = self.mappings.remove(0);
            let options = IngestOptions { field_map: choice.overrides(), ..choice.base };
            return Some(Reimport { paths: vec![choice.path], options });
        }
        if skip || !open {
            self.mappings.remove(0);
        }
        None
    }
}

/// One combo box per field: the file's columns, or none.
fn mapping_fields_ui(ui: &mut Ui, choice: &mut MappingChoice) {
    let overrides = choice.overrides();
    let guess = FieldMap::guess(&choice.sample.columns, &overrides);
    egui::Grid::new("mapping_fields").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            let selected = choice.chosen[i].clone().unwrap_or_else(|| "none".to_string());
            egui::ComboBox::from_label(field.name()).selected_text(selected).width(220.0).show_ui(ui, |ui| {
                ui.selectable_value(&mut choice.chosen[i], None, "none");
                for column in &choice.sample.columns {
                    ui.selectable_value(&mut choice.chosen[i], Some(column.clone()), column);
                }
            });
            // The importer fills an unmapped field from a column with a known name; say so
            // rather than let "none" promise an empty field.
            match (&choice.chosen[i], guess.column(field)) {
                (None, Some(by_name)) => {
                    ui.weak(format!("(still filled from '{by_name}' by its name)"));
                }
                _ if let Some((_, candidates)) = choice.ambiguous.iter().find(|(f, _)| *f == field) => {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("several columns fit: {}", candidates.join(", ")),
                    );
                }
                _ => {
                    ui.label("");
                }
            }
            ui.end_row();
        }
    });
}

/// The sampled records under the chosen mapping, or the error the import would give.
fn preview_ui(ui: &mut Ui, choice: &MappingChoice) {
    let font = preview_font(ui);
    match &choice.preview {
        Ok(pages) => {
            for (n, page) in pages.iter().enumerate() {
                let a = &page.main;
                let body: String = a.body.chars().take(160).collect::<String>().replace('\n', " ");
                let values = [
                    ("title", a.title.as_str()),
                    ("body", body.as_str()),
                    ("date", a.published.as_deref().unwrap_or("")),
                    ("source", a.source.as_deref().unwrap_or("")),
                    ("url", a.url.as_deref().unwrap_or("")),
                    ("author", a.author.as_deref().unwrap_or("")),
                ];
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    ui.weak(format!("Record {}", n + 1));
                    for (field, value) in values {
                        ui.horizontal(|ui| {
                            ui.add_sized([56.0, 18.0], egui::Label::new(egui::RichText::new(field).weak()));
                            if value.is_empty() {
                                ui.weak("—");
                            } else {
                                bidi_wrapped(ui, value, font.clone(), None);
                            }
                        });
                    }
                });
            }
        }
        Err(why) => {
            ui.colored_label(ui.visuals().error_fg_color, why.replace(CLI_ADVICE.0, "choose the body column above"));
            // The raw records, so the user can see which column holds the text.
            for (n, record) in choice.sample.records().iter().enumerate() {
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    ui.weak(format!("Record {} as in the file", n + 1));
                    for (column, value) in record {
                        ui.horizontal(|ui| {
                            ui.add_sized(
                                [110.0, 18.0],
                                egui::Label::new(egui::RichText::new(format!("{column}:")).weak()).truncate(),
                            );
                            let value: String = value.chars().take(160).collect::<String>().replace('\n', " ");
                            bidi_wrapped(ui, &value, font.clone(), None);
                        });
                    }
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_guess_from_an_unsure_encoding_failure() {
        let message = IngestError::UnsureEncoding("windows-1256".into()).to_string();
        assert_eq!(unsure_guess(&message).as_deref(), Some("windows-1256"));
        assert_eq!(unsure_guess("the file is empty"), None);
    }

    #[test]
    fn a_second_import_adds_its_unsure_files_to_the_open_window() {
        let dir = tempfile::tempdir().unwrap();
        let unsure = IngestError::UnsureEncoding("windows-1256".into()).to_string();
        let mut choices = ImportChoices::default();
        for name in ["a.txt", "b.txt", "a.txt"] {
            let path = dir.path().join(name);
            std::fs::write(&path, b"\xe3\xd1\xcd\xc8\xc7").unwrap();
            let report = ImportReport { failures: vec![(path, unsure.clone())], ..Default::default() };
            choices.offer(&report, &IngestOptions::default());
        }
        let open = choices.encoding.as_ref().unwrap();
        assert_eq!(open.files.len(), 2);
        assert_eq!(open.label, "windows-1256");
        assert!(choices.mappings.is_empty());
    }
}
