//! ARX's CSV layout of a hierarchy: delimiter-separated fields, no header, one row per line,
//! fields optionally quoted with `"` (a quote inside written `""`).

use crate::Error;

/// Splits `bytes` into rows of fields. Empty lines (after removing a trailing `\r`) are
/// skipped; a UTF-8 byte-order mark at the start is ignored.
pub(crate) fn parse(bytes: &[u8], delimiter: u8) -> Result<Vec<Vec<String>>, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rows = Vec::new();
    for (idx, line) in bytes.split(|&byte| byte == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let text = std::str::from_utf8(line).map_err(|_| Error::HierarchyUnreadable {
            line: idx + 1,
            problem: "it is not UTF-8 text",
        })?;
        rows.push(
            fields(text, char::from(delimiter)).ok_or(Error::HierarchyUnreadable {
                line: idx + 1,
                problem: "a quoted field is not closed, or text follows its closing quote",
            })?,
        );
    }
    Ok(rows)
}

/// The fields of one line, or `None` when its quoting is broken.
fn fields(line: &str, delimiter: char) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    other => field.push(other),
                }
            }
            match chars.next() {
                None => {
                    fields.push(field);
                    return Some(fields);
                }
                Some(next) if next == delimiter => fields.push(field),
                Some(_) => return None,
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(field);
                        return Some(fields);
                    }
                    Some(next) if next == delimiter => break,
                    Some(other) => field.push(other),
                }
            }
            fields.push(field);
        }
    }
}

/// Writes `rows` one per line, fields quoted when they need it.
pub(super) fn write(rows: &[Vec<String>], delimiter: u8) -> String {
    let delimiter = char::from(delimiter);
    let mut out = String::new();
    for row in rows {
        for (idx, field) in row.iter().enumerate() {
            if idx > 0 {
                out.push(delimiter);
            }
            if field.contains([delimiter, '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&field.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(field);
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_arx_files_with_crlf_quotes_and_blank_lines() -> Result<(), Error> {
        let text = b"\xEF\xBB\xBF39;35-39;*\r\n\r\n\"a;b\";\"say \"\"hi\"\"\";*\n;empty;*";
        let rows = parse(text, b';')?;
        assert_eq!(
            rows,
            [
                vec!["39", "35-39", "*"],
                vec!["a;b", "say \"hi\"", "*"],
                vec!["", "empty", "*"],
            ]
        );
        assert_eq!(parse(&write(&rows, b';').into_bytes(), b';')?, rows);
        Ok(())
    }

    #[test]
    fn broken_lines_are_reported_by_number() {
        assert_eq!(
            parse(b"a;*\n\"b;*\n", b';'),
            Err(Error::HierarchyUnreadable {
                line: 2,
                problem: "a quoted field is not closed, or text follows its closing quote",
            })
        );
        assert_eq!(
            parse(b"a;*\n\"b\"x;*", b';')
                .err()
                .map(|e| e.to_string().contains("line 2")),
            Some(true)
        );
        assert_eq!(
            parse(b"a;*\n\xFF;*", b';'),
            Err(Error::HierarchyUnreadable {
                line: 2,
                problem: "it is not UTF-8 text"
            })
        );
    }
}
