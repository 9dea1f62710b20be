//! The word pass: names, places and month names, decided per word from the
//! dictionaries, the word's shape (Capitalised, UPPER, initial) and its
//! context (a title or label before it, a name next to it, a state after it).

use super::labels::{Cue, Label};
use super::Candidate;
use crate::dictionaries::{Dictionaries, Lists};
use crate::Kind;

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `Smith`
    Capital,
    /// `SMITH`
    Upper,
    /// `J` or `J.`
    Initial,
    /// `smith`, `mcDonald`
    Lower,
}

/// One word of the text with what the dictionaries say about it.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    shape: Shape,
    /// The previous non-blank character ends a sentence or a line.
    sentence_start: bool,
    first: bool,
    last: bool,
    place: bool,
    common: bool,
    medical: bool,
    stop: bool,
    /// Never a name: part of a label, a heading before `:`, a month or
    /// weekday, an eponym before "sign" or "disease".
    blocked: bool,
    /// Two or three capitals ("BUN", "MEI"): a name only next to another.
    acronym: bool,
    /// "I" or "A" without a dot: a pronoun or article unless between two names.
    lone: bool,
    /// The last word of a place of care ("Hospital", "Clinic").
    facility_head: bool,
    /// A month's name or a holiday.
    month_like: bool,
    /// A US state's name or code.
    state: bool,
    /// Could begin a place name of several words.
    place_first: bool,
}

impl Word {
    fn capitalised(&self) -> bool {
        matches!(self.shape, Shape::Capital | Shape::Upper)
    }

    fn in_name_lists(&self) -> bool {
        self.first || self.last
    }

    /// Other meanings than a name: a common word, medical vocabulary or a
    /// word that is never a name in notes.
    fn ordinary(&self) -> bool {
        self.common || self.medical || self.stop
    }

    /// A name on the dictionaries' word alone.
    fn clear_name(&self) -> bool {
        self.capitalised()
            && self.in_name_lists()
            && !self.ordinary()
            && !self.blocked
            && !self.acronym
    }

    /// Could be part of a name next to a clear one or after a title.
    fn name_like(&self) -> bool {
        if self.blocked {
            return false;
        }
        match self.shape {
            Shape::Initial => true,
            Shape::Capital | Shape::Upper => {
                !self.stop
                    && !self.medical
                    && (self.in_name_lists() || !self.common && !self.acronym)
            }
            Shape::Lower => false,
        }
    }

    /// A lower-case word that is a name and nothing else ("dr becker").
    fn lower_name(&self) -> bool {
        self.shape == Shape::Lower && self.in_name_lists() && !self.ordinary() && !self.blocked
    }
}

