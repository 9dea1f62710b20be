//! Column classification: each column of a table gets a kind and a class
//! from two kinds of evidence, its header (synonyms, abbreviations, snake or
//! camel case) and a sample of its values (validator pass rates, dictionary
//! hits, formats, uniqueness). The evidence is written out in words so an
//! analyst can check it; it counts values and never quotes one.

use table::Column;

use crate::dictionaries::Dictionaries;
use crate::{validators, ColumnClass, Detector, Kind};

/// Values sampled per column.
pub const SAMPLE_SIZE: usize = 1000;

/// What a column is, and why the classifier thinks so.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnFinding {
    /// Column index in the table.
    pub column: usize,
    /// The identifier kind of a direct-identifier column (or of the ages over
    /// 89 in an age column); `None` otherwise.
    pub kind: Option<Kind>,
    /// What the column is for de-identification.
    pub class: ColumnClass,
    /// How sure the classifier is, 0 to 1.
    pub confidence: f32,
    /// Human-readable reasons, e.g. "93% of 1,000 sampled values are valid
    /// NANP phone numbers; header 'cell_ph'". Never quotes a cell value.
    pub evidence: String,
    /// Number of values sampled.
    pub sampled: usize,
}

/// What a header says about its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderHint {
    Direct(Kind),
    Age,
    Quasi,
    FreeText,
    Measure,
}

