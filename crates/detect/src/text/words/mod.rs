//! The word pass: names, places and month names, decided per word from the
//! dictionaries, the word's shape (Capitalised, UPPER, initial) and its
//! context (a title or label before it, a name next to it, a state after it).
//!
//! This file splits the text into words and decides names; `names` holds the
//! name rules, `places` the place and facility rules.

use super::labels::{Cue, Label};
use super::Candidate;
use crate::dictionaries::{Dictionaries, Lists};
use crate::Kind;

use std::sync::OnceLock;

use hashbrown::HashMap;

mod names;
mod places;

use names::{
    acts_like_a_person, adjacent, at_work_before, employer, function_word, is_name_suffix,
    is_particle, lowercase_credential_follows, name_suffix_follows, only_separators, pair,
    title_fits, Names, RELATIVES,
};
use places::{place_follows, places, FACILITY_HEADS};

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
    /// A month's, weekday's or holiday's name: "Friday", "March".
    calendar: bool,
    /// A US state's name or code.
    state: bool,
    /// Could begin a place name of several words.
    place_first: bool,
    /// A particle inside names: "van", "de", "St".
    particle: bool,
    /// The dictionaries were asked about the word (always for capitalised
    /// words; for lower-case ones only near labels, names and credentials).
    looked_up: bool,
    /// How many labels end at or before the word's start.
    labels_before: usize,
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
        if self.blocked || self.state && self.acronym {
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

    /// A lower-case word on no list at all ("haruto", "olumide"): a name
    /// in a sloppy note when a credential or a title stands next to it.
    fn lower_unknown(&self) -> bool {
        self.looked_up
            && self.shape == Shape::Lower
            && !self.in_name_lists()
            && !self.ordinary()
            && !self.place
            && !self.blocked
            && !self.particle
            && self.end - self.start >= 3
    }
}

/// Month names: never a person's name in a note, a date when standing alone
/// (except "may" and "march", which need "in", "since"... before them).
const MONTHS: [&str; 12] = [
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
];
const WEEKDAYS: [&str; 7] = [
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

/// The text of the line so far (`before` ends where a word starts) is `lead`.
fn line_is(before: &[u8], lead: &[u8]) -> bool {
    before
        .strip_suffix(lead)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with(b"\n"))
}

/// "Port Calloway, Maine 41894": a state's name right before a ZIP.
fn state_before_zip(b: &[u8], w: &Word) -> bool {
    w.state
        && b.get(w.end) == Some(&b' ')
        && b.get(w.end + 1..w.end + 6)
            .is_some_and(|z| z.iter().all(u8::is_ascii_digit))
}

/// "He", "She": on the name lists, never a name as a sentence's subject.
fn is_pronoun(word: &[u8]) -> bool {
    [
        &b"he"[..],
        b"she",
        b"they",
        b"we",
        b"it",
        b"you",
        b"his",
        b"her",
        b"him",
        b"i",
    ]
    .iter()
    .any(|p| p.eq_ignore_ascii_case(word))
}

/// "Zhiwei, who lives in", "her grandmother, Pearl, until", "Sky from
/// Social Work", "call Heather on Saturday", a sign-off line "- River":
/// places in a sentence that only a person's name takes.
fn in_apposition(b: &[u8], w: &Word) -> bool {
    const TEAMS: [&[u8]; 8] = [
        b"Social Work",
        b"Case Management",
        b"Nutrition",
        b"Pharmacy",
        b"Chaplaincy",
        b"Palliative",
        b"Physical Therapy",
        b"the care team",
    ];
    let after = &b[w.end..];
    let before = &b[..w.start];
    let role_before = before.strip_suffix(b", ").is_some_and(|rest| {
        RELATIVES.iter().any(|r| {
            rest.len() > r.len() && rest.ends_with(r) && rest[rest.len() - r.len() - 1] == b' '
        })
    });
    let team_after = after
        .strip_prefix(b" from ")
        .is_some_and(|rest| TEAMS.iter().any(|t| rest.starts_with(t)));
    let called = before.ends_with(b"call ")
        && [&b" on "[..], b" at ", b" to ", b" about "]
            .iter()
            .any(|p| after.starts_with(p));
    let sign_off = [&b"- "[..], b"-- ", b"\xe2\x80\x94"]
        .iter()
        .any(|lead| line_is(before, lead))
        && after.first().map_or(true, |&c| c == b'\n');
    let chat_header = before.ends_with(b"] ") && after.starts_with(b" - ");
    let thanks = before.ends_with(b"Thanks - ") || before.ends_with(b"Thanks, ");
    after.starts_with(b", who ")
        || after.starts_with(b", the patient's ")
        || role_before && after.first() == Some(&b',')
        || chat_header
        || thanks && after.first().map_or(true, |&c| c == b'\n')
        || team_after
        || called
        || sign_off
}

