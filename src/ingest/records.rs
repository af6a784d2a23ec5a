//! Exports from other tools: JSON (an object or an array), JSON Lines and CSV. Each record is
//! an article; its fields are found by name (title/headline, content/body/text/article, …) or
//! by an explicit mapping the user gives (`--map body=story_text`).

use serde_json::Value;

use super::{IngestError, dates::parse_date, language::detect, text_page::clean_paragraphs};
use crate::model::{ArticleDraft, PageDraft};

/// The article fields a record can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Body,
    Date,
    Source,
    Url,
    Author,
}

impl Field {
    pub const ALL: [Field; 6] = [Field::Title, Field::Body, Field::Date, Field::Source, Field::Url, Field::Author];

    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Date => "date",
            Field::Source => "source",
            Field::Url => "url",
            Field::Author => "author",
        }
    }

    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name.trim().to_ascii_lowercase())
    }

    /// Column names that mean this field, best first, compared after [`key`].
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["title", "headline", "heading", "subject", "name", "العنوان"],
            Field::Body => &[
                "content",
                "body",
                "text",
                "article",
                "fulltext",
                "articletext",
                "story",
                "description",
                "summary",
                "النص",
                "المحتوى",
            ],
            Field::Date => &[
                "date",
                "published",
                "pubdate",
                "datepublished",
                "publishedat",
                "publicationdate",
                "publishdate",
                "dateextracted",
                "created",
                "time",
                "التاريخ",
            ],
            Field::Source => &["source", "publisher", "site", "sitename", "domain", "outlet", "medium", "المصدر"],
            Field::Url => &["url", "link", "href", "permalink", "uri", "الرابط"],
            Field::Author => &["author", "byline", "authors", "writer", "creator", "الكاتب"],
        }
    }
}

/// Column names compared without case, spaces, underscores or dashes.
fn key(column: &str) -> String {
    column.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Which column fills which field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    pub columns: Vec<(Field, String)>,
    /// Fields more than one column could fill, with the candidates: the window asks the user.
    pub ambiguous: Vec<(Field, Vec<String>)>,
}

impl FieldMap {
    pub fn column(&self, field: Field) -> Option<&str> {
        self.columns.iter().find(|(f, _)| *f == field).map(|(_, c)| c.as_str())
    }

    /// Guesses the mapping from column names; `overrides` (field, column) win.
    pub fn guess(columns: &[String], overrides: &[(Field, String)]) -> FieldMap {
        let mut map = FieldMap::default();
        let mut used: Vec<&str> = overrides.iter().map(|(_, c)| c.as_str()).collect();
        for field in Field::ALL {
            if let Some((_, column)) = overrides.iter().find(|(f, _)| *f == field) {
                map.columns.push((field, column.clone()));
                continue;
            }
            let candidates: Vec<&String> = field
                .synonyms()
                .iter()
                .flat_map(|syn| columns.iter().filter(move |c| key(c) == *syn))
                .filter(|c| !used.contains(&c.as_str()))
                .collect();
            if let Some(best) = candidates.first() {
                used.push(best.as_str());
                map.columns.push((field, (*best).clone()));
                if candidates.len() > 1 {
                    map.ambiguous.push((field, candidates.iter().map(|c| (*c).clone()).collect()));
                }
            }
        }
        map
    }
}

/// Parses `field=column` as given on the command line.
pub fn parse_mapping(spec: &str) -> Result<(Field, String), String> {
    let (field, column) = spec.split_once('=').ok_or_else(|| format!("'{spec}': write FIELD=COLUMN"))?;
    let field = Field::parse(field)
        .ok_or_else(|| format!("'{field}' is not a field; use one of {}", Field::ALL.map(Field::name).join(", ")))?;
    Ok((field, column.trim().to_string()))
}

/// One record's values by column name, kept in file order.
type Record = Vec<(String, Option<String>)>;

