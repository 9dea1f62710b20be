//! Tests of [`read_csv_columns`]: the same table and the same errors as
//! [`read_csv`] followed by dropping columns, on the parallel path with
//! many small chunks and on the streaming fallback.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::read_csv;
use crate::Column;

/// Small chunks, so that even a few records are split between threads.
fn tiny(max_chunks: usize, min_chunk_bytes: usize) -> Plan {
    Plan {
        max_chunks,
        min_chunk_bytes,
        max_in_memory_bytes: MAX_IN_MEMORY_BYTES,
    }
}

fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = dir.path().join(name);
    std::fs::write(&path, contents).unwrap_or_else(|error| panic!("{error}"));
    (dir, path)
}

/// What [`read_csv_columns`] must give: the header checked, then every
/// name looked up, then [`read_csv`] with the named columns picked out in
/// the given order, each once.
fn expected(path: &Path, options: &CsvOptions, columns: &[&str]) -> Result<Table, Error> {
    let headers = CsvReader::open(path, options)?.headers().to_vec();
    let mut picked: Vec<usize> = Vec::new();
    for name in columns {
        let Some(index) = headers.iter().position(|header| header == name) else {
            return Err(Error::UnknownColumn {
                file: path.display().to_string(),
                name: (*name).to_owned(),
                available: headers,
            });
        };
        if !picked.contains(&index) {
            picked.push(index);
        }
    }
    let table = read_csv(path, options)?;
    let columns = picked
        .iter()
        .filter_map(|&index| table.column(index).cloned())
        .collect();
    Table::from_columns(columns)
}

/// Whether two tables have the same column names, dictionaries and codes.
fn same_encoding(left: &Table, right: &Table) -> bool {
    left.n_rows() == right.n_rows()
        && left.n_columns() == right.n_columns()
        && left.columns().iter().zip(right.columns()).all(|(a, b)| {
            a.name() == b.name() && a.dictionary() == b.dictionary() && a.codes() == b.codes()
        })
}

/// Reads `path` both ways and fails unless the results agree exactly;
/// returns the route of the fast read.
fn check(path: &Path, options: &CsvOptions, columns: &[&str], plan: Plan) -> Option<Route> {
    let want = expected(path, options, columns);
    let got = read_with_plan(path, options, columns, plan);
    match (want, got) {
        (Ok(want), Ok((got, route))) => {
            assert!(same_encoding(&want, &got), "tables differ via {route:?}");
            Some(route)
        }
        (Err(want), Err(got)) => {
            assert_eq!(format!("{want:?}"), format!("{got:?}"));
            None
        }
        (want, got) => panic!("read_csv gave {want:?}, read_csv_columns gave {got:?}"),
    }
}

fn read_error(path: &Path, columns: &[&str], plan: Plan) -> Error {
    match read_with_plan(path, &CsvOptions::default(), columns, plan) {
        Ok((table, route)) => panic!("expected an error, got {table:?} via {route:?}"),
        Err(error) => error,
    }
}

/// A file of `rows` records `id,name,city,age` with CRLF line ends and
/// two blank lines after record 10.
fn people(rows: usize) -> Vec<u8> {
    let mut data = b"id,name,city,age\r\n".to_vec();
    for row in 0..rows {
        let city = ["Boston", "Salem", "Zürich", ""][row % 4];
        data.extend_from_slice(
            format!("{row},n{},{city},{}\r\n", row % 7, 20 + row % 50).as_bytes(),
        );
        if row == 10 {
            data.extend_from_slice(b"\r\n\n");
        }
    }
    data
}

#[test]
fn parallel_read_matches_read_csv_in_the_given_order() {
    let (_dir, path) = temp_file("people.csv", &people(500));
    for columns in [&["city", "id"][..], &["age", "city", "age"], &["name"], &[]] {
        let route = check(&path, &CsvOptions::default(), columns, tiny(16, 64));
        assert_eq!(route, Some(Route::Parallel(16)));
    }
    let table = read_csv_columns(&path, &CsvOptions::default(), &["city", "id"])
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(table.column_names(), ["city", "id"]);
    assert_eq!(table.row(2), Some(vec!["Zürich", "2"]));
    let cities = table.column(0).map(Column::dictionary);
    assert_eq!(cities.map(<[String]>::len), Some(4));
}

