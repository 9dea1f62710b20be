//! Reading speed (issue 5, item 9): `read_csv` against `read_csv_columns`
//! on a generated 1M-row, 12-column file shaped like the one of
//! `scripts/bench_risk_vs_pandas.py` (about 45 MB, 8 quasi-identifiers with
//! about 100k classes), reading all columns or only the 8 quasi-identifiers.
// criterion's macros generate public items that cannot carry docs.
#![allow(missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use table::{read_csv, read_csv_columns, CsvOptions};

const ROWS: usize = 1_000_000;

const QI_8: [&str; 8] = [
    "age",
    "sex",
    "zip3",
    "race",
    "marital",
    "education",
    "region",
    "insured",
];

/// A small deterministic generator (xorshift64*), so that no random-number
/// crate is needed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// Writes the benchmark table: the columns and levels of the pandas script.
fn million_row_csv(dir: &Path) -> PathBuf {
    let path = dir.join("risk_1m.csv");
    let file = std::fs::File::create(&path).expect("create the benchmark file");
    let mut out = std::io::BufWriter::new(file);
    let mut rng = Rng(20_261_127);
    writeln!(
        out,
        "id,age,sex,zip3,race,marital,education,region,insured,smoker,language,diagnosis"
    )
    .expect("write");
    for i in 0..ROWS {
        let sex = rng.below(2) as usize;
        writeln!(
            out,
            "{i},{},{},{:03},race{},m{},e{},r{},{},{},l{},d{}",
            20 + rng.below(30),
            ["F", "M"][sex],
            100 + rng.below(10) * 7,
            rng.below(5),
            rng.below(4),
            rng.below(3),
            rng.below(3),
            ["y", "n"][sex],
            ["y", "n"][rng.below(2) as usize],
            rng.below(6),
            rng.below(40),
        )
        .expect("write");
    }
    out.flush().expect("flush");
    path
}

fn reading(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = million_row_csv(dir.path());
    let options = CsvOptions::default();
    let mut group = c.benchmark_group("read_1m_rows");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("read_csv_all_12_columns", |b| {
        b.iter(|| read_csv(&path, &options).expect("read"))
    });
    group.bench_function("read_csv_columns_8_qi", |b| {
        b.iter(|| read_csv_columns(&path, &options, &QI_8).expect("read"))
    });
    let all: Vec<&str> = [&["id"][..], &QI_8, &["smoker", "language", "diagnosis"]].concat();
    group.bench_function("read_csv_columns_all_12_columns", |b| {
        b.iter(|| read_csv_columns(&path, &options, &all).expect("read"))
    });
    group.finish();
}

criterion_group!(benches, reading);
criterion_main!(benches);