/// Header words (after splitting snake, kebab and camel case) and what they mean.
/// Multi-word entries match consecutive words.
const HEADER_WORDS: &[(&str, HeaderHint)] = &[
    ("name", HeaderHint::Direct(Kind::Name)),
    ("fname", HeaderHint::Direct(Kind::Name)),
    ("lname", HeaderHint::Direct(Kind::Name)),
    ("surname", HeaderHint::Direct(Kind::Name)),
    ("firstname", HeaderHint::Direct(Kind::Name)),
    ("lastname", HeaderHint::Direct(Kind::Name)),
    ("fullname", HeaderHint::Direct(Kind::Name)),
    ("attending", HeaderHint::Direct(Kind::Name)),
    ("physician", HeaderHint::Direct(Kind::Name)),
    ("provider", HeaderHint::Direct(Kind::Name)),
    ("doctor", HeaderHint::Direct(Kind::Name)),
    ("clinician", HeaderHint::Direct(Kind::Name)),
    ("nurse", HeaderHint::Direct(Kind::Name)),
    ("pcp", HeaderHint::Direct(Kind::Name)),
    ("guarantor", HeaderHint::Direct(Kind::Name)),
    ("kin", HeaderHint::Direct(Kind::Name)),
    ("mother", HeaderHint::Direct(Kind::Name)),
    ("father", HeaderHint::Direct(Kind::Name)),
    ("spouse", HeaderHint::Direct(Kind::Name)),
    ("employer", HeaderHint::Direct(Kind::Name)),
    ("address", HeaderHint::Direct(Kind::Geo)),
    ("addr", HeaderHint::Direct(Kind::Geo)),
    ("street", HeaderHint::Direct(Kind::Geo)),
    ("city", HeaderHint::Direct(Kind::Geo)),
    ("town", HeaderHint::Direct(Kind::Geo)),
    ("county", HeaderHint::Direct(Kind::Geo)),
    ("zip", HeaderHint::Direct(Kind::Geo)),
    ("zipcode", HeaderHint::Direct(Kind::Geo)),
    ("postal", HeaderHint::Direct(Kind::Geo)),
    ("postcode", HeaderHint::Direct(Kind::Geo)),
    ("precinct", HeaderHint::Direct(Kind::Geo)),
    ("latitude", HeaderHint::Direct(Kind::Geo)),
    ("longitude", HeaderHint::Direct(Kind::Geo)),
    ("lat", HeaderHint::Direct(Kind::Geo)),
    ("lon", HeaderHint::Direct(Kind::Geo)),
    ("lng", HeaderHint::Direct(Kind::Geo)),
    ("dob", HeaderHint::Direct(Kind::Date)),
    ("birth", HeaderHint::Direct(Kind::Date)),
    ("birthdate", HeaderHint::Direct(Kind::Date)),
    ("date", HeaderHint::Direct(Kind::Date)),
    ("dt", HeaderHint::Direct(Kind::Date)),
    ("dod", HeaderHint::Direct(Kind::Date)),
    ("admitted", HeaderHint::Direct(Kind::Date)),
    ("discharged", HeaderHint::Direct(Kind::Date)),
    ("timestamp", HeaderHint::Direct(Kind::Date)),
    ("age", HeaderHint::Age),
    ("phone", HeaderHint::Direct(Kind::Phone)),
    ("ph", HeaderHint::Direct(Kind::Phone)),
    ("tel", HeaderHint::Direct(Kind::Phone)),
    ("telephone", HeaderHint::Direct(Kind::Phone)),
    ("cell", HeaderHint::Direct(Kind::Phone)),
    ("mobile", HeaderHint::Direct(Kind::Phone)),
    ("pager", HeaderHint::Direct(Kind::Phone)),
    ("fax", HeaderHint::Direct(Kind::Fax)),
    ("email", HeaderHint::Direct(Kind::Email)),
    ("e mail", HeaderHint::Direct(Kind::Email)),
    ("mail", HeaderHint::Direct(Kind::Email)),
    ("ssn", HeaderHint::Direct(Kind::Ssn)),
    ("social security", HeaderHint::Direct(Kind::Ssn)),
    ("mrn", HeaderHint::Direct(Kind::Mrn)),
    ("medical record", HeaderHint::Direct(Kind::Mrn)),
    ("record number", HeaderHint::Direct(Kind::Mrn)),
    ("chart", HeaderHint::Direct(Kind::Mrn)),
    ("patient id", HeaderHint::Direct(Kind::Mrn)),
    ("pt id", HeaderHint::Direct(Kind::Mrn)),
    ("pid", HeaderHint::Direct(Kind::Mrn)),
    ("member", HeaderHint::Direct(Kind::HealthPlan)),
    ("policy", HeaderHint::Direct(Kind::HealthPlan)),
    ("subscriber", HeaderHint::Direct(Kind::HealthPlan)),
    ("medicaid", HeaderHint::Direct(Kind::HealthPlan)),
    ("medicare", HeaderHint::Direct(Kind::HealthPlan)),
    ("mbi", HeaderHint::Direct(Kind::HealthPlan)),
    ("hicn", HeaderHint::Direct(Kind::HealthPlan)),
    ("beneficiary", HeaderHint::Direct(Kind::HealthPlan)),
    ("insurance id", HeaderHint::Direct(Kind::HealthPlan)),
    ("account", HeaderHint::Direct(Kind::Account)),
    ("acct", HeaderHint::Direct(Kind::Account)),
    ("billing", HeaderHint::Direct(Kind::Account)),
    ("invoice", HeaderHint::Direct(Kind::Account)),
    ("claim", HeaderHint::Direct(Kind::Account)),
    ("license", HeaderHint::Direct(Kind::License)),
    ("licence", HeaderHint::Direct(Kind::License)),
    ("dl", HeaderHint::Direct(Kind::License)),
    ("dea", HeaderHint::Direct(Kind::License)),
    ("npi", HeaderHint::Direct(Kind::License)),
    ("certificate", HeaderHint::Direct(Kind::License)),
    ("vin", HeaderHint::Direct(Kind::Vehicle)),
    ("plate", HeaderHint::Direct(Kind::Vehicle)),
    ("vehicle", HeaderHint::Direct(Kind::Vehicle)),
    ("device", HeaderHint::Direct(Kind::Device)),
    ("serial", HeaderHint::Direct(Kind::Device)),
    ("udi", HeaderHint::Direct(Kind::Device)),
    ("imei", HeaderHint::Direct(Kind::Device)),
    ("implant", HeaderHint::Direct(Kind::Device)),
    ("url", HeaderHint::Direct(Kind::Url)),
    ("website", HeaderHint::Direct(Kind::Url)),
    ("homepage", HeaderHint::Direct(Kind::Url)),
    ("ip", HeaderHint::Direct(Kind::Ip)),
    ("ipaddr", HeaderHint::Direct(Kind::Ip)),
    ("fingerprint", HeaderHint::Direct(Kind::Biometric)),
    ("biometric", HeaderHint::Direct(Kind::Biometric)),
    ("retina", HeaderHint::Direct(Kind::Biometric)),
    ("iris", HeaderHint::Direct(Kind::Biometric)),
    ("voiceprint", HeaderHint::Direct(Kind::Biometric)),
    ("photo", HeaderHint::Direct(Kind::Biometric)),
    ("id", HeaderHint::Direct(Kind::OtherId)),
    ("identifier", HeaderHint::Direct(Kind::OtherId)),
    ("uuid", HeaderHint::Direct(Kind::OtherId)),
    ("guid", HeaderHint::Direct(Kind::OtherId)),
    ("accession", HeaderHint::Direct(Kind::OtherId)),
    ("specimen", HeaderHint::Direct(Kind::OtherId)),
    ("sex", HeaderHint::Quasi),
    ("gender", HeaderHint::Quasi),
    ("race", HeaderHint::Quasi),
    ("ethnicity", HeaderHint::Quasi),
    ("ethnic", HeaderHint::Quasi),
    ("marital", HeaderHint::Quasi),
    ("diagnosis", HeaderHint::Quasi),
    ("dx", HeaderHint::Quasi),
    ("icd", HeaderHint::Quasi),
    ("icd10", HeaderHint::Quasi),
    ("procedure", HeaderHint::Quasi),
    ("cpt", HeaderHint::Quasi),
    ("occupation", HeaderHint::Quasi),
    ("job", HeaderHint::Quasi),
    ("education", HeaderHint::Quasi),
    ("religion", HeaderHint::Quasi),
    ("language", HeaderHint::Quasi),
    ("state", HeaderHint::Quasi),
    ("country", HeaderHint::Quasi),
    ("nationality", HeaderHint::Quasi),
    ("year", HeaderHint::Quasi),
    ("height", HeaderHint::Quasi),
    ("income", HeaderHint::Quasi),
    ("payer", HeaderHint::Quasi),
    ("insurance", HeaderHint::Quasi),
    ("employment", HeaderHint::Quasi),
    ("workclass", HeaderHint::Quasi),
    ("veteran", HeaderHint::Quasi),
    ("note", HeaderHint::FreeText),
    ("notes", HeaderHint::FreeText),
    ("comment", HeaderHint::FreeText),
    ("comments", HeaderHint::FreeText),
    ("narrative", HeaderHint::FreeText),
    ("text", HeaderHint::FreeText),
    ("description", HeaderHint::FreeText),
    ("remarks", HeaderHint::FreeText),
    ("summary", HeaderHint::FreeText),
    ("hpi", HeaderHint::FreeText),
    ("impression", HeaderHint::FreeText),
    ("message", HeaderHint::FreeText),
    ("report", HeaderHint::FreeText),
    ("dose", HeaderHint::Measure),
    ("dosage", HeaderHint::Measure),
    ("result", HeaderHint::Measure),
    ("value", HeaderHint::Measure),
    ("units", HeaderHint::Measure),
    ("quantity", HeaderHint::Measure),
    ("count", HeaderHint::Measure),
    ("amount", HeaderHint::Measure),
    ("score", HeaderHint::Measure),
];