#[test]
fn ragged_row_in_second_chunk_reports_its_line() {
    let mut data = people(400);
    let middle = data.len() * 3 / 4;
    let line_start = middle + data[middle..].iter().position(|&b| b == b'\n').unwrap_or(0) + 1;
    let clean = data.clone();
    let _: Vec<u8> = data
        .splice(
            line_start..line_start,
            b"999,extra,Salem,40,1\r\n".iter().copied(),
        )
        .collect();
    let (_dir, path) = temp_file("ragged.csv", &data);
    let line = 1 + data[..line_start].iter().filter(|&&b| b == b'\n').count() as u64;
    let error = read_error(&path, &["id"], tiny(2, 1));
    assert!(
        matches!(error, Error::RaggedRow { line: l, expected: 4, found: 5, .. } if l == line),
        "{error:?} (line {line})"
    );
    check(&path, &CsvOptions::default(), &["id"], tiny(2, 1));
    check(&path, &CsvOptions::default(), &["id"], tiny(64, 1));
    let (_dir, clean) = temp_file("clean.csv", &clean);
    let route = check(&clean, &CsvOptions::default(), &["id"], tiny(2, 1));
    assert_eq!(route, Some(Route::Parallel(2)));
}

#[test]
fn invalid_utf8_in_unselected_column_is_refused_like_read_csv() {
    let mut data = people(300);
    let at = data.len() * 2 / 3;
    let line_start = at + data[at..].iter().position(|&b| b == b'\n').unwrap_or(0) + 1;
    let bad = b"77,Jos\xE9,Boston,30\r\n";
    let _: Vec<u8> = data
        .splice(line_start..line_start, bad.iter().copied())
        .collect();
    let (_dir, path) = temp_file("latin1.csv", &data);
    let line = 1 + data[..line_start].iter().filter(|&&b| b == b'\n').count() as u64;
    let offset = (line_start + 6) as u64;
    let error = read_error(&path, &["city", "age"], tiny(3, 1));
    assert!(
        matches!(error, Error::InvalidUtf8 { line: l, column: 2, byte_offset: o, .. }
            if l == line && o == offset),
        "{error:?} (line {line}, offset {offset})"
    );
    check(&path, &CsvOptions::default(), &["city"], tiny(3, 1));
    check(&path, &CsvOptions::default(), &["name"], tiny(7, 1));
}

#[test]
fn bad_utf8_in_a_ragged_record_is_reported_as_ragged() {
    let (_dir, path) = temp_file("both.csv", b"a,b\n1,2\n3\xFF\n4,5\n");
    let error = read_error(&path, &["a"], tiny(4, 1));
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
    check(&path, &CsvOptions::default(), &["b"], tiny(4, 1));
}

#[test]
fn unknown_column_lists_the_real_ones() {
    let (_dir, path) = temp_file("people.csv", &people(5));
    let error = read_error(&path, &["id", "zip"], Plan::default());
    let Error::UnknownColumn {
        name, available, ..
    } = &error
    else {
        panic!("expected UnknownColumn, got {error:?}");
    };
    assert_eq!(name, "zip");
    assert_eq!(available, &["id", "name", "city", "age"]);
    let message = error.to_string();
    assert!(
        message.contains("'zip'") && message.contains("id, name, city, age"),
        "{message}"
    );
    assert!(!message.contains("Boston"), "{message}");
}

