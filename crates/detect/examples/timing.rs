//! Times the detector on a text file: `timing FILE [REPEAT] [whole|notes]`,
//! on the whole text repeated REPEAT times, and note by note (two blank lines
//! separate the notes) as a scan of a notes column does; both by default.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let repeat: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(path).expect("a UTF-8 file");
    let detector = detect::Detector::shared();
    detector.detect("warm up the dictionaries");

    let mode = args.next().unwrap_or_default();
    if mode != "notes" {
        let whole = text.repeat(repeat);
        let start = Instant::now();
        let spans = detector.detect(&whole).len();
        report("whole text", whole.len(), spans, start);
    }
    if mode == "whole" {
        return;
    }

    let notes: Vec<&str> = text
        .split("\n\n\n")
        .filter(|n| !n.trim().is_empty())
        .collect();
    let start = Instant::now();
    let mut spans = 0;
    for _ in 0..repeat {
        for note in &notes {
            spans += detector.detect(note).len();
        }
    }
    report(
        &format!("{} notes", notes.len() * repeat),
        text.len() * repeat,
        spans,
        start,
    );
}

fn report(what: &str, bytes: usize, spans: usize, start: Instant) {
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{what}: {bytes} bytes, {spans} spans, {secs:.3} s, {:.1} MB/s",
        bytes as f64 / secs / 1e6
    );
}