/// The header split into lowercase words: `cellPh` → `cell ph`,
/// `PATIENT_NAME` → `patient name`, `e-mail` → `e mail`.
fn header_words(header: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in header.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The strongest hint in a header: a direct kind beats free text, which
/// beats quasi, which beats a measure. "name" in "file name" still counts.
fn header_hint(header: &str) -> Option<HeaderHint> {
    let words = header_words(header);
    let mut best: Option<HeaderHint> = None;
    for (phrase, hint) in HEADER_WORDS {
        let parts: Vec<&str> = phrase.split(' ').collect();
        let found = words
            .windows(parts.len())
            .any(|w| w.iter().zip(&parts).all(|(a, b)| a == b));
        if !found {
            continue;
        }
        let rank = |h: &HeaderHint| match h {
            HeaderHint::Direct(Kind::OtherId) => 3,
            HeaderHint::Direct(_) => {
                if parts.len() > 1 {
                    6
                } else {
                    5
                }
            }
            HeaderHint::Age => 5,
            HeaderHint::FreeText => 4,
            HeaderHint::Quasi => 2,
            HeaderHint::Measure => 1,
        };
        if best.map_or(true, |b| rank(hint) > rank(&b)) {
            best = Some(*hint);
        }
    }
    best
}

/// Pass rates of the value tests over a sample.
#[derive(Debug, Default)]
struct Sample {
    n: usize,
    email: usize,
    url: usize,
    ip: usize,
    ssn: usize,
    phone: usize,
    date: usize,
    zip: usize,
    vin: usize,
    mbi: usize,
    npi: usize,
    code: usize,
    numeric: usize,
    name: usize,
    place: usize,
    street: usize,
    state: usize,
    sex: usize,
    icd: usize,
    long_text: usize,
    over_89: usize,
    integers: usize,
    words: usize,
}

impl Sample {
    fn rate(&self, hits: usize) -> f32 {
        if self.n == 0 {
            0.0
        } else {
            hits as f32 / self.n as f32
        }
    }
}

/// Up to [`SAMPLE_SIZE`] non-empty values spread evenly over the rows.
fn sample_values(column: &Column) -> Vec<&str> {
    let rows = column.len();
    let step = (rows / SAMPLE_SIZE).max(1);
    let dict = column.dictionary();
    let codes = column.codes();
    let mut out: Vec<&str> = (0..rows)
        .step_by(step)
        .map(|r| dict[codes[r] as usize].as_str())
        .filter(|v| !v.trim().is_empty())
        .take(SAMPLE_SIZE)
        .collect();
    if out.len() < SAMPLE_SIZE.min(rows) / 2 {
        out = dict
            .iter()
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
            .take(SAMPLE_SIZE)
            .collect();
    }
    out
}

fn measure(values: &[&str], detector: &Detector) -> Sample {
    let dict = Dictionaries::get();
    let mut s = Sample {
        n: values.len(),
        ..Sample::default()
    };
    for v in values {
        let v = v.trim();
        let digits = v.bytes().filter(u8::is_ascii_digit).count();
        let letters = v.bytes().filter(u8::is_ascii_alphabetic).count();
        s.email += usize::from(validators::email(v) && !v.contains(' '));
        s.url += usize::from(looks_like_url(v));
        s.ip += usize::from(validators::ipv4(v) || validators::ipv6(v));
        s.ssn += usize::from(digits == 9 && v.len() <= 11 && validators::ssn(v));
        s.phone += usize::from(digits >= 10 && letters == 0 && validators::nanp_phone(v));
        s.date += usize::from(is_date(v, detector));
        s.zip += usize::from(is_zip(v));
        s.vin += usize::from(validators::vin(v));
        s.mbi += usize::from(validators::mbi(v));
        s.npi += usize::from(validators::npi(v));
        s.code += usize::from(is_code(v, digits));
        s.numeric += usize::from(v.parse::<f64>().is_ok());
        if let Ok(n) = v.parse::<i64>() {
            s.integers += 1;
            s.over_89 += usize::from((90..=130).contains(&n));
        }
        let word_count = v.split_whitespace().count();
        s.words += word_count;
        s.long_text += usize::from(word_count >= 6);
        s.name += usize::from(is_person_name(v, dict));
        s.place += usize::from(dict.places.contains(v.to_lowercase().as_str()));
        s.state += usize::from(dict.states.contains(v.to_lowercase().as_str()));
        s.sex += usize::from(matches!(
            v.to_lowercase().as_str(),
            "m" | "f"
                | "male"
                | "female"
                | "u"
                | "x"
                | "other"
                | "unknown"
                | "man"
                | "woman"
                | "nonbinary"
                | "non-binary"
        ));
        s.icd += usize::from(is_icd(v));
        if word_count >= 2
            && digits > 0
            && detector
                .detect(v)
                .iter()
                .any(|sp| sp.kind == Kind::Geo && sp.rule == "geo:street")
        {
            s.street += 1;
        }
    }
    s
}

fn looks_like_url(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    !v.contains(' ')
        && (l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www."))
}

fn is_code(v: &str, digits: usize) -> bool {
    digits >= 3
        && v.len() >= 4
        && v.len() <= 40
        && !v.contains(' ')
        && v.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'/' | b'#'))
}