#[test]
fn header_errors_match_read_csv() {
    for (name, data) in [
        ("empty.csv", &b""[..]),
        ("blank.csv", b"\xEF\xBB\xBF \r\n\n"),
        ("unnamed.csv", b"id, ,age\n1,2,3\n"),
        ("twice.csv", b"id,mrn, mrn\n1,2,3\n"),
        ("header.csv", b"id,n\xFFme\n1,2\n"),
        ("only.csv", b"id,name"),
    ] {
        let (_dir, path) = temp_file(name, data);
        check(&path, &CsvOptions::default(), &["id"], tiny(4, 1));
    }
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    check(
        &dir.path().join("absent.csv"),
        &CsvOptions::default(),
        &[],
        tiny(4, 1),
    );
}

#[test]
fn quotes_fall_back_to_the_streaming_reader() {
    let data = b"id,note\n1,\"Doe, Jane\"\n2,\"two\nlines\"\n3,plain\n";
    let (_dir, path) = temp_file("quoted.csv", data);
    let route = check(&path, &CsvOptions::default(), &["note"], tiny(4, 1));
    assert_eq!(route, Some(Route::Streamed));
}

#[test]
fn big_files_are_streamed_from_disk() {
    let (_dir, path) = temp_file("people.csv", &people(50));
    let plan = Plan {
        max_in_memory_bytes: 100,
        ..tiny(4, 1)
    };
    assert_eq!(
        check(&path, &CsvOptions::default(), &["age", "id"], plan),
        Some(Route::Streamed)
    );
    let (_dir, bad) = temp_file("bad.csv", b"a,b\n1,2\n3\n");
    check(&bad, &CsvOptions::default(), &["b"], plan);
    check(&bad, &CsvOptions::default(), &["c"], plan);
}

#[cfg(unix)]
#[test]
fn pipes_are_streamed() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo failed");
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || std::fs::write(writer_path, people(30)));
    let result = read_with_plan(&path, &CsvOptions::default(), &["name"], tiny(4, 1));
    assert!(matches!(writer.join(), Ok(Ok(()))));
    let (table, route) = result.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!((table.n_rows(), route), (30, Route::Streamed));
    assert_eq!(table.row(8), Some(vec!["n1"]));
}

#[test]
fn records_near_the_size_limit_are_left_to_the_streaming_reader() {
    let options = CsvOptions {
        max_record_bytes: 1024,
        ..CsvOptions::default()
    };
    let long = vec![b'x'; 3 << 20];
    let short = vec![b'y'; 512 << 10];
    for (record, route) in [(&long, Route::Streamed), (&short, Route::Parallel(1))] {
        let mut data = b"id,note\n1,a\n2,".to_vec();
        data.extend_from_slice(record);
        data.extend_from_slice(b"\n3,b\n");
        let (_dir, path) = temp_file("long.csv", &data);
        let result = check(&path, &options, &["note"], tiny(1, 1));
        assert!(result.is_none() || result == Some(route), "{result:?}");
        let error = read_with_plan(&path, &options, &["id"], tiny(8, 1)).err();
        assert_eq!(error.is_some(), route == Route::Streamed, "{error:?}");
    }
    let mut blank_tail = b"id,note\n1,a\n".to_vec();
    blank_tail.extend(std::iter::repeat(b'\n').take(3 << 20));
    let (_dir, path) = temp_file("tail.csv", &blank_tail);
    check(&path, &options, &["id"], tiny(8, 1));
    blank_tail.extend_from_slice(b"2,b\n");
    let (_dir, path) = temp_file("gap.csv", &blank_tail);
    check(&path, &options, &["id"], tiny(8, 1));
}

#[test]
fn tsv_names_and_lone_carriage_returns() {
    let (_dir, path) = temp_file("visits.tsv", b"a,b\tc\n1,2\t3\n4\t5\n");
    assert!(check(&path, &CsvOptions::default(), &["a,b", "c"], tiny(4, 1)).is_some());
    let (_dir, path) = temp_file("mac.csv", b"a;b\r1;2\r\r3;4\r5;6");
    assert!(check(&path, &CsvOptions::default(), &["b"], tiny(4, 1)).is_some());
}