fn to_page(record: &Record, map: &FieldMap, index: usize) -> Result<Option<PageDraft>, IngestError> {
    let get = |field: Field| -> Option<String> {
        let column = map.column(field)?;
        record
            .iter()
            .find(|(c, _)| c == column)
            .and_then(|(_, v)| v.clone())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let body = get(Field::Body).map(|b| clean_paragraphs(b.lines()).join("\n\n")).unwrap_or_default();
    let title = get(Field::Title).unwrap_or_default();
    if title.is_empty() && body.is_empty() {
        return Ok(None);
    }
    if body.is_empty() && map.column(Field::Body).is_none() {
        return Err(IngestError::Malformed(format!(
            "record {}: no column holds the article text; map one with --map body=COLUMN",
            index + 1
        )));
    }
    let main = ArticleDraft {
        language: Some(detect(if body.is_empty() { &title } else { &body })),
        title,
        body,
        published: get(Field::Date).as_deref().and_then(parse_date),
        source: get(Field::Source),
        url: get(Field::Url),
        author: get(Field::Author),
        keywords: Vec::new(),
    };
    Ok(Some(PageDraft { main, ..Default::default() }))
}

fn to_pages(
    records: &[Record],
    columns: &[String],
    overrides: &[(Field, String)],
) -> Result<Vec<PageDraft>, IngestError> {
    let map = FieldMap::guess(columns, overrides);
    for (field, column) in overrides {
        if !columns.contains(column) {
            return Err(IngestError::Malformed(format!(
                "--map {}={column}: there is no column '{column}'",
                field.name()
            )));
        }
    }
    let mut pages = Vec::new();
    for (index, record) in records.iter().enumerate() {
        if let Some(page) = to_page(record, &map, index)? {
            pages.push(page);
        }
    }
    if pages.is_empty() {
        return Err(IngestError::NoArticle);
    }
    Ok(pages)
}

/// A JSON value as record text: strings as they are, numbers as written; other types are an
/// error, because a title that is an object means the mapping is wrong.
fn json_text(value: &Value, column: &str, index: usize) -> Result<Option<String>, IngestError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Array(items) if items.iter().all(Value::is_string) => {
            Ok(Some(items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")))
        }
        other => Err(IngestError::Malformed(format!(
            "record {}: field '{column}' should be text, found {}",
            index + 1,
            match other {
                Value::Bool(_) => "true/false",
                Value::Array(_) => "a list",
                _ => "an object",
            }
        ))),
    }
}

fn json_records(objects: &[&serde_json::Map<String, Value>], fields: &[String]) -> Result<Vec<Record>, IngestError> {
    let mut records = Vec::with_capacity(objects.len());
    for (index, object) in objects.iter().enumerate() {
        let mut record = Vec::new();
        for (column, value) in object.iter() {
            // Only mapped columns must be text; extra columns of any type are ignored.
            if fields.contains(column) {
                record.push((column.clone(), json_text(value, column, index)?));
            }
        }
        records.push(record);
    }
    Ok(records)
}

fn columns_of(objects: &[&serde_json::Map<String, Value>]) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for object in objects {
        for column in object.keys() {
            if !columns.contains(column) {
                columns.push(column.clone());
            }
        }
    }
    columns
}

fn from_objects(
    objects: &[&serde_json::Map<String, Value>],
    overrides: &[(Field, String)],
) -> Result<Vec<PageDraft>, IngestError> {
    let columns = columns_of(objects);
    let map = FieldMap::guess(&columns, overrides);
    let mapped: Vec<String> = map.columns.iter().map(|(_, c)| c.clone()).collect();
    to_pages(&json_records(objects, &mapped)?, &columns, overrides)
}