/// A 5-digit or ZIP+4 code whose 3-digit prefix is in use.
fn is_zip(v: &str) -> bool {
    let b = v.as_bytes();
    let shaped = (b.len() == 5 && b.iter().all(u8::is_ascii_digit))
        || (b.len() == 10 && b[5] == b'-' && b[..5].iter().chain(&b[6..]).all(u8::is_ascii_digit));
    shaped && Dictionaries::get().zip3.contains(&v[..3])
}

fn is_icd(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 3
        && b.len() <= 8
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_digit()
        && b[2].is_ascii_alphanumeric()
        && b[3..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'.')
}

/// A date in any common written form, checked against the calendar.
fn is_date(v: &str, detector: &Detector) -> bool {
    let parts: Vec<&str> = v
        .split(['-', '/', '.', ' ', 'T'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return false;
    }
    let nums: Vec<Option<u32>> = parts.iter().take(3).map(|p| p.parse().ok()).collect();
    match nums.as_slice() {
        [Some(y), Some(m), Some(d)] if *y >= 1800 => validators::calendar_date(*y, *m, *d),
        [Some(a), Some(b), Some(y)] if *y >= 1800 || parts[2].len() == 2 => {
            let y = if *y < 100 { 2000 + y } else { *y };
            validators::calendar_date(y, *a, *b) || validators::calendar_date(y, *b, *a)
        }
        _ => {
            let spans = detector.detect(v);
            spans.len() == 1
                && spans[0].kind == Kind::Date
                && spans[0].end - spans[0].start + 2 >= v.len()
        }
    }
}

/// Two to four capitalised words, at least one of them a known first name
/// or surname ("Jane Smith", "SMITH, JANE", "Dr. Claire Dubois").
fn is_person_name(v: &str, dict: &Dictionaries) -> bool {
    let words: Vec<&str> = v
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !matches!(
                w.trim_end_matches('.').to_lowercase().as_str(),
                "dr" | "mr" | "mrs" | "ms" | "md" | "rn" | "jr" | "sr" | "phd"
            )
        })
        .collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let capitalised = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.'))
    });
    let known = words.iter().any(|w| {
        let l = w.to_lowercase();
        dict.first_names.contains(l.as_str()) || dict.surnames.contains(l.as_str())
    });
    capitalised && known
}

