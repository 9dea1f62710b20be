//! Risk speed targets (issue 5): the computation itself on a 1M-row table with about 100k
//! classes over 8 QIs (≤ 50 ms), with and without a sensitive column; the optimal k=5 search
//! on Adult with the standard hierarchies (≤ 30 ms).
// criterion's macros generate public items that cannot carry docs.
#![allow(missing_docs)]

use std::collections::BTreeMap;

use criterion::{criterion_group, criterion_main, Criterion};
use risk::anonymize::{anonymize, AnonymizeQuery};
use risk::hierarchy::Hierarchy;
use risk::models::{RiskQuery, SensitiveAttribute};
use table::Table;

#[path = "../tests/common/adult_data.rs"]
mod adult_data;

const QI: [&str; 8] = [
    "age",
    "sex",
    "zip3",
    "race",
    "marital",
    "education",
    "region",
    "insured",
];

/// 1M rows shaped like scripts/bench_risk_vs_pandas.py's table (about 100k classes).
fn million_rows() -> Table {
    let mut names: Vec<String> = QI.iter().map(|q| q.to_string()).collect();
    names.push("diagnosis".into());
    let mut table = Table::new(names);
    let mut state: u64 = 20261127;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    for _ in 0..1_000_000 {
        let sex = next(2) as usize;
        let cells = [
            (20 + next(30)).to_string(),
            ["F", "M"][sex].to_string(),
            format!("{:03}", 100 + next(10) * 7),
            format!("race{}", next(5)),
            format!("m{}", next(4)),
            format!("e{}", next(3)),
            format!("r{}", next(3)),
            ["y", "n"][sex].to_string(),
            format!("d{}", next(40)),
        ];
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        table.push_row(&refs).unwrap();
    }
    table
}

fn benches(c: &mut Criterion) {
    let table = million_rows();
    let mut group = c.benchmark_group("risk");
    group.sample_size(20);
    let query = RiskQuery::new(QI);
    group.bench_function("assess_1m_rows_8_qi", |b| {
        b.iter(|| risk::assess(&table, &query).unwrap())
    });
    let mut with_sensitive = RiskQuery::new(QI);
    with_sensitive.sensitive = Some(SensitiveAttribute {
        column: "diagnosis".into(),
        hierarchy: None,
    });
    group.bench_function("assess_1m_rows_8_qi_l_t", |b| {
        b.iter(|| risk::assess(&table, &with_sensitive).unwrap())
    });

    let adult = adult_data::adult();
    // Every column but salary-class, the last.
    let qi = adult_data::COLUMNS.split_at(8).0;
    let hierarchies: BTreeMap<String, Hierarchy> = qi
        .iter()
        .map(|&c| {
            let bytes = adult_data::hierarchy_file(c);
            (c.to_string(), Hierarchy::from_csv(&bytes, b';').unwrap())
        })
        .collect();
    let mut query = AnonymizeQuery::new(qi.iter().copied(), hierarchies, 5);
    group.bench_function("adult_k5_optimal_search", |b| {
        b.iter(|| anonymize(adult, &query, &mut |_| true).unwrap())
    });
    query.max_suppression = 0.05;
    group.bench_function("adult_k5_optimal_search_5pct_suppression", |b| {
        b.iter(|| anonymize(adult, &query, &mut |_| true).unwrap())
    });
    group.finish();
}

criterion_group!(risk_benches, benches);
criterion_main!(risk_benches);