const MONTHS: [&str; 10] = [
    "january",
    "february",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const NOT_NAMES: [&str; 19] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const LANGUAGES: [&str; 24] = [
    "english",
    "spanish",
    "french",
    "german",
    "italian",
    "portuguese",
    "russian",
    "chinese",
    "mandarin",
    "cantonese",
    "vietnamese",
    "korean",
    "japanese",
    "arabic",
    "hindi",
    "urdu",
    "bengali",
    "polish",
    "haitian",
    "creole",
    "somali",
    "amharic",
    "tagalog",
    "farsi",
];
const HOLIDAYS: [&str; 6] = [
    "christmas",
    "thanksgiving",
    "easter",
    "halloween",
    "hanukkah",
    "kwanzaa",
];
const MONTH_LEAD_INS: [&str; 14] = [
    "in", "since", "until", "by", "of", "early", "late", "mid", "during", "before", "after",
    "through", "last", "next",
];
const NAME_SUFFIXES: [&str; 44] = [
    "md", "m.d", "do", "d.o", "rn", "np", "pa", "pa-c", "phd", "dds", "pharmd", "lcsw", "msw",
    "cnm", "crna", "jr", "aprn", "fnp", "bsn", "lpn", "cct", "ccrn", "dpm", "dpt", "rd", "rph",
    "cna", "lvn", "emt", "facs", "mbbs", "frcp", "mph", "msn", "dnp", "crnp", "psyd", "lmft",
    "lpc", "otr", "slp", "rrt", "facp", "sr",
];
/// Words after an eponym that make it a disease or sign, not a person.
const EPONYM_HEADS: [&str; 23] = [
    "sign",
    "signs",
    "disease",
    "syndrome",
    "palsy",
    "test",
    "maneuver",
    "criteria",
    "score",
    "classification",
    "procedure",
    "operation",
    "phenomenon",
    "reflex",
    "tear",
    "tears",
    "lymphoma",
    "sarcoma",
    "ulcer",
    "fracture",
    "catheter",
    "scale",
    "esophagus",
];
/// Particles inside names: "Van der Berg", "de la Cruz", "St. Clair".
const PARTICLES: [&str; 22] = [
    "van", "der", "de", "la", "del", "di", "da", "von", "le", "du", "bin", "al", "el", "st", "den",
    "ten", "ter", "dos", "das", "ó", "los", "las",
];
/// Words in the name lists that after "pt" or "dr" in a sloppy note are
/// almost always the sentence going on ("pt will", "dr aware").
const FUNCTION_WORDS: [&str; 40] = [
    "will", "may", "can", "is", "was", "has", "had", "and", "to", "in", "at", "with", "on", "for",
    "says", "said", "states", "reports", "denies", "notes", "feels", "aware", "called", "updated",
    "notified", "paged", "here", "home", "up", "out", "ok", "well", "also", "now", "then", "still",
    "not", "no", "yes", "so",
];
/// The last word of a place of care: "Mercy General Hospital", "Oakmont Urgent Care".
const FACILITY_HEADS: [&str; 65] = [
    "&str; 60] = [",
    "hospital",
    "clinic",
    "center",
    "centre",
    "infirmary",
    "hospice",
    "pharmacy",
    "apothecary",
    "drug",
    "drugs",
    "health",
    "healthcare",
    "associates",
    "institute",
    "facility",
    "care",
    "pediatrics",
    "cardiology",
    "oncology",
    "medicine",
    "practice",
    "rehab",
    "rehabilitation",
    "home",
    "laboratory",
    "labs",
    "imaging",
    "radiology",
    "dialysis",
    "physicians",
    "partners",
    "group",
    "sanatorium",
    "manor",
    "living",
    "village",
    "gardens",
    "lodge",
    "residence",
    "pavilion",
    "campus",
    "dermatology",
    "orthopedics",
    "orthopaedics",
    "spine",
    "hematology",
    "neurology",
    "urology",
    "surgery",
    "gastroenterology",
    "pulmonology",
    "rheumatology",
    "endocrinology",
    "ophthalmology",
    "podiatry",
    "dentistry",
    "therapy",
    "shoppe",
    "aged",
    "diagnostics",
    "lab",
    "ctr",
    "shelter",
    "klinikum",
];
/// Words that do not make a facility's name specific: "Internal Medicine Clinic" is a department.
const GENERIC_FACILITY_WORDS: [&str; 24] = [
    "general",
    "internal",
    "family",
    "urgent",
    "primary",
    "community",
    "regional",
    "medical",
    "behavioral",
    "mental",
    "emergency",
    "intensive",
    "nursing",
    "skilled",
    "surgical",
    "university",
    "women's",
    "children's",
    "cancer",
    "heart",
    "eye",
    "the",
    "state",
    "county",
];

/// Splits `text` into words: runs of letters (any non-ASCII byte counts as a
/// letter) with inner apostrophes or hyphens, plus a trailing `.` on a single
/// capital (an initial).
fn split(text: &str, labels: &[Label], dict: &Dictionaries) -> Vec<Word> {
    let b = text.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    let mut lower = String::with_capacity(32);
    let mut label = 0;
    while i < b.len() {
        if !is_letter(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (is_letter(b[i])
                || ((b[i] == b'\'' || b[i] == b'-') && i + 1 < b.len() && is_letter(b[i + 1])))
        {
            i += 1;
        }
        let end = i;
        let glued = (start > 0 && b[start - 1].is_ascii_digit())
            || (end < b.len() && b[end].is_ascii_digit());
        if glued || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let raw = &text[start..end];
        let raw = raw.strip_suffix("'s").unwrap_or(raw);
        let shape = shape_of(raw);
        let end_word = start + raw.len();
        while label < labels.len() && labels[label].end <= start {
            label += 1;
        }
        let in_label =
            label < labels.len() && labels[label].start <= start && end_word <= labels[label].end;
        let sentence_start = sentence_start(b, start);
        let capitalised = shape != Shape::Lower;
        let heading = capitalised
            && b.get(end_word) == Some(&b':')
            && (sentence_start || words_since_line_start(b, start) < 3);
        let lab = capitalised
            && raw.len() <= 2
            && b.get(end_word) == Some(&b' ')
            && b.get(end_word + 1).is_some_and(u8::is_ascii_digit);
        let lone_letter =
            shape == Shape::Initial && matches!(raw, "I" | "A") && b.get(end_word) != Some(&b'.');
        let after_hyphen = start > 0 && b[start - 1] == b'-' && shape == Shape::Initial;
        let credential = capitalised
            && raw.len() <= 6
            && NAME_SUFFIXES.iter().any(|c| c.eq_ignore_ascii_case(raw));
        let after_year = capitalised && year_before(b, start);
        let mut word = Word {
            start,
            end: end_word,
            shape,
            sentence_start,
            first: false,
            last: false,
            place: false,
            common: false,
            medical: false,
            stop: false,
            blocked: in_label || heading || lab || after_hyphen || credential || after_year,
            acronym: shape == Shape::Upper && raw.len() <= 3,
            lone: lone_letter,
            facility_head: false,
            month_like: false,
            state: false,
            place_first: false,
        };
        let near_label = label > 0 && start - labels[label - 1].end <= 4
            || label < labels.len() && labels[label].end <= start && start - labels[label].end <= 4;
        let after_name = words
            .last()
            .is_some_and(|p: &Word| p.in_name_lists() && start - p.end <= 2);
        if shape != Shape::Lower || near_label || after_name {
            lower.clear();
            if raw.is_ascii() {
                lower.push_str(raw);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(raw.chars().flat_map(char::to_lowercase).map(fold));
            }
            let raw_lists = dict.lists(lower.as_str());
            word.place = raw_lists & Lists::PLACE != 0;
            word.state = raw_lists & Lists::STATE != 0;
            word.place_first = raw_lists & Lists::PLACE_FIRST != 0;
            word.common = raw_lists & (Lists::COMMON | Lists::STATE) != 0;
            if shape != Shape::Lower {
                word.facility_head = FACILITY_HEADS.contains(&lower.as_str());
                word.month_like =
                    NOT_NAMES[..12].contains(&lower.as_str()) || HOLIDAYS.contains(&lower.as_str());
                word.blocked |= NOT_NAMES.contains(&lower.as_str())
                    || LANGUAGES.contains(&lower.as_str())
                    || eponym(b, end_word)
                    || words.last().is_some_and(|p: &Word| {
                        p.end + 1 == start && part_of_state(text, p, &lower, dict)
                    });
            }
            if lower.contains('-') {
                let parts: Vec<u8> = lower.split('-').map(|p| dict.lists(p)).collect();
                word.first = parts.iter().any(|l| l & Lists::FIRST != 0);
                word.last = parts.iter().any(|l| l & Lists::LAST != 0);
                word.common = parts.iter().all(|l| l & Lists::COMMON != 0);
                word.medical = parts.iter().all(|l| l & Lists::MEDICAL != 0);
            } else {
                let key_lists = if lower.chars().all(char::is_alphanumeric) {
                    raw_lists
                } else {
                    lower.retain(char::is_alphanumeric);
                    dict.lists(lower.as_str())
                };
                word.first = key_lists & Lists::FIRST != 0;
                word.last = key_lists & Lists::LAST != 0;
                word.medical = key_lists & Lists::MEDICAL != 0;
                word.stop = key_lists & Lists::STOP != 0;
            }
        }
        if shape == Shape::Initial && end < b.len() && b[end] == b'.' {
            word.end = end + 1;
        }
        words.push(word);
    }
    words
}

/// Latin letters without their diacritics, for dictionary lookups
/// ("Lucía" → "lucia", "Łukasz" → "lukasz").
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ł' | 'ľ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// Words between the start of the line and `at`.
fn words_since_line_start(b: &[u8], at: usize) -> usize {
    let line_start = b[..at]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    b[line_start..at]
        .split(|c| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .count()
}

fn is_letter(c: u8) -> bool {
    c.is_ascii_alphabetic() || c >= 0x80
}

fn shape_of(raw: &str) -> Shape {
    let mut chars = raw.chars();
    let Some(first) = chars.next() else {
        return Shape::Lower;
    };
    if !first.is_uppercase() {
        return Shape::Lower;
    }
    let mut letters = 0;
    let mut all_upper = true;
    for c in chars.filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    if letters == 0 {
        Shape::Initial
    } else if all_upper {
        Shape::Upper
    } else {
        Shape::Capital
    }
}

/// "North Carolina", "New Hampshire": the word ends a state's name.
fn part_of_state(text: &str, previous: &Word, lower: &str, dict: &Dictionaries) -> bool {
    const FIRST_WORDS: [&str; 7] = [
        "north", "south", "west", "new", "rhode", "district", "puerto",
    ];
    let prev = text[previous.start..previous.end].to_lowercase();
    FIRST_WORDS.contains(&prev.as_str()) && dict.states.contains(format!("{prev} {lower}").as_str())
}

/// "2011 Nissan Altima": up to three capitalised words after a year are a
/// make and model, not a name.
fn year_before(b: &[u8], start: usize) -> bool {
    let mut i = start;
    for _ in 0..3 {
        if i < 5 || b[i - 1] != b' ' {
            return false;
        }
        let prev = &b[i - 5..i - 1];
        if prev.iter().all(u8::is_ascii_digit)
            && (prev.starts_with(b"19") || prev.starts_with(b"20"))
        {
            return i < 6 || !b[i - 6].is_ascii_alphanumeric();
        }
        let word_start = b[..i - 1]
            .iter()
            .rposition(|c| !c.is_ascii_alphanumeric() && *c != b'-')
            .map_or(0, |p| p + 1);
        if word_start + 1 >= i || !b[word_start].is_ascii_uppercase() {
            return false;
        }
        i = word_start;
    }
    false
}

/// "Parkinson's disease", "Murphy sign": the word after is an eponym's head.
fn eponym(b: &[u8], end: usize) -> bool {
    let mut i = end;
    if b[i..].starts_with(b"'s") || b[i..].starts_with(b"' ") {
        i += if b[i + 1] == b's' { 2 } else { 1 };
    }
    if b.get(i) != Some(&b' ') {
        return false;
    }
    let word: Vec<u8> = b[i + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect();
    EPONYM_HEADS.iter().any(|h| h.as_bytes() == word.as_slice())
}

/// True if only blanks separate `at` from the start of the text, a line
/// break or a sentence's end.
fn sentence_start(b: &[u8], at: usize) -> bool {
    let mut i = at;
    while i > 0 {
        match b[i - 1] {
            b' ' | b'\t' | b'"' | b'(' | b'[' | b'*' | b'-' => i -= 1,
            b'\n' | b'\r' | b'.' | b'!' | b'?' | b':' | b';' => return true,
            _ => return false,
        }
    }
    true
}

/// Name, place and date candidates from the words of `text`.
pub(super) fn candidates(
    text: &str,
    labels: &[Label],
    dict: &Dictionaries,
    out: &mut Vec<Candidate>,
) {
    let words = split(text, labels, dict);
    let b = text.as_bytes();
    let mut names = Names {
        score: vec![0.0; words.len()],
        rule: vec![""; words.len()],
    };

    let mut before = 0;
    for (i, w) in words.iter().enumerate() {
        while before < labels.len() && labels[before].end <= w.start {
            before += 1;
        }
        let Some(label) = labels[..before]
            .last()
            .filter(|l| only_separators(b, l.end, w.start))
        else {
            continue;
        };
        let colon =
            b[label.end..w.start].contains(&b':') || b[label.start..label.end].ends_with(b":");
        match label.cue {
            Cue::Title if title_fits(b, label, w) => {
                names.run(&words, i, 0.95, "name:title", b, true);
            }
            Cue::Title | Cue::Name if w.shape == Shape::Lower => {
                let title = label.cue == Cue::Title && b[label.start].is_ascii_lowercase();
                let first_of_two = label.cue == Cue::Name
                    && w.first
                    && !w.medical
                    && !w.stop
                    && !function_word(b, w)
                    && words
                        .get(i + 1)
                        .is_some_and(|n| n.lower_name() && adjacent(b, w, n));
                if w.lower_name()
                    || first_of_two
                    || (title
                        && w.last
                        && !w.medical
                        && !w.stop
                        && !w.blocked
                        && !function_word(b, w))
                {
                    names.run(&words, i, 0.75, "name:label-lowercase", b, true);
                }
            }
            Cue::Name if colon && (w.capitalised() || w.shape == Shape::Initial) && !w.blocked => {
                names.run(&words, i, 0.9, "name:label", b, true);
            }
            Cue::Name
                if w.name_like()
                    && (w.in_name_lists() || !w.common || w.shape == Shape::Initial) =>
            {
                names.run(&words, i, 0.9, "name:label", b, false);
            }
            Cue::Employer if w.capitalised() => employer(&words, i, b, &mut names),
            _ => {}
        }
    }
    for i in 0..words.len().saturating_sub(1) {
        let (w, v) = (&words[i], &words[i + 1]);
        if pair(b, w, v) {
            names.set(i, 0.8, "name:first-last");
            names.set(i + 1, 0.8, "name:first-last");
        }
    }
    for (i, w) in words.iter().enumerate() {
        if names.score[i] == 0.0 && w.capitalised() && at_work_before(b, w.start) {
            employer(&words, i, b, &mut names);
        }
    }
    for (i, w) in words.iter().enumerate() {
        if names.score[i] == 0.0
            && w.clear_name()
            && !(w.place && !w.first && place_follows(b, w.end))
        {
            names.set(
                i,
                if w.shape == Shape::Upper { 0.75 } else { 0.85 },
                "name:dictionary",
            );
        }
    }
    for (i, w) in words.iter().enumerate() {
        if names.score[i] > 0.0
            || !w.capitalised()
            || !w.in_name_lists()
            || w.medical
            || w.stop
            || w.blocked
        {
            continue;
        }
        if w.common && w.sentence_start {
            continue;
        }
        let left = i > 0 && names.score[i - 1] > 0.0 && adjacent(b, &words[i - 1], w);
        let right =
            i + 1 < words.len() && names.score[i + 1] > 0.0 && adjacent(b, w, &words[i + 1]);
        if left || right || name_suffix_follows(b, w.end) {
            names.set(i, 0.75, "name:dictionary+neighbour");
        }
    }
    for (i, w) in words.iter().enumerate() {
        if w.shape == Shape::Lower
            && !w.blocked
            && (name_suffix_follows(b, w.end) || lowercase_credential_follows(b, w.end))
        {
            let mut j = i;
            while j + 3 > i && (words[j].lower_name() || (j < i && particle(&words[j], b))) {
                names.set(j, 0.75, "name:credential");
                if j == 0 || !adjacent(b, &words[j - 1], &words[j]) {
                    break;
                }
                j -= 1;
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        let unknown =
            w.shape == Shape::Capital && !w.ordinary() && !w.blocked && !w.place && !w.acronym;
        if names.score[i] == 0.0
            && unknown
            && (acts_like_a_person(b, w.end) || b[w.end..].starts_with(b"'s "))
        {
            names.set(i, 0.7, "name:subject");
        }
    }
    names.spread(&words, b);

    for (i, w) in words.iter().enumerate() {
        if names.score[i] > 0.0 {
            out.push(Candidate {
                start: w.start,
                end: w.end,
                kind: Kind::Name,
                confidence: names.score[i],
                rule: names.rule[i],
            });
        }
    }
    places(text, &words, &names.score, labels, dict, out);
    months(text, &words, out);
}

/// Name scores per word, with the rule that set them.
struct Names {
    score: Vec<f32>,
    rule: Vec<&'static str>,
}

impl Names {
    fn set(&mut self, i: usize, score: f32, rule: &'static str) {
        if score > self.score[i] {
            self.score[i] = score;
            self.rule[i] = rule;
        }
    }

    /// Marks the word at `i` and the name-like words right after it.
    fn run(
        &mut self,
        words: &[Word],
        i: usize,
        score: f32,
        rule: &'static str,
        b: &[u8],
        any_first: bool,
    ) {
        let lower = words[i].shape == Shape::Lower;
        let mut j = i;
        while j < words.len() && j < i + 5 {
            let w = &words[j];
            let fits = !w.blocked
                && if lower {
                    w.lower_name()
                        || particle(w, b)
                        || (j > i && w.last && !w.medical && !w.stop && !function_word(b, w))
                } else {
                    w.name_like()
                        || particle(w, b)
                        || (w.acronym && w.in_name_lists())
                        || (j > i && w.capitalised() && w.medical && w.in_name_lists())
                };
            let ok = if j == i {
                (any_first && (!w.blocked || w.month_like)) || fits
            } else {
                fits && adjacent(b, &words[j - 1], w)
            };
            if !ok
                || (j > i
                    && !lower
                    && !w.in_name_lists()
                    && w.common
                    && w.shape != Shape::Initial
                    && !particle(w, b))
            {
                break;
            }
            self.set(j, score, rule);
            j += 1;
        }
        while j > i && particle(&words[j - 1], b) {
            j -= 1;
            self.score[j] = 0.0;
        }
    }

    /// Initials, particles and unknown capitalised words next to a name join it.
    fn spread(&mut self, words: &[Word], b: &[u8]) {
        for _ in 0..2 {
            for i in 0..words.len() {
                let w = &words[i];
                if self.score[i] > 0.0 || w.blocked {
                    continue;
                }
                let joins = match w.shape {
                    Shape::Initial => {
                        !w.lone
                            || (i > 0
                                && i + 1 < words.len()
                                && self.score[i - 1] > 0.0
                                && self.score[i + 1] > 0.0)
                    }
                    Shape::Capital | Shape::Upper => {
                        (w.name_like()
                            && (w.in_name_lists() || !w.common)
                            && !(w.common && w.sentence_start))
                            || (particle(w, b) && i + 1 < words.len() && words[i + 1].capitalised())
                    }
                    Shape::Lower => {
                        particle(w, b)
                            && words[i + 1..]
                                .iter()
                                .find(|n| !particle(n, b))
                                .is_some_and(|n| n.capitalised())
                    }
                };
                if !joins {
                    continue;
                }
                let left = i > 0 && self.score[i - 1] >= 0.7 && adjacent(b, &words[i - 1], w);
                let right = i + 1 < words.len()
                    && (self.score[i + 1] >= 0.75 || particle(w, b) && particle(&words[i + 1], b))
                    && adjacent(b, w, &words[i + 1]);
                if left || right {
                    self.set(i, 0.7, "name:neighbour");
                }
            }
        }
    }
}

/// A title written as one ("Dr.", "Mrs", "DR. SMITH") before a capitalised
/// word or an initial; "MR. Cr" (mitral regurgitation) and "MD" are not titles.
fn title_fits(b: &[u8], label: &Label, w: &Word) -> bool {
    let text = &b[label.start..label.end];
    let letters: Vec<u8> = text
        .iter()
        .copied()
        .filter(u8::is_ascii_alphabetic)
        .collect();
    let all_caps = letters.len() > 1 && letters.iter().all(u8::is_ascii_uppercase);
    text[0].is_ascii_uppercase()
        && !text.eq_ignore_ascii_case(b"md")
        && !b[label.end..w.start].contains(&b',')
        && (w.capitalised() || w.shape == Shape::Initial)
        && (!all_caps || w.shape != Shape::Capital)
        && (!w.acronym || w.in_name_lists())
}

/// "Zhiwei is a", "Okafor presented", "Tran states": a verb that takes a
/// person as subject follows.
fn acts_like_a_person(b: &[u8], end: usize) -> bool {
    const VERBS: [&[u8]; 16] = [
        b" is a ",
        b" is an ",
        b" was a ",
        b" presents",
        b" presented",
        b" reports",
        b" reported",
        b" states",
        b" stated",
        b" denies",
        b" returns",
        b" arrived",
        b" underwent",
        b" tolerated",
        b" called",
        b" endorses",
    ];
    VERBS.iter().any(|v| b[end..].starts_with(v))
}

fn function_word(b: &[u8], w: &Word) -> bool {
    FUNCTION_WORDS
        .iter()
        .any(|f| f.as_bytes().eq_ignore_ascii_case(&b[w.start..w.end]))
}

/// "John Smith", "J. Smith", "SMITH, JOHN": a first name (or an initial)
/// then a surname, or a surname, a comma and a first name, all capitalised.
fn pair(b: &[u8], w: &Word, v: &Word) -> bool {
    let usable = |x: &Word| !x.medical && !x.stop && !x.blocked;
    if w.shape == Shape::Lower
        || v.shape == Shape::Lower
        || !usable(w)
        || !usable(v)
        || !adjacent(b, w, v)
    {
        return false;
    }
    let between = &b[w.end..v.start];
    let comma = between.contains(&b',') || between.contains(&b'^');
    let capitals = |x: &Word| x.capitalised() && (!x.acronym || x.in_name_lists());
    if comma {
        capitals(w) && capitals(v) && w.last && v.first && (!w.common || !v.common)
    } else {
        (w.shape == Shape::Initial && !w.lone && !between.is_empty() && capitals(v) && v.last)
            || (capitals(w)
                && capitals(v)
                && w.first
                && v.last
                && (!w.common || !v.common || !w.sentence_start || name_suffix_follows(b, v.end)))
    }
}

/// "works as a bus driver at", "is a machinist with": the words before
/// `at` suggest the capitalised words after it are an employer.
fn at_work_before(b: &[u8], start: usize) -> bool {
    let before = &b[start.saturating_sub(6)..start];
    let Some(prep) = [&b"at "[..], b"with ", b"for "]
        .into_iter()
        .find(|p| before.ends_with(p))
    else {
        return false;
    };
    let prep_start = start - prep.len();
    let sentence_start = b[..prep_start]
        .iter()
        .rposition(|&c| matches!(c, b'.' | b'\n' | b';'))
        .map_or(0, |p| p + 1);
    let sentence =
        String::from_utf8_lossy(&b[sentence_start.max(prep_start.saturating_sub(60))..prep_start])
            .to_ascii_lowercase();
    [
        "works", "worked", "working", "employed", "job", "shift", " is a ", " as a ", " as an ",
        " is an ",
    ]
    .iter()
    .any(|w| sentence.contains(w))
}

fn particle(w: &Word, b: &[u8]) -> bool {
    w.end - w.start <= 3
        && PARTICLES
            .iter()
            .any(|p| p.as_bytes().eq_ignore_ascii_case(&b[w.start..w.end]))
}

/// "Employer: Blue Harbor Seafood", "works at Kessler Auto Body": the
/// capitalised words after the cue, whatever they are, are the employer's name.
fn employer(words: &[Word], i: usize, b: &[u8], names: &mut Names) {
    let mut j = i;
    while j < words.len() && j < i + 5 {
        let w = &words[j];
        let joined = j == i || b[words[j - 1].end..w.start] == *b" ";
        let fits = w.capitalised() || (j > i && matches!(&b[w.start..w.end], b"of" | b"and"));
        let joined = joined
            || (j > i
                && b[words[j - 1].end..w.start] == *b". "
                && words[j - 1].end - words[j - 1].start <= 3);
        let joined = joined || (j > i && b[words[j - 1].end..w.start] == *b" & ");
        if !joined || !fits {
            break;
        }
        j += 1;
    }
    while j > i && !words[j - 1].capitalised() {
        j -= 1;
    }
    for k in i..j {
        names.set(k, 0.85, "name:employer");
    }
}

/// Two words of one name: separated by blanks only (no line break), or by a
/// comma in "LAST, First".
fn adjacent(b: &[u8], a: &Word, c: &Word) -> bool {
    let between = &b[a.end..c.start];
    if between.is_empty() && a.shape == Shape::Initial && c.shape == Shape::Initial {
        return true;
    }
    let dot_ok = particle(a, b);
    between.len() <= 3
        && !between.is_empty()
        && between
            .iter()
            .all(|&x| x == b' ' || x == b',' || x == b'^' || (x == b'.' && dot_ok))
        && between.iter().filter(|&&x| x == b',' || x == b'^').count() <= 1
}

/// Only blanks, `:`, `.`, `,` or `#` between a label's end and a word.
fn only_separators(b: &[u8], from: usize, to: usize) -> bool {
    to >= from
        && to - from <= 4
        && b[from..to]
            .iter()
            .all(|&c| matches!(c, b' ' | b':' | b'.' | b'\t' | b',' | b'(' | b'"'))
}

/// ", MD", " RN", ", PhD" and the like right after a word.
fn name_suffix_follows(b: &[u8], end: usize) -> bool {
    let mut i = end;
    while i < b.len() && (b[i] == b' ' || b[i] == b',') && i < end + 2 {
        i += 1;
    }
    if i == end {
        return false;
    }
    let word_end = b[i..]
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'.' || *c == b'-'))
        .map_or(b.len(), |p| i + p);
    let mut word = &b[i..word_end];
    while let [rest @ .., b'.'] = word {
        word = rest;
    }
    b.get(i).is_some_and(u8::is_ascii_uppercase)
        && NAME_SUFFIXES
            .iter()
            .any(|s| s.as_bytes().eq_ignore_ascii_case(word))
}

/// " rn", ", md" after a word in a lower-case note.
fn lowercase_credential_follows(b: &[u8], end: usize) -> bool {
    let rest = &b[end..];
    let rest = rest.strip_prefix(b",").unwrap_or(rest);
    [&b" rn"[..], b" md", b" np", b" lpn", b" pa"]
        .iter()
        .any(|c| {
            rest.starts_with(c)
                && rest
                    .get(c.len())
                    .map_or(true, |x| !x.is_ascii_alphanumeric())
        })
}

/// A comma and a state after a word ("Springfield, IL").
fn place_follows(b: &[u8], end: usize) -> bool {
    state_after(b, end, Dictionaries::get()).is_some()
}

/// The end of a state name or code that follows `end` after a comma.
fn state_after(b: &[u8], end: usize, dict: &Dictionaries) -> Option<usize> {
    let rest = &b[end..];
    let skip = rest
        .iter()
        .take(3)
        .take_while(|&&c| c == b',' || c == b' ')
        .count();
    if skip == 0 || !rest.get(skip).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let comma = rest[..skip].contains(&b',');
    let i = end + skip;
    let mut j = i;
    let mut best = None;
    let mut key = [0u8; 24];
    for _ in 0..3 {
        let w_end = b[j..]
            .iter()
            .position(|c| !c.is_ascii_alphabetic())
            .map_or(b.len(), |p| j + p);
        if w_end == j || w_end - i > key.len() {
            break;
        }
        for (slot, c) in key.iter_mut().zip(&b[i..w_end]) {
            *slot = c.to_ascii_lowercase();
        }
        let candidate = std::str::from_utf8(&key[..w_end - i]).unwrap_or("");
        let code = w_end - i == 2 && b[i..w_end].iter().all(u8::is_ascii_uppercase);
        let zip_next = b.get(w_end) == Some(&b' ')
            && b.len() >= w_end + 6
            && b[w_end + 1..w_end + 6].iter().all(u8::is_ascii_digit);
        if (code || b[i].is_ascii_uppercase())
            && dict.states.contains(candidate)
            && (comma || zip_next)
        {
            best = Some(w_end);
        }
        if w_end < b.len() && b[w_end] == b' ' {
            j = w_end + 1;
        } else {
            break;
        }
    }
    best
}

/// Cities, counties and facilities: a run of capitalised words that is a
/// known place, or that stands before ", State", or after "lives in".
fn places(
    text: &str,
    words: &[Word],
    is_name: &[f32],
    labels: &[Label],
    dict: &Dictionaries,
    out: &mut Vec<Candidate>,
) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < words.len() {
        if !words[i].capitalised() {
            i += 1;
            continue;
        }
        if let Some(c) = facility(text, words, i) {
            i = words
                .iter()
                .position(|w| w.start >= c.end)
                .unwrap_or(words.len());
            out.push(c);
            continue;
        }
        let mut end_run = i;
        while end_run + 1 < words.len()
            && end_run < i + 3
            && words[end_run + 1].capitalised()
            && (b[words[end_run].end..words[end_run + 1].start] == *b" "
                || (b[words[end_run].end..words[end_run + 1].start] == *b". "
                    && particle(&words[end_run], b)))
        {
            end_run += 1;
        }
        let cue =
            place_cue_before(b, labels, words[i].start) || preposition_before(b, words[i].start);
        let mut found: Option<(usize, f32, &'static str)> = None;
        for k in (i..=end_run).rev() {
            if (i..=k).any(|x| is_name[x] >= 0.9) {
                continue;
            }
            let multi_word_place = k > i && words[i].place_first;
            let phrase =
                multi_word_place.then(|| text[words[i].start..words[k].end].to_lowercase());
            let in_set = |set: &hashbrown::HashSet<&'static str>| {
                phrase.as_deref().is_some_and(|p| set.contains(p))
            };
            let county_next = ["county", "parish", "borough"]
                .iter()
                .any(|c| next_word_is(b, words[k].end, c));
            let is_state = if k == i {
                words[i].state && !words[i].acronym
            } else {
                in_set(&dict.states)
            };
            if is_state && !county_next {
                found = None;
                break;
            }
            let state_next = state_after(b, words[k].end, dict).is_some();
            let known = if k == i {
                words[i].place
            } else {
                in_set(&dict.places)
            };
            let multi = k > i;
            let w = &words[i];
            let place_prefix = [
                "west", "east", "north", "south", "new", "fort", "mount", "saint", "st", "lake",
                "port", "glen", "cedar",
            ]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(&text[words[i].start..words[i].end]));
            let leading_word =
                words[i].common && words[i].sentence_start && !known && !place_prefix;
            found = if state_next
                && (i..=k).all(|x| !words[x].medical)
                && !leading_word
                && !words[i].blocked
            {
                Some((k, 0.9, "geo:city-state"))
            } else if county_next && (in_set(&dict.counties) || words[i].place || !words[k].medical)
            {
                Some((k, 0.9, "geo:county"))
            } else if known && cue && !(w.first && !multi && !preposition_before(b, w.start)) {
                Some((k, 0.9, "geo:place+context"))
            } else if known && multi && !(i..=k).all(|x| words[x].common) {
                Some((k, 0.85, "geo:place"))
            } else if known
                && !multi
                && !w.ordinary()
                && !w.first
                && is_name[i] == 0.0
                && !w.blocked
            {
                Some((k, 0.75, "geo:place"))
            } else if cue && !w.ordinary() && !w.acronym {
                Some((k, 0.7, "geo:context"))
            } else {
                None
            };
            if found.is_some() {
                break;
            }
        }
        if let Some((k, confidence, rule)) = found {
            let mut end = words[k].end;
            if ["county", "parish", "borough"]
                .iter()
                .any(|c| next_word_is(b, end, c))
            {
                end = words[k + 1].end;
            }
            out.push(Candidate {
                start: words[i].start,
                end,
                kind: Kind::Geo,
                confidence,
                rule,
            });
            i = k + 1;
            continue;
        }
        i += 1;
    }
}

/// "Mercy General Hospital", "Oakmont Urgent Care", "Corner Drug of Maple
/// Square": capitalised words (with "of", "and", "&", "'s") ending with the
/// word for a place of care, at least one of them specific.
fn facility(text: &str, words: &[Word], i: usize) -> Option<Candidate> {
    let b = text.as_bytes();
    let run_end = (i + 7).min(words.len());
    if !words[i + 1..run_end].iter().any(|w| w.facility_head) {
        return None;
    }
    let word = |x: usize| &text[words[x].start..words[x].end];
    let in_list = |x: usize, list: &[&str]| list.iter().any(|h| h.eq_ignore_ascii_case(word(x)));
    let mut k = i;
    let mut last_head = None;
    while k < words.len() && k < i + 7 {
        let w = &words[k];
        let connector = in_list(k, &["of", "and", "for"])
            || (k > i && in_list(k, &["the"]) && in_list(k - 1, &["of", "for"]));
        if k > i {
            let between = &b[words[k - 1].end..w.start];
            let joined = between == b" " || between == b"'s " || between == b" & ";
            if !joined || !(w.capitalised() || connector) {
                break;
            }
        }
        if k > i && words[k].facility_head {
            last_head = Some(k);
        }
        k += 1;
    }
    let mut last = last_head?;
    // "Corner Drug of Maple Square", "Sacred Heart Medical Center at
    // Riverbend": a place name after "of" or "at" belongs to it.
    if last + 2 < k && in_list(last + 1, &["of"]) {
        last = k - 1;
    } else if last + 1 < words.len()
        && b[words[last].end..].starts_with(b" at ")
        && words[last + 1].start == words[last].end + 4
        && words[last + 1].capitalised()
        && !words[last + 1].common
    {
        last += 1;
    }
    let specific = (i..=last).any(|x| {
        !words[x].facility_head
            && !in_list(x, &GENERIC_FACILITY_WORDS)
            && !words[x].medical
            && !in_list(x, &["of", "and", "for", "the"])
    });
    // "POLICY GROUP:" on a claim form is a field's label, not a place.
    let is_label = b.get(words[last].end) == Some(&b':');
    if !specific
        || (is_label && in_list(last, &["group"]))
        || words[i].blocked && words[i].shape != Shape::Upper
    {
        return None;
    }
    Some(Candidate {
        start: words[i].start,
        end: words[last].end,
        kind: Kind::Geo,
        confidence: 0.8,
        rule: "geo:facility",
    })
}

fn next_word_is(b: &[u8], end: usize, word: &str) -> bool {
    b.get(end) == Some(&b' ')
        && b.len() >= end + 1 + word.len()
        && b[end + 1..end + 1 + word.len()].eq_ignore_ascii_case(word.as_bytes())
        && b.get(end + 1 + word.len())
            .map_or(true, |c| !c.is_ascii_alphabetic())
}

/// "in", "from" or "near" right before a word.
fn preposition_before(b: &[u8], start: usize) -> bool {
    let before = &b[start.saturating_sub(6)..start];
    [&b" in "[..], b" from ", b" near "]
        .iter()
        .any(|p| before.ends_with(p))
}

fn place_cue_before(b: &[u8], labels: &[Label], start: usize) -> bool {
    let before = labels.partition_point(|l| l.end <= start);
    labels[..before].last().is_some_and(|l| {
        l.cue == Cue::Place
            && start - l.end <= 4
            && b[l.end..start]
                .iter()
                .all(|&c| matches!(c, b' ' | b':' | b','))
    })
}

/// Month names standing alone ("in March", "since June") and holidays.
fn months(text: &str, words: &[Word], out: &mut Vec<Candidate>) {
    let is = |w: &Word, list: &[&str]| {
        list.iter()
            .any(|m| m.eq_ignore_ascii_case(&text[w.start..w.end]))
    };
    for (i, w) in words.iter().enumerate() {
        if w.shape != Shape::Capital || !w.month_like {
            continue;
        }
        let lead_in = i > 0 && is(&words[i - 1], &MONTH_LEAD_INS);
        let hit = (is(w, &MONTHS) && !w.sentence_start)
            || (is(w, &["may", "march"]) && lead_in)
            || is(w, &HOLIDAYS);
        if hit {
            out.push(Candidate {
                start: w.start,
                end: w.end,
                kind: Kind::Date,
                confidence: 0.7,
                rule: "date:month-name",
            });
        }
    }
}
