//! Span detection in free text: three passes over the text (patterns,
//! labels, words), then context decides each candidate's kind and
//! overlapping candidates are resolved into non-overlapping spans.

mod labels;
mod patterns;
mod words;

use std::sync::OnceLock;

use labels::{skip_separators, value_start, Cue, Label, Labels};
use patterns::{default_kind, Hit, Patterns, Shape};

use crate::dictionaries::Dictionaries;
use crate::{validators, Kind};

/// An identifier found in a text, with byte offsets into that text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Byte offset of the first byte of the span.
    pub start: usize,
    /// Byte offset one past the span's last byte.
    pub end: usize,
    /// What the span is.
    pub kind: Kind,
    /// How sure the detector is, 0 to 1.
    pub confidence: f32,
    /// The rule or evidence that produced the span, e.g. `ssn:labelled`.
    pub rule: &'static str,
}

/// A span before overlaps are resolved.
pub(crate) type Candidate = Span;

/// The compiled detector: patterns, dictionaries and context rules.
pub struct Detector {
    patterns: Patterns,
    labels: Labels,
    dict: &'static Dictionaries,
}

/// About how many bytes of a long text are read at once.
const PIECE_BYTES: usize = 64 << 10;

/// Where the piece of `text` that starts at `start` ends: at the last blank
/// line of the piece's second half, else its last line break, else a
/// character boundary.
fn piece_end(text: &str, start: usize) -> usize {
    let limit = start + PIECE_BYTES;
    if limit >= text.len() {
        return text.len();
    }
    let b = text.as_bytes();
    let half = start + PIECE_BYTES / 2;
    if let Some(p) = memchr::memmem::rfind(&b[half..limit], b"\n\n") {
        return half + p + 2;
    }
    if let Some(p) = memchr::memrchr(b'\n', &b[half..limit]) {
        return half + p + 1;
    }
    (half..=limit)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// How far (bytes) a label reaches to the value it announces.
const LABEL_REACH: usize = 24;

impl Detector {
    /// Builds a detector from the compiled-in dictionaries.
    pub fn new() -> Self {
        Detector {
            patterns: Patterns::new(),
            labels: Labels::new(),
            dict: Dictionaries::get(),
        }
    }

    /// The detector shared by the whole process, built on first use.
    pub fn shared() -> &'static Detector {
        static SHARED: OnceLock<Detector> = OnceLock::new();
        SHARED.get_or_init(Detector::new)
    }

    /// Every identifier in `text`, sorted by start, non-overlapping. A long
    /// text is read in pieces of about [`PIECE_BYTES`] cut at a blank line
    /// (else a line break), so each piece's tables stay in the CPU cache.
    pub fn detect(&self, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let end = piece_end(text, start);
            spans.extend(
                self.detect_piece(&text[start..end])
                    .into_iter()
                    .map(|s| Span {
                        start: s.start + start,
                        end: s.end + start,
                        ..s
                    }),
            );
            start = end;
        }
        spans
    }

    fn detect_piece(&self, text: &str) -> Vec<Span> {
        let labels = self.labels.find(text);
        let hits = self.patterns.hits(text);
        let mut candidates = Vec::with_capacity(hits.len() + labels.len());
        for hit in &hits {
            if let Some(c) = self.judge(text, hit, &labels) {
                candidates.push(c);
            }
        }
        labelled_values(text, &labels, &hits, &mut candidates);
        extend_ids(text.as_bytes(), &labels, &mut candidates);
        extend_phone_extensions(text.as_bytes(), &mut candidates);
        table_cell_ids(text.as_bytes(), &mut candidates);
        words::candidates(text, &labels, self.dict, &mut candidates);
        resolve(text, candidates)
    }

    /// The kind of a pattern match in its context, or `None` if the context
    /// says it is not an identifier.
    fn judge(&self, text: &str, hit: &Hit, labels: &[Label]) -> Option<Candidate> {
        let b = text.as_bytes();
        let label = label_before(b, labels, hit.start);
        let cue = label.map(|l| l.cue);
        let value = &text[hit.start..hit.end];
        // A code label ("ICD-10", "NDC", "Lot") covers only the value right after
        // it, not a date a few words on ("ICD check -- 12/18/2025").
        let code_label = label.is_some_and(|l| {
            l.cue == Cue::NotPhi && skip_separators(b, l.end, LABEL_REACH) >= hit.start
        });
        if code_label
            && !matches!(
                hit.shape,
                Shape::Email | Shape::Url | Shape::Ipv4 | Shape::Ipv6
            )
        {
            return None;
        }
        match hit.shape {
            Shape::Phone => {
                let fax = fax_context(b, labels, hit.start);
                let kind = if fax { Kind::Fax } else { Kind::Phone };
                Some(Candidate::from_hit(
                    hit,
                    kind,
                    0.9,
                    if fax { "fax:labelled" } else { "phone:nanp" },
                ))
            }
            Shape::Zip => match cue {
                // "Boise, ID 83702": Idaho's code, not an id label.
                Some(Cue::Id(_)) if state_code_after_comma(b, hit.start) => {
                    Some(Candidate::from_hit(hit, Kind::Geo, 0.95, "zip:after-state"))
                }
                Some(Cue::Id(kind)) => Some(Candidate::from_hit(hit, kind, 0.9, "id:labelled")),
                Some(Cue::Zip) => Some(Candidate::from_hit(hit, Kind::Geo, 0.95, "zip:labelled")),
                Some(Cue::Phone | Cue::Fax) => None,
                _ if state_before(b, hit.start, self.dict) => {
                    Some(Candidate::from_hit(hit, Kind::Geo, 0.95, "zip:after-state"))
                }
                _ if value.len() == 10 => {
                    Some(Candidate::from_hit(hit, Kind::Geo, 0.8, "zip:plus-four"))
                }
                _ if hit.start > 0 && b[hit.start - 1] == b'#' => Some(Candidate::from_hit(
                    hit,
                    Kind::OtherId,
                    0.6,
                    "id:number-sign",
                )),
                _ if !is_measurement(b, hit.end) && !lab_value(b, hit.start) => Some(
                    Candidate::from_hit(hit, Kind::OtherId, 0.4, "id:five-digits"),
                ),
                _ => None,
            },
            Shape::Digits | Shape::Code if is_measurement(b, hit.end) => None,
            Shape::Digits
            | Shape::Groups
            | Shape::Code
            | Shape::Ssn
            | Shape::Dea
            | Shape::Mbi
            | Shape::Hicn => {
                let at = labels.partition_point(|l| l.start < hit.start);
                let prefix = labels
                    .get(at)
                    .filter(|l| l.start == hit.start && l.end < hit.end);
                match cue.or(prefix.map(|l| l.cue)) {
                    Some(Cue::Id(kind)) => {
                        Some(Candidate::from_hit(hit, kind, 0.92, "id:labelled"))
                    }
                    Some(Cue::Phone) if validators::nanp_phone(value) => Some(Candidate::from_hit(
                        hit,
                        Kind::Phone,
                        0.85,
                        "phone:labelled",
                    )),
                    Some(Cue::Fax) if validators::nanp_phone(value) => {
                        Some(Candidate::from_hit(hit, Kind::Fax, 0.85, "fax:labelled"))
                    }
                    Some(Cue::Phone | Cue::Fax) if local_number(value.as_bytes()) => {
                        let kind = if cue == Some(Cue::Fax) {
                            Kind::Fax
                        } else {
                            Kind::Phone
                        };
                        Some(Candidate::from_hit(hit, kind, 0.8, "phone:labelled-local"))
                    }
                    _ if local_number(value.as_bytes()) && extension_follows(b, hit.end) => Some(
                        Candidate::from_hit(hit, Kind::Phone, 0.75, "phone:local-extension"),
                    ),
                    _ => unlabelled_id(hit, value),
                }
            }
            Shape::NumericDate if is_fraction(b, hit) => None,
            Shape::Street
                if value.starts_with(|c: char| c.is_ascii_lowercase())
                    || value.starts_with("Lives ") =>
            {
                let prefix = [
                    "Lives on ",
                    "lives on ",
                    "living on ",
                    "resides on ",
                    "Lives ",
                    "lives ",
                    "living ",
                    "resides ",
                    "on ",
                    "near ",
                ]
                .iter()
                .find(|p| value.starts_with(**p))
                .map_or(0, |p| p.len());
                Some(Candidate {
                    start: hit.start + prefix,
                    end: hit.end,
                    kind: Kind::Geo,
                    confidence: 0.8,
                    rule: "geo:street",
                })
            }
            Shape::DictationInitials => {
                let from = value.find(|c: char| c.is_ascii_uppercase())?;
                Some(Candidate {
                    start: hit.start + from,
                    end: hit.end,
                    kind: Kind::Name,
                    confidence: 0.7,
                    rule: "name:dictation-initials",
                })
            }
            Shape::IsAge => {
                let window = String::from_utf8_lossy(&b[hit.start.saturating_sub(24)..hit.start])
                    .to_ascii_lowercase();
                const VITALS: [&str; 12] = [
                    "hr", "sat", "spo2", "o2", "pulse", "rate", "bp", "temp", "glucose", "weight",
                    "wt", "score",
                ];
                if window
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| VITALS.contains(&w))
                {
                    return None;
                }
                let (from, to) = age_number(value)?;
                Some(Candidate {
                    start: hit.start + from,
                    end: hit.start + to,
                    kind: Kind::Age,
                    confidence: 0.7,
                    rule: "age:is-over-89",
                })
            }
            Shape::Age => {
                if b.get(hit.end).is_some_and(|&c| c == b'.' || c == b'%')
                    && b.get(hit.end + 1).is_some_and(u8::is_ascii_digit)
                {
                    return None;
                }
                if temperature_before(b, hit.start) {
                    return None;
                }
                let (from, to) = age_number(value)?;
                Some(Candidate {
                    start: hit.start + from,
                    end: hit.start + to,
                    kind: Kind::Age,
                    confidence: 0.95,
                    rule: "age:over-89",
                })
            }
            _ => {
                let (kind, confidence) = default_kind(hit.shape)?;
                let rule = match (kind, cue) {
                    (Kind::Date, Some(Cue::Birth)) => "date:birth",
                    (Kind::Date, _) => "date:pattern",
                    (Kind::Email, _) => "email:pattern",
                    (Kind::Url, _) => "url:pattern",
                    (Kind::Ip, _) => "ip:valid",
                    (Kind::Ssn, _) => "ssn:valid",
                    (Kind::Age, _) => "age:over-89",
                    (Kind::Geo, _) => "geo:street",
                    (Kind::Vehicle, _) => "vin:check-digit",
                    (Kind::HealthPlan, _) => "mbi:format",
                    (Kind::License, _) => "dea:checksum",
                    _ => "pattern",
                };
                Some(Candidate::from_hit(hit, kind, confidence, rule))
            }
        }
    }
}

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}

