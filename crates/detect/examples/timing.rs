//! Times the detector on a text file: `timing FILE [REPEAT]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a file");
    let repeat: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(path)
        .expect("a UTF-8 file")
        .repeat(repeat);
    let detector = detect::Detector::shared();
    let start = std::time::Instant::now();
    let spans = detector.detect(&text).len();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} bytes, {spans} spans, {secs:.3} s, {:.1} MB/s",
        text.len(),
        text.len() as f64 / secs / 1e6
    );
}
