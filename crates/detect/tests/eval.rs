//! The evaluation harness run as a test: the detector scored on the labelled
//! corpora (see `tests/corpus/README.md` and `DEV.md`–`DEV5.md`). Figures are
//! printed; the asserted floors guard against regressions. The rules were
//! tuned on the tune set and on the five dev sets (each written independently
//! of the generators and of the detector); the test set (held-out templates,
//! name pools and formats) was only ever measured, in aggregate.

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

/// Scores `files` and asserts overall recall and precision floors.
fn assert_floors(files: &[&str], recall: f64, precision: f64) -> Report {
    let report = corpus(files);
    let (r, p) = (report.overall.recall(), report.overall.precision());
    assert!(r >= recall, "{files:?}: recall {r} < {recall}");
    assert!(p >= precision, "{files:?}: precision {p} < {precision}");
    report
}

#[test]
fn tune_set_figures() {
    let report = assert_floors(&["tune.jsonl", "hard_tune.jsonl"], 0.999, 0.99);
    for (kind, counts) in &report.by_kind {
        let recall = counts.recall.recall();
        assert!(recall >= 0.98, "{kind}: recall {recall}");
    }
}

#[test]
fn dev_set_figures() {
    assert_floors(&["dev.jsonl"], 0.99, 0.945);
}

#[test]
fn second_dev_set_figures() {
    assert_floors(&["dev2.jsonl"], 0.985, 0.96);
}

#[test]
fn third_dev_set_figures() {
    assert_floors(&["dev3.jsonl"], 0.98, 0.95);
}

#[test]
fn fourth_dev_set_figures() {
    assert_floors(&["dev4.jsonl"], 0.98, 0.97);
}

#[test]
fn fifth_dev_set_figures() {
    assert_floors(&["dev5.jsonl"], 0.995, 0.94);
}

#[test]
fn sixth_dev_set_figures() {
    assert_floors(&["dev6.jsonl"], 0.985, 0.97);
}

#[test]
fn seventh_dev_set_figures() {
    assert_floors(&["dev7.jsonl"], 0.985, 0.96);
}

#[test]
fn held_out_set_figures() {
    let report = assert_floors(&["test.jsonl", "hard_test.jsonl"], 0.99, 0.97);
    for kind in Kind::ALL {
        let counts = report.by_kind.get(&kind).copied().unwrap_or_default();
        let gold = counts.recall.true_positives + counts.recall.false_negatives;
        assert!(gold > 0, "{kind} has no gold spans");
        let recall = counts.recall.recall();
        assert!(recall >= 0.95, "{kind}: held-out recall {recall} < 0.95");
    }
}
