//! Reading CSV as the export writes it (RFC 4180): comma-separated, fields quoted with `"` when
//! they hold a comma, a quote or a line break, quotes doubled inside quotes, CRLF or LF lines.
//!
//! Text that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is written with a `'` in front, which spreadsheets show as text and do not
//! run (OWASP's advice against CSV injection); reading takes the `'` off again, so an export
//! imports back unchanged.

/// What a spreadsheet reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` would be read as a formula once any leading quotes it has are taken off.
fn formula_after_quotes(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A text cell made safe for spreadsheets: a `'` in front of what would start a formula (also
/// in front of text that already starts with quotes and then a formula start, so that
/// [`unescape_formula`] gives back exactly the text).
pub fn escape_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if formula_after_quotes(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The text of a cell [`escape_formula`] wrote.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_after_quotes(rest) => rest,
        _ => cell,
    }
}

/// One record of a CSV text: its fields and the line it starts on (1 for the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    /// The line the record starts on.
    pub line: usize,
    /// Its fields, unquoted.
    pub fields: Vec<String>,
}

/// Splits `text` into records; blank lines are skipped. Err names the line of an unclosed
/// quote.
pub fn parse(text: &str) -> Result<Vec<CsvRecord>, usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    let mut touched = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                touched = true;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                touched = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if touched || !field.is_empty() {
                    fields.push(std::mem::take(&mut field));
                    records.push(CsvRecord {
                        line: start,
                        fields: std::mem::take(&mut fields),
                    });
                }
                touched = false;
                line += 1;
                start = line;
            }
            _ => {
                field.push(c);
                touched = true;
            }
        }
    }
    if quoted {
        return Err(start);
    }
    if touched || !field.is_empty() {
        fields.push(field);
        records.push(CsvRecord {
            line: start,
            fields,
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_escaped_and_read_back_unchanged() {
        for (text, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+48 600 100 200", "'+48 600 100 200"),
            ("-1+2", "'-1+2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("'=already", "''=already"),
            ("plain", "plain"),
            ("it's", "it's"),
            ("'quoted'", "'quoted'"),
        ] {
            assert_eq!(escape_formula(text), written, "{text:?}");
            assert_eq!(unescape_formula(written), text, "{written:?}");
        }
    }

    fn fields(text: &str) -> Vec<Vec<String>> {
        parse(text)
            .expect("parses")
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        assert_eq!(
            fields("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\r\n"),
            vec![
                vec!["a".to_string(), "b".into()],
                vec!["x, y".into(), "say \"hi\"".into()],
                vec!["two\nlines".into(), "".into()],
            ]
        );
    }

    #[test]
    fn records_know_their_line_and_blank_lines_are_skipped() {
        let records = parse("h\n\n\"a\nb\"\nc").expect("parses");
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 3, 5]);
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        assert_eq!(parse("a\n\"open,b\n"), Err(2));
    }
}