/// A number or code without a label: a 10-digit NANP number is a phone, a
/// Luhn-valid NPI a licence, and any other long number or code an id.
fn unlabelled_id(hit: &Hit, value: &str) -> Option<Candidate> {
    match hit.shape {
        Shape::Ssn => Some(Candidate::from_hit(hit, Kind::Ssn, 0.9, "ssn:valid")),
        Shape::Dea => Some(Candidate::from_hit(hit, Kind::License, 0.8, "dea:checksum")),
        Shape::Mbi => Some(Candidate::from_hit(
            hit,
            Kind::HealthPlan,
            0.85,
            "mbi:format",
        )),
        Shape::Digits if value.len() == 10 && validators::npi(value) => {
            Some(Candidate::from_hit(hit, Kind::License, 0.6, "npi:luhn"))
        }
        Shape::Digits if value.len() == 10 && validators::nanp_phone(value) => Some(
            Candidate::from_hit(hit, Kind::Phone, 0.6, "phone:nanp-digits"),
        ),
        Shape::Digits => Some(Candidate::from_hit(
            hit,
            Kind::OtherId,
            0.6,
            "id:long-number",
        )),
        Shape::Groups => Some(Candidate::from_hit(
            hit,
            Kind::OtherId,
            0.5,
            "id:digit-groups",
        )),
        _ => Some(Candidate::from_hit(hit, Kind::OtherId, 0.5, "id:code")),
    }
}

/// The label whose value starts at `start`: only separators, filler words
/// ("number", "is") or up to three words between them.
fn label_before<'a>(b: &[u8], labels: &'a [Label], start: usize) -> Option<&'a Label> {
    let idx = labels.partition_point(|l| l.end <= start);
    labels[..idx]
        .iter()
        .rev()
        .take(4)
        .take_while(|l| start - l.end <= 64)
        .find(|l| {
            skip_separators(b, l.end, LABEL_REACH) >= start || value_start(b, l) == Some(start)
        })
}

/// A fax label is the nearest phone-ish label before `start` on its line.
fn fax_context(b: &[u8], labels: &[Label], start: usize) -> bool {
    let idx = labels.partition_point(|l| l.end <= start);
    labels[..idx]
        .iter()
        .rev()
        .take_while(|l| start - l.end <= 32 && !b[l.end..start].contains(&b'\n'))
        .find(|l| matches!(l.cue, Cue::Phone | Cue::Fax))
        .is_some_and(|l| l.cue == Cue::Fax)
}

/// A state code or name right before `start` ("MA 02129", "Ohio, 43004",
/// "New Hampshire 03101").
fn state_before(b: &[u8], start: usize, dict: &Dictionaries) -> bool {
    let mut i = start;
    while i > 0 && matches!(b[i - 1], b' ' | b',') && start - i < 3 {
        i -= 1;
    }
    if i == start {
        return false;
    }
    let word_start = |end: usize| {
        b[..end]
            .iter()
            .rposition(|c| !c.is_ascii_alphabetic())
            .map_or(0, |p| p + 1)
    };
    let one = word_start(i);
    let code = i - one == 2 && b[one..i].iter().all(u8::is_ascii_uppercase);
    let name = |from: usize| {
        i > from
            && b[from].is_ascii_uppercase()
            && dict.states.contains(
                String::from_utf8_lossy(&b[from..i])
                    .to_ascii_lowercase()
                    .as_str(),
            )
    };
    let two = (one >= 2 && b[one - 1] == b' ').then(|| word_start(one - 1));
    (code && name(one)) || (!code && name(one)) || two.is_some_and(name)
}

