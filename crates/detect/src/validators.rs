//! Checks that a string shaped like an identifier really can be one: SSN
//! area/group/serial rules, the Luhn check digit (cards, NPI), NANP phone
//! numbering rules, VIN check digits, DEA and Medicare MBI formats, IP
//! addresses and real calendar dates. Each takes the candidate text and
//! answers yes or no; none allocates.

/// The ASCII digits of `s`, ignoring `-`, `.`, `/`, spaces and parentheses;
/// `None` if anything else occurs or there are more than `N` digits.
fn digits<const N: usize>(s: &str) -> Option<([u8; N], usize)> {
    let mut out = [0u8; N];
    let mut n = 0;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                if n == N {
                    return None;
                }
                out[n] = b - b'0';
                n += 1;
            }
            b'-' | b'.' | b'/' | b' ' | b'(' | b')' => {}
            _ => return None,
        }
    }
    Some((out, n))
}

fn number(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, &x| acc * 10 + u32::from(x))
}

/// A US Social Security number: nine digits, area not 000, 666 or 900–999,
/// group not 00, serial not 0000.
pub fn ssn(s: &str) -> bool {
    let Some((d, 9)) = digits::<9>(s) else {
        return false;
    };
    let area = number(&d[..3]);
    area != 0 && area != 666 && area < 900 && number(&d[3..5]) != 0 && number(&d[5..]) != 0
}

/// The Luhn (mod 10) check over the digits of `s` (separators ignored).
pub fn luhn(s: &str) -> bool {
    let Some((d, n)) = digits::<32>(s) else {
        return false;
    };
    n >= 2 && luhn_digits(&d[..n])
}

fn luhn_digits(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            let x = u32::from(x);
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 {
                    y - 9
                } else {
                    y
                }
            } else {
                x
            }
        })
        .sum();
    sum % 10 == 0
}

/// A National Provider Identifier: ten digits starting with 1 or 2 whose
/// Luhn check passes with the card-issuer prefix 80840.
pub fn npi(s: &str) -> bool {
    let Some((d, 10)) = digits::<10>(s) else {
        return false;
    };
    if d[0] != 1 && d[0] != 2 {
        return false;
    }
    let mut full = [8, 0, 8, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    full[5..].copy_from_slice(&d);
    luhn_digits(&full)
}

/// A North American Numbering Plan number: ten digits (an optional leading
/// country code 1 is allowed), area code and exchange starting with 2–9 and
/// neither of the form N11.
pub fn nanp_phone(s: &str) -> bool {
    let trimmed = s.trim_start_matches('+');
    let Some((d, n)) = digits::<11>(trimmed) else {
        return false;
    };
    let d = match n {
        10 => &d[..10],
        11 if d[0] == 1 => &d[1..11],
        _ => return false,
    };
    let n11 = |x: &[u8]| x[1] == 1 && x[2] == 1;
    d[0] >= 2 && d[3] >= 2 && !n11(&d[..3]) && !n11(&d[3..6])
}

/// A Vehicle Identification Number: 17 characters without I, O or Q whose
/// ninth character is the ISO 3779 / NHTSA check digit.
pub fn vin(s: &str) -> bool {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let b = s.as_bytes();
    if b.len() != 17 {
        return false;
    }
    let mut sum = 0;
    for (i, &c) in b.iter().enumerate() {
        let Some(v) = vin_value(c.to_ascii_uppercase()) else {
            return false;
        };
        sum += v * WEIGHTS[i];
    }
    let check = match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    };
    b[8].to_ascii_uppercase() == check
}

fn vin_value(c: u8) -> Option<u32> {
    Some(match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => return None,
    })
}

