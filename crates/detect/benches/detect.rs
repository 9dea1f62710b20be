//! Criterion benchmarks of the targets: span detection on
//! clinical-style text (≥ 100 MB/s per core) and classifying the columns of
//! a 1,000,000-row × 20-column table (≤ 1 s).
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use detect::{classify_column, Detector};
use table::{Column, Table};

/// About 8 MB of clinical-style text: the demo notes, repeated.
fn clinical_text() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/demo/notes");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("demo notes")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let notes: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap() + "\n")
        .collect();
    let mut text = String::with_capacity(8 << 20);
    while text.len() < 8 << 20 {
        text.push_str(&notes);
    }
    text
}

fn text_detection(c: &mut Criterion) {
    let detector = Detector::shared();
    let text = clinical_text();
    let mut group = c.benchmark_group("detect");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("clinical_text_8MB", |b| {
        b.iter(|| detector.detect(&text).len())
    });
    group.finish();
}

/// Makes one column's value for a row.
type Maker<'a> = Box<dyn Fn(usize) -> String + 'a>;

/// A 1,000,000-row table with 20 columns of the kinds a clinical extract has.
fn wide_table(rows: usize) -> Table {
    let first = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
    ];
    let last = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
    ];
    let makers: Vec<(&str, Maker<'_>)> = vec![
        ("visit_id", Box::new(|i| format!("V{i:07}"))),
        ("mrn", Box::new(|i| format!("MRN-{:07}", i * 7 % 9_999_991))),
        (
            "patient_name",
            Box::new(move |i| format!("{} {}", first[i % 8], last[i / 8 % 8])),
        ),
        (
            "dob",
            Box::new(|i| format!("19{:02}-{:02}-{:02}", 30 + i % 70, 1 + i % 12, 1 + i % 28)),
        ),
        ("sex", Box::new(|i| ["M", "F"][i % 2].to_string())),
        (
            "race",
            Box::new(|i| ["White", "Black", "Asian", "Other"][i % 4].to_string()),
        ),
        (
            "ssn",
            Box::new(|i| {
                format!(
                    "{:03}-{:02}-{:04}",
                    100 + i % 600,
                    10 + i % 89,
                    1000 + i % 8999
                )
            }),
        ),
        (
            "phone",
            Box::new(|i| format!("(617) 555-{:04}", i % 10_000)),
        ),
        ("email", Box::new(|i| format!("p{i}@example.com"))),
        (
            "address",
            Box::new(|i| format!("{} Walnut St", 1 + i % 9999)),
        ),
        (
            "city",
            Box::new(|i| ["Boston", "Louisville", "Springfield", "Denver"][i % 4].to_string()),
        ),
        (
            "state",
            Box::new(|i| ["MA", "KY", "IL", "CO"][i % 4].to_string()),
        ),
        ("zip", Box::new(|i| format!("{:05}", 2000 + i % 90_000))),
        (
            "visit_date",
            Box::new(|i| format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
        ),
        ("age", Box::new(|i| (18 + i % 80).to_string())),
        (
            "diagnosis_code",
            Box::new(|i| ["E11.9", "I10", "J06.9", "M54.5"][i % 4].to_string()),
        ),
        ("systolic", Box::new(|i| (100 + i % 60).to_string())),
        ("dose_mg", Box::new(|i| (5 * (1 + i % 20)).to_string())),
        (
            "attending",
            Box::new(|i| format!("Dr. {} {}", first[i % 7], last[i % 5])),
        ),
        (
            "note",
            Box::new(|i| {
                format!(
                    "Seen for follow-up visit {i}; stable, continue current plan and recheck labs."
                )
            }),
        ),
    ];
    let columns = makers
        .into_iter()
        .map(|(name, make)| {
            let mut col = Column::new(name);
            for i in 0..rows {
                col.push(&make(i));
            }
            col
        })
        .collect();
    Table::from_columns(columns).expect("columns of equal length")
}

fn column_classification(c: &mut Criterion) {
    let detector = Detector::shared();
    let table = wide_table(1_000_000);
    let mut group = c.benchmark_group("classify");
    group.sample_size(10);
    group.bench_function("1M_rows_x_20_columns", |b| {
        b.iter(|| {
            table
                .columns()
                .iter()
                .enumerate()
                .map(|(i, col)| classify_column(i, col, detector).confidence)
                .sum::<f32>()
        })
    });
    group.finish();
}

criterion_group!(benches, text_detection, column_classification);
criterion_main!(benches);