/// JSON: an array of records, an object holding such an array (`{"articles": [...]}`), or
/// a single record.
pub fn parse_json(text: &str, overrides: &[(Field, String)]) -> Result<Vec<PageDraft>, IngestError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| IngestError::Malformed(format!("not valid JSON: {e}")))?;
    let not_records =
        || IngestError::Malformed("the JSON holds no article records (expected objects with a title or text)".into());
    let objects: Vec<&serde_json::Map<String, Value>> = match &value {
        Value::Array(items) => items.iter().map(|v| v.as_object().ok_or_else(not_records)).collect::<Result<_, _>>()?,
        Value::Object(object) => {
            let nested =
                object.values().find_map(|v| v.as_array().filter(|a| !a.is_empty() && a.iter().all(Value::is_object)));
            match nested {
                Some(items) => items.iter().filter_map(Value::as_object).collect(),
                None => vec![object],
            }
        }
        _ => return Err(not_records()),
    };
    from_objects(&objects, overrides)
}

/// JSON Lines: one record object per line; blank lines are allowed.
pub fn parse_jsonl(text: &str, overrides: &[(Field, String)]) -> Result<Vec<PageDraft>, IngestError> {
    let mut values = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let value: Value = serde_json::from_str(line)
            .map_err(|e| IngestError::Malformed(format!("line {}: not valid JSON: {e}", n + 1)))?;
        if !value.is_object() {
            return Err(IngestError::Malformed(format!("line {}: expected a record object", n + 1)));
        }
        values.push(value);
    }
    let objects: Vec<_> = values.iter().filter_map(Value::as_object).collect();
    from_objects(&objects, overrides)
}