const MONTH_LEAD_INS: [&str; 14] = [
    "in", "since", "until", "by", "of", "early", "late", "mid", "during", "before", "after",
    "through", "last", "next",
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
        let after_title =
            label > 0 && labels[label - 1].cue == Cue::Title && start - labels[label - 1].end <= 2;
        // A heading or a field's label: "Plan:", "Rel: self", "Auth #:".
        let field = capitalised
            && raw.len() <= 4
            && (b[end_word..].starts_with(b":") || b[end_word..].starts_with(b" #:"));
        let heading = capitalised
            && b.get(end_word) == Some(&b':')
            && (sentence_start || words_since_line_start(b, start) < 3)
            && !after_title
            || field && !after_title;
        // A radiology scoring system: "Lung-RADS", "TI-RADS".
        let scoring = raw.ends_with("-RADS") || raw == "RADS";
        // "K 4.1", "Na 140": a lab's symbol before its value (single letters
        // only for the labs written so: K, P, T, R).
        let lab = capitalised
            && (raw.len() == 2 || matches!(raw, "K" | "P" | "T" | "R"))
            && b.get(end_word) == Some(&b' ')
            && b.get(end_word + 1).is_some_and(u8::is_ascii_digit);
        let lone_letter =
            shape == Shape::Initial && matches!(raw, "I" | "A") && b.get(end_word) != Some(&b'.');
        let after_hyphen = start > 0 && b[start - 1] == b'-' && shape == Shape::Initial;
        let generation = matches!(raw, "Jr" | "JR" | "Sr" | "SR");
        let credential =
            capitalised && raw.len() <= 6 && is_name_suffix(raw.as_bytes()) && !generation;
        let after_year = capitalised && year_before(b, start);
        let dotted_credential = shape == Shape::Initial && in_dotted_credential(b, start);
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
            blocked: in_label
                || heading
                || scoring
                || lab
                || after_hyphen
                || credential
                || after_year
                || dotted_credential,
            acronym: shape == Shape::Upper && raw.len() <= 3,
            lone: lone_letter,
            facility_head: false,
            month_like: false,
            calendar: false,
            state: false,
            place_first: false,
            particle: is_particle(raw),
            looked_up: false,
            labels_before: label,
        };
        let near_label = label > 0 && start - labels[label - 1].end <= 4
            || label < labels.len() && labels[label].end <= start && start - labels[label].end <= 4;
        let after_name = words
            .last()
            .is_some_and(|p: &Word| p.in_name_lists() && start - p.end <= 2);
        if shape != Shape::Lower || near_label || after_name {
            lowercase_into(raw, &mut lower);
            if shape != Shape::Lower {
                let fixed = fixed_lists(lower.as_str());
                word.facility_head = fixed & Fixed::FACILITY_HEAD != 0;
                word.month_like = fixed & (Fixed::MONTH | Fixed::HOLIDAY) != 0;
                word.calendar = fixed & (Fixed::MONTH | Fixed::WEEKDAY | Fixed::HOLIDAY) != 0;
                word.blocked |= fixed & (Fixed::MONTH | Fixed::WEEKDAY | Fixed::LANGUAGE) != 0
                    || eponym(b, end_word)
                    || words.last().is_some_and(|p: &Word| {
                        p.end + 1 == start && part_of_state(text, p, &lower, dict)
                    });
            }
            set_lists(&mut word, &mut lower, dict);
            word.blocked |= state_before_zip(b, &word);
        }
        if shape == Shape::Initial && end < b.len() && b[end] == b'.' {
            word.end = end + 1;
        }
        words.push(word);
    }
    words
}

