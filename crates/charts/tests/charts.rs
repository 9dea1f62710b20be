//! The public charts: well-formed, accessible, deterministic SVG; empty input; errors;
//! golden files (`UPDATE_GOLDEN=1 cargo test -p charts` rewrites them).

use std::path::PathBuf;

use charts::{before_after, class_size_histogram, risk_distribution, Error};

/// A small release: 3 unique records, pairs, a few mid-sized and one large class.
const SMALL: [(u64, u64); 5] = [(1, 3), (2, 4), (4, 2), (7, 3), (120, 1)];
/// The same records after generalisation.
const SMALL_AFTER: [(u64, u64); 3] = [(5, 2), (12, 4), (123, 1)];

fn rects(svg: &str) -> usize {
    svg.matches("<rect").count()
}

/// `<rect>` elements filled with `colour` (upper-case hex, as plotters writes it).
fn filled(svg: &str, colour: &str) -> usize {
    let fill = format!("fill=\"{colour}\"");
    svg.split("<rect ")
        .skip(1)
        .filter(|r| r.split("/>").next().is_some_and(|a| a.contains(&fill)))
        .count()
}

/// Basic XML sanity: one root, balanced `<text>`, no raw `<` inside text content.
fn assert_well_formed(svg: &str, title: &str) {
    assert!(svg.starts_with("<svg "), "{svg}");
    assert!(svg.ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(" role=\"img\">"));
    assert!(svg.contains(&format!("<title>{title}</title>")));
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert!(!svg.contains("<script") && !svg.contains("href"));
}

#[test]
fn class_size_histogram_has_one_bar_per_non_empty_bucket() {
    let svg = class_size_histogram(&SMALL, 560, 300).unwrap();
    assert_well_formed(&svg, "Records by equivalence class size");
    // Buckets 1, 2, 4, 5–9 and 100+ have records: 5 bars plus the background.
    assert_eq!(rects(&svg), 1 + 5);
    assert_eq!(filled(&svg, "#0F4C5C"), 5);
    for label in ["1", "2", "3", "4", "5–9", "10–19", "20–49", "50–99", "100+"] {
        assert!(
            svg.contains(&format!(">\n{label}\n</text>")),
            "missing axis label {label}"
        );
    }
    // Value labels: 3, 8, 8, 21, 120.
    assert!(svg.contains(">\n21\n</text>") && svg.contains(">\n120\n</text>"));
    assert!(svg.contains("<desc>1: 3 records; 2: 8 records; 4: 8 records; 5–9: 21 records; 100+: 120 records.</desc>"));
}

#[test]
fn risk_distribution_marks_buckets_above_the_threshold() {
    let svg = risk_distribution(&SMALL, 0.2, 560, 300).unwrap();
    assert_well_formed(&svg, "Records by re-identification risk");
    // Risk buckets with records: ]0,1%] (120), ]10,20%] (7s), ]20,50%] (2s, 4s), ]50,100%] (1s).
    // Bars: 4, plus 2 legend swatches and the background.
    assert_eq!(rects(&svg), 4 + 2 + 1);
    // Above 20%: two bars and a swatch in the warning colour.
    assert_eq!(filled(&svg, "#A61B1B"), 3);
    assert!(svg.contains("Threshold 20%"));
    assert!(svg.contains("Threshold 20%: 19 records above it.</desc>"));
    for label in ["0–1%", "1–5%", "5–10%", "10–20%", "20–50%", "50–100%"] {
        assert!(
            svg.contains(&format!(">\n{label}\n</text>")),
            "missing axis label {label}"
        );
    }
}

#[test]
fn risk_distribution_splits_a_bucket_at_the_threshold() {
    let svg = risk_distribution(&[(7, 1), (6, 1)], 0.15, 560, 300).unwrap();
    assert!(svg.contains(">\n10–15%\n</text>") && svg.contains(">\n15–20%\n</text>"));
    assert_eq!(filled(&svg, "#A61B1B"), 2); // the 1/6 bar and the swatch
    assert_eq!(filled(&svg, "#0F4C5C"), 2); // the 1/7 bar and the swatch
}

#[test]
fn before_after_draws_grouped_bars_and_a_legend() {
    let svg = before_after(&SMALL, &SMALL_AFTER, 560, 300).unwrap();
    assert_well_formed(
        &svg,
        "Re-identification risk before and after anonymization",
    );
    // Before: 4 non-empty buckets; after: ]0,1%] (123), ]5,10%] (12s), ]10,20%] (5s).
    assert_eq!(filled(&svg, "#B7791F"), 4 + 1);
    assert_eq!(filled(&svg, "#0F4C5C"), 3 + 1);
    assert_eq!(rects(&svg), 4 + 3 + 2 + 1);
    assert!(svg.contains("Before anonymization") && svg.contains("After anonymization"));
}

