//! The Adult test data shared by the test binaries: where it lives, its columns, its
//! hierarchy files, and the table read once. Each binary uses a part of it.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use table::{CsvOptions, Table};

/// `tests/data`, where `adult.csv` and its hierarchies are.
pub fn data_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"))
}

/// Adult's nine columns, in file order; every one has a hierarchy.
pub const COLUMNS: [&str; 9] = [
    "sex",
    "age",
    "race",
    "marital-status",
    "education",
    "native-country",
    "workclass",
    "occupation",
    "salary-class",
];

/// ARX's Example22 / `TestAnonymizationLDiversity` / `TestAnonymizationDPresence` layout:
/// every column but occupation, which is sensitive.
pub const BUT_OCCUPATION: [&str; 8] = [
    "sex",
    "age",
    "race",
    "marital-status",
    "education",
    "native-country",
    "workclass",
    "salary-class",
];

/// The bytes of `adult_hierarchy_COLUMN.csv`.
pub fn hierarchy_file(column: &str) -> Vec<u8> {
    let path = data_dir().join(format!("adult_hierarchy_{column}.csv"));
    std::fs::read(path).unwrap_or_else(|error| panic!("{error}"))
}

/// `adult.csv` (`;`-separated), read on first use.
pub fn adult() -> &'static Table {
    static ADULT: OnceLock<Table> = OnceLock::new();
    ADULT.get_or_init(|| {
        let options = CsvOptions {
            delimiter: Some(b';'),
            ..CsvOptions::default()
        };
        table::read_csv(&data_dir().join("adult.csv"), &options)
            .unwrap_or_else(|error| panic!("{error}"))
    })
}