/// One generated file: its bytes and its number of columns.
#[derive(Debug, Clone)]
struct Generated {
    bytes: Vec<u8>,
    width: usize,
}

fn plain_cell() -> impl Strategy<Value = String> {
    "[a-c0-9 é漢😀]{0,4}"
}

fn quoted_cell() -> impl Strategy<Value = String> {
    "[a-c ,;\t|\"\r\né]{0,4}"
}

/// A delimited file: optional byte-order mark, LF or CRLF, blank lines,
/// empty and non-ASCII cells, quoted fields when `quoted`.
fn generated(quoted: bool) -> impl Strategy<Value = (Generated, u8)> {
    let delimiter = proptest::sample::select(vec![b',', b';', b'\t', b'|']);
    (1usize..5, delimiter).prop_flat_map(move |(width, delimiter)| {
        let cell = if quoted {
            quoted_cell().boxed()
        } else {
            plain_cell().boxed()
        };
        let rows =
            proptest::collection::vec((proptest::collection::vec(cell, width), 0u8..8), 0..40);
        (rows, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
            move |(rows, bom, crlf, final_break)| {
                let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
                let mut bytes = if bom {
                    b"\xEF\xBB\xBF".to_vec()
                } else {
                    Vec::new()
                };
                let names: Vec<String> = (1..=width).map(|c| format!(" c{c}")).collect();
                bytes.extend_from_slice(names.join(&char::from(delimiter).to_string()).as_bytes());
                for (cells, extra) in rows {
                    bytes.extend_from_slice(end);
                    if extra == 0 {
                        bytes.extend_from_slice(end);
                    }
                    let cells: Vec<String> = cells
                        .into_iter()
                        .map(|cell| match quoted && extra < 4 {
                            true => format!("\"{}\"", cell.replace('"', "\"\"")),
                            false => cell.replace(['"', '\r', '\n', char::from(delimiter)], ""),
                        })
                        .collect();
                    bytes.extend_from_slice(
                        cells.join(&char::from(delimiter).to_string()).as_bytes(),
                    );
                }
                if final_break {
                    bytes.extend_from_slice(end);
                }
                (Generated { bytes, width }, delimiter)
            },
        )
    })
}

/// A damage to apply at a relative position: none, a bad byte, an extra
/// delimiter or a removed byte.
fn damaged(file: &Generated, delimiter: u8, damage: u8, at: f64) -> Vec<u8> {
    let mut bytes = file.bytes.clone();
    let at = ((bytes.len() as f64) * at) as usize;
    match damage {
        1 => bytes.insert(at.min(bytes.len()), 0xFF),
        2 => bytes.insert(at.min(bytes.len()), delimiter),
        3 if at < bytes.len() => {
            bytes.remove(at);
        }
        _ => {}
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn same_table_and_errors_as_read_csv(
        (file, delimiter) in prop_oneof![generated(false), generated(true)],
        picks in proptest::collection::vec(0usize..6, 0..6),
        sniff in any::<bool>(),
        damage in 0u8..6,
        at in 0.0f64..1.0,
        max_chunks in 1usize..12,
        min_chunk_bytes in 1usize..40,
    ) {
        let bytes = damaged(&file, delimiter, damage, at);
        let (_dir, path) = temp_file("random.csv", &bytes);
        let names: Vec<String> = picks
            .iter()
            .map(|&pick| format!("c{}", pick % (file.width + 1) + 1))
            .collect();
        let columns: Vec<&str> = names.iter().map(String::as_str).collect();
        let options = CsvOptions {
            delimiter: (!sniff).then_some(delimiter),
            ..CsvOptions::default()
        };
        let route = check(&path, &options, &columns, tiny(max_chunks, min_chunk_bytes));
        if let Some(route) = route {
            let quoted = bytes.contains(&b'"');
            prop_assert_eq!(route == Route::Streamed, quoted, "{:?}", route);
        }
    }
}