/// A strict CSV reader (every row as wide as the header) and the header's column names.
fn csv_with_columns(text: &str, delimiter: u8) -> Result<(csv::Reader<&[u8]>, Vec<String>), IngestError> {
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(false).from_reader(text.as_bytes());
    let columns = reader
        .headers()
        .map_err(|e| IngestError::Malformed(format!("unreadable CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    Ok((reader, columns))
}

/// CSV (or TSV) with a header row. A row with a different number of fields than the header
/// refuses the whole file: the columns can no longer be trusted.
pub fn parse_csv(text: &str, delimiter: u8, overrides: &[(Field, String)]) -> Result<Vec<PageDraft>, IngestError> {
    let (mut reader, columns) = csv_with_columns(text, delimiter)?;
    let mut records = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| match e.kind() {
            csv::ErrorKind::UnequalLengths { pos, expected_len, len } => IngestError::Malformed(format!(
                "CSV row {} has {len} fields but the header has {expected_len}",
                pos.as_ref().map(|p| p.line()).unwrap_or(0)
            )),
            _ => IngestError::Malformed(format!("unreadable CSV: {e}")),
        })?;
        records.push(columns.iter().cloned().zip(row.iter().map(|v| Some(v.to_string()))).collect());
    }
    to_pages(&records, &columns, overrides)
}

/// The columns of an export and its first records, kept so the window can show how they
/// would import under a mapping the user is still choosing, without parsing the whole file
/// again on every change.
#[derive(Debug, Clone)]
pub struct ExportSample {
    /// Every column of the file: CSV in header order, JSON every key of every record in the
    /// order the JSON parser keeps them.
    pub columns: Vec<String>,
    objects: Vec<serde_json::Map<String, Value>>,
    rows: Vec<Record>,
}

impl ExportSample {
    /// Reads `text` (a decoded JSON, JSON Lines, CSV or TSV export, named by `extension`)
    /// and keeps its first `n` records. Fails as the import would on a malformed file.
    pub fn read(text: &str, extension: &str, n: usize) -> Result<ExportSample, IngestError> {
        match extension {
            "csv" | "tsv" => {
                let delimiter = if extension == "tsv" { b'\t' } else { b',' };
                let (mut reader, columns) = csv_with_columns(text, delimiter)?;
                let mut rows = Vec::new();
                for row in reader.records().take(n) {
                    let row = row.map_err(|e| IngestError::Malformed(format!("unreadable CSV: {e}")))?;
                    rows.push(columns.iter().cloned().zip(row.iter().map(|v| Some(v.to_string()))).collect());
                }
                Ok(ExportSample { columns, objects: Vec::new(), rows })
            }
            "json" | "jsonl" | "ndjson" => {
                let values: Vec<Value> = if extension == "json" {
                    // The same record rule as `parse_json`: an array, an object holding one, or
                    // a single record.
                    let value: Value = serde_json::from_str(text)
                        .map_err(|e| IngestError::Malformed(format!("not valid JSON: {e}")))?;
                    match value {
                        Value::Array(items) => items,
                        Value::Object(object) => {
                            let nested = object.values().find_map(|v| {
                                v.as_array().filter(|a| !a.is_empty() && a.iter().all(Value::is_object)).cloned()
                            });
                            nested.unwrap_or_else(|| vec![Value::Object(object)])
                        }
                        _ => Vec::new(),
                    }
                } else {
                    text.lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| {
                            serde_json::from_str(l).map_err(|e| IngestError::Malformed(format!("not valid JSON: {e}")))
                        })
                        .collect::<Result<_, _>>()?
                };
                let all: Vec<serde_json::Map<String, Value>> = values
                    .into_iter()
                    .map(|v| match v {
                        Value::Object(o) => Ok(o),
                        _ => Err(IngestError::Malformed(
                            "the JSON holds no article records (expected objects with a title or text)".into(),
                        )),
                    })
                    .collect::<Result<_, _>>()?;
                let refs: Vec<&serde_json::Map<String, Value>> = all.iter().collect();
                let columns = columns_of(&refs);
                Ok(ExportSample { columns, objects: all.into_iter().take(n).collect(), rows: Vec::new() })
            }
            other => Err(IngestError::Unsupported(other.to_string())),
        }
    }

    /// The first records as (column, value) pairs in file order; JSON values that are not
    /// text are shown as JSON.
    pub fn records(&self) -> Vec<Vec<(String, String)>> {
        if !self.objects.is_empty() {
            return self
                .objects
                .iter()
                .map(|o| {
                    o.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
                        .collect()
                })
                .collect();
        }
        self.rows.iter().map(|r| r.iter().map(|(c, v)| (c.clone(), v.clone().unwrap_or_default())).collect()).collect()
    }

    /// The sampled records as they would import with `overrides`: the same mapping and
    /// record rules as the import itself, so an error here is the error the import would give.
    pub fn preview(&self, overrides: &[(Field, String)]) -> Result<Vec<PageDraft>, IngestError> {
        let records = if self.objects.is_empty() {
            self.rows.clone()
        } else {
            let map = FieldMap::guess(&self.columns, overrides);
            let mapped: Vec<String> = map.columns.iter().map(|(_, c)| c.clone()).collect();
            let refs: Vec<&serde_json::Map<String, Value>> = self.objects.iter().collect();
            json_records(&refs, &mapped)?
        };
        to_pages(&records, &self.columns, overrides)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_columns_by_name_and_reports_ambiguity() {
        let columns: Vec<String> =
            ["Headline", "story_text", "Pub Date", "publisher", "text"].map(String::from).to_vec();
        let map = FieldMap::guess(&columns, &[]);
        assert_eq!(map.column(Field::Title), Some("Headline"));
        assert_eq!(map.column(Field::Body), Some("text"));
        assert_eq!(map.column(Field::Date), Some("Pub Date"));
        assert_eq!(map.column(Field::Source), Some("publisher"));
        let map = FieldMap::guess(&columns, &[(Field::Body, "story_text".into())]);
        assert_eq!(map.column(Field::Body), Some("story_text"));
        let both: Vec<String> = ["title", "content", "body"].map(String::from).to_vec();
        let map = FieldMap::guess(&both, &[]);
        assert_eq!(map.column(Field::Body), Some("content"));
        assert_eq!(map.ambiguous, vec![(Field::Body, vec!["content".to_string(), "body".to_string()])]);
    }

    #[test]
    fn json_array_object_and_lines() {
        let array = r#"[{"headline":"عنوان","content":"نص الخبر هنا.","pubDate":"2025-12-06","site":"الجزيرة"}]"#;
        let pages = parse_json(array, &[]).unwrap();
        assert_eq!(pages[0].main.title, "عنوان");
        assert_eq!(pages[0].main.source.as_deref(), Some("الجزيرة"));
        assert_eq!(pages[0].main.published.as_deref(), Some("2025-12-06"));
        let wrapped = r#"{"count": 2, "articles": [{"title":"A","text":"One."},{"title":"B","text":"Two."}]}"#;
        assert_eq!(parse_json(wrapped, &[]).unwrap().len(), 2);
        let single = r#"{"title":"Only","body":"Just one."}"#;
        assert_eq!(parse_json(single, &[]).unwrap().len(), 1);
        let lines = "{\"title\":\"A\",\"body\":\"One.\"}\n\n{\"title\":\"B\",\"body\":\"Two.\"}\n";
        assert_eq!(parse_jsonl(lines, &[]).unwrap().len(), 2);
    }

    #[test]
    fn wrong_json_types_are_named() {
        let err = parse_json(r#"[{"title":"ok","body":"fine"},{"title":{"x":1},"body":"b"}]"#, &[]).unwrap_err();
        assert_eq!(err.to_string(), "record 2: field 'title' should be text, found an object");
        assert!(parse_json("42", &[]).is_err());
        assert!(parse_json("[1,2]", &[]).is_err());
        assert!(parse_jsonl("{\"title\":\"a\"}\nnot json", &[]).unwrap_err().to_string().starts_with("line 2"));
    }

    #[test]
    fn csv_with_mapping_and_ragged_rows() {
        let csv = "id,headline,story_text\n1,First,\"Body, with comma.\"\n2,Second,Another body.\n";
        let pages = parse_csv(csv, b',', &[(Field::Body, "story_text".into())]).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].main.body, "Body, with comma.");
        let no_body = parse_csv(csv, b',', &[]).unwrap_err();
        assert!(no_body.to_string().contains("--map body=COLUMN"), "{no_body}");
        let ragged = "title,body\nA,one\nB,two,extra\n";
        assert_eq!(
            parse_csv(ragged, b',', &[]).unwrap_err().to_string(),
            "CSV row 3 has 3 fields but the header has 2"
        );
        assert!(parse_mapping("body=story").is_ok());
        assert!(parse_mapping("colour=story").is_err());
    }

    #[test]
    fn export_sample_previews_a_mapping_like_the_import() {
        let csv = "id,headline,story_text\n1,First,One.\n2,Second,Two.\n3,Third,Three.\n";
        let sample = ExportSample::read(csv, "csv", 2).unwrap();
        assert_eq!(sample.columns, ["id", "headline", "story_text"]);
        assert_eq!(sample.records().len(), 2);
        assert_eq!(sample.records()[1][1], ("headline".to_string(), "Second".to_string()));
        assert!(sample.preview(&[]).unwrap_err().to_string().contains("--map body=COLUMN"));
        let pages = sample.preview(&[(Field::Body, "story_text".into())]).unwrap();
        assert_eq!(pages.iter().map(|p| p.main.body.as_str()).collect::<Vec<_>>(), ["One.", "Two."]);

        let json = r#"{"articles":[{"title":"A","content":"x","body":"y"},{"title":"B","content":"z","extra":1}]}"#;
        let sample = ExportSample::read(json, "json", 1).unwrap();
        let mut columns = sample.columns.clone();
        columns.sort();
        assert_eq!(columns, ["body", "content", "extra", "title"]);
        assert_eq!(FieldMap::guess(&sample.columns, &[]).ambiguous[0].0, Field::Body);
        assert_eq!(sample.preview(&[(Field::Body, "body".into())]).unwrap()[0].main.body, "y");
        assert!(ExportSample::read("not json", "json", 3).is_err());
        let lines = "{\"title\":\"A\",\"text\":\"One.\"}\n\n{\"title\":\"B\",\"text\":\"Two.\"}\n";
        assert_eq!(ExportSample::read(lines, "jsonl", 5).unwrap().preview(&[]).unwrap().len(), 2);
    }
}