/// `raw` in lower case without diacritics, into `lower`.
fn lowercase_into(raw: &str, lower: &mut String) {
    lower.clear();
    if raw.is_ascii() {
        lower.push_str(raw);
        lower.make_ascii_lowercase();
    } else {
        lower.extend(raw.chars().flat_map(char::to_lowercase).map(fold));
    }
}

/// Sets what the dictionaries say about a word from its lower-case form
/// (which this may shorten to its letters and digits).
fn set_lists(word: &mut Word, lower: &mut String, dict: &Dictionaries) {
    let raw_lists = dict.lists(lower.as_str());
    word.looked_up = true;
    word.place = raw_lists & Lists::PLACE != 0;
    word.state = raw_lists & Lists::STATE != 0;
    word.place_first = raw_lists & Lists::PLACE_FIRST != 0;
    word.common = raw_lists & (Lists::COMMON | Lists::STATE) != 0;
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

/// Asks the dictionaries about the lower-case words a sloppy note may name
/// someone or somewhere with: before a credential ("haruto d'angelo rn"),
/// after one ("charge rn olumide"), before a person's verb ("eleanor asks"),
/// after "from", "in", "near" or "to" ("coming from tacoma") and after a
/// title or name label ("Nurse tupac macleod").
fn look_up_near_cues(text: &str, labels: &[Label], words: &mut [Word], dict: &Dictionaries) {
    let b = text.as_bytes();
    let mut lower = String::with_capacity(32);
    let mut wanted = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if w.shape != Shape::Lower {
            continue;
        }
        if name_suffix_follows(b, w.end) || lowercase_credential_follows(b, w.end) {
            wanted.extend(i.saturating_sub(2)..=i);
        }
        if matches!(&b[w.start..w.end], b"rn" | b"lpn" | b"np" | b"cna") {
            wanted.push(i + 1);
        }
        if acts_like_a_person(b, w.end) {
            wanted.push(i);
        }
        if places::preposition_before(b, w.start) {
            wanted.extend(i..i + 2);
        }
        let heads_a_line = w.start == 0 || b[w.start - 1] == b'\n';
        if heads_a_line {
            wanted.extend(i..i + 2);
        }
        let after_cue = labels[..w.labels_before].last().is_some_and(|l| {
            matches!(l.cue, Cue::Title | Cue::Name) && only_separators(b, l.end, w.start)
        });
        if after_cue {
            wanted.extend(i..i + 3);
        }
    }
    for i in wanted {
        if let Some(w) = words.get_mut(i).filter(|w| !w.looked_up) {
            lowercase_into(&text[w.start..w.end], &mut lower);
            set_lists(w, &mut lower, dict);
        }
    }
}

/// Bits of [`fixed_lists`]: which of this module's word lists a word is on.
pub(super) struct Fixed;

impl Fixed {
    const MONTH: u8 = 1;
    const WEEKDAY: u8 = 2;
    pub(super) const LANGUAGE: u8 = 4;
    const HOLIDAY: u8 = 8;
    const FACILITY_HEAD: u8 = 16;
}

