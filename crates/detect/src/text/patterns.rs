//! The pattern pass: one multi-pattern regex (regex-automata's meta engine,
//! leftmost-first, so earlier patterns win at the same start) over the whole
//! text, each match checked by a validator before it becomes a candidate.

use regex_automata::meta::Regex;
use regex_automata::util::syntax;
use regex_automata::Input;

use super::Candidate;
use crate::{validators, Kind};

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// The end of a date: a word boundary, or an ISO time glued on with `T`
/// ("5/3/2025T08:34:00"), which [`Patterns::hits`] cuts off.
const TIME: &str = r"(?:\b|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?\b)";

/// What a pattern recognises; decides the validator and the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Email,
    SpelledEmail,
    Url,
    Mac,
    Ipv6,
    Ipv4,
    Ssn,
    Hicn,
    Phone,
    IntlPhone,
    NumericDate,
    YearFirstDate,
    MonthYear,
    TextDate,
    Age,
    IsAge,
    Udi,
    Card,
    /// Dictation initials at the start of a line: "JD/ll", "WV/hs".
    DictationInitials,
    Street,
    PoBox,
    Vin,
    Mbi,
    Dea,
    Zip,
    Digits,
    Groups,
    Code,
}

/// The patterns, most specific first (leftmost-first picks the first that
/// matches at a position).
fn patterns() -> Vec<(Shape, String)> {
    let m = MONTH;
    let ord = r"(?:st|nd|rd|th)?";
    vec![
        (Shape::Email, r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+".into()),
        (Shape::SpelledEmail, r"[A-Za-z0-9][A-Za-z0-9._%+\-]*\s?[\[(]{1,2}at[\])]{1,2}\s?[A-Za-z0-9\-]+(?:\s?[\[(]{1,2}dot[\])]{1,2}\s?[A-Za-z0-9\-]+)+".into()),
        (Shape::Url, r#"(?i:https?://|ftp://|www\.)[^\s<>"'()\[\]{}]+"#.into()),
        (Shape::Url, r#"\b[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.(?:com|org|net|edu|gov|info|biz|health|us)\b(?:/[^\s<>"'()\[\]{}]*)?"#.into()),
        (Shape::Mac, r"\b[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}\b|\b[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}\b".into()),
        (Shape::Ipv6, r"\b(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{1,4}){0,6}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?\b".into()),
        (Shape::Ipv4, r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b".into()),
        (Shape::Ssn, r"\b\d{3}-\d{2}-\d{4}\b|\b\d{3} \d{2} \d{4}\b|\b\d{3}\.\d{2}\.\d{4}\b".into()),
        (Shape::Hicn, r"\b\d{3}-?\d{2}-?\d{4}[A-Z]\d?\b".into()),
        (Shape::Phone, r"(?:\+?\b1[\s.\-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.\-/])\d{3}[\s.\-]\d{4}\b(?:,?\s?(?i:x|ext|extension)\.?\s?\d{1,5}\b)?".into()),
        (Shape::IntlPhone, r"\+(?:[2-9]\d{0,2})[\s.\-]?(?:\(?\d{1,4}\)?[\s.\-]){1,4}\d{2,4}[\s.\-]?\d{2,4}\b".into()),
        (Shape::YearFirstDate, format!(r"\b(?:19|20)\d{{2}}[/\-.]\d{{1,2}}[/\-.]\d{{1,2}}{TIME}")),
        (Shape::NumericDate, format!(r"\b\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}}){TIME}|\b\d{{1,2}}-\d{{1,2}}-(?:\d{{4}}|\d{{2}}){TIME}|\b\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}}){TIME}|\b\d{{1,2}}/\d{{1,2}}\b")),
        (Shape::MonthYear, r"\b(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}\b".into()),
        (Shape::TextDate, format!(r"(?i:\b\d{{1,2}}{ord}\s+(?:of\s+)?{m}\b\.?,?(?:\s+(?:19|20)\d{{2}}\b)?|\b\d{{1,2}}-{m}-(?:\d{{4}}|\d{{2}})\b|\b\d{{1,2}}/{m}/(?:\d{{4}}|\d{{2}})\b|\b\d{{1,2}}{m}(?:19|20)\d{{2}}\b|\b(?:19|20)\d{{2}}[\-\s]{m}[\-\s]\d{{1,2}}\b|\b{m}\b\.?\s+\d{{1,2}}{ord}\b(?:,?\s+(?:19|20)\d{{2}}\b)?|\b{m}\b\.?,?\s+(?:19|20)\d{{2}}\b|\b{m}\b\.?\s+'\d{{2}}\b|\b{m}-\d{{1,2}}(?:-(?:19|20)\d{{2}})?\b)")),
        (Shape::Age, r"(?i:\b(?:9\d|1[0-2]\d)\s?-?\s?(?:years?|yrs?|y/o|y\.o\.?|y-o|yo[mf]?)\b(?:[\s\-]?old\b)?|\b(?:aged?|age\s?[:|=])\s*(?:9\d|1[0-2]\d)\b|\((?:9\d|1[0-2]\d)\s?(?:M|F|yo[mf]?)\b|\((?:M|F|male|female),\s?(?:9\d|1[0-2]\d)\)|\b(?:M|F)/(?:9\d|1[0-2]\d)\b|\b(?:alive at|who is|is now|turned|died at|age of|lived to|lived until|passed away at)\s+(?:9\d|1[0-2]\d)\b|\b(?:9\d|1[0-2]\d)\s?(?:y|yrs?|years? of age)\b|\b(?:9\d|1[0-2]\d)\s?(?:M|F)\b|\b(?:9\d|1[0-2]\d)\s?/\s?(?:M|F)\b|\b(?:9\d|1[0-2]\d)y[MF]\b|\b(?:in (?:his|her|their) )?(?:early |mid |late |mid-)?(?:90s|nineties)\b|\bninety[\s\-](?:one|two|three|four|five|six|seven|eight|nine)\b(?:[\s\-]years?[\s\-]old)?|\bninety[\s\-]years?[\s\-]old\b|\b(?:one )?hundred(?: and)?(?: one| two| three| four| five)?[\s\-]years?[\s\-]old\b|\b(?:ninety|(?:one )?hundred(?: and)?(?: (?:one|two|three|four|five|six|seven|eight|nine|ten))?)[\s\-](?:y/o|yo|y\.o\.|yrs?)(?:\b|[\s,;.)])|\b(?:died at|who is|is now|turned|aged)\s(?:ninety(?:[\s\-](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one )?hundred(?: and)?(?: (?:one|two|three|four|five|six|seven|eight|nine|ten))?)\b)".into()),
        (Shape::IsAge, r"\b(?:is|was) (?:9\d|1[0-2]\d)(?:[.,;]| and\b)".into()),
        (Shape::DictationInitials, r"(?m:^(?:-- ?)?[A-Z]{2,3}/[a-z]{2,3}\b)".into()),
        (Shape::Udi, r"\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9\-]+)*".into()),
        (Shape::Card, r"\b\d{4}[ \-]\d{4}[ \-]\d{4}[ \-]\d{1,7}\b|\b\d{13,19}\b".into()),
        (Shape::Street, r"\b(?:\d{1,6}(?:-\d{1,5})?[A-Za-z]?(?:-[A-Z])?(?:\s1/2)?|[NSEW]\d{2,5}\s[NSEW]\d{2,5}|(?i:One|Two|Three|Four|Five|Ten))\s+(?:(?:[NSEW]\.?|NE|NW|SE|SW|North|South|East|West)\s+)?(?:(?:[A-Z][A-Za-z'\-\x80-\xFF]*\.?|\d{1,3}(?:st|nd|rd|th)|del|de|la|los|las)\s+){1,4}(?i:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Terr|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Row|Alley|Aly|Path|Pike|Plaza|Loop|Crescent|Cres|Ridge|Run|Heights|Hts|Hollow|Crossing|Xing|Point|Pt|Walk|Commons|Bend|Glen|View|Grove|Close|Mews|Turnpike|Tpke|Expressway|Expy|Causeway|Landing|Green|Spur|Pass|Cove|Ct|Bnd|Plz|Crst|Cv|Pt)\b\.?(?:\s(?:N|S|E|W|NE|NW|SE|SW)\b)?(?:,?\s+(?:Apartment|Apt|Suite|Ste|Unit|Floor|FLOOR|FL|Fl|Flat|Room|Rm|Lot|LOT|Space|Trlr|Bldg|#)\.?\s*#?\s*[A-Za-z0-9\-]+\b|,?\s+\d{1,2}(?:st|nd|rd|th)\s(?:Floor|Fl)\b)?".into()),
        (Shape::Street, r"\b(?i:psc|cmr|unit) \d{2,5},? (?i:box) \d{1,5}\b|(?m:^(?i:box|floor|unit|lot|bldg|suite|ste|apt)\.? ?#?(?:\d{1,5}[A-Z]?|[A-Z])(?:, (?i:rm|room|floor|fl) \d{1,5})?$)|\b(?:[NSEW]\d{3,5}\s)?(?:County|State|Farm to Market|FM)\s(?:Road|Rd|Route|Rte|Highway|Hwy)\s[A-Z0-9]{1,4}\b|\b\d{1,6}\s[NSEW]\s\d{1,5}\s[NSEW]\b|\b(?i:calle)(?:\s[A-Z][A-Za-z'\x80-\xFF]+){1,3}\s\d{1,5}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b(?:[Vv]oting\s)?Precinct\s\d+(?:-[A-Z])?\b|\b(?:Flat|Apt|Apartment|Suite|Unit)\s#?\d+[A-Za-z]?\b".into()),
        (Shape::Street, r"\b(?i:apt|apartment|suite|ste|unit|bldg|building|trlr)\.? #? ?(?:\d+[A-Za-z]?|[A-Z])\b(?:, (?i:floor|fl) \d{1,2}\b)?|\b\d{1,2}(?:st|nd|rd|th) (?i:floor)\b|\b(?:URB|Urb)\.?(?: [A-Z][A-Za-z\x80-\xFF]+){1,4}\b|\b(?i:calle|avenida|ave\.)(?: (?:[A-Z][A-Za-z'\x80-\xFF]+|\d{1,4}|BLQ|Blq)){1,4} (?:#?\d{1,5}|[A-Z]-\d{1,3})\b|\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b|\b(?:[Ll]ives|living|resides|on|near) (?:on )?(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Crossing|Highway|Hwy|Parkway|Pkwy)\b".into()),
        (Shape::Street, r"\b(?:Route|Rte\.?|Highway|Hwy\.?|Interstate|State Road|County Road)\s\d{1,4}\b".into()),
        (Shape::PoBox, r"(?i:\bP\.?\s?O\.?\s+Box\s+\d+\b|\bPost Office Box\s+\d+\b|\bPOB\s+\d+\b|\b(?:RR|Rural Route|HC)\s?\d+,?\s+Box\s+\d+[A-Z]?\b)".into()),
        (Shape::Vin, r"\b[A-HJ-NPR-Z0-9]{17}\b".into()),
        (Shape::Mbi, r"\b[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}\b".into()),
        (Shape::Dea, r"\b[A-Z]{2}\d{7}\b".into()),
        (Shape::Zip, r"\b\d{5}(?:-\d{4})?\b".into()),
        (Shape::Digits, r"\b\d{6,}(?:-\d{1,5})*\b".into()),
        (Shape::Groups, r"\b\d{2,4}(?:[-/]\d{2,7})+[-/]\d{1,7}\b|#\d{3,5}-\d{2,3}\b|\b\d{1,3}(?:\.\d{3}){2,}\b|\b\d{2,4}/\d{5,}\b|\b\d{2,4}-\d{4,7}\b|\b\d{3} \d{4}\b|\b\d{3} \d{3} \d{3,4}\b|\b\d{4}\.\d{3}\.\d{4}\b|\b\d{4} \d{4}\b|\b\d{2} [A-Z]{2,3} \d{4,7}\b".into()),
        (Shape::Code, r"\b[A-Z][A-Z0-9]{0,4}(?:[/\-][A-Z0-9]{1,12}){1,4}\b|\b\d{1,5}(?:[/\-]\d{1,8})*[/\-][A-Z][A-Z0-9]{0,7}(?:[/\-][A-Z0-9]{1,8})*\b|\b\d:\d{2}-[a-z]{2}-\d{4,6}\b|\b[A-Z]/\d{4,}\b|\b[A-Za-z]{1,6}[\-#]?\d[\dA-Za-z]*(?:-[\dA-Za-z]+)*\b|\b\d[\dA-Za-z]*[A-Za-z][\dA-Za-z]*(?:-[\dA-Za-z]+)*\b".into()),
    ]
}

/// The compiled pattern pass.
pub(super) struct Patterns {
    regex: Regex,
    shapes: Vec<Shape>,
}

/// A pattern match that passed its validator, before context decides its kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
}

impl Patterns {
    pub(super) fn new() -> Self {
        let list = patterns();
        let shapes = list.iter().map(|(s, _)| *s).collect();
        let sources: Vec<&str> = list.iter().map(|(_, p)| p.as_str()).collect();
        let regex = Regex::builder()
            .configure(Regex::config().hybrid_cache_capacity(64 << 20))
            .syntax(syntax::Config::new().unicode(false).utf8(false))
            .build_many(&sources)
            .expect("the built-in patterns compile");
        Patterns { regex, shapes }
    }

    /// Every validated match in `text`, in order. After a rejected match
    /// the search goes on from its second byte, so a false start ("jun 14"
    /// in "Min-jun 14-Feb-1954") does not hide the match inside it.
    pub(super) fn hits(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = self.regex.search(&Input::new(bytes).range(at..)) {
            let before = out.len();
            self.judge_match(text, m.start(), m.end(), m.pattern().as_usize(), &mut out);
            at = if out.len() > before {
                m.end().max(m.start() + 1)
            } else {
                m.start() + 1
            };
        }
        out
    }

    /// The hits one match makes: none, or one after its validator.
    fn judge_match(
        &self,
        text: &str,
        start: usize,
        end: usize,
        pattern: usize,
        out: &mut Vec<Hit>,
    ) {
        let bytes = text.as_bytes();
        let shape = self.shapes[pattern];
        let mut end = end;
        if shape == Shape::Url {
            end = trim_url(bytes, start, end);
        }
        if matches!(shape, Shape::NumericDate | Shape::YearFirstDate) {
            if let Some(t) = bytes[start..end].iter().position(|&c| c == b'T') {
                end = start + t;
            }
        }
        // "#2009-70": the number sign is not part of the id.
        let start = start + usize::from(bytes[start] == b'#');
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return;
        }
        if shape == Shape::TextDate && inside_hyphenated_word(bytes, start) {
            return;
        }
        {
            let value = &text[start..end];
            let in_chain = start > 0 && matches!(bytes[start - 1], b'/' | b'.')
                || bytes.get(end).is_some_and(|c| matches!(c, b'/' | b'.'))
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
            if matches!(shape, Shape::Groups | Shape::Code) && in_chain {
                return;
            }
            if valid(shape, value) {
                out.push(Hit { start, end, shape });
            } else if matches!(
                shape,
                Shape::Ssn | Shape::Hicn | Shape::Phone | Shape::IntlPhone
            ) && value.bytes().filter(u8::is_ascii_digit).count() >= 7
            {
                out.push(Hit {
                    start,
                    end,
                    shape: Shape::Groups,
                });
            } else if matches!(shape, Shape::Dea | Shape::Mbi | Shape::Vin | Shape::Card)
                && valid(Shape::Code, value)
            {
                out.push(Hit {
                    start,
                    end,
                    shape: Shape::Code,
                });
            } else if shape == Shape::NumericDate
                && value.matches(['-', '/', '.']).count() == 2
                && !in_chain
            {
                out.push(Hit {
                    start,
                    end,
                    shape: Shape::Groups,
                });
            }
        }
    }
}

/// A month that ends a hyphenated word ("jun" of "Min-jun"), except after
/// "mid", "early" or "late".
fn inside_hyphenated_word(bytes: &[u8], start: usize) -> bool {
    if !bytes[start].is_ascii_alphabetic() || start < 2 || bytes[start - 1] != b'-' {
        return false;
    }
    let word_start = bytes[..start - 1]
        .iter()
        .rposition(|c| !c.is_ascii_alphabetic())
        .map_or(0, |p| p + 1);
    let word = &bytes[word_start..start - 1];
    !word.is_empty()
        && !["mid", "early", "late"]
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// A URL without the punctuation that ends the sentence around it.
fn trim_url(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(bytes[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
        end -= 1;
    }
    end
}

fn valid(shape: Shape, s: &str) -> bool {
    match shape {
        Shape::Email => validators::email(s),
        Shape::Ipv6 => validators::ipv6(s),
        Shape::Ipv4 => validators::ipv4(s),
        Shape::Ssn => validators::ssn(s),
        Shape::Phone => validators::nanp_phone(phone_digits(s)),
        Shape::NumericDate => numeric_date(s),
        Shape::YearFirstDate => year_first_date(s),
        Shape::Vin => validators::vin(s) && s.bytes().any(|b| b.is_ascii_alphabetic()),
        Shape::Mbi => validators::mbi(s),
        Shape::Card => validators::luhn(s),
        Shape::Dea => validators::dea(s),
        Shape::Code => s.bytes().filter(u8::is_ascii_digit).count() >= 4 && s.len() >= 6,
        Shape::Groups => !year_range(s),
        Shape::IntlPhone => (8..=15).contains(&s.bytes().filter(u8::is_ascii_digit).count()),
        _ => true,
    }
}

/// "2019-2020", "0700-1900" or "2019 2020": two years or two clock times,
/// not an id.
fn year_range(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', ' ']).collect();
    let year = |p: &&str| p.len() == 4 && (p.starts_with("19") || p.starts_with("20"));
    let clock = |p: &&str| {
        p.len() == 4
            && p[..2].parse::<u32>().is_ok_and(|h| h < 24)
            && p[2..].parse::<u32>().is_ok_and(|m| m < 60)
    };
    parts.len() == 2 && (parts.iter().all(year) || parts.iter().all(clock))
}

/// A phone number without its extension.
fn phone_digits(s: &str) -> &str {
    match s.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => s[..i].trim_end_matches([' ', ',']),
        None => s,
    }
}

fn parts(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap_or(u32::MAX))
        .collect()
}

/// m/d/y, d/m/y or m/d with a real month and day (either order).
fn numeric_date(s: &str) -> bool {
    let p = parts(s);
    let (a, b) = (p[0], p[1]);
    let year = match p.get(2) {
        Some(&y) if y < 100 => 2000 + y,
        Some(&y) if (1800..=2199).contains(&y) => y,
        Some(_) => return false,
        None => 2000,
    };
    validators::calendar_date(year, a, b) || validators::calendar_date(year, b, a)
}

fn year_first_date(s: &str) -> bool {
    let p = parts(s);
    validators::calendar_date(p[0], p[1], p[2])
}

/// The kind a shape gives by itself, before labels are considered.
pub(super) fn default_kind(shape: Shape) -> Option<(Kind, f32)> {
    Some(match shape {
        Shape::Email => (Kind::Email, 0.99),
        Shape::SpelledEmail => (Kind::Email, 0.9),
        Shape::IntlPhone => (Kind::Phone, 0.85),
        Shape::Url => (Kind::Url, 0.95),
        Shape::Ipv6 | Shape::Ipv4 => (Kind::Ip, 0.9),
        Shape::Ssn => (Kind::Ssn, 0.9),
        Shape::Phone => (Kind::Phone, 0.9),
        Shape::NumericDate | Shape::YearFirstDate | Shape::MonthYear | Shape::TextDate => {
            (Kind::Date, 0.9)
        }
        Shape::Age => (Kind::Age, 0.95),
        Shape::Udi => (Kind::Device, 0.95),
        Shape::IsAge => (Kind::Age, 0.7),
        Shape::Card => (Kind::Account, 0.85),
        Shape::Street | Shape::PoBox => (Kind::Geo, 0.9),
        Shape::Vin => (Kind::Vehicle, 0.9),
        Shape::Mbi => (Kind::HealthPlan, 0.85),
        Shape::Hicn => (Kind::HealthPlan, 0.8),
        Shape::Dea => (Kind::License, 0.8),
        Shape::Mac => (Kind::Device, 0.9),
        Shape::DictationInitials => (Kind::Name, 0.7),
        Shape::Zip | Shape::Digits | Shape::Groups | Shape::Code => return None,
    })
}

impl Candidate {
    pub(super) fn from_hit(hit: &Hit, kind: Kind, confidence: f32, rule: &'static str) -> Self {
        Candidate {
            start: hit.start,
            end: hit.end,
            kind,
            confidence,
            rule,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(Shape, &str)> {
        Patterns::new()
            .hits(text)
            .iter()
            .map(|h| (h.shape, &text[h.start..h.end]))
            .collect()
    }

    #[test]
    fn dates_are_real_dates_and_fractions_are_not() {
        assert_eq!(
            shapes("on 3/14/2024 and 2024-03-14"),
            [
                (Shape::NumericDate, "3/14/2024"),
                (Shape::YearFirstDate, "2024-03-14")
            ]
        );
        assert_eq!(shapes("BP 120/80"), []);
        assert_eq!(
            shapes("seen March 14th, 2024."),
            [(Shape::TextDate, "March 14th, 2024")]
        );
        assert_eq!(shapes("14 Mar 2024"), [(Shape::TextDate, "14 Mar 2024")]);
    }

    #[test]
    fn contact_details_are_found_and_validated() {
        assert_eq!(
            shapes("call (617) 555-0123 x12"),
            [(Shape::Phone, "(617) 555-0123 x12")]
        );
        assert_eq!(
            shapes("ssn 123-45-6789, not 000-12-3456"),
            [(Shape::Ssn, "123-45-6789"), (Shape::Groups, "000-12-3456")]
        );
        assert_eq!(
            shapes("mail j.doe@example.org."),
            [(Shape::Email, "j.doe@example.org")]
        );
        assert_eq!(
            shapes("see https://example.org/a?b=1."),
            [(Shape::Url, "https://example.org/a?b=1")]
        );
        assert_eq!(
            shapes("host 192.0.2.4 or 2001:db8::1"),
            [(Shape::Ipv4, "192.0.2.4"), (Shape::Ipv6, "2001:db8::1")]
        );
        assert_eq!(shapes("at 10:30"), []);
    }
}