/// A DEA registration number: two letters and seven digits whose last digit
/// is the DEA checksum.
pub fn dea(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 9 || !b[..2].iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    if !b[2..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u32> = b[2..].iter().map(|&c| u32::from(c - b'0')).collect();
    let sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
    sum % 10 == d[6]
}

/// A Medicare Beneficiary Identifier: 11 characters (dashes allowed) in the
/// pattern C A AN N A AN N A A N N, letters excluding S, L, O, I, B and Z.
pub fn mbi(s: &str) -> bool {
    let chars: Vec<u8> = s.bytes().filter(|&c| c != b'-').collect();
    if chars.len() != 11 {
        return false;
    }
    let letter = |c: u8| c.is_ascii_uppercase() && !b"SLOIBZ".contains(&c);
    let digit = |c: u8| c.is_ascii_digit();
    let either = |c: u8| letter(c) || digit(c);
    let c = &chars;
    matches!(c[0], b'1'..=b'9')
        && letter(c[1])
        && either(c[2])
        && digit(c[3])
        && letter(c[4])
        && either(c[5])
        && digit(c[6])
        && letter(c[7])
        && letter(c[8])
        && digit(c[9])
        && digit(c[10])
}

/// A dotted-quad IPv4 address with every part from 0 to 255.
pub fn ipv4(s: &str) -> bool {
    s.parse::<std::net::Ipv4Addr>().is_ok()
}

/// An IPv6 address in any of its textual forms.
pub fn ipv6(s: &str) -> bool {
    s.contains(':') && s.parse::<std::net::Ipv6Addr>().is_ok()
}

/// A real calendar date (Gregorian, leap years included).
pub fn calendar_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    day >= 1 && day <= days
}

/// A month and day that exist in some year (29 February included).
pub fn month_day(month: u32, day: u32) -> bool {
    calendar_date(2000, month, day)
}

/// A well-formed e-mail address: a local part, one `@`, and a domain of at
/// least two labels whose last is alphabetic.
pub fn email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.contains('@') {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssn_rules() {
        assert!(ssn("123-45-6789"));
        assert!(ssn("123456789"));
        assert!(!ssn("000-45-6789"));
        assert!(!ssn("666-45-6789"));
        assert!(!ssn("912-45-6789"));
        assert!(!ssn("123-00-6789"));
        assert!(!ssn("123-45-0000"));
        assert!(!ssn("123-45-678"));
        assert!(!ssn("12a-45-6789"));
    }

    #[test]
    fn luhn_and_npi() {
        assert!(luhn("4111 1111 1111 1111"));
        assert!(!luhn("4111 1111 1111 1112"));
        assert!(npi("1234567893"));
        assert!(!npi("1234567890"));
        assert!(!npi("3234567893"));
    }

    #[test]
    fn nanp_rules() {
        assert!(nanp_phone("(617) 555-0123"));
        assert!(nanp_phone("+1 617 555 0123"));
        assert!(nanp_phone("617.555.0123"));
        assert!(!nanp_phone("117-555-0123"));
        assert!(!nanp_phone("611-555-0123"));
        assert!(!nanp_phone("617-155-0123"));
        assert!(!nanp_phone("617-911-0123"));
        assert!(!nanp_phone("2-555-0123"));
    }

    #[test]
    fn vin_check_digit() {
        assert!(vin("1M8GDM9AXKP042788"));
        assert!(vin("11111111111111111"));
        assert!(!vin("1M8GDM9A1KP042788"));
        assert!(!vin("1M8GDM9AXKP04278O"));
    }

    #[test]
    fn dea_and_mbi() {
        assert!(dea("AB1234563"));
        assert!(!dea("AB1234564"));
        assert!(mbi("1EG4-TE5-MK73"));
        assert!(mbi("1EG4TE5MK73"));
        assert!(!mbi("1EG4-TE5-MK7"));
        assert!(!mbi("0EG4-TE5-MK73"));
        assert!(!mbi("1SG4-TE5-MK73"));
    }

    #[test]
    fn addresses_and_dates() {
        assert!(ipv4("192.0.2.17"));
        assert!(!ipv4("256.1.1.1"));
        assert!(!ipv4("1.2.3"));
        assert!(ipv6("2001:db8::1"));
        assert!(!ipv6("12:30"));
        assert!(calendar_date(2024, 2, 29));
        assert!(!calendar_date(2023, 2, 29));
        assert!(!calendar_date(2024, 13, 1));
        assert!(month_day(2, 29));
        assert!(!month_day(4, 31));
        assert!(email("a.b+c@mail.example.org"));
        assert!(!email("a@b"));
        assert!(!email("@example.com"));
        assert!(!email("a@example.c0m"));
    }
}
