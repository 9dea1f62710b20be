//! `read_csv_columns` through the public API, on files large enough to be
//! split between threads with the default division of work.

use std::io::Write;
use std::path::{Path, PathBuf};

use table::{read_csv, read_csv_columns, CsvOptions, Error, Table};

const QI: [&str; 4] = ["age", "sex", "zip3", "race"];

/// A 60,000-row file of about 2.5 MB with the bench script's kind of
/// columns, CRLF line ends and a byte-order mark.
fn big_file(dir: &Path, quoted_row: bool) -> PathBuf {
    let path = dir.join("big.csv");
    let mut out = Vec::new();
    out.extend_from_slice(b"\xEF\xBB\xBFid,age,sex,zip3,race,diagnosis\r\n");
    for i in 0..60_000u64 {
        let note = if quoted_row && i == 59_000 {
            "\"d, quoted\"".to_owned()
        } else {
            format!("d{}", (i * 7) % 40)
        };
        let row = format!(
            "{i},{},{},{:03},race{},{note}\r\n",
            20 + (i * 31) % 30,
            ["F", "M"][(i % 2) as usize],
            100 + ((i * 13) % 10) * 7,
            (i * 17) % 5,
        );
        out.extend_from_slice(row.as_bytes());
    }
    let mut file = std::fs::File::create(&path).unwrap_or_else(|error| panic!("{error}"));
    file.write_all(&out)
        .unwrap_or_else(|error| panic!("{error}"));
    path
}

/// `read_csv`, then the named columns in the given order.
fn projected(path: &Path, columns: &[&str]) -> Table {
    let table = read_csv(path, &CsvOptions::default()).unwrap_or_else(|error| panic!("{error}"));
    let names = table.column_names();
    let picked = columns
        .iter()
        .filter_map(|name| names.iter().position(|header| header == name))
        .filter_map(|index| table.column(index).cloned())
        .collect();
    Table::from_columns(picked).unwrap_or_else(|error| panic!("{error}"))
}

fn assert_same_encoding(left: &Table, right: &Table) {
    assert_eq!(left.column_names(), right.column_names());
    assert_eq!(left.n_rows(), right.n_rows());
    for (a, b) in left.columns().iter().zip(right.columns()) {
        assert_eq!(a.dictionary(), b.dictionary(), "dictionary of {}", a.name());
        assert!(a.codes() == b.codes(), "codes of {}", a.name());
    }
}

#[test]
fn big_file_matches_read_csv_with_and_without_quotes() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    for quoted in [false, true] {
        let path = big_file(dir.path(), quoted);
        for columns in [&QI[..], &["diagnosis", "id", "age"]] {
            let table = read_csv_columns(&path, &CsvOptions::default(), columns)
                .unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(table.n_rows(), 60_000);
            assert_same_encoding(&table, &projected(&path, columns));
        }
    }
}

#[test]
fn columns_come_in_the_given_order_each_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = dir.path().join("small.csv");
    std::fs::write(&path, "a;b;c\n1;2;3\n4;5;6\n").unwrap_or_else(|error| panic!("{error}"));
    let table = read_csv_columns(&path, &CsvOptions::default(), &["c", "a", "c"])
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(table.column_names(), ["c", "a"]);
    assert_eq!(table.row(1), Some(vec!["6", "4"]));
    let none = read_csv_columns(&path, &CsvOptions::default(), &[])
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!((none.n_columns(), none.n_rows()), (0, 0));
}

#[test]
fn unknown_column_names_the_columns_but_no_value() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = dir.path().join("people.csv");
    std::fs::write(&path, "mrn,name\n17,Jane Doe\n").unwrap_or_else(|error| panic!("{error}"));
    let result = read_csv_columns(&path, &CsvOptions::default(), &["name", "zip"]);
    let Err(error @ Error::UnknownColumn { .. }) = result else {
        panic!("expected UnknownColumn, got {result:?}");
    };
    let message = error.to_string();
    assert!(message.contains("people.csv"), "{message}");
    assert!(
        message.contains("'zip'") && message.contains("mrn, name"),
        "{message}"
    );
    assert!(
        !message.contains("Jane") && !message.contains("17"),
        "{message}"
    );
}

#[test]
fn bad_text_anywhere_is_refused_like_read_csv() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = dir.path().join("latin1.csv");
    let mut data = b"id,name,zip\n".to_vec();
    for i in 0..20_000 {
        data.extend_from_slice(format!("{i},n{i},02{}\n", i % 100).as_bytes());
    }
    data.extend_from_slice(b"20000,Jos\xE9,02139\n");
    std::fs::write(&path, &data).unwrap_or_else(|error| panic!("{error}"));
    let want = read_csv(&path, &CsvOptions::default()).err();
    let got = read_csv_columns(&path, &CsvOptions::default(), &["zip"]).err();
    assert!(
        matches!(
            got,
            Some(Error::InvalidUtf8 {
                line: 20_002,
                column: 2,
                ..
            })
        ),
        "{got:?}"
    );
    assert_eq!(format!("{want:?}"), format!("{got:?}"));
}
