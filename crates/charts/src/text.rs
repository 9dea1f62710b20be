//! Number formatting for labels.

/// A probability as a percentage with at most two decimals: 0.05 → "5", 0.125 → "12.5".
pub(crate) fn percent(p: f64) -> String {
    let text = format!("{:.2}", p * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// A count with thousands separators: 1234567 → "1,234,567".
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count short enough for a narrow bar: exact below 10,000, then "12.3k", "456k",
/// "1.2M", "12.3B"…
pub(crate) fn compact(n: u64) -> String {
    if n < 10_000 {
        return thousands(n);
    }
    let units = [
        (1e18, "E"),
        (1e15, "P"),
        (1e12, "T"),
        (1e9, "B"),
        (1e6, "M"),
        (1e3, "k"),
    ];
    let value = n as f64;
    for (scale, suffix) in units {
        if value >= scale {
            let scaled = value / scale;
            return if scaled < 100.0 {
                format!("{:.1}{suffix}", scaled).replace(".0", "")
            } else {
                format!("{:.0}{suffix}", scaled)
            };
        }
    }
    thousands(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages() {
        assert_eq!(percent(0.0), "0");
        assert_eq!(percent(0.07), "7");
        assert_eq!(percent(0.125), "12.5");
        assert_eq!(percent(1.0 / 3.0), "33.33");
        assert_eq!(percent(1.0), "100");
    }

    #[test]
    fn counts() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(compact(9_999), "9,999");
        assert_eq!(compact(12_345), "12.3k");
        assert_eq!(compact(20_000), "20k");
        assert_eq!(compact(560_000), "560k");
        assert_eq!(compact(1_234_567), "1.2M");
        assert_eq!(compact(u64::MAX), "18.4E");
    }
}