/// Classifies one column from its header and a sample of its values.
pub fn classify_column(idx: usize, column: &Column, detector: &Detector) -> ColumnFinding {
    let values = sample_values(column);
    let s = measure(&values, detector);
    let header = column.name();
    let hint = header_hint(header);
    let uniqueness = if column.is_empty() {
        0.0
    } else {
        column.dictionary().len() as f32 / column.len() as f32
    };
    let n = s.n;
    let finding =
        |kind: Option<Kind>, class: ColumnClass, confidence: f32, evidence: String| ColumnFinding {
            column: idx,
            kind,
            class,
            confidence: confidence.clamp(0.0, 1.0),
            evidence,
            sampled: n,
        };
    let header_note = format!("header '{header}'");
    if n == 0 {
        return match hint {
            Some(HeaderHint::Direct(kind)) => finding(
                Some(kind),
                ColumnClass::Direct,
                0.5,
                format!("no values to sample; {header_note} suggests {kind}"),
            ),
            _ => finding(None, ColumnClass::None, 0.5, "no values to sample".into()),
        };
    }
    let pct = |hits: usize| {
        format!(
            "{}% of {} sampled values",
            percent(s.rate(hits)),
            thousands(n)
        )
    };
    let header_says = |kind: Kind| hint == Some(HeaderHint::Direct(kind));
    let with_header = |base: f32, kind: Kind| {
        if header_says(kind) {
            base.max(0.97)
        } else {
            base
        }
    };
    let evidence = |what: String, kind: Kind| {
        if header_says(kind) {
            format!("{what}; {header_note}")
        } else {
            what
        }
    };

    // Value tests with a validator: decisive at 80%.
    let validated: [(usize, Kind, &str); 9] = [
        (s.email, Kind::Email, "are e-mail addresses"),
        (s.url, Kind::Url, "are web addresses"),
        (s.ip, Kind::Ip, "are IP addresses"),
        (s.ssn, Kind::Ssn, "are valid Social Security numbers"),
        (
            s.phone,
            if header_says(Kind::Fax) {
                Kind::Fax
            } else {
                Kind::Phone
            },
            "are valid NANP phone numbers",
        ),
        (s.vin, Kind::Vehicle, "are VINs with a valid check digit"),
        (
            s.mbi,
            Kind::HealthPlan,
            "are Medicare beneficiary identifiers",
        ),
        (s.date, Kind::Date, "are calendar dates"),
        (s.street, Kind::Geo, "are street addresses"),
    ];
    for (hits, kind, what) in validated {
        let rate = s.rate(hits);
        if rate >= 0.8 || (rate >= 0.5 && header_says(kind)) {
            return finding(
                Some(kind),
                ColumnClass::Direct,
                with_header(0.6 + 0.4 * rate, kind),
                evidence(format!("{} {what}", pct(hits)), kind),
            );
        }
    }
    let avg_words = s.words as f32 / n as f32;
    if hint == Some(HeaderHint::Quasi) && avg_words < 8.0 {
        return finding(
            None,
            ColumnClass::Quasi,
            0.85,
            format!("{header_note}: a demographic or clinical attribute, a quasi-identifier"),
        );
    }
    if s.rate(s.sex) >= 0.9 {
        return finding(
            None,
            ColumnClass::Quasi,
            0.9,
            format!(
                "{} are sex or gender values, a quasi-identifier",
                pct(s.sex)
            ),
        );
    }
    if s.rate(s.state) >= 0.8 {
        return finding(
            None,
            ColumnClass::Quasi,
            0.85,
            format!(
                "{} are US states (not PHI alone), a quasi-identifier",
                pct(s.state)
            ),
        );
    }
    if s.rate(s.zip) >= 0.8 && (header_says(Kind::Geo) || uniqueness < 0.5) {
        return finding(
            Some(Kind::Geo),
            ColumnClass::Direct,
            with_header(0.75, Kind::Geo),
            evidence(format!("{} are 5-digit ZIP codes", pct(s.zip)), Kind::Geo),
        );
    }
    let places_first = header_says(Kind::Geo) || s.place >= s.name;
    if s.rate(s.place) >= 0.7 && !header_says(Kind::Name) && places_first {
        return finding(
            Some(Kind::Geo),
            ColumnClass::Direct,
            with_header(0.6 + 0.35 * s.rate(s.place), Kind::Geo),
            evidence(format!("{} are US place names", pct(s.place)), Kind::Geo),
        );
    }
    if s.rate(s.name) >= 0.6 || (s.rate(s.name) >= 0.3 && header_says(Kind::Name)) {
        return finding(
            Some(Kind::Name),
            ColumnClass::Direct,
            with_header(0.5 + 0.45 * s.rate(s.name), Kind::Name),
            evidence(
                format!(
                    "{} are capitalised words with a known first name or surname",
                    pct(s.name)
                ),
                Kind::Name,
            ),
        );
    }
    if let Some(HeaderHint::Age) = hint {
        if s.rate(s.integers) >= 0.8 {
            return if s.over_89 > 0 {
                finding(
                    Some(Kind::Age),
                    ColumnClass::Direct,
                    0.9,
                    format!(
                        "{} of {} sampled ages are over 89; {header_note}",
                        thousands(s.over_89),
                        thousands(n)
                    ),
                )
            } else {
                finding(
                    None,
                    ColumnClass::Quasi,
                    0.85,
                    format!("no sampled age is over 89; {header_note}; a quasi-identifier"),
                )
            };
        }
    }
    if s.rate(s.long_text) >= 0.3 || (avg_words >= 3.0 && hint == Some(HeaderHint::FreeText)) {
        return finding(
            None,
            ColumnClass::FreeText,
            if hint == Some(HeaderHint::FreeText) {
                0.95
            } else {
                0.8
            },
            format!(
                "{} have six words or more (free text; spans are detected in every cell)",
                pct(s.long_text)
            ),
        );
    }
    match hint {
        Some(HeaderHint::Direct(kind)) if kind != Kind::OtherId => {
            return if s.rate(s.code) >= 0.8 {
                finding(
                    Some(kind),
                    ColumnClass::Direct,
                    0.9,
                    format!(
                        "{} are identifier-like codes; {header_note} names {kind}",
                        pct(s.code)
                    ),
                )
            } else {
                finding(
                    Some(kind),
                    ColumnClass::Direct,
                    0.7,
                    format!("{header_note} names {kind}; values not recognised by a validator"),
                )
            };
        }
        Some(HeaderHint::Quasi) => {
            return finding(
                None,
                ColumnClass::Quasi,
                0.85,
                format!("{header_note}: a demographic or clinical attribute, a quasi-identifier"),
            );
        }
        _ => {}
    }
    if s.rate(s.code) >= 0.8
        && uniqueness >= 0.3
        && (s.rate(s.numeric) < 0.5 || hint == Some(HeaderHint::Direct(Kind::OtherId)))
    {
        let kind = if s.rate(s.npi) >= 0.8 {
            Kind::License
        } else {
            Kind::OtherId
        };
        let conf = if hint == Some(HeaderHint::Direct(Kind::OtherId)) {
            0.9
        } else {
            0.7
        };
        return finding(
            Some(kind),
            ColumnClass::Direct,
            conf,
            format!(
                "{} are identifier-like codes; {}% of the column's values are distinct{}",
                pct(s.code),
                percent(uniqueness),
                if hint.is_some() {
                    format!("; {header_note}")
                } else {
                    String::new()
                }
            ),
        );
    }
    if hint == Some(HeaderHint::Direct(Kind::OtherId)) && uniqueness >= 0.3 {
        return finding(
            Some(Kind::OtherId),
            ColumnClass::Direct,
            0.75,
            format!(
                "{header_note} names an identifier; {}% of the values are distinct",
                percent(uniqueness)
            ),
        );
    }
    if s.rate(s.icd) >= 0.8 {
        return finding(
            None,
            ColumnClass::Quasi,
            0.85,
            format!("{} are ICD diagnosis codes, a quasi-identifier", pct(s.icd)),
        );
    }
    if s.rate(s.numeric) >= 0.8 || hint == Some(HeaderHint::Measure) {
        return finding(
            None,
            ColumnClass::None,
            0.7,
            format!("{} are numbers; no identifier pattern", pct(s.numeric)),
        );
    }
    let distinct = column.dictionary().len();
    if distinct <= 50 {
        return finding(
            None,
            ColumnClass::Quasi,
            0.6,
            format!(
                "{} distinct values: a categorical attribute, a possible quasi-identifier",
                thousands(distinct)
            ),
        );
    }
    finding(
        None,
        ColumnClass::None,
        0.5,
        "no identifier pattern, dictionary or header matched".into(),
    )
}

