//! Throwaway: Adult searches against ARX.
use risk::anonymize::{anonymize, AnonymizeQuery, LDiversity, UtilityMetric};
use risk::Hierarchy;
use std::collections::BTreeMap;
use std::path::Path;
use table::CsvOptions;

fn main() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data"));
    let options = CsvOptions {
        delimiter: Some(b';'),
        ..CsvOptions::default()
    };
    let table = table::read_csv(&dir.join("adult.csv"), &options).unwrap();
    let all = [
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
    let mut hierarchies = BTreeMap::new();
    for c in all {
        let bytes = std::fs::read(dir.join(format!("adult_hierarchy_{c}.csv"))).unwrap();
        hierarchies.insert(c.to_string(), Hierarchy::from_csv(&bytes, b';').unwrap());
    }
    let args: Vec<String> = std::env::args().collect();
    let reps: usize = args.get(1).map(|s| s.parse().unwrap()).unwrap_or(1);
    let q8: Vec<&str> = all[..8].to_vec();
    let q9: Vec<&str> = all.to_vec();
    let ql: Vec<&str> = vec![
        "sex",
        "age",
        "race",
        "marital-status",
        "education",
        "native-country",
        "workclass",
        "salary-class",
    ];
    let cases: Vec<(
        &str,
        Vec<&str>,
        Option<&str>,
        usize,
        Option<LDiversity>,
        f64,
        UtilityMetric,
    )> = vec![
        (
            "q8 k5 0 loss",
            q8.clone(),
            None,
            5,
            None,
            0.0,
            UtilityMetric::Loss,
        ),
        (
            "q8 k5 .05 loss",
            q8.clone(),
            None,
            5,
            None,
            0.05,
            UtilityMetric::Loss,
        ),
        (
            "q9 k5 0 ent",
            q9.clone(),
            None,
            5,
            None,
            0.0,
            UtilityMetric::NonUniformEntropy,
        ),
        (
            "q9 k5 .04 ent",
            q9.clone(),
            None,
            5,
            None,
            0.04,
            UtilityMetric::NonUniformEntropy,
        ),
        (
            "q9 k100 0 ent",
            q9.clone(),
            None,
            100,
            None,
            0.0,
            UtilityMetric::NonUniformEntropy,
        ),
        (
            "ql le5 .04 ent",
            ql.clone(),
            Some("occupation"),
            1,
            Some(LDiversity::Entropy(5.0)),
            0.04,
            UtilityMetric::NonUniformEntropy,
        ),
        (
            "ql le5 0 ent",
            ql.clone(),
            Some("occupation"),
            1,
            Some(LDiversity::Entropy(5.0)),
            0.0,
            UtilityMetric::NonUniformEntropy,
        ),
        (
            "q8 k5 .05 dm",
            q8.clone(),
            None,
            5,
            None,
            0.05,
            UtilityMetric::Discernibility,
        ),
        (
            "q8 k5 .05 aecs",
            q8.clone(),
            None,
            5,
            None,
            0.05,
            UtilityMetric::AverageClassSize,
        ),
        (
            "q8 k5 .05 ent",
            q8.clone(),
            None,
            5,
            None,
            0.05,
            UtilityMetric::NonUniformEntropy,
        ),
        (
            "q8 k5+ld2 .05 loss",
            q8.clone(),
            Some("salary-class"),
            5,
            Some(LDiversity::Distinct(2)),
            0.05,
            UtilityMetric::Loss,
        ),
        (
            "q8 k3+le1.5 .02 loss",
            q8.clone(),
            Some("salary-class"),
            3,
            Some(LDiversity::Entropy(1.5)),
            0.02,
            UtilityMetric::Loss,
        ),
        (
            "q9 k10 .1 loss",
            q9.clone(),
            None,
            10,
            None,
            0.1,
            UtilityMetric::Loss,
        ),
        (
            "q9 k2 .01 loss",
            q9.clone(),
            None,
            2,
            None,
            0.01,
            UtilityMetric::Loss,
        ),
    ];
    for (name, qi, sens, k, l, supp, metric) in cases {
        if args.len() > 2 && !name.contains(args[2].as_str()) {
            continue;
        }
        let mut q = AnonymizeQuery::new(qi.iter().copied(), hierarchies.clone(), k);
        q.sensitive = sens.map(str::to_owned);
        q.l_diversity = l;
        q.max_suppression = supp;
        q.metric = metric;
        let mut r = None;
        let mut el = std::time::Duration::MAX;
        for _ in 0..reps {
            let t0 = std::time::Instant::now();
            r = Some(anonymize(&table, &q, &mut |_| true));
            el = el.min(t0.elapsed());
        }
        match r.unwrap() {
            Ok(a) => {
                println!(
                    "== {name}: levels {:?} suppressed {} checked {}/{} time {:?}",
                    a.levels.iter().map(|l| l.level).collect::<Vec<_>>(),
                    a.suppressed,
                    a.nodes_checked,
                    a.nodes_total,
                    el
                );
                println!(
                    "   loss {:?} per {:?}",
                    a.metrics.loss,
                    a.levels.iter().map(|l| l.loss).collect::<Vec<_>>()
                );
                println!(
                    "   dm {:?} aecs {:?}",
                    a.metrics.discernibility, a.metrics.average_class_size
                );
                println!(
                    "   entropy {:?} per {:?}",
                    a.metrics.non_uniform_entropy,
                    a.levels
                        .iter()
                        .map(|l| l.non_uniform_entropy)
                        .collect::<Vec<_>>()
                );
            }
            Err(e) => println!("== {name}: error {e} time {el:?}"),
        }
    }
}
