//! The evaluation harness run as a test: the detector scored on the labelled
//! corpus (see `tests/corpus/README.md` and `DEV.md`). Figures are printed;
//! the asserted floors guard against regressions. The rules were tuned on the
//! tune set and on the two dev sets (written independently of the generators);
//! the test set (held-out templates, name pools and formats) was only ever
//! measured, in aggregate.

use detect::eval::{parse_corpus, score, Report};
use detect::{Detector, Kind};

fn corpus(files: &[&str]) -> Report {
    let mut documents = Vec::new();
    for file in files {
        let path = format!("{}/tests/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        documents.extend(parse_corpus(&text).unwrap_or_else(|e| panic!("{path}: {e}")));
    }
    let report = score(Detector::shared(), &documents);
    println!("{files:?}\n{}", report.table());
    report
}

#[test]
fn tune_set_figures() {
    let report = corpus(&["tune.jsonl", "hard_tune.jsonl"]);
    assert!(
        report.overall.recall() >= 0.998,
        "recall {}",
        report.overall.recall()
    );
    assert!(
        report.overall.precision() >= 0.99,
        "precision {}",
        report.overall.precision()
    );
    for (kind, counts) in &report.by_kind {
        assert!(
            counts.recall.recall() >= 0.98,
            "{kind}: recall {}",
            counts.recall.recall()
        );
    }
}

#[test]
fn dev_set_figures() {
    let report = corpus(&["dev.jsonl"]);
    assert!(
        report.overall.recall() >= 0.985,
        "recall {}",
        report.overall.recall()
    );
    assert!(
        report.overall.precision() >= 0.94,
        "precision {}",
        report.overall.precision()
    );
}

#[test]
fn second_dev_set_figures() {
    let report = corpus(&["dev2.jsonl"]);
    assert!(
        report.overall.recall() >= 0.97,
        "recall {}",
        report.overall.recall()
    );
    assert!(
        report.overall.precision() >= 0.95,
        "precision {}",
        report.overall.precision()
    );
}

#[test]
fn third_dev_set_figures() {
    let report = corpus(&["dev3.jsonl"]);
    assert!(
        report.overall.recall() >= 0.975,
        "recall {}",
        report.overall.recall()
    );
    assert!(
        report.overall.precision() >= 0.945,
        "precision {}",
        report.overall.precision()
    );
}

#[test]
fn fourth_dev_set_figures() {
    let report = corpus(&["dev4.jsonl"]);
    assert!(
        report.overall.recall() >= 0.97,
        "recall {}",
        report.overall.recall()
    );
    assert!(
        report.overall.precision() >= 0.95,
        "precision {}",
        report.overall.precision()
    );
}

#[test]
fn held_out_set_figures() {
    let report = corpus(&["test.jsonl", "hard_test.jsonl"]);
    assert!(
        report.overall.recall() >= 0.98,
        "recall {}",
        report.overall.recall()
    );
    assert!(
        report.overall.precision() >= 0.97,
        "precision {}",
        report.overall.precision()
    );
    for kind in Kind::ALL {
        let counts = report.by_kind.get(&kind).copied().unwrap_or_default();
        assert!(
            counts.recall.true_positives + counts.recall.false_negatives > 0,
            "{kind} has no gold spans"
        );
    }
}
