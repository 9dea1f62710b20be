//! Foundation speed targets (issue 3): import of a 1M-row, 9-column CSV (≤ 5 s), unlock with the
//! default Argon2id parameters (≤ 1.5 s), first page of 100 rows from a 1M-row dataset (≤ 50 ms).
// criterion's macros generate public items that cannot carry docs.
#![allow(missing_docs)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use workstation::{Config, ImportRequest, Passphrase, Workstation};

const ROWS: usize = 1_000_000;
const PASS: &str = "benchmark passphrase";

fn million_row_csv(dir: &Path) -> PathBuf {
    let path = dir.join("visits.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        out,
        "visit_id,mrn,name,dob,sex,zip,visit_date,diagnosis,charge"
    )
    .unwrap();
    let names = [
        "Avery Stone",
        "Blair Chen",
        "Casey Ortiz",
        "Devon Patel",
        "Emery Novak",
        "Finley Ruiz",
    ];
    let codes = [
        "E11.9", "I10", "J45.909", "M54.5", "F32.9", "K21.9", "N39.0",
    ];
    for i in 0..ROWS {
        writeln!(
            out,
            "V{i:07},MRN-{:07},{} {},19{:02}-{:02}-{:02},{},{:05},2025-{:02}-{:02},{},{}.{:02}",
            i / 3,
            names[i % names.len()],
            i % 5000,
            40 + i % 60,
            1 + i % 12,
            1 + i % 28,
            if i % 2 == 0 { "F" } else { "M" },
            (i * 7919) % 99_999,
            1 + i % 12,
            1 + i % 28,
            codes[i % codes.len()],
            100 + i % 900,
            i % 100
        )
        .unwrap();
    }
    out.flush().unwrap();
    path
}

fn workspace(dir: &Path) -> Workstation {
    let mut ws = Workstation::new(dir.to_path_buf(), Config::default());
    ws.init("bench", &Passphrase::new(PASS)).unwrap();
    ws
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let csv = million_row_csv(tmp.path());

    let mut group = c.benchmark_group("foundation");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    let mut n = 0;
    group.bench_function("import_1m_rows_9_columns", |b| {
        b.iter_batched(
            || {
                n += 1;
                workspace(&tmp.path().join(format!("import-{n}")))
            },
            |mut ws| {
                let request = ImportRequest {
                    name: "visits".into(),
                    delimiter: None,
                };
                ws.import_file(&csv, &request, &mut |_| true).unwrap()
            },
            BatchSize::PerIteration,
        )
    });

    let dir = tmp.path().join("read");
    let mut ws = workspace(&dir);
    let request = ImportRequest {
        name: "visits".into(),
        delimiter: None,
    };
    let outcome = ws.import_file(&csv, &request, &mut |_| true).unwrap();
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("unlock_default_argon2id", |b| {
        b.iter(|| ws.unlock("bench", &Passphrase::new(PASS)).unwrap())
    });
    group.sample_size(50);
    group.bench_function("first_page_100_rows_of_1m", |b| {
        b.iter(|| ws.rows(outcome.dataset, Some(1), 0, 100).unwrap())
    });
    group.finish();
}

criterion_group!(foundation, benches);
criterion_main!(foundation);
