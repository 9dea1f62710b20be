//! Delimiter detection: [`sniff_delimiter`].

/// The delimiters considered, in order of preference when counts tie.
const CANDIDATES: [u8; 5] = [b',', b';', b'\t', b'|', b':'];

/// At most this many lines of the sample are looked at.
const MAX_LINES: usize = 50;

/// Guesses the delimiter of a delimited text sample, such as the first
/// 64 KiB of a file.
///
/// Among `,` `;` tab `|` `:`, picks the one that occurs (outside double
/// quotes) the same non-zero number of times on every line looked at,
/// preferring the highest count. If none is consistent, picks the one whose
/// header-line count is matched by the most lines, provided more than half
/// agree, so that a file with one bad row is still split correctly and its
/// bad row reported. Otherwise returns `b','`.
///
/// Line breaks inside double quotes do not end a line. A last line without
/// a line break is ignored when earlier lines exist, since a sample may
/// end partway through a line.
pub fn sniff_delimiter(sample: &[u8]) -> u8 {
    let counts = line_counts(sample);
    let Some(header) = counts.first() else {
        return b',';
    };
    let mut best: Option<(usize, usize, u8)> = None;
    for (slot, &delimiter) in CANDIDATES.iter().enumerate() {
        let expected = header[slot];
        if expected == 0 {
            continue;
        }
        let agreeing = counts.iter().filter(|line| line[slot] == expected).count();
        let better = best.map_or(true, |(best_agreeing, best_expected, _)| {
            (agreeing, expected) > (best_agreeing, best_expected)
        });
        if better {
            best = Some((agreeing, expected, delimiter));
        }
    }
    match best {
        Some((agreeing, _, delimiter)) if agreeing * 2 > counts.len() => delimiter,
        _ => b',',
    }
}

/// Per line of the sample, how often each candidate occurs outside quotes.
fn line_counts(sample: &[u8]) -> Vec<[usize; CANDIDATES.len()]> {
    let mut lines = Vec::new();
    let mut current = [0usize; CANDIDATES.len()];
    let mut in_quotes = false;
    let mut line_has_content = false;
    for &byte in sample {
        if lines.len() == MAX_LINES {
            return lines;
        }
        match byte {
            b'"' => {
                in_quotes = !in_quotes;
                line_has_content = true;
            }
            b'\n' if !in_quotes => {
                if line_has_content {
                    lines.push(current);
                }
                current = [0; CANDIDATES.len()];
                line_has_content = false;
            }
            b'\r' if !in_quotes => {}
            _ => {
                line_has_content = true;
                if !in_quotes {
                    if let Some(slot) = CANDIDATES.iter().position(|&candidate| candidate == byte) {
                        current[slot] += 1;
                    }
                }
            }
        }
    }
    if lines.is_empty() && line_has_content {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_candidate() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1,2,3\n4,5,6\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2,5;3\n4;5;6\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a|b|c\n1|2|3\n"), b'|');
        assert_eq!(sniff_delimiter(b"a:b\n1:2\n"), b':');
    }

    #[test]
    fn prefers_highest_consistent_count() {
        assert_eq!(sniff_delimiter(b"t:m,a,b\n1:2,x,y\n3:4,z,w\n"), b',');
    }

    #[test]
    fn ignores_delimiters_inside_quotes() {
        let sample = b"name;note\n\"Doe, Jane\";\"a,b,\nc\"\n\"x\";\"y,z\"\n";
        assert_eq!(sniff_delimiter(sample), b';');
    }

    #[test]
    fn crlf_and_blank_lines() {
        assert_eq!(sniff_delimiter(b"a|b\r\n\r\n1|2\r\n"), b'|');
    }

    #[test]
    fn tolerates_one_ragged_line() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2;3\n4;5\n6;7;8\n"), b';');
    }

    #[test]
    fn ignores_unterminated_last_line_when_others_exist() {
        assert_eq!(sniff_delimiter(b"a;b\n1;2\n3;4;5;6;7"), b';');
        assert_eq!(sniff_delimiter(b"a|b|c"), b'|');
    }

    #[test]
    fn defaults_to_comma() {
        assert_eq!(sniff_delimiter(b""), b',');
        assert_eq!(sniff_delimiter(b"just one column\nvalue\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b\n1|2|3\n4\n"), b',');
    }

    #[test]
    fn looks_at_a_bounded_number_of_lines() {
        let mut sample = b"a;b\n".repeat(MAX_LINES);
        sample.extend_from_slice(&b"x,y,z\n".repeat(MAX_LINES * 2));
        assert_eq!(sniff_delimiter(&sample), b';');
    }
}