/// ", ID 83702": a two-capital state code after a comma, right before `start`.
fn state_code_after_comma(b: &[u8], start: usize) -> bool {
    start >= 6
        && b[start - 1] == b' '
        && b[start - 3..start - 1].iter().all(u8::is_ascii_uppercase)
        && b[..start - 3].ends_with(b", ")
}

/// An m/d shape that is a fraction, a ratio, a score or part of a chain of
/// lab values: "1/2 tab", "1 1/2", "pain 7/10", "5/5 strength", "3.5/12.1/37".
fn is_fraction(b: &[u8], hit: &Hit) -> bool {
    let value = &b[hit.start..hit.end];
    let before = &b[..hit.start];
    let after = &b[hit.end..];
    let decimal = |side: &mut dyn Iterator<Item = &u8>| {
        side.take_while(|c| c.is_ascii_digit() || **c == b'.')
            .any(|&c| c == b'.')
    };
    let decimal_before =
        before.last() == Some(&b'-') && decimal(&mut before[..before.len() - 1].iter().rev());
    let decimal_after = after.first() == Some(&b'-') && decimal(&mut after[1..].iter());
    let chained = before.last().is_some_and(|c| matches!(c, b'.' | b'/'))
        || (after.first().is_some_and(|c| matches!(c, b'.' | b'/'))
            && after.get(1).is_some_and(u8::is_ascii_digit))
        || decimal_before
        || decimal_after;
    if chained {
        return true;
    }
    if value.iter().filter(|&&c| c == b'/').count() != 1
        || value.contains(&b'-')
        || value.contains(&b'.')
    {
        return false;
    }
    let digit_before = before
        .iter()
        .rev()
        .find(|&&c| c != b' ')
        .is_some_and(u8::is_ascii_digit);
    let next_word: Vec<u8> = after
        .iter()
        .skip_while(|&&c| c == b' ')
        .take_while(|c| c.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect();
    const UNITS: [&[u8]; 20] = [
        b"tab",
        b"tabs",
        b"tablet",
        b"tablets",
        b"mg",
        b"ml",
        b"cup",
        b"cups",
        b"strength",
        b"dose",
        b"inch",
        b"in",
        b"of",
        b"teaspoon",
        b"tsp",
        b"pill",
        b"mcg",
        b"units",
        b"systolic",
        b"murmur",
    ];
    let previous_word: Vec<u8> = before
        .iter()
        .rev()
        .skip_while(|&&c| c == b' ' || c == b':')
        .take_while(|c| c.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect::<Vec<u8>>()
        .into_iter()
        .rev()
        .collect();
    const SCALES: [&[u8]; 8] = [
        b"pain",
        b"strength",
        b"murmur",
        b"score",
        b"scale",
        b"grade",
        b"rated",
        b"power",
    ];
    let out_of_ten = value.ends_with(b"/10") && {
        let window = &before[before.len().saturating_sub(40)..];
        String::from_utf8_lossy(window)
            .to_ascii_lowercase()
            .contains("pain")
    };
    let date_word = matches!(
        previous_word.as_slice(),
        b"on" | b"since" | b"until" | b"from" | b"dated" | b"after" | b"before"
    );
    !date_word && digit_before
        || out_of_ten
        || !date_word && UNITS.contains(&next_word.as_slice())
        || after.first() == Some(&b'%')
        || SCALES.contains(&previous_word.as_slice())
}

/// A number after a lab's or a dose's name ("CK 20513", "heparin 10000"), or before a
/// unit ("10000 units").
fn lab_value(b: &[u8], start: usize) -> bool {
    let before = &b[..start];
    let trimmed = before
        .iter()
        .rposition(|&c| c != b' ' && c != b':')
        .map_or(0, |p| p + 1);
    let word_start = before[..trimmed]
        .iter()
        .rposition(|c| !c.is_ascii_alphanumeric())
        .map_or(0, |p| p + 1);
    let word = &before[word_start..trimmed];
    let code =
        word.len() >= 4 && word[0].is_ascii_uppercase() && word[1..].iter().all(u8::is_ascii_digit);
    let lab_name = !word.is_empty()
        && word.len() <= 12
        && word.iter().all(|c| c.is_ascii_alphanumeric())
        && word.iter().any(u8::is_ascii_alphabetic)
        && !code;
    lab_name
        && trimmed > word_start
        && word_start + word.len() == trimmed
        && !word.eq_ignore_ascii_case(b"mrn")
}

/// A count with its unit after it: "279000/uL", "150000 cells".
fn is_measurement(b: &[u8], end: usize) -> bool {
    let after = &b[end..];
    const UNITS: [&[u8]; 8] = [
        b" cells", b" copies", b" units", b" mcg", b" mg", b" ml", b" mL", b" IU",
    ];
    (after.first() == Some(&b'/') && after.get(1).is_some_and(u8::is_ascii_alphabetic))
        || UNITS.iter().any(|u| {
            after.starts_with(u)
                && after
                    .get(u.len())
                    .map_or(true, |c| !c.is_ascii_alphabetic())
        })
}

/// Values announced by a label that no pattern matched: an id after "MRN:",
/// a birth year after "DOB", a 7-digit number after "Tel".
fn labelled_values(text: &str, labels: &[Label], hits: &[Hit], out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    for label in labels {
        let start = match label.cue {
            Cue::Id(_) => match value_start(b, label) {
                Some(at) => at,
                None => continue,
            },
            _ => skip_separators(b, label.end, LABEL_REACH),
        };
        let glued = start == label.end && b[label.end - 1].is_ascii_alphanumeric();
        if start >= b.len() || glued && b[start].is_ascii_alphanumeric() {
            continue;
        }
        let next_hit = hits.partition_point(|h| h.end <= start);
        if hits.get(next_hit).is_some_and(|h| h.start <= start) {
            continue;
        }
        let end = start
            + b[start..]
                .iter()
                .take(40)
                .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'/' | b'.')))
                .unwrap_or_else(|| (b.len() - start).min(40));
        let mut end = end;
        while end > start && matches!(b[end - 1], b'-' | b'/' | b'.') {
            end -= 1;
        }
        // A user name with an apostrophe: "mo'donnell".
        if label.cue == Cue::Handle
            && b.get(end) == Some(&b'\'')
            && b.get(end + 1).is_some_and(u8::is_ascii_lowercase)
        {
            end += 1 + b[end + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
        }
        // An id written in groups: "ABC 1234", "123 456 789".
        if matches!(label.cue, Cue::Id(_)) && end - start <= 6 {
            for _ in 0..3 {
                if b.get(end) != Some(&b' ') {
                    break;
                }
                let more = b[end + 1..]
                    .iter()
                    .take(9)
                    .enumerate()
                    .take_while(|&(k, c)| {
                        c.is_ascii_alphanumeric()
                            || *c == b'-'
                                && k > 0
                                && b.get(end + 2 + k).is_some_and(u8::is_ascii_digit)
                    })
                    .count();
                let group = &b[end + 1..end + 1 + more];
                let plate_letters = label.cue == Cue::Id(Kind::Vehicle)
                    && more == 3
                    && group.iter().all(u8::is_ascii_uppercase);
                let boundary = b
                    .get(end + 1 + more)
                    .map_or(true, |c| !c.is_ascii_alphanumeric());
                let last_digit = more == 1
                    && group[0].is_ascii_digit()
                    && b.get(end + 2)
                        .map_or(true, |&c| matches!(c, b'\n' | b',' | b')' | b';'));
                if ((2..=6).contains(&more) || last_digit)
                    && boundary
                    && (group.iter().any(u8::is_ascii_digit) || plate_letters)
                {
                    end += 1 + more;
                } else {
                    break;
                }
            }
        }
        let value = &b[start..end];
        let digits = value.iter().filter(|c| c.is_ascii_digit()).count();
        let candidate = match label.cue {
            Cue::Id(kind)
                if (digits >= 2
                    || matches!(kind, Kind::Vehicle | Kind::Device | Kind::Biometric)
                        && digits >= 1)
                    && value.len() >= 4
                    && !is_year(value) =>
            {
                Some((kind, 0.9, "id:labelled"))
            }
            Cue::Birth
                if value.len() == 4
                    && digits == 4
                    && (value.starts_with(b"19") || value.starts_with(b"20")) =>
            {
                Some((Kind::Date, 0.9, "date:birth-year"))
            }
            Cue::Phone | Cue::Fax if local_number(value) => {
                let kind = if label.cue == Cue::Fax {
                    Kind::Fax
                } else {
                    Kind::Phone
                };
                Some((kind, 0.8, "phone:labelled-local"))
            }
            Cue::Zip if digits == 5 && value.len() == 5 => Some((Kind::Geo, 0.9, "zip:labelled")),
            Cue::Handle
                if value.len() >= 3
                    && value.len() <= 32
                    && value[0].is_ascii_lowercase()
                    && !value.contains(&b'/') =>
            {
                Some((Kind::Name, 0.8, "name:user-handle"))
            }
            _ => None,
        };
        if let Some((kind, confidence, rule)) = candidate {
            out.push(Candidate {
                start,
                end,
                kind,
                confidence,
                rule,
            });
        }
    }
}

