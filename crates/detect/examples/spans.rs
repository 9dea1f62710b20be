//! Prints the spans the detector finds in a text given as the argument.

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    for s in detect::Detector::shared().detect(&text) {
        println!(
            "{:<10} {:.2} {:<28} {}",
            s.kind.as_str(),
            s.confidence,
            s.rule,
            &text[s.start..s.end]
        );
    }
}
