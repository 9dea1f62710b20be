//! Scores the detector on labelled JSONL corpus files and prints the
//! figures, with `--mistakes N` the first N missed and false tokens.
//!
//! `cargo run --release -p detect --example eval -- crates/detect/tests/corpus/tune.jsonl --mistakes 40`

use std::process::ExitCode;

use detect::eval::{parse_corpus, score};
use detect::Detector;

fn main() -> ExitCode {
    let mut files = Vec::new();
    let mut mistakes = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--mistakes" {
            mistakes = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
        } else {
            files.push(arg);
        }
    }
    let mut documents = Vec::new();
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::FAILURE;
            }
        };
        match parse_corpus(&text) {
            Ok(docs) => documents.extend(docs),
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let report = score(Detector::shared(), &documents);
    print!("{}", report.table());
    for m in report.missed.iter().take(mistakes) {
        println!(
            "MISSED {:<10} {:<8} {}",
            m.kind.as_str(),
            m.document,
            m.context
        );
    }
    for m in report.false_alarms.iter().take(mistakes) {
        println!(
            "FALSE  {:<10} {:<24} {}",
            m.kind.as_str(),
            m.rule,
            m.context
        );
    }
    ExitCode::SUCCESS
}
