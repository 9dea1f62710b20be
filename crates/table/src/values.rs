//! Hand-written recognisers for the value shapes that type inference uses.
//!
//! Each takes one non-empty cell and says whether it has the shape exactly:
//! no surrounding white space, no `+` sign, no thousands separators.

/// An integer: an optional `-` then ASCII digits, fitting in an `i64`.
///
/// A value of two or more digits that starts with `0` (such as the ZIP code
/// `02134` or a medical record number `000123`) is an identifier, not a
/// number, and is rejected. So is a value too large for an `i64`: such long
/// digit strings are identifiers too.
pub(crate) fn is_integer(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    is_digits(digits) && !has_leading_zero(digits) && value.parse::<i64>().is_ok()
}

/// A decimal number: an integer (see [`is_integer`]) or `-?\d+\.\d+`.
pub(crate) fn is_decimal(value: &str) -> bool {
    if is_integer(value) {
        return true;
    }
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    unsigned
        .split_once('.')
        .is_some_and(|(whole, fraction)| is_digits(whole) && is_digits(fraction))
}

/// A real calendar date written as ISO `YYYY-MM-DD` or US `MM/DD/YYYY`,
/// with exactly two digits for month and day and four for the year.
pub(crate) fn is_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    let parts = match bytes {
        [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] => [y0, y1, y2, y3, m0, m1, d0, d1],
        [m0, m1, b'/', d0, d1, b'/', y0, y1, y2, y3] => [y0, y1, y2, y3, m0, m1, d0, d1],
        _ => return false,
    };
    let mut digits = [0u32; 8];
    for (digit, &&byte) in digits.iter_mut().zip(&parts) {
        if !byte.is_ascii_digit() {
            return false;
        }
        *digit = u32::from(byte - b'0');
    }
    let [y0, y1, y2, y3, m0, m1, d0, d1] = digits;
    let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    let month = m0 * 10 + m1;
    let day = d0 * 10 + d1;
    year >= 1 && day >= 1 && day <= days_in_month(year, month)
}

/// The number of days in `month` of `year`; 0 for a month outside 1 to 12.
fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap_year(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

fn has_leading_zero(digits: &str) -> bool {
    digits.len() > 1 && digits.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        for value in [
            "0",
            "7",
            "-0",
            "-42",
            "123456",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            assert!(is_integer(value), "{value}");
        }
        for value in [
            "",
            "-",
            "+1",
            "02134",
            "-01",
            "00",
            "1.0",
            " 1",
            "1 ",
            "1,000",
            "٣",
            "9223372036854775808",
            "1e5",
        ] {
            assert!(!is_integer(value), "{value}");
        }
    }

    #[test]
    fn decimals() {
        for value in ["1", "-3", "0.5", "-0.25", "12.50", "007.5"] {
            assert!(is_decimal(value), "{value}");
        }
        for value in [
            "", ".5", "5.", "-.5", "1.2.3", "+1.5", "1,5", "02134", "1e-3", "-", "NaN", "--1.0",
        ] {
            assert!(!is_decimal(value), "{value}");
        }
    }

    #[test]
    fn iso_dates() {
        for value in [
            "2024-01-31",
            "2024-02-29",
            "2000-02-29",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert!(is_date(value), "{value}");
        }
        for value in [
            "2023-02-29",
            "1900-02-29",
            "2023-02-30",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "0000-01-01",
            "2024-1-01",
            "2024/01/01",
            "24-01-01",
            "2024-01-01T00:00",
            "２０２４-01-01",
        ] {
            assert!(!is_date(value), "{value}");
        }
    }

    #[test]
    fn us_dates() {
        for value in ["01/31/2024", "02/29/2024", "12/25/1999"] {
            assert!(is_date(value), "{value}");
        }
        for value in [
            "31/01/2024",
            "02/29/2023",
            "1/5/2024",
            "01-31-2024",
            "01/31/24",
            "00/10/2024",
        ] {
            assert!(!is_date(value), "{value}");
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2024) && is_leap_year(2000));
        assert!(!is_leap_year(2023) && !is_leap_year(1900));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 13), 0);
    }
}
