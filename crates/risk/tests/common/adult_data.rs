//! The Adult test data shared by the test binaries: where it lives, and the table read once.

use std::path::Path;
use std::sync::OnceLock;

use table::{CsvOptions, Table};

/// `tests/data`, where `adult.csv` and its hierarchies are.
pub fn data_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"))
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