/// The number inside an age phrase: "92" in "92-year-old", "90s" in "in her
/// 90s", "ninety-two" in "ninety-two years old".
fn age_number(value: &str) -> Option<(usize, usize)> {
    if let Some(from) = value.find(|c: char| c.is_ascii_digit()) {
        let mut to = from
            + value[from..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(value.len() - from);
        if value[to..].starts_with('s') {
            to += 1;
        }
        return Some((from, to));
    }
    let lower = value.to_ascii_lowercase();
    let from = ["one hundred", "hundred", "ninety", "nineties"]
        .iter()
        .filter_map(|w| lower.find(w))
        .min()?;
    // The number's words: "ninety-two", "one hundred and two", "nineties".
    const NUMBER_WORDS: [&str; 14] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
        "ninety", "nineties", "and",
    ];
    let mut to = from;
    for word in lower[from..].split_inclusive([' ', '-']) {
        let bare = word.trim_end_matches([' ', '-']);
        if !NUMBER_WORDS.contains(&bare) {
            break;
        }
        to += word.len();
    }
    let to = from + value[from..to].trim_end_matches([' ', '-']).len();
    let to = if value[..to].ends_with(" and") {
        to - 4
    } else {
        to
    };
    Some((from, to))
}

/// "T 99 F", "temp 101 F": a temperature, not an age and sex.
fn temperature_before(b: &[u8], start: usize) -> bool {
    let window = String::from_utf8_lossy(&b[start.saturating_sub(14)..start]).to_ascii_lowercase();
    let trimmed = window.trim_end_matches([' ', ':']);
    trimmed.ends_with(" t")
        || trimmed.ends_with("temp")
        || trimmed.ends_with("temperature")
        || trimmed.ends_with("tmax")
}

fn is_year(value: &[u8]) -> bool {
    value.len() == 4
        && value.iter().all(u8::is_ascii_digit)
        && (value.starts_with(b"19") || value.starts_with(b"20"))
}

/// Identifiers written in groups ("XEH 448569899 01", "030 542 5384", "B700 09642"),
/// with a check suffix ("9149093-B", "24-59295-OF"), a version code ("8089 344
/// 368 DE") or a prefix ("FP:3961UU", "ABC 1234567"): each id candidate takes
/// them in.
fn extend_ids(b: &[u8], labels: &[Label], candidates: &mut [Candidate]) {
    const ID_KINDS: [Kind; 8] = [
        Kind::Mrn,
        Kind::HealthPlan,
        Kind::Account,
        Kind::OtherId,
        Kind::License,
        Kind::Device,
        Kind::Biometric,
        Kind::Vehicle,
    ];
    for c in candidates.iter_mut().filter(|c| ID_KINDS.contains(&c.kind)) {
        c.end = digit_groups_after(b, c.end);
        c.end = version_code_after(b, c.start, c.end);
        c.end = check_suffix_after(b, c.end);
        c.start = colon_prefix_before(b, labels, c.start);
        c.start = capitals_prefix_before(b, labels, c.start, c.end);
    }
}

/// The end of up to two short digit groups after `end`: "448569899 01".
fn digit_groups_after(b: &[u8], mut end: usize) -> usize {
    for _ in 0..2 {
        if b.get(end) != Some(&b' ') {
            break;
        }
        let len = b[end + 1..]
            .iter()
            .take(7)
            .take_while(|x| x.is_ascii_alphanumeric())
            .count();
        let group = &b[end + 1..end + 1 + len];
        let ends = b.get(end + 1 + len).map_or(true, |x| {
            !x.is_ascii_alphanumeric() && *x != b'/' && *x != b'.'
                || *x == b'.' && b.get(end + 2 + len).map_or(true, |y| !y.is_ascii_digit())
        });
        if (2..=6).contains(&len) && ends && group.iter().all(u8::is_ascii_digit) {
            end += 1 + len;
        } else {
            break;
        }
    }
    end
}

/// The end of a two-letter version code after a spaced id: "8089 344 368 DE;".
fn version_code_after(b: &[u8], start: usize, end: usize) -> usize {
    let version = b.get(end) == Some(&b' ')
        && b.get(end + 1..end + 3)
            .is_some_and(|v| v.iter().all(u8::is_ascii_uppercase))
        && b.get(end + 3)
            .map_or(true, |&x| matches!(x, b';' | b',' | b'\n' | b')'))
        && b[start..end].contains(&b' ');
    if version {
        end + 3
    } else {
        end
    }
}

