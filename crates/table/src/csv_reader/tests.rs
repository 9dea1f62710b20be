//! Tests of the CSV reader: parsing, sniffing, errors and limits.

use std::io::Write;

use proptest::prelude::*;

use super::*;
use crate::Column;

fn options() -> CsvOptions {
    CsvOptions::default()
}

fn reader(data: &[u8]) -> Result<CsvReader<&[u8]>, Error> {
    CsvReader::from_reader(data, "input.csv", &options())
}

/// Reads all of `data` into one table, panicking on error.
fn table(data: &[u8]) -> Table {
    read_all(data, &options()).unwrap_or_else(|error| panic!("{error}"))
}

fn read_all(data: &[u8], options: &CsvOptions) -> Result<Table, Error> {
    let mut reader = CsvReader::from_reader(data, "input.csv", options)?;
    let mut table = Table::new(reader.headers().to_vec());
    while let Some(batch) = reader.next_batch()? {
        table.append(&batch)?;
    }
    Ok(table)
}

fn rows(table: &Table) -> Vec<Vec<&str>> {
    (0..table.n_rows())
        .filter_map(|row| table.row(row))
        .collect()
}

fn error_of<T>(result: Result<T, Error>) -> Error {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(error) => error,
    }
}

fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap_or_else(|error| panic!("{error}"));
    (dir, path)
}

#[test]
fn file_reader_can_move_to_another_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<CsvReader<File>>();
    assert_send::<Table>();
}

#[test]
fn round_trip_of_simple_csv() {
    let table = table(b"id,name,age\n1,Ann,34\n2,Bob,\n");
    assert_eq!(table.column_names(), ["id", "name", "age"]);
    assert_eq!(rows(&table), [["1", "Ann", "34"], ["2", "Bob", ""]]);
}

#[test]
fn sniffs_delimiters() {
    for (data, expected) in [
        (&b"a;b\n1;2,5\n"[..], b';'),
        (&b"a\tb\n1\t2\n"[..], b'\t'),
        (&b"a|b\n1|2\n"[..], b'|'),
        (&b"a,b\n1,2\n"[..], b','),
    ] {
        let reader = reader(data).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(reader.delimiter(), expected);
        assert_eq!(reader.headers(), ["a", "b"]);
    }
}

#[test]
fn given_delimiter_overrides_sniffing() {
    let options = CsvOptions {
        delimiter: Some(b';'),
        ..CsvOptions::default()
    };
    let table = read_all(b"a,b;c\n1,2;3\n", &options).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(table.column_names(), ["a,b", "c"]);
}