#[test]
fn output_is_deterministic() {
    for _ in 0..3 {
        assert_eq!(
            class_size_histogram(&SMALL, 560, 300),
            class_size_histogram(&SMALL, 560, 300)
        );
        assert_eq!(
            risk_distribution(&SMALL, 0.1, 560, 300),
            risk_distribution(&SMALL, 0.1, 560, 300)
        );
        assert_eq!(
            before_after(&SMALL, &SMALL_AFTER, 560, 300),
            before_after(&SMALL, &SMALL_AFTER, 560, 300)
        );
    }
    // Input order and repeated sizes do not matter.
    let shuffled = [(120, 1), (7, 2), (4, 2), (2, 4), (1, 3), (7, 1)];
    assert_eq!(
        class_size_histogram(&SMALL, 560, 300),
        class_size_histogram(&shuffled, 560, 300)
    );
}

#[test]
fn empty_input_shows_no_records() {
    let nothing: [(u64, u64); 0] = [];
    let zeros = [(0, 9), (5, 0)];
    for svg in [
        class_size_histogram(&nothing, 560, 300).unwrap(),
        class_size_histogram(&zeros, 560, 300).unwrap(),
        risk_distribution(&nothing, 0.2, 560, 300).unwrap(),
        before_after(&nothing, &zeros, 560, 300).unwrap(),
    ] {
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains(">\nNo records\n</text>"));
        assert!(svg.contains("<desc>No records.</desc>"));
        assert_eq!(rects(&svg), 1);
    }
}

#[test]
fn one_side_empty_still_draws() {
    let svg = before_after(&SMALL, &[], 560, 300).unwrap();
    assert!(!svg.contains("No records"));
    assert_eq!(filled(&svg, "#B7791F"), 4 + 1);
}

#[test]
fn huge_counts_do_not_panic() {
    let svg = class_size_histogram(&[(u64::MAX, u64::MAX), (1, u64::MAX)], 560, 300).unwrap();
    assert!(svg.contains("18,446,744,073,709,551,615"));
    risk_distribution(&[(u64::MAX, 3), (1, 1)], 1.0, 560, 300).unwrap();
    before_after(&[(u64::MAX, u64::MAX)], &[(2, u64::MAX)], 560, 300).unwrap();
}

#[test]
fn sizes_and_thresholds_are_checked() {
    assert!(matches!(
        class_size_histogram(&SMALL, 10, 300),
        Err(Error::Size { width: 10, .. })
    ));
    assert!(matches!(
        risk_distribution(&SMALL, 0.2, 560, 0),
        Err(Error::Size { height: 0, .. })
    ));
    assert!(matches!(
        before_after(&SMALL, &SMALL, 100_000, 300),
        Err(Error::Size { .. })
    ));
    for bad in [-0.01, 1.01, f64::NAN] {
        assert!(matches!(
            risk_distribution(&SMALL, bad, 560, 300),
            Err(Error::Threshold { .. })
        ));
    }
    // The boundaries are valid.
    for ok in [0.0, 1.0] {
        let svg = risk_distribution(&SMALL, ok, 560, 300).unwrap();
        assert!(svg.ends_with("</svg>"));
    }
    let message = class_size_histogram(&SMALL, 10, 300)
        .unwrap_err()
        .to_string();
    assert!(message.contains("10×300"), "{message}");
}

#[test]
fn size_is_the_callers() {
    let svg = class_size_histogram(&SMALL, 800, 400).unwrap();
    assert!(svg.starts_with("<svg width=\"800\" height=\"400\" viewBox=\"0 0 800 400\""));
}

fn golden(name: &str, svg: &str) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", name]
        .iter()
        .collect();
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == svg,
        "{name} differs from {} (UPDATE_GOLDEN=1 rewrites it)",
        path.display()
    );
}

#[test]
fn golden_class_sizes() {
    golden(
        "class_sizes.svg",
        &class_size_histogram(&SMALL, 560, 300).unwrap(),
    );
}

#[test]
fn golden_risk_distribution() {
    golden(
        "risk_distribution.svg",
        &risk_distribution(&SMALL, 0.2, 560, 300).unwrap(),
    );
}

#[test]
fn golden_before_after() {
    golden(
        "before_after.svg",
        &before_after(&SMALL, &SMALL_AFTER, 560, 300).unwrap(),
    );
}

#[test]
fn golden_empty() {
    golden("empty.svg", &class_size_histogram(&[], 560, 300).unwrap());
}