/// The end of a check suffix of one to three capitals or digits: "9149093-B".
fn check_suffix_after(b: &[u8], end: usize) -> usize {
    if b.get(end) != Some(&b'-') {
        return end;
    }
    let suffix = b[end + 1..]
        .iter()
        .take(4)
        .take_while(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
        .count();
    let boundary = b
        .get(end + 1 + suffix)
        .map_or(true, |x| !x.is_ascii_alphanumeric() && *x != b'-');
    if (1..=3).contains(&suffix) && boundary {
        end + 1 + suffix
    } else {
        end
    }
}

/// True if a label overlaps `from..to`.
fn labelled_between(labels: &[Label], from: usize, to: usize) -> bool {
    labels
        .get(labels.partition_point(|l| l.end <= from))
        .is_some_and(|l| l.start < to)
}

/// The start of a two-to-four-capitals prefix before a colon: "FP:3961UU".
fn colon_prefix_before(b: &[u8], labels: &[Label], start: usize) -> usize {
    if start < 3 || b[start - 1] != b':' {
        return start;
    }
    let letters = b[..start - 1]
        .iter()
        .rev()
        .take(5)
        .take_while(|x| x.is_ascii_uppercase())
        .count();
    let from = start - 1 - letters;
    if (2..=4).contains(&letters)
        && !labelled_between(labels, from, start - 1)
        && (from == 0 || !b[from - 1].is_ascii_alphanumeric())
    {
        from
    } else {
        start
    }
}

/// The start of a short capitalised group before an id of five or more
/// digits that is not a label: "XEH 448569899", "B700 09642".
fn capitals_prefix_before(b: &[u8], labels: &[Label], start: usize, end: usize) -> usize {
    if start < 2 || b[start - 1] != b' ' {
        return start;
    }
    let from = b[..start - 1]
        .iter()
        .rposition(|x| !x.is_ascii_alphanumeric())
        .map_or(0, |p| p + 1);
    let group = &b[from..start - 1];
    let capitals = (1..=4).contains(&group.len())
        && group[0].is_ascii_uppercase()
        && group
            .iter()
            .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
        && group.iter().filter(|x| x.is_ascii_uppercase()).count() <= 3;
    let digits_in_id = b[start..end].iter().filter(|x| x.is_ascii_digit()).count() >= 5;
    if capitals
        && digits_in_id
        && !labelled_between(labels, from, start - 1)
        && (from == 0 || !b[from - 1].is_ascii_alphanumeric())
    {
        from
    } else {
        start
    }
}

/// A local phone number without its area code: "555-0148".
fn local_number(b: &[u8]) -> bool {
    b.len() == 8 && b[3] == b'-' && b[..3].iter().chain(&b[4..]).all(u8::is_ascii_digit)
}

/// " ext 872", " x5095", " ext. 4375" right after `end`.
fn extension_follows(b: &[u8], end: usize) -> bool {
    let rest = &b[end..];
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let marker = rest.iter().take_while(|x| x.is_ascii_alphabetic()).count();
    let word = &rest[..marker];
    (word.eq_ignore_ascii_case(b"x") || word.eq_ignore_ascii_case(b"ext"))
        && rest[marker..]
            .iter()
            .find(|c| !matches!(c, b'.' | b' '))
            .is_some_and(u8::is_ascii_digit)
}

/// Ids alone in a cell of a pipe-separated table ("| 5147-435 |", "| P9962 |",
/// "| 9962 3887 |"): a cell of letters, digits and `-./ ` with at least five
/// digits, or four next to a letter, that is not a money amount, in which
/// nothing else was found.
fn table_cell_ids(b: &[u8], candidates: &mut Vec<Candidate>) {
    if !b.contains(&b'|') {
        return;
    }
    // Spans found so far, by start, with the furthest end up to each.
    let mut found: Vec<(usize, usize)> = candidates.iter().map(|c| (c.start, c.end)).collect();
    found.sort_unstable();
    let furthest: Vec<usize> = found
        .iter()
        .scan(0, |max, &(_, end)| {
            *max = end.max(*max);
            Some(*max)
        })
        .collect();
    let covered = |start: usize, end: usize| {
        let before_end = found.partition_point(|&(s, _)| s < end);
        before_end > 0 && furthest[before_end - 1] > start
    };
    let mut line_start = 0;
    for line in b.split(|&c| c == b'\n') {
        let line_end = line_start + line.len();
        if line.iter().filter(|&&c| c == b'|').count() >= 2 {
            let mut cell_start = line_start;
            for cell in line.split(|&c| c == b'|') {
                let lead = cell.iter().take_while(|&&c| c == b' ').count();
                let trail = cell.iter().rev().take_while(|&&c| c == b' ').count();
                if lead + trail < cell.len() {
                    let value = &cell[lead..cell.len() - trail];
                    let start = cell_start + lead;
                    let end = start + value.len();
                    if cell_id(value) && !covered(start, end) {
                        candidates.push(Candidate {
                            start,
                            end,
                            kind: Kind::OtherId,
                            confidence: 0.45,
                            rule: "id:table-cell",
                        });
                    }
                }
                cell_start += cell.len() + 1;
            }
        }
        line_start = line_end + 1;
    }
}

fn cell_id(value: &[u8]) -> bool {
    let digits = value.iter().filter(|c| c.is_ascii_digit()).count();
    let letters = value.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let allowed = value
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'/' | b' '));
    let decimal = value.iter().all(|&c| c.is_ascii_digit() || c == b'.') && value.contains(&b'.');
    allowed
        && !decimal
        && value.len() <= 24
        && value.first().is_some_and(u8::is_ascii_alphanumeric)
        && value.iter().filter(|&&c| c == b' ').count() <= 3
        && letters <= 4
        && (digits >= 5 || digits >= 4 && letters >= 1)
}

/// A phone number takes in its extension: "7205550144 ext. 4375", "x.292", "x9961".
fn extend_phone_extensions(b: &[u8], candidates: &mut [Candidate]) {
    for c in candidates
        .iter_mut()
        .filter(|c| matches!(c.kind, Kind::Phone | Kind::Fax))
    {
        let rest = &b[c.end..];
        let blank = usize::from(rest.first() == Some(&b' '));
        let word = rest[blank..]
            .iter()
            .take_while(|x| x.is_ascii_alphabetic())
            .count();
        let marker = &rest[blank..blank + word];
        if !(marker.eq_ignore_ascii_case(b"x")
            || marker.eq_ignore_ascii_case(b"ext")
            || marker.eq_ignore_ascii_case(b"extension"))
        {
            continue;
        }
        let mut i = blank + word;
        if rest.get(i) == Some(&b'.') {
            i += 1;
        }
        if rest.get(i) == Some(&b' ') {
            i += 1;
        }
        let digits = rest[i..]
            .iter()
            .take(6)
            .take_while(|x| x.is_ascii_digit())
            .count();
        let boundary = rest
            .get(i + digits)
            .map_or(true, |x| !x.is_ascii_alphanumeric());
        if (1..=5).contains(&digits) && boundary {
            c.end += i + digits;
        }
    }
}