fn percent(rate: f32) -> String {
    format!("{:.0}", (rate * 100.0).floor())
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(name: &str, values: &[&str]) -> Column {
        let mut c = Column::new(name);
        for v in values {
            c.push(v);
        }
        c
    }

    #[test]
    fn headers_split_into_words() {
        assert_eq!(header_words("cellPh"), ["cell", "ph"]);
        assert_eq!(header_words("PATIENT_NAME"), ["patient", "name"]);
        assert_eq!(header_words("e-mail"), ["e", "mail"]);
        assert_eq!(
            header_hint("cell_ph"),
            Some(HeaderHint::Direct(Kind::Phone))
        );
        assert_eq!(
            header_hint("visit_id"),
            Some(HeaderHint::Direct(Kind::OtherId))
        );
        assert_eq!(header_hint("age_at_visit"), Some(HeaderHint::Age));
        assert_eq!(header_hint("dosage_mg"), Some(HeaderHint::Measure));
    }

    #[test]
    fn phone_numbers_are_recognised_from_values_whatever_the_header() {
        let c = column(
            "c7",
            &[
                "(617) 555-0100",
                "617-555-0101",
                "212 555 0199",
                "+1 415 555 0100",
                "n/a",
            ],
        );
        let f = classify_column(7, &c, Detector::shared());
        assert_eq!((f.kind, f.class), (Some(Kind::Phone), ColumnClass::Direct));
        assert!(
            f.evidence
                .starts_with("80% of 5 sampled values are valid NANP phone numbers"),
            "{}",
            f.evidence
        );
        assert!(!f.evidence.contains("617"));
    }

    #[test]
    fn ages_over_89_make_an_age_column_phi() {
        let f = classify_column(0, &column("age", &["34", "91", "45"]), Detector::shared());
        assert_eq!((f.kind, f.class), (Some(Kind::Age), ColumnClass::Direct));
        let f = classify_column(0, &column("age", &["34", "61", "45"]), Detector::shared());
        assert_eq!((f.kind, f.class), (None, ColumnClass::Quasi));
    }

    #[test]
    fn quasi_identifiers_and_measures() {
        let f = classify_column(0, &column("sex", &["M", "F", "F"]), Detector::shared());
        assert_eq!(f.class, ColumnClass::Quasi);
        let f = classify_column(
            0,
            &column("dx_code", &["E11.9", "I10", "J06.9"]),
            Detector::shared(),
        );
        assert_eq!(f.class, ColumnClass::Quasi);
        let f = classify_column(
            0,
            &column("result", &["1.2", "3.4", "5.6"]),
            Detector::shared(),
        );
        assert_eq!(f.class, ColumnClass::None);
    }

    #[test]
    fn headers_settle_values_that_look_like_names() {
        let f = classify_column(
            0,
            &column("race", &["White", "Black", "Asian", "White"]),
            Detector::shared(),
        );
        assert_eq!((f.kind, f.class), (None, ColumnClass::Quasi));
        let f = classify_column(
            0,
            &column("city", &["Boston", "Louisville", "Denver", "Austin"]),
            Detector::shared(),
        );
        assert_eq!((f.kind, f.class), (Some(Kind::Geo), ColumnClass::Direct));
        let f = classify_column(
            0,
            &column("st", &["MA", "KY", "CO", "TX"]),
            Detector::shared(),
        );
        assert_eq!(f.class, ColumnClass::Quasi);
        let values = [
            "Vitamin D deficiency, unspecified and other",
            "Essential hypertension",
        ];
        let f = classify_column(0, &column("diagnosis", &values), Detector::shared());
        assert_eq!(f.class, ColumnClass::Quasi);
    }

    #[test]
    fn emails_dates_and_free_text() {
        let f = classify_column(
            0,
            &column("contact", &["a@example.com", "b@example.org"]),
            Detector::shared(),
        );
        assert_eq!(f.kind, Some(Kind::Email));
        let f = classify_column(
            0,
            &column("visit", &["2024-01-02", "2024-02-29", "2023-12-31"]),
            Detector::shared(),
        );
        assert_eq!(f.kind, Some(Kind::Date));
        let f = classify_column(
            0,
            &column(
                "note",
                &["Seen today for cough and fever, return in two weeks."],
            ),
            Detector::shared(),
        );
        assert_eq!(f.class, ColumnClass::FreeText);
    }
}