/// The fixed lists (months, weekdays, languages, holidays, facility heads) a
/// lowercase word is on, in one lookup.
pub(super) fn fixed_lists(lower: &str) -> u8 {
    static LISTS: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let mut map = HashMap::new();
        let lists: [(&[&'static str], u8); 5] = [
            (&MONTHS, Fixed::MONTH),
            (&WEEKDAYS, Fixed::WEEKDAY),
            (&LANGUAGES, Fixed::LANGUAGE),
            (&HOLIDAYS, Fixed::HOLIDAY),
            (&FACILITY_HEADS, Fixed::FACILITY_HEAD),
        ];
        for (list, bit) in lists {
            for &word in list {
                *map.entry(word).or_default() |= bit;
            }
        }
        map
    });
    lists.get(lower).copied().unwrap_or(0)
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

/// Words between the start of the line and `at` (counted up to four).
fn words_since_line_start(b: &[u8], at: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &c in b[..at].iter().rev() {
        if c == b'\n' || words > 3 {
            break;
        }
        let blank = c.is_ascii_whitespace();
        if !blank && !in_word {
            words += 1;
        }
        in_word = !blank;
    }
    words
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
    let prev = &text[previous.start..previous.end];
    FIRST_WORDS.iter().any(|w| w.eq_ignore_ascii_case(prev))
        && dict
            .states
            .contains(format!("{} {lower}", prev.to_ascii_lowercase()).as_str())
}

/// The letter at `start` is part of "M.D.", "R.N.", "D.O.", "N.P." or "P.A.".
fn in_dotted_credential(b: &[u8], start: usize) -> bool {
    const CREDENTIALS: [&[u8]; 5] = [b"M.D.", b"R.N.", b"D.O.", b"N.P.", b"P.A."];
    [start, start.saturating_sub(2)].iter().any(|&from| {
        b.get(from..from + 4).is_some_and(|w| {
            CREDENTIALS.iter().any(|c| c.eq_ignore_ascii_case(w))
                && b.get(from + 4).map_or(true, |c| !c.is_ascii_alphabetic())
                && (from == 0 || !b[from - 1].is_ascii_alphabetic() && b[from - 1] != b'.')
        })
    })
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
    let len = b[i + 1..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let word = &b[i + 1..i + 1 + len];
    EPONYM_HEADS
        .iter()
        .any(|h| h.len() == len && h.as_bytes().eq_ignore_ascii_case(word))
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
    let mut words = split(text, labels, dict);
    look_up_near_cues(text, labels, &mut words, dict);
    let words = words;
    let b = text.as_bytes();
    let mut names = Names {
        score: vec![0.0; words.len()],
        rule: vec![""; words.len()],
    };

    for (i, w) in words.iter().enumerate() {
        let Some(label) = labels[..w.labels_before]
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
                let ends_line = b
                    .get(w.end)
                    .map_or(true, |c| matches!(c, b'\n' | b',' | b'.' | b'!'));
                let label_text = &b[label.start..label.end];
                let greeting = label_text.ends_with(b",")
                    || label_text.eq_ignore_ascii_case(b"hello")
                    || label_text.eq_ignore_ascii_case(b"dear");
                let relation = RELATIVES.iter().any(|r| r.eq_ignore_ascii_case(label_text));
                let unknown_after_title =
                    (label.cue == Cue::Title || relation || greeting && ends_line)
                        && (w.lower_unknown() || relation && w.first && !w.medical && !w.stop)
                        && !function_word(b, w);
                let particle_then_capital = w.particle
                    && words[i + 1..]
                        .iter()
                        .take(3)
                        .find(|n| !n.particle)
                        .is_some_and(|n| n.capitalised() && b[w.end..n.start].len() <= 8);
                if w.lower_name()
                    || first_of_two
                    || unknown_after_title
                    || particle_then_capital
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
            Cue::Name
                if colon
                    && (w.capitalised() || w.shape == Shape::Initial)
                    && !w.blocked
                    && (!w.acronym || w.in_name_lists()) =>
            {
                names.run(&words, i, 0.9, "name:label", b, true);
            }
            Cue::Name
                if w.name_like()
                    && (w.in_name_lists() || !w.common || w.shape == Shape::Initial) =>
            {
                names.run(&words, i, 0.9, "name:label", b, false);
            }
            // "Warm regards,\nMay Tan": a month's name as a first name.
            Cue::Name
                if w.month_like
                    && words.get(i + 1).is_some_and(|n| {
                        n.capitalised() && n.in_name_lists() && adjacent(b, w, n)
                    }) =>
            {
                names.run(&words, i, 0.85, "name:label", b, true);
            }
            Cue::Employer if w.capitalised() => employer(&words, i, b, &mut names),
            _ => {}
        }
    }
    for i in 0..words.len().saturating_sub(2) {
        // "Hung G. Adeleke", "Nia V. Swan": a first name, a dotted initial
        // and a surname, whatever else the words could be.
        let (w, m) = (&words[i], &words[i + 1]);
        // The surname may start with particles: "Willemijn M. van den Broek".
        let s = (i + 2..words.len().min(i + 5))
            .find(|&k| !words[k].particle)
            .unwrap_or(i + 2);
        let v = &words[s];
        let joined = (i..s).all(|k| b[words[k].end..words[k + 1].start] == *b" ");
        let first = w.shape == Shape::Capital
            && (w.first || !w.ordinary() && !w.place)
            && !w.blocked
            && !w.stop;
        let initial = m.shape == Shape::Initial && !m.lone && b[m.end - 1] == b'.';
        let surname = v.shape == Shape::Capital
            && (v.last || !v.ordinary() && !v.place)
            && (!v.blocked || v.month_like)
            && !v.stop;
        if first && initial && surname && joined {
            for k in i..=s {
                names.set(k, 0.8, "name:first-initial-last");
            }
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
    organizations(text, &words, &mut names);
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
            || w.state && w.acronym
        {
            continue;
        }
        let signature = i + 1 < words.len()
            && adjacent(b, w, &words[i + 1])
            && (name_suffix_follows(b, words[i + 1].end)
                || words[i + 1].shape == Shape::Initial
                    && words
                        .get(i + 2)
                        .is_some_and(|n| name_suffix_follows(b, n.end)));
        if w.common && w.sentence_start && !signature {
            continue;
        }
        let left = i > 0 && names.score[i - 1] > 0.0 && adjacent(b, &words[i - 1], w);
        let right =
            i + 1 < words.len() && names.score[i + 1] > 0.0 && adjacent(b, w, &words[i + 1]);
        if left || right || name_suffix_follows(b, w.end) || lowercase_credential_follows(b, w.end)
        {
            names.set(i, 0.75, "name:dictionary+neighbour");
        }
    }
    for (i, w) in words.iter().enumerate() {
        if w.shape == Shape::Lower
            && !w.blocked
            && (name_suffix_follows(b, w.end) || lowercase_credential_follows(b, w.end))
        {
            let mut j = i;
            let role_in_brackets = j == i && b[w.end..].starts_with(b" (");
            while j + 3 > i
                && !function_word(b, &words[j])
                && (words[j].lower_name()
                    || words[j].lower_unknown()
                    || (j < i && words[j].particle)
                    || (role_in_brackets
                        && j == i
                        && words[j].in_name_lists()
                        && !words[j].medical
                        && !words[j].stop)
                    || (j < i && words[j].first && !words[j].medical && !words[j].stop)
                    || (j < i
                        && words[j].end - words[j].start == 1
                        && b.get(words[j].end) == Some(&b'.'))
                    || (j == i
                        && words[j].last
                        && !words[j].medical
                        && !words[j].stop
                        && i > 0
                        && (words[i - 1].first
                            || words[i - 1].lower_unknown()
                            || words[i - 1].end - words[i - 1].start == 1)))
            {
                names.set(j, 0.75, "name:credential");
                let initial_before = j > 0
                    && words[j - 1].end - words[j - 1].start == 1
                    && b[words[j - 1].end..words[j].start] == *b". ";
                if j == 0 || !(adjacent(b, &words[j - 1], &words[j]) || initial_before) {
                    break;
                }
                j -= 1;
            }
        }
    }
    for i in 0..words.len().saturating_sub(1) {
        let (w, v) = (&words[i], &words[i + 1]);
        let credential = matches!(&b[w.start..w.end], b"rn" | b"lpn" | b"np" | b"cna");
        let ends = b
            .get(v.end)
            .map_or(true, |c| matches!(c, b'.' | b',' | b';' | b'\n' | b')'));
        if credential
            && b[w.end..v.start] == *b" "
            && ends
            && (v.lower_name() || v.lower_unknown())
            && !function_word(b, v)
        {
            names.set(i + 1, 0.7, "name:after-credential");
        }
    }
    for (i, w) in words.iter().enumerate() {
        let unknown =
            w.shape == Shape::Capital && !w.ordinary() && !w.blocked && !w.place && !w.acronym;
        // "pt roger resting comfortably": a first name after "pt", however common.
        let after_pt = w.shape == Shape::Lower
            && w.first
            && !w.medical
            && (b[..w.start].ends_with(b"\npt ") || b[..w.start].ends_with(b". pt "));
        let lower_subject =
            (w.lower_name() || w.lower_unknown() || after_pt) && !function_word(b, w);
        let listed = w.capitalised()
            && w.in_name_lists()
            && !w.medical
            && !w.stop
            && !w.blocked
            && !is_pronoun(&b[w.start..w.end]);
        if names.score[i] > 0.0 {
            continue;
        }
        if (unknown || lower_subject || listed) && acts_like_a_person(b, w.end)
            || unknown && b[w.end..].starts_with(b"'s ")
        {
            names.set(i, 0.7, "name:subject");
            let before = i.checked_sub(1).map(|p| &words[p]);
            if before.is_some_and(|p| p.first && p.capitalised() && p.end + 1 == w.start) {
                names.set(i - 1, 0.7, "name:subject");
            }
        } else if (listed && w.first || unknown) && in_apposition(b, w) {
            names.set(i, 0.7, "name:apposition");
        } else if names.score[i] == 0.0
            && unknown
            && (name_suffix_follows(b, w.end) || lowercase_credential_follows(b, w.end))
        {
            names.set(i, 0.75, "name:credential");
        }
    }
    dotted_initials(&words, b, &mut names);
    signed_initials(&words, b, &mut names);
    lowercase_inverted_names(text, &words, &mut names);
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
    places::lowercase_places(text, &words, &names.score, dict, out);
    places::lowercase_facilities(text, &words, dict, out);
    months(text, &words, out);
}

/// The length of the month in "mid-February", "early-June", "late-March".
fn prefixed_month(word: &str) -> Option<usize> {
    let (prefix, month) = word.split_once('-')?;
    let is_month = MONTHS.iter().any(|m| m.eq_ignore_ascii_case(month))
        && month.starts_with(|c: char| c.is_ascii_uppercase());
    (is_month
        && ["mid", "early", "late"]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(prefix)))
    .then_some(month.len())
}

/// The last word of a business's name: "Redwood Printing", "Cobalt
/// Software", "Harlow Tool & Die".
const ORGANIZATION_HEADS: [&str; 53] = [
    "inc",
    "llc",
    "corp",
    "corporation",
    "company",
    "co",
    "industries",
    "electronics",
    "software",
    "systems",
    "construction",
    "printing",
    "plumbing",
    "heating",
    "textiles",
    "transit",
    "schools",
    "school",
    "bakery",
    "landscaping",
    "supermarkets",
    "supermarket",
    "market",
    "foods",
    "motors",
    "manufacturing",
    "mills",
    "works",
    "farms",
    "restaurant",
    "diner",
    "bank",
    "insurance",
    "logistics",
    "trucking",
    "die",
    "course",
    "goods",
    "hardware",
    "academy",
    "marina",
    "packaging",
    "plastics",
    "casino",
    "warehouse",
    "hall",
    "steel",
    "body",
    "electric",
    "library",
    "lines",
    "farm",
    "church",
];

/// Generic words that do not name a business on their own.
const GENERIC_ORGANIZATION_WORDS: [&str; 12] = [
    "the",
    "public",
    "high",
    "elementary",
    "middle",
    "state",
    "national",
    "city",
    "county",
    "general",
    "american",
    "united",
];

/// A business's name after a cue of work or ownership ("a nurse at",
/// "35 years at", "business,", "retired from"): capitalised words joined by
/// blanks, "&", "and" or "of", ending with a business's head word, with one
/// specific word. Businesses are employers, so NAME.
fn organizations(text: &str, words: &[Word], names: &mut Names) {
    let b = text.as_bytes();
    let word = |x: usize| &text[words[x].start..words[x].end];
    let in_list = |x: usize, list: &[&str]| list.iter().any(|h| h.eq_ignore_ascii_case(word(x)));
    for i in 0..words.len() {
        let before = &b[..words[i].start];
        if !words[i].capitalised() {
            continue;
        }
        let start = words[i].start;
        let work_word = |w: Option<&[u8]>| matches!(w, Some(b"at" | b"for" | b"from" | b"to"));
        let cue = work_word(places::word_before(b, start))
            || places::word_before(b, start) == Some(b"the")
                && work_word(places::word_before(b, start - 4))
            || before.ends_with(b"business, ")
            || before.ends_with(b"work (");
        if !cue {
            continue;
        }
        let mut k = i;
        let mut last_head = None;
        while k < words.len() && k < i + 6 {
            if k > i {
                let between = &b[words[k - 1].end..words[k].start];
                let connector = in_list(k, &["and", "of"]);
                let joined = between == b" " || between == b" & ";
                if !joined || !(words[k].capitalised() || connector) {
                    break;
                }
            }
            if k > i && in_list(k, &ORGANIZATION_HEADS) {
                last_head = Some(k);
            }
            k += 1;
        }
        let Some(last) = last_head else {
            continue;
        };
        let specific = (i..last).any(|x| {
            words[x].capitalised()
                && !words[x].medical
                && !in_list(x, &GENERIC_ORGANIZATION_WORDS)
                && !in_list(x, &ORGANIZATION_HEADS)
        });
        if specific {
            for x in i..=last {
                names.set(x, 0.8, "name:organization");
            }
        }
    }
}

/// A first name and one dotted initial in a signature: "-- Chance P., NP",
/// "given by Ivy L.", "Brook C., MD" on its own line.
fn signed_initials(words: &[Word], b: &[u8], names: &mut Names) {
    for i in 0..words.len().saturating_sub(1) {
        let (w, v) = (&words[i], &words[i + 1]);
        let initial = v.shape == Shape::Initial
            && !v.lone
            && b[v.end - 1] == b'.'
            && v.start == w.end + 1
            && b[w.end] == b' ';
        let name = w.shape == Shape::Capital
            && (w.first || !w.ordinary() && !w.place)
            && !w.medical
            && !w.blocked;
        if !initial || !name {
            continue;
        }
        let before = &b[..w.start];
        let signed = line_is(before, b"")
            || before.ends_with(b"-- ")
            || before.ends_with(b"\xe2\x80\x94")
            || line_is(before, b"- ")
            || before.ends_with(b" by ");
        let ends = name_suffix_follows(b, v.end)
            || lowercase_credential_follows(b, v.end)
            || b.get(v.end).map_or(true, |&c| c == b'\n');
        if signed && ends {
            names.set(i, 0.75, "name:signature");
            names.set(i + 1, 0.75, "name:signature");
        }
    }
}

/// "turner, ginger -- 95 y/o", "verma, t. rm 5112", "mayor, jennifer c
/// 79-595-899": a lower-case "last, first" (and an initial) heading a
/// nursing note's line, before a room, an id, a credential or a dash.
fn lowercase_inverted_names(text: &str, words: &[Word], names: &mut Names) {
    let b = text.as_bytes();
    let name = |x: &Word| {
        x.shape == Shape::Lower
            && (x.in_name_lists() || x.lower_unknown())
            && !x.medical
            && !x.stop
            && !x.blocked
    };
    let single = |x: &Word| x.end - x.start == 1 && x.shape == Shape::Lower;
    for i in 0..words.len().saturating_sub(1) {
        let (w, v) = (&words[i], &words[i + 1]);
        let at_line_start = w.start == 0 || b[w.start - 1] == b'\n';
        // "last, first" or, without the comma, "first last" ("jaylen rice rm 5112").
        let inverted = b[w.end..v.start] == *b", ";
        let straight = b[w.end..v.start] == *b" " && (w.first || w.lower_unknown());
        if !at_line_start || !(inverted || straight) || !name(w) || !(name(v) || single(v)) {
            continue;
        }
        let mut last = i + 1;
        if let Some(initial) = words.get(i + 2).filter(|x| single(x)) {
            let gap = &b[v.end..initial.start];
            if gap == b" " {
                last = i + 2;
            }
        }
        let mut end = words[last].end;
        if single(&words[last]) && b.get(end) == Some(&b'.') {
            end += 1;
        }
        let rest = &b[end..];
        let follows = rest.starts_with(b" --")
            || rest.starts_with(b" rm ")
            || rest.first().map_or(true, |&c| c == b'\n')
            || rest.starts_with(b" ") && rest.get(1).is_some_and(u8::is_ascii_alphanumeric) && {
                let token: Vec<u8> = rest[1..]
                    .iter()
                    .copied()
                    .take_while(|c| !c.is_ascii_whitespace())
                    .collect();
                token.iter().any(u8::is_ascii_digit)
            }
            || lowercase_credential_follows(b, end);
        if follows {
            for k in i..=last {
                names.set(k, 0.7, "name:inverted-lowercase");
            }
        }
    }
}

/// Two or more dotted initials ("G.M.", "T.P.") after "by" or before a
/// surname-like word: "by T.P.", "G.M. Osgood, RN". Credentials and clock
/// marks ("M.D.", "R.N.", "A.M.") are not initials of a person.
fn dotted_initials(words: &[Word], b: &[u8], names: &mut Names) {
    let mut i = 0;
    while i < words.len() {
        let mut j = i;
        while j < words.len()
            && words[j].shape == Shape::Initial
            && b[words[j].end - 1] == b'.'
            && (j == i || words[j].start == words[j - 1].end)
        {
            j += 1;
        }
        if j - i < 2 {
            i = j.max(i + 1);
            continue;
        }
        let letters: Vec<u8> = (i..j).map(|k| b[words[k].start]).collect();
        let credential = matches!(
            letters.as_slice(),
            b"MD" | b"RN" | b"DO" | b"PA" | b"NP" | b"AM" | b"PM" | b"US" | b"PO" | b"DC"
        );
        let after_by = b[..words[i].start].ends_with(b"by ");
        let line_end = b
            .get(words[j - 1].end)
            .map_or(true, |&c| c == b'\n' || c == b'\r');
        let surname_next = words.get(j).is_some_and(|n| {
            n.shape == Shape::Capital
                && !n.ordinary()
                && !n.blocked
                && words[j - 1].end + 1 == n.start
        });
        if !credential && (after_by || surname_next || line_end) {
            let last = if surname_next { j } else { j - 1 };
            for k in i..=last {
                names.set(k, 0.75, "name:initials");
            }
        }
        i = j;
    }
}

/// Month names standing alone ("in March", "since June") and holidays.
fn months(text: &str, words: &[Word], out: &mut Vec<Candidate>) {
    let is = |w: &Word, list: &[&str]| {
        list.iter()
            .any(|m| m.eq_ignore_ascii_case(&text[w.start..w.end]))
    };
    for (i, w) in words.iter().enumerate() {
        if let Some(month) = prefixed_month(&text[w.start..w.end]) {
            out.push(Candidate {
                start: w.end - month,
                end: w.end,
                kind: Kind::Date,
                confidence: 0.7,
                rule: "date:month-name",
            });
            continue;
        }
        if w.shape != Shape::Capital || !w.month_like {
            continue;
        }
        let lead_in = i > 0 && is(&words[i - 1], &MONTH_LEAD_INS);
        let ambiguous = is(w, &["may", "march"]);
        let hit = (is(w, &MONTHS) && !ambiguous && !w.sentence_start)
            || (ambiguous && lead_in)
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