#[test]
fn tsv_file_name_means_tab() {
    let (_dir, path) = temp_file("visits.TSV", b"a,b\tc\n1,2\t3\n1,2\t4\n");
    let reader = CsvReader::open(&path, &options()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(reader.delimiter(), b'\t');
    assert_eq!(reader.headers(), ["a,b", "c"]);
}

#[test]
fn rejects_unusable_delimiter() {
    for delimiter in [b'"', b'\n', b'\r', 0xE9] {
        let options = CsvOptions {
            delimiter: Some(delimiter),
            ..CsvOptions::default()
        };
        let error = error_of(CsvReader::from_reader(&b"a,b\n"[..], "in.csv", &options));
        assert!(matches!(error, Error::InvalidDelimiter { delimiter: d, .. } if d == delimiter));
    }
}

#[test]
fn strips_byte_order_mark_and_counts_it_in_progress() {
    let data = b"\xEF\xBB\xBFid,name\n1,Ann\n";
    let (_dir, path) = temp_file("bom.csv", data);
    let mut reader = CsvReader::open(&path, &options()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(reader.headers(), ["id", "name"]);
    assert_eq!(reader.total_bytes(), Some(data.len() as u64));
    assert_eq!(reader.bytes_read(), 11);
    let batch = reader
        .next_batch()
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(batch.as_ref().map(rows), Some(vec![vec!["1", "Ann"]]));
    assert_eq!(reader.bytes_read(), data.len() as u64);
    assert_eq!(reader.rows_read(), 1);
    assert!(matches!(reader.next_batch(), Ok(None)));
}

#[test]
fn crlf_line_ends_leave_no_carriage_returns() {
    let table = table(b"id,name\r\n1,Ann\r\n2,\"B\r\nob\"\r\n");
    assert_eq!(table.column_names(), ["id", "name"]);
    assert_eq!(rows(&table), [["1", "Ann"], ["2", "B\r\nob"]]);
}

#[test]
fn quoted_fields_keep_delimiters_quotes_and_newlines() {
    let table = table(b"id,note\n1,\"Doe, Jane\"\n2,\"said \"\"hi\"\"\"\n3,\"two\nlines\"\n");
    assert_eq!(
        rows(&table),
        [
            ["1", "Doe, Jane"],
            ["2", "said \"hi\""],
            ["3", "two\nlines"]
        ]
    );
}

#[test]
fn header_names_are_trimmed() {
    let reader = reader(b" id ,\tname\n1,Ann\n").unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(reader.headers(), ["id", "name"]);
}

#[test]
fn ragged_row_reports_line_number() {
    let data = b"id,note,age\n1,\"multi\nline\",30\n2,Smith\n";
    let error = error_of(read_all(data, &options()));
    assert!(
        matches!(
            error,
            Error::RaggedRow {
                line: 4,
                expected: 3,
                found: 2,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("input.csv, line 4"), "{message}");
    assert!(!message.contains("Smith"), "{message}");
}

#[test]
fn ragged_row_line_counts_crlf_and_blank_lines() {
    let data = b"id,age\r\n1,30\r\n\r\n\r\n2,40,extra\r\n";
    let error = error_of(read_all(data, &options()));
    assert!(
        matches!(
            error,
            Error::RaggedRow {
                line: 5,
                expected: 2,
                found: 3,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn ragged_last_row_without_line_break() {
    let error = error_of(read_all(b"a,b\n1,2\n3", &options()));
    assert!(
        matches!(
            error,
            Error::RaggedRow {
                line: 3,
                found: 1,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn invalid_utf8_reports_line_column_and_offset() {
    let error = error_of(read_all(b"id,name\n1,Ann\n2,Jos\xE9 Garcia\n", &options()));
    assert!(
        matches!(
            error,
            Error::InvalidUtf8 {
                line: 3,
                column: 2,
                byte_offset: 19,
                ..
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("line 3, column 2"), "{message}");
    assert!(
        !message.contains("Garcia") && !message.contains("Jos"),
        "{message}"
    );
}

#[test]
fn invalid_utf8_offset_counts_bom_and_crlf() {
    let error = error_of(read_all(
        b"\xEF\xBB\xBFid,name\r\n\r\n1,Jos\xE9\r\n",
        &options(),
    ));
    assert!(
        matches!(
            error,
            Error::InvalidUtf8 {
                line: 3,
                column: 2,
                byte_offset: 19,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn invalid_utf8_in_header() {
    let error = error_of(reader(b"id,n\xFFme\n1,2\n"));
    assert!(
        matches!(
            error,
            Error::InvalidUtf8 {
                line: 1,
                column: 2,
                byte_offset: 4,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn empty_inputs_are_reported() {
    for data in [&b""[..], b"\xEF\xBB\xBF", b" \r\n\t\n", b"\xEF\xBB\xBF\n"] {
        let error = error_of(reader(data));
        assert!(
            matches!(&error, Error::Empty { file } if file == "input.csv"),
            "{error:?}"
        );
    }
}

#[test]
fn header_only_file_has_no_rows() {
    let mut reader = reader(b"id,name\n").unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(reader.headers(), ["id", "name"]);
    assert!(matches!(reader.next_batch(), Ok(None)));
    assert_eq!(reader.rows_read(), 0);
    let (_dir, path) = temp_file("header.csv", b"id,name");
    let table = read_csv(&path, &options()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        (table.n_rows(), table.column_names()),
        (0, vec!["id", "name"])
    );
}

#[test]
fn empty_header_name_is_reported() {
    let error = error_of(reader(b"id, ,age\n1,2,3\n"));
    assert!(
        matches!(error, Error::EmptyHeader { column: 2, .. }),
        "{error:?}"
    );
}

#[test]
fn duplicate_header_is_reported_after_trimming() {
    let error = error_of(reader(b"id,mrn,name, mrn\n1,2,3,4\n"));
    assert!(
        matches!(
            error,
            Error::DuplicateHeader {
                column: 4,
                first_column: 2,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(!error.to_string().contains("mrn"), "{error}");
}

#[test]
fn missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let error = error_of(read_csv(&dir.path().join("absent.csv"), &options()));
    assert!(
        matches!(&error, Error::Io { file, .. } if file.ends_with("absent.csv")),
        "{error:?}"
    );
}

/// A header line, then one record whose second field never ends.
struct EndlessField {
    header: &'static [u8],
    sent: usize,
}

impl Read for EndlessField {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(rest) = self.header.get(self.sent..).filter(|rest| !rest.is_empty()) {
            let count = rest.len().min(buf.len());
            buf[..count].copy_from_slice(&rest[..count]);
            self.sent += count;
            return Ok(count);
        }
        buf.fill(b'x');
        Ok(buf.len())
    }
}

fn endless(header: &'static [u8], options: &CsvOptions) -> Error {
    let input = EndlessField { header, sent: 0 };
    let mut reader = CsvReader::from_reader(input, "endless.csv", options)
        .unwrap_or_else(|error| panic!("{error}"));
    let error = error_of(reader.next_batch());
    assert!(matches!(reader.next_batch(), Ok(None)));
    error
}

#[test]
fn record_too_large_with_default_limit() {
    let error = endless(b"id,note\n1,\"", &options());
    assert!(
        matches!(
            error,
            Error::RecordTooLarge {
                line: 2,
                limit_bytes: 67_108_864,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn record_too_large_with_small_limit() {
    let options = CsvOptions {
        max_record_bytes: 1024,
        ..CsvOptions::default()
    };
    let error = endless(b"id,note\r\n\r\n1,", &options);
    assert!(
        matches!(
            error,
            Error::RecordTooLarge {
                line: 3,
                limit_bytes: 1024,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("endless.csv, line 3"), "{error}");
}

#[test]
fn batches_split_exactly_and_append_reassembles() {
    let mut data = b"id,city\n".to_vec();
    for row in 0..10 {
        writeln!(data, "{row},{}", ["Boston", "Salem", "Lynn"][row % 3])
            .unwrap_or_else(|error| panic!("{error}"));
    }
    let whole = table(&data);
    for (batch_rows, expected_sizes) in [
        (3, vec![3, 3, 3, 1]),
        (5, vec![5, 5]),
        (10, vec![10]),
        (0, vec![1; 10]),
    ] {
        let options = CsvOptions {
            batch_rows,
            ..CsvOptions::default()
        };
        let mut reader = CsvReader::from_reader(&data[..], "in.csv", &options)
            .unwrap_or_else(|error| panic!("{error}"));
        let mut sizes = Vec::new();
        let mut joined = Table::new(reader.headers().to_vec());
        while let Some(batch) = reader
            .next_batch()
            .unwrap_or_else(|error| panic!("{error}"))
        {
            sizes.push(batch.n_rows());
            joined
                .append(&batch)
                .unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(reader.rows_read(), joined.n_rows() as u64);
        }
        assert_eq!(sizes, expected_sizes);
        assert_eq!(joined, whole);
        assert_eq!(reader.bytes_read(), data.len() as u64);
    }
}

#[test]
fn read_csv_reads_a_whole_file() {
    let (_dir, path) = temp_file("visits.csv", b"id;city\n1;Boston\n2;Salem\n3;Boston\n");
    let options = CsvOptions {
        batch_rows: 2,
        ..CsvOptions::default()
    };
    let table = read_csv(&path, &options).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        rows(&table),
        [["1", "Boston"], ["2", "Salem"], ["3", "Boston"]]
    );
    assert_eq!(table.column(1).map(Column::codes), Some(&[0, 1, 0][..]));
}

fn cell() -> impl Strategy<Value = String> {
    "[a-z0-9 ,;\t|:\"'\r\né漢😀]{0,6}"
}

fn table_rows() -> impl Strategy<Value = (usize, Vec<Vec<String>>)> {
    (1usize..5).prop_flat_map(|width| {
        (
            Just(width),
            proptest::collection::vec(proptest::collection::vec(cell(), width), 0..20),
        )
    })
}

proptest! {
    #[test]
    fn written_tables_read_back_equal(
        (width, data) in table_rows(),
        delimiter in proptest::sample::select(vec![b',', b';', b'\t', b'|']),
        batch_rows in 1usize..8,
    ) {
        let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
        let headers: Vec<String> = (1..=width).map(|column| format!("column {column}")).collect();
        prop_assert!(writer.write_record(&headers).is_ok());
        for row in &data {
            prop_assert!(writer.write_record(row).is_ok());
        }
        let bytes = writer.into_inner().map_err(|error| TestCaseError::fail(error.to_string()))?;
        let options = CsvOptions { delimiter: Some(delimiter), batch_rows, ..CsvOptions::default() };
        let table = read_all(&bytes, &options).map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(table.column_names(), headers.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(rows(&table), data);
    }
}
