//! Reading an import file into rows (JSON Lines or CSV, each row with its line), and reading a
//! row's fields.

use super::{ImportFormat, ImportRow, RowError};
use crate::DomainError;
use crate::FieldErrorCode;
use crate::bulk::export::ExportPart;
use crate::rules::csv;
use crate::writes;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Reads `text` in `format` into rows; rows that cannot be read are returned as errors.
pub fn parse(text: &str, format: ImportFormat) -> (Vec<ImportRow>, Vec<RowError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    // Whatever stops a row from being read is a matter of its format.
    let error = |line, field: &str, message: String| RowError {
        source: 0,
        line,
        kind: String::new(),
        key: String::new(),
        field: field.into(),
        code: FieldErrorCode::InvalidFormat,
        message,
    };
    match format {
        ImportFormat::JsonLines => {
            for (index, line) in text.lines().enumerate() {
                let number = index + 1;
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(line) {
                    Ok(Value::Object(mut fields)) => {
                        let kind = match fields.remove("type").as_ref().and_then(Value::as_str) {
                            Some("organisation") => "organisation",
                            Some("cluster") => "cluster",
                            Some("membership") => "membership",
                            other => {
                                errors.push(error(
                                    number,
                                    "type",
                                    format!(
                                        "must be organisation, cluster or membership, not {}",
                                        other.map_or("missing".into(), |t| format!("'{t}'"))
                                    ),
                                ));
                                continue;
                            }
                        };
                        rows.push(ImportRow {
                            source: 0,
                            line: number,
                            kind,
                            fields,
                        });
                    }
                    Ok(_) => errors.push(error(number, "", "must be a JSON object".into())),
                    Err(e) => errors.push(error(number, "", format!("is not valid JSON: {e}"))),
                }
            }
        }
        ImportFormat::Csv => {
            let records = match csv::parse(text) {
                Ok(records) => records,
                Err(line) => {
                    errors.push(error(line, "", "a quoted field is never closed".into()));
                    return (rows, errors);
                }
            };
            let mut records = records.into_iter();
            let Some(header) = records.next() else {
                return (rows, errors);
            };
            let columns = header.fields;
            let kind = [
                (ExportPart::Organisations, "organisation"),
                (ExportPart::Clusters, "cluster"),
                (ExportPart::Memberships, "membership"),
            ]
            .into_iter()
            .find(|(part, _)| columns.iter().any(|c| c == part.columns()[0]))
            .map(|(_, kind)| kind);
            let Some(kind) = kind else {
                errors.push(error(
                    header.line,
                    "",
                    "the header must name the export's columns: registryId (organisations), slug (clusters) or clusterSlug (memberships) first".into(),
                ));
                return (rows, errors);
            };
            for record in records {
                if record.fields.len() != columns.len() {
                    errors.push(error(
                        record.line,
                        "",
                        format!(
                            "has {} fields; the header has {}",
                            record.fields.len(),
                            columns.len()
                        ),
                    ));
                    continue;
                }
                let fields = columns
                    .iter()
                    .zip(record.fields)
                    .filter(|(_, value)| !value.is_empty())
                    .map(|(column, value)| {
                        let value = csv::unescape_formula(&value).to_owned();
                        (column.clone(), Value::String(value))
                    })
                    .collect();
                rows.push(ImportRow {
                    source: 0,
                    line: record.line,
                    kind,
                    fields,
                });
            }
        }
    }
    (rows, errors)
}

/// An optional text field; numbers are taken as their digits (CSV has no types).
pub(super) fn text(fields: &Map<String, Value>, name: &str) -> Result<Option<String>, DomainError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(DomainError::invalid(
            name,
            FieldErrorCode::InvalidFormat,
            "must be text",
        )),
    }
}

pub(super) fn required(fields: &Map<String, Value>, name: &str) -> Result<String, DomainError> {
    text(fields, name)?
        .ok_or_else(|| DomainError::invalid(name, FieldErrorCode::Required, "must be given"))
}

pub(super) fn number(fields: &Map<String, Value>, name: &str) -> Result<Option<i32>, DomainError> {
    text(fields, name)?
        .map(|t| {
            t.trim().parse::<i32>().map_err(|_| {
                DomainError::invalid(
                    name,
                    FieldErrorCode::InvalidFormat,
                    format!("'{t}' is not a whole number"),
                )
            })
        })
        .transpose()
}

/// A closed-set value, named as the API names it.
pub(super) fn value_of<T: for<'de> Deserialize<'de>>(
    fields: &Map<String, Value>,
    name: &str,
    allowed: &str,
) -> Result<Option<T>, DomainError> {
    text(fields, name)?
        .map(|t| {
            serde_json::from_value(Value::String(t.trim().to_owned())).map_err(|_| {
                DomainError::invalid(
                    name,
                    FieldErrorCode::InvalidFormat,
                    format!("'{t}' is not one of {allowed}"),
                )
            })
        })
        .transpose()
}

pub(super) fn set(value: Option<String>) -> writes::Patch<String> {
    value.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_rows_keep_their_line_and_bad_lines_are_reported() {
        let (rows, errors) = parse(
            "{\"type\":\"organisation\",\"name\":\"A\"}\n\nnot json\n{\"type\":\"person\"}\n[1]\n",
            ImportFormat::JsonLines,
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 1);
        assert_eq!(rows[0].kind, "organisation");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert_eq!(errors[1].field, "type");
    }

    #[test]
    fn csv_kind_follows_the_header_and_empty_cells_are_absent() {
        let (rows, errors) = parse(
            "clusterSlug,organisationRegistryId,role,status,joinedOn,leftOn\r\nk,7,MEMBER,,,\r\nshort\r\n",
            ImportFormat::Csv,
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].kind, "membership");
        assert_eq!(rows[0].fields.get("status"), None);
        assert_eq!(rows[0].fields["organisationRegistryId"], "7");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
    }
}
