//! Writes sample charts to a folder, to look at them in a browser or an image viewer:
//! `cargo run -p charts --example render -- /tmp/charts`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "charts-preview".into()),
    );
    std::fs::create_dir_all(&dir)?;
    // A register of ~1.2 million people on age, sex and 3-digit ZIP code.
    let before: Vec<(u64, u64)> = vec![
        (1, 41_250),
        (2, 18_400),
        (3, 9_800),
        (4, 6_100),
        (6, 8_300),
        (8, 5_200),
        (15, 9_100),
        (40, 6_700),
        (75, 2_900),
        (400, 1_400),
    ];
    let after: Vec<(u64, u64)> = vec![
        (5, 1_200),
        (9, 3_400),
        (14, 8_800),
        (30, 9_600),
        (90, 3_100),
        (700, 1_050),
    ];
    let (w, h) = (560, 300);
    let charts = [
        ("class_sizes", charts::class_size_histogram(&before, w, h)?),
        (
            "risk_distribution",
            charts::risk_distribution(&before, 0.15, w, h)?,
        ),
        ("before_after", charts::before_after(&before, &after, w, h)?),
        ("empty", charts::risk_distribution(&[], 0.2, w, h)?),
    ];
    for (name, svg) in charts {
        let path = dir.join(format!("{name}.svg"));
        std::fs::write(&path, svg)?;
        println!("{}", path.display());
    }
    Ok(())
}