/// Non-overlapping spans: overlapping places merge, elsewhere at each
/// overlap the longer candidate wins (then the more confident); adjacent
/// name words separated by blanks merge.
fn resolve(text: &str, mut candidates: Vec<Candidate>) -> Vec<Span> {
    candidates.sort_by(|a, c| a.start.cmp(&c.start).then(c.end.cmp(&a.end)));
    let mut out: Vec<Span> = Vec::with_capacity(candidates.len());
    for c in candidates {
        if let Some(last) = out.last_mut() {
            if c.start < last.end && c.kind == last.kind && c.kind == Kind::Geo {
                // A street line and the town after it ("44 Fifth Ave" and
                // "Fifth Ave Glendale") make one place.
                last.end = last.end.max(c.end);
                continue;
            }
            if c.start < last.end {
                let (len_c, len_l) = (c.end - c.start, last.end - last.start);
                if len_c > len_l || (len_c == len_l && c.confidence > last.confidence) {
                    *last = c;
                }
                continue;
            }
            let between = &text.as_bytes()[last.end..c.start];
            if last.kind == c.kind && c.kind == Kind::Name && between.iter().all(|&x| x == b' ') {
                last.end = c.end;
                last.confidence = last.confidence.max(c.confidence);
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Kind, &str)> {
        Detector::shared()
            .detect(text)
            .into_iter()
            .map(|s| (s.kind, &text[s.start..s.end]))
            .collect()
    }

    #[test]
    fn eponyms_are_diseases_and_titles_make_names() {
        assert_eq!(
            found("Seen by Dr. Parkinson for Parkinson's disease."),
            [(Kind::Name, "Parkinson")]
        );
        assert_eq!(
            found("Mr. Brown coughed up brown sputum."),
            [(Kind::Name, "Brown")]
        );
    }

    #[test]
    fn labels_give_ids_their_kind() {
        assert_eq!(found("MRN: 00412345"), [(Kind::Mrn, "00412345")]);
        assert_eq!(
            found("Tel 617-555-0100, Fax 617-555-0101"),
            [(Kind::Phone, "617-555-0100"), (Kind::Fax, "617-555-0101")]
        );
        assert_eq!(
            found("Member ID number is 4321 5577 01."),
            [(Kind::HealthPlan, "4321 5577 01")]
        );
    }

    #[test]
    fn doses_scores_and_ages_under_90_are_not_phi() {
        assert!(found("Pain 7/10, take 1/2 tab, BP 120/80, an 89-year-old man").is_empty());
        assert_eq!(found("a 92-year-old woman"), [(Kind::Age, "92")]);
        assert_eq!(found("started on 3/14 at 5/325 mg"), [(Kind::Date, "3/14")]);
    }

    #[test]
    fn addresses_cities_with_states_and_zips() {
        assert_eq!(
            found("Lives at 1589 Beacon Way, Boston, MA 02129."),
            [
                (Kind::Geo, "1589 Beacon Way"),
                (Kind::Geo, "Boston"),
                (Kind::Geo, "02129")
            ]
        );
        assert!(found("No travel outside North Carolina.").is_empty());
    }

    #[test]
    fn ages_over_89_in_short_forms() {
        for (text, age) in [
            ("DOREEN S (F, 103) arrived", "103"),
            ("HPI: 104-y-o man", "104"),
            ("92YOF w/ OA", "92"),
            ("Indications: F/90 for PPM", "90"),
            ("| Age | 99 |", "99"),
            ("husband thuy is 100 and home", "100"),
            ("Grandmother (one hundred two y/o) helps", "one hundred two"),
            ("Father died at ninety. BP", "ninety"),
        ] {
            let ages: Vec<_> = found(text)
                .into_iter()
                .filter(|(k, _)| *k == Kind::Age)
                .collect();
            assert_eq!(ages, [(Kind::Age, age)], "{text}");
        }
        assert!(found("HR is 95 and regular").is_empty());
    }

    #[test]
    fn dates_with_times_and_month_parts() {
        assert_eq!(found("5/3/2025T08:34:00"), [(Kind::Date, "5/3/2025")]);
        assert_eq!(found("DOB Sep-10-1933."), [(Kind::Date, "Sep-10-1933")]);
        assert_eq!(found("Admission 8/Nov/2024."), [(Kind::Date, "8/Nov/2024")]);
        assert_eq!(found("seen on 18Nov2024 at"), [(Kind::Date, "18Nov2024")]);
        assert_eq!(
            found("ICD check -- 12/18/2025"),
            [(Kind::Date, "12/18/2025")]
        );
        assert!(found("NDC 12345-6789-01, Lot #: 445566").is_empty());
        assert_eq!(
            found("worse since mid-February."),
            [(Kind::Date, "February")]
        );
        assert_eq!(
            found("Sato, Min-jun\t14-Feb-1954"),
            [
                (Kind::Name, "Sato"),
                (Kind::Name, "Min-jun"),
                (Kind::Date, "14-Feb-1954")
            ]
        );
    }

    #[test]
    fn ids_with_check_suffixes_and_groups() {
        assert_eq!(found("MRN 1157197-A."), [(Kind::Mrn, "1157197-A")]);
        assert_eq!(
            found("Police report #24-59295-OF."),
            [(Kind::OtherId, "24-59295-OF")]
        );
        assert_eq!(found("unit no. 18/47532/6"), [(Kind::Mrn, "18/47532/6")]);
        assert_eq!(found("Job #: 2935-12"), [(Kind::OtherId, "2935-12")]);
        assert_eq!(found("HOSP# 0913 4904"), [(Kind::Mrn, "0913 4904")]);
        assert_eq!(
            found("Coverage ID: CVG 0099 8812 3\n"),
            [(Kind::HealthPlan, "CVG 0099 8812 3")]
        );
        assert_eq!(
            found("MassHealth ID 100012345678. Boise, ID 83702"),
            [
                (Kind::OtherId, "100012345678"),
                (Kind::Geo, "Boise"),
                (Kind::Geo, "83702")
            ]
        );
        assert_eq!(
            found("Docket No.: 26 CR 435524\n"),
            [(Kind::OtherId, "26 CR 435524")]
        );
        assert_eq!(found("(4060 3599)"), [(Kind::OtherId, "4060 3599")]);
        assert!(found("between 0800 1200 and in 2019 2020").is_empty());
        assert_eq!(
            found("Samples: plasma B700 09642, DNA"),
            [(Kind::OtherId, "B700 09642")]
        );
        assert_eq!(
            found("fingerprint template FP:3961UU (enrolled"),
            [(Kind::Biometric, "FP:3961UU")]
        );
        assert_eq!(
            found("RA lead SN: SN-SCR7PKZWHD; RV"),
            [(Kind::Device, "SN-SCR7PKZWHD")]
        );
        assert_eq!(
            found("tel 7205550144 ext. 4375 today"),
            [(Kind::Phone, "7205550144 ext. 4375")]
        );
        assert_eq!(
            found("Phone: 555-0148 ext 872\n"),
            [(Kind::Phone, "555-0148 ext 872")]
        );
        assert_eq!(found("-- JD/ll  #2009-70\n")[1], (Kind::OtherId, "2009-70"));
        assert_eq!(
            found("2025-10-11 | 546-PS-256 | POL/54-65883/Y |")[1..],
            [
                (Kind::OtherId, "546-PS-256"),
                (Kind::OtherId, "POL/54-65883/Y")
            ]
        );
        assert_eq!(
            found("Docket No.: 41-JV-2006."),
            [(Kind::OtherId, "41-JV-2006")]
        );
        assert!(found("BMP: 129/4.2/109/30/25/1.51/160. C5-C6").is_empty());
        assert_eq!(
            found("2026-10-11 | P9962 | 2083-971 | 9962 3887 | 5.4 | $3,591.15 |")[1..],
            [
                (Kind::OtherId, "P9962"),
                (Kind::OtherId, "2083-971"),
                (Kind::OtherId, "9962 3887")
            ]
        );
    }

    #[test]
    fn names_in_sloppy_notes_and_dictation_footers() {
        assert_eq!(
            found("handoff to haruto d'angelo rn. charge rn olumide."),
            [(Kind::Name, "haruto d'angelo"), (Kind::Name, "olumide")]
        );
        assert_eq!(
            found("social: lihua liu (brother) called"),
            [(Kind::Name, "lihua liu")]
        );
        assert_eq!(found("plan: rest.\n-- TE/bn\n"), [(Kind::Name, "TE/bn")]);
        assert_eq!(
            found("updated on poc. eleanor asks to be called"),
            [(Kind::Name, "eleanor")]
        );
        assert_eq!(found("Thanks, torbjørn\n"), [(Kind::Name, "torbjørn")]);
        assert_eq!(
            found("Visit by A. Oyelaran, RN."),
            [(Kind::Name, "A. Oyelaran")]
        );
        assert_eq!(found("Hi Dr. Wang, I have been"), [(Kind::Name, "Wang")]);
        assert!(found("4 units given per ssi. diet: cardiac").is_empty());
        assert_eq!(
            found("Patient: TRUONG, MAI A (117696)")[..2],
            [(Kind::Name, "TRUONG"), (Kind::Name, "MAI A")]
        );
        assert_eq!(found("Reported today by S.S.\n"), [(Kind::Name, "S.S.")]);
        assert_eq!(found("Dr. Lee, M.D. saw her."), [(Kind::Name, "Lee")]);
        assert_eq!(
            found("She is a nurse at Silverline Electronics, and"),
            [(Kind::Name, "Silverline Electronics")]
        );
        assert!(found("She teaches at the Public Schools.").is_empty());
        assert_eq!(
            found("Two adult children: Violet, who lives nearby."),
            [(Kind::Name, "Violet")]
        );
        assert_eq!(
            found("Sky from Social Work will call Heather on Saturday."),
            [(Kind::Name, "Sky"), (Kind::Name, "Heather")]
        );
        assert_eq!(
            found("plan: walker (pcp) called back"),
            [(Kind::Name, "walker")]
        );
        assert_eq!(found("Dr. Iris Quinlan"), [(Kind::Name, "Iris Quinlan")]);
        assert_eq!(found("Per Dr. Austin: continue"), [(Kind::Name, "Austin")]);
        assert_eq!(
            found("Follow-up: Hung G. Adeleke. Warm regards,\nMay Tan, MD"),
            [(Kind::Name, "Hung G. Adeleke"), (Kind::Name, "May Tan")]
        );
        assert_eq!(
            found("cosigned by Blanco, Santiago J 1.16.2024")[..2],
            [(Kind::Name, "Blanco"), (Kind::Name, "Santiago J")]
        );
        assert!(found("Labs: K 4.1 P 3.2").is_empty());
        assert_eq!(
            found("Message routed to Dr. Gertrude Jefferson."),
            [(Kind::Name, "Gertrude Jefferson")]
        );
        assert_eq!(
            found("involved.\n-- Chance P., NP\n"),
            [(Kind::Name, "Chance P.")]
        );
        assert_eq!(
            found("Sincerely,\n\nWillemijn F. de Jong, MD"),
            [(Kind::Name, "Willemijn F. de Jong")]
        );
        assert_eq!(
            found("Discussed w/ Sander de Jong, NP. Pt asks"),
            [(Kind::Name, "Sander de Jong")]
        );
        assert_eq!(
            found("turner, ginger -- 95 y/o")[..2],
            [(Kind::Name, "turner"), (Kind::Name, "ginger")]
        );
        assert_eq!(
            found("Best wishes,\nOlusegun\n"),
            [(Kind::Name, "Olusegun")]
        );
        assert_eq!(
            found("ernest tiwari, lcsw\n"),
            [(Kind::Name, "ernest tiwari")]
        );
        assert_eq!(
            found("paged paris lamb, md re bp 88/52"),
            [(Kind::Name, "paris lamb")]
        );
        assert_eq!(found("dtr penny at bedside"), [(Kind::Name, "penny")]);
        assert_eq!(
            found("mayor, jennifer c 79-595-899\npt resting")[..2],
            [(Kind::Name, "mayor"), (Kind::Name, "jennifer c")]
        );
        assert!(found("pain, nausea -- resolved").is_empty());
        assert_eq!(
            found("jaylen rice rm 5112\npain score 4\nbed alarm on"),
            [(Kind::Name, "jaylen rice")]
        );
        assert_eq!(
            found("family member samuel martin brought in meds"),
            [(Kind::Name, "samuel martin")]
        );
        assert_eq!(
            found("Rogers, Helen A / 8 / F")[..2],
            [(Kind::Name, "Rogers"), (Kind::Name, "Helen A")]
        );
        assert_eq!(
            found("shift note\npt roger resting comfortably. pt resting"),
            [(Kind::Name, "roger")]
        );
        assert_eq!(
            found("Pt returns to work at Ironbridge Steel next month."),
            [(Kind::Name, "Ironbridge Steel")]
        );
        assert_eq!(
            found("Miles T. March\nDOB"),
            [(Kind::Name, "Miles T. March")]
        );
        assert_eq!(
            found("Cosigned by Anna Friday\n"),
            [(Kind::Name, "Anna Friday")]
        );
        assert_eq!(
            found("Follow up with Smith in March."),
            [(Kind::Date, "March")]
        );
        assert_eq!(
            found("I work at Driftwood Marina and"),
            [(Kind::Name, "Driftwood Marina")]
        );
        assert_eq!(
            found("Cardiology (Dr. van der Berg) was consulted"),
            [(Kind::Name, "van der Berg")]
        );
        assert_eq!(
            found("The family asked that Chip, the patient's brother, call"),
            [(Kind::Name, "Chip")]
        );
        assert_eq!(
            found("[8/5/21 08:15] Max - sure, I can see her"),
            [(Kind::Date, "8/5/21"), (Kind::Name, "Max")]
        );
        assert!(found("She is a deacon at her church.").is_empty());
        assert!(found("2. Lung-RADS 4A; Acct: none   Rel: self").is_empty());
        assert_eq!(
            found("Port Calloway, Maine 41894"),
            [(Kind::Geo, "Port Calloway"), (Kind::Geo, "41894")]
        );
        assert_eq!(found("husband qiong is at home"), [(Kind::Name, "qiong")]);
        assert!(found("pain 5/10, meds per rn.").is_empty());
    }

    #[test]
    fn street_lines_in_many_shapes() {
        for (text, street) in [
            ("Lives at 9323 N 500 S, Provo", "9323 N 500 S"),
            ("moved to N3002 County Road Q today", "N3002 County Road Q"),
            ("mail to Calle Kamehameha 8, El Paso", "Calle Kamehameha 8"),
            ("ADDRESS: ONE OLD POST ALY\n", "ONE OLD POST ALY"),
            (
                "at 5184 Hillside Mews 2nd Floor\n",
                "5184 Hillside Mews 2nd Floor",
            ),
            ("in Manchester M13 9WL, United Kingdom", "M13 9WL"),
            ("Victoria BC V1L 4G7\n", "V1L 4G7"),
            ("Home: Unit 6950 Box 131, APO AE", "Unit 6950 Box 131"),
            ("URB. SANTA ROSA\nAVE. LOS FILTROS 140\n", "URB. SANTA ROSA"),
            (
                "URB. SANTA ROSA\nAVE. LOS FILTROS 140\n",
                "AVE. LOS FILTROS 140",
            ),
            ("CALLE 4 BLQ 9 #22\n", "CALLE 4 BLQ 9 #22"),
            ("Prior residence: HC 69 Box 363B, Pueblo", "HC 69 Box 363B"),
            ("8399 WENTWORTH LANE\nAPT 611\n", "APT 611"),
            ("Attn: Claims, 3rd Floor\n", "3rd Floor"),
            ("5834 N Tamarack Way\nBox 88\n", "Box 88"),
            (
                "273 E Tamarack Ln Floor 2, Macon",
                "273 E Tamarack Ln Floor 2",
            ),
            ("UNIT 2981 BOX 36\n", "UNIT 2981 BOX 36"),
            ("P.O. Box 9084\nRapid City SD  99931\n", "Rapid City"),
            (
                "Address: 44 Fifth Ave Glendale, AZ",
                "44 Fifth Ave Glendale",
            ),
        ] {
            assert!(
                found(text).contains(&(Kind::Geo, street)),
                "{text}: {:?}",
                found(text)
            );
        }
        assert_eq!(
            found("Lives in Boston, MA with her son"),
            [(Kind::Geo, "Boston")]
        );
    }

    #[test]
    fn places_of_care_and_place_fields() {
        assert_eq!(
            found("Referral to Hospice of the Quiet Valley today."),
            [(Kind::Geo, "Hospice of the Quiet Valley")]
        );
        assert_eq!(
            found("Seen at St. Columba's Hospital on"),
            [(Kind::Geo, "St. Columba's Hospital")]
        );
        assert_eq!(found("City:   Revere\n"), [(Kind::Geo, "Revere")]);
        assert_eq!(
            found("NOTE  Hospital San Juan de Dios  today"),
            [(Kind::Geo, "Hospital San Juan de Dios")]
        );
        assert!(found("Hospital Course: uneventful.").is_empty());
        assert_eq!(
            found("records at Huntington General Hospital."),
            [(Kind::Geo, "Huntington General Hospital")]
        );
        assert!(found("seen at Cardiology Clinic today").is_empty());
        assert_eq!(
            found("referred to hennepin county elder services"),
            [(Kind::Geo, "hennepin county")]
        );
        assert_eq!(
            found("wants to go home to caribou asap. wife called from zaragoza"),
            [(Kind::Geo, "caribou"), (Kind::Geo, "zaragoza")]
        );
        assert_eq!(
            found("Plans delivery at Sister Agnes Regional Hospital; midwife"),
            [(Kind::Geo, "Sister Agnes Regional Hospital")]
        );
        assert_eq!(
            found("moved to Climax (Jackson County), MI")[..2],
            [(Kind::Geo, "Climax"), (Kind::Geo, "Jackson County")]
        );
        assert!(found("BRIEF HOSPITAL COURSE:\nSeen by Physical Therapy.").is_empty());
        assert_eq!(
            found("DIAGNOSTIC IMAGING REPORT\nHoly Family Hospital  Department of Radiology"),
            [(Kind::Geo, "Holy Family Hospital")]
        );
        assert!(found("PRIMARY INS: Tufts Health Plan").is_empty());
        assert_eq!(
            found("Referred to Riverside Physical Therapy today"),
            [(Kind::Geo, "Riverside Physical Therapy")]
        );
        assert_eq!(
            found("Sent to Sacred Heart Medical Center at Riverbend today"),
            [(Kind::Geo, "Sacred Heart Medical Center at Riverbend")]
        );
        assert_eq!(
            found("from 1447 Chestnut Hill Ave, Fall River."),
            [
                (Kind::Geo, "1447 Chestnut Hill Ave"),
                (Kind::Geo, "Fall River")
            ]
        );
        assert_eq!(
            found("She is originally from Hue, Vietnam."),
            [(Kind::Geo, "Hue")]
        );
        assert!(found("Na 140, K 4.4, Cl 96, HCO3 30").is_empty());
        assert_eq!(
            found("Care at Bayview Dialysis Unit - Tulsa today"),
            [(Kind::Geo, "Bayview Dialysis Unit - Tulsa")]
        );
        assert_eq!(
            found("She lives in Crown Heights with her son"),
            [(Kind::Geo, "Crown Heights")]
        );
        assert_eq!(
            found("sister coming from modesto to visit"),
            [(Kind::Geo, "modesto")]
        );
        assert_eq!(
            found("The VNA of Normal will visit"),
            [(Kind::Geo, "Normal")]
        );
        assert_eq!(
            found("just moved from Chester to Normal; needs"),
            [(Kind::Geo, "Chester"), (Kind::Geo, "Normal")]
        );
        assert_eq!(
            found("seen at Catherine Regional Hospital (Temple) on"),
            [
                (Kind::Geo, "Catherine Regional Hospital"),
                (Kind::Geo, "Temple")
            ]
        );
        assert_eq!(
            found("plan d/c to salem harbor rehab tomorrow"),
            [(Kind::Geo, "salem harbor rehab")]
        );
        assert!(
            found("sent to home care. transitioned to basal-bolus insulin on hospital day 2")
                .is_empty()
        );
        assert_eq!(
            found("2709 Granby Rd, Biddeford 02852"),
            [
                (Kind::Geo, "2709 Granby Rd"),
                (Kind::Geo, "Biddeford"),
                (Kind::Geo, "02852")
            ]
        );
    }
}
