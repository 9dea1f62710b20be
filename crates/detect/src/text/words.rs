//! The word pass: names, places and month names, decided per word from the
//! dictionaries, the word's shape (Capitalised, UPPER, initial) and its
//! context (a title or label before it, a name next to it, a state after it).

use super::labels::{Cue, Label};
use super::Candidate;
use crate::dictionaries::Dictionaries;
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
    /// weekday, an eponym before "sign" or "disease", a short acronym.
    blocked: bool,
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
        self.capitalised() && self.in_name_lists() && !self.ordinary() && !self.blocked
    }

    /// Could be part of a name next to a clear one or after a title.
    fn name_like(&self) -> bool {
        if self.blocked {
            return false;
        }
        match self.shape {
            Shape::Initial => true,
            Shape::Capital | Shape::Upper => !self.stop && !self.medical && (self.in_name_lists() || !self.common),
            Shape::Lower => false,
        }
    }

    /// A lower-case word that is a name and nothing else ("dr becker").
    fn lower_name(&self) -> bool {
        self.shape == Shape::Lower && self.in_name_lists() && !self.ordinary() && !self.blocked
    }
}

const MONTHS: [&str; 10] =
    ["january", "february", "april", "june", "july", "august", "september", "october", "november", "december"];
const NOT_NAMES: [&str; 19] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];
const HOLIDAYS: [&str; 6] = ["christmas", "thanksgiving", "easter", "halloween", "hanukkah", "kwanzaa"];
const MONTH_LEAD_INS: [&str; 14] = [
    "in", "since", "until", "by", "of", "early", "late", "mid", "during", "before", "after", "through", "last",
    "next",
];
const NAME_SUFFIXES: [&str; 18] = [
    "md", "m.d", "do", "d.o", "rn", "np", "pa", "pa-c", "phd", "dds", "pharmd", "lcsw", "msw", "cnm", "crna", "jr",
    "aprn", "fnp",
];
/// Words after an eponym that make it a disease or sign, not a person.
const EPONYM_HEADS: [&str; 14] = [
    "sign", "signs", "disease", "syndrome", "palsy", "test", "maneuver", "criteria", "score", "classification",
    "procedure", "operation", "phenomenon", "reflex",
];
/// Particles inside names: "Van der Berg", "de la Cruz".
const PARTICLES: [&str; 13] = ["van", "der", "de", "la", "del", "di", "da", "von", "le", "du", "bin", "al", "el"];
/// The last word of a place of care: "Mercy General Hospital", "Oakmont Urgent Care".
const FACILITY_HEADS: [&str; 33] = [
    "hospital", "clinic", "center", "centre", "infirmary", "hospice", "pharmacy", "apothecary", "drug", "drugs",
    "health", "healthcare", "associates", "institute", "facility", "care", "pediatrics", "cardiology", "oncology",
    "medicine", "practice", "rehab", "rehabilitation", "home", "laboratory", "labs", "imaging", "radiology",
    "dialysis", "physicians", "partners", "group", "sanatorium",
];
/// Words that do not make a facility's name specific: "Internal Medicine Clinic" is a department.
const GENERIC_FACILITY_WORDS: [&str; 24] = [
    "general", "internal", "family", "urgent", "primary", "community", "regional", "medical", "behavioral",
    "mental", "emergency", "intensive", "nursing", "skilled", "surgical", "university", "women's", "children's",
    "cancer", "heart", "eye", "the", "state", "county",
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
            && (is_letter(b[i]) || ((b[i] == b'\'' || b[i] == b'-') && i + 1 < b.len() && is_letter(b[i + 1])))
        {
            i += 1;
        }
        let end = i;
        let glued = (start > 0 && b[start - 1].is_ascii_digit()) || (end < b.len() && b[end].is_ascii_digit());
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
        let in_label = label < labels.len() && labels[label].start <= start && end_word <= labels[label].end;
        let heading = b.get(end_word) == Some(&b':');
        let mut word = Word {
            start,
            end: end_word,
            shape,
            sentence_start: sentence_start(b, start),
            first: false,
            last: false,
            place: false,
            common: false,
            medical: false,
            stop: false,
            blocked: in_label || heading || (shape == Shape::Upper && raw.len() <= 3),
        };
        lower.clear();
        lower.extend(raw.chars().flat_map(char::to_lowercase));
        word.place = dict.places.contains(lower.as_str());
        word.common = dict.common_words.contains(lower.as_str());
        word.blocked |= NOT_NAMES.contains(&lower.as_str()) || eponym(b, end_word);
        if lower.contains('-') {
            let parts: Vec<&str> = lower.split('-').collect();
            word.first = parts.iter().any(|p| dict.first_names.contains(p));
            word.last = parts.iter().any(|p| dict.surnames.contains(p));
            word.common = parts.iter().all(|p| dict.common_words.contains(p));
            word.medical = parts.iter().any(|p| dict.medical.contains(p));
        } else {
            lower.retain(char::is_alphanumeric);
            let key = lower.as_str();
            word.first = dict.first_names.contains(key);
            word.last = dict.surnames.contains(key);
            word.medical = dict.medical.contains(key);
            word.stop = dict.name_stopwords.contains(key);
        }
        if shape == Shape::Initial && end < b.len() && b[end] == b'.' {
            word.end = end + 1;
        }
        words.push(word);
    }
    words
}

fn is_letter(c: u8) -> bool {
    c.is_ascii_alphabetic() || c >= 0x80
}

fn shape_of(raw: &str) -> Shape {
    let mut chars = raw.chars();
    let Some(first) = chars.next() else { return Shape::Lower };
    if !first.is_uppercase() {
        return Shape::Lower;
    }
    let rest: Vec<char> = chars.filter(|c| c.is_alphabetic()).collect();
    if rest.is_empty() {
        Shape::Initial
    } else if rest.iter().all(|c| c.is_uppercase()) {
        Shape::Upper
    } else {
        Shape::Capital
    }
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
    let word: Vec<u8> = b[i + 1..].iter().take_while(|c| c.is_ascii_alphabetic()).map(u8::to_ascii_lowercase).collect();
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
pub(super) fn candidates(text: &str, labels: &[Label], dict: &Dictionaries, out: &mut Vec<Candidate>) {
    let words = split(text, labels, dict);
    let b = text.as_bytes();
    let mut names = Names { score: vec![0.0; words.len()], rule: vec![""; words.len()] };

    for (i, w) in words.iter().enumerate() {
        let before = labels.partition_point(|l| l.end <= w.start);
        let Some(label) = labels[..before].last().filter(|l| only_separators(b, l.end, w.start)) else {
            continue;
        };
        let capital_label = b[label.start].is_ascii_uppercase();
        match label.cue {
            Cue::Title if capital_label && (w.capitalised() || w.shape == Shape::Initial) => {
                names.run(&words, i, 0.95, "name:title", b, true);
            }
            Cue::Title | Cue::Name if w.lower_name() => names.run(&words, i, 0.75, "name:label-lowercase", b, false),
            Cue::Name if w.name_like() && (w.in_name_lists() || !w.common) => {
                names.run(&words, i, 0.9, "name:label", b, false);
            }
            Cue::Employer if w.capitalised() => employer(&words, i, b, &mut names),
            _ => {}
        }
    }
    for (i, w) in words.iter().enumerate() {
        if names.score[i] == 0.0 && w.clear_name() && !(w.place && !w.first && place_follows(b, w.end)) {
            names.set(i, if w.shape == Shape::Upper { 0.75 } else { 0.85 }, "name:dictionary");
        }
    }
    for (i, w) in words.iter().enumerate() {
        if names.score[i] > 0.0 || !w.capitalised() || !w.in_name_lists() || w.medical || w.stop || w.blocked {
            continue;
        }
        let left = i > 0 && names.score[i - 1] > 0.0 && adjacent(b, &words[i - 1], w);
        let right = i + 1 < words.len() && names.score[i + 1] > 0.0 && adjacent(b, w, &words[i + 1]);
        if left || right || name_suffix_follows(b, w.end) {
            names.set(i, 0.75, "name:dictionary+neighbour");
        }
    }
    names.spread(&words, b, text);

    for (i, w) in words.iter().enumerate() {
        if names.score[i] > 0.0 {
            out.push(Candidate { start: w.start, end: w.end, kind: Kind::Name, confidence: names.score[i], rule: names.rule[i] });
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
    fn run(&mut self, words: &[Word], i: usize, score: f32, rule: &'static str, b: &[u8], any_first: bool) {
        let lower = words[i].shape == Shape::Lower;
        let mut j = i;
        while j < words.len() && j < i + 5 {
            let w = &words[j];
            let fits = if lower { w.lower_name() || particle(w, b) } else { w.name_like() || particle(w, b) };
            let ok = if j == i { (any_first && !w.blocked) || fits } else { fits && adjacent(b, &words[j - 1], w) };
            if !ok || (j > i && !lower && !w.in_name_lists() && w.common && w.shape != Shape::Initial && !particle(w, b)) {
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
    fn spread(&mut self, words: &[Word], b: &[u8], text: &str) {
        let _ = text;
        for _ in 0..2 {
            for i in 0..words.len() {
                let w = &words[i];
                if self.score[i] > 0.0 || w.blocked {
                    continue;
                }
                let joins = match w.shape {
                    Shape::Initial => true,
                    Shape::Capital | Shape::Upper => w.name_like() && (w.in_name_lists() || !w.common),
                    Shape::Lower => particle(w, b) && i + 1 < words.len() && self.score[i + 1] > 0.0,
                };
                if !joins {
                    continue;
                }
                let left = i > 0 && self.score[i - 1] >= 0.75 && adjacent(b, &words[i - 1], w);
                let right = i + 1 < words.len() && self.score[i + 1] >= 0.75 && adjacent(b, w, &words[i + 1]);
                if left || right {
                    self.set(i, 0.7, "name:neighbour");
                }
            }
        }
    }
}

fn particle(w: &Word, b: &[u8]) -> bool {
    w.end - w.start <= 3 && PARTICLES.iter().any(|p| p.as_bytes().eq_ignore_ascii_case(&b[w.start..w.end]))
}

/// "Employer: Blue Harbor Seafood", "works at Kessler Auto Body": the
/// capitalised words after the cue, whatever they are, are the employer's name.
fn employer(words: &[Word], i: usize, b: &[u8], names: &mut Names) {
    let mut j = i;
    while j < words.len() && j < i + 5 {
        let w = &words[j];
        let joined = j == i || adjacent(b, &words[j - 1], w) && b[words[j - 1].end..w.start] == *b" ";
        let fits = w.capitalised() || (j > i && matches!(&b[w.start..w.end], b"of" | b"and"));
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
    between.len() <= 3
        && !between.is_empty()
        && between.iter().all(|&x| x == b' ' || x == b',' || x == b'.')
        && between.iter().filter(|&&x| x == b',').count() <= 1
}

/// Only blanks, `:`, `.`, `,` or `#` between a label's end and a word.
fn only_separators(b: &[u8], from: usize, to: usize) -> bool {
    to >= from && to - from <= 4 && b[from..to].iter().all(|&c| matches!(c, b' ' | b':' | b'.' | b'\t' | b','))
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
    let word = String::from_utf8_lossy(&b[i..word_end]).to_ascii_lowercase();
    let word = word.trim_end_matches('.');
    b.get(i).is_some_and(u8::is_ascii_uppercase) && NAME_SUFFIXES.contains(&word)
}

/// A comma and a state after a word ("Springfield, IL").
fn place_follows(b: &[u8], end: usize) -> bool {
    state_after(b, end, Dictionaries::get()).is_some()
}

/// The end of a state name or code that follows `end` after a comma.
fn state_after(b: &[u8], end: usize, dict: &Dictionaries) -> Option<usize> {
    let rest = &b[end..];
    let skip = rest.iter().take(3).take_while(|&&c| c == b',' || c == b' ').count();
    if skip == 0 || !rest[..skip].contains(&b',') && skip > 1 {
        return None;
    }
    let i = end + skip;
    let mut j = i;
    let mut words = 0;
    let mut best = None;
    while j < b.len() && words < 3 {
        let w_end = b[j..].iter().position(|c| !c.is_ascii_alphabetic()).map_or(b.len(), |p| j + p);
        if w_end == j {
            break;
        }
        words += 1;
        let candidate = String::from_utf8_lossy(&b[i..w_end]).to_ascii_lowercase();
        let code = w_end - i == 2 && b[i..w_end].iter().all(u8::is_ascii_uppercase);
        if (code || b[i].is_ascii_uppercase()) && dict.states.contains(candidate.as_str()) {
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
fn places(text: &str, words: &[Word], is_name: &[f32], labels: &[Label], dict: &Dictionaries, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < words.len() {
        if !words[i].capitalised() {
            i += 1;
            continue;
        }
        if let Some(c) = facility(text, words, i) {
            i = words.iter().position(|w| w.start >= c.end).unwrap_or(words.len());
            out.push(c);
            continue;
        }
        let mut end_run = i;
        while end_run + 1 < words.len()
            && end_run < i + 3
            && words[end_run + 1].capitalised()
            && b[words[end_run].end..words[end_run + 1].start] == *b" "
        {
            end_run += 1;
        }
        let cue = place_cue_before(b, labels, words[i].start);
        let mut found: Option<(usize, f32, &'static str)> = None;
        for k in (i..=end_run).rev() {
            if (i..=k).any(|x| is_name[x] >= 0.9) {
                continue;
            }
            let phrase = text[words[i].start..words[k].end].to_lowercase();
            let state_next = state_after(b, words[k].end, dict).is_some();
            let county_next = next_word_is(b, words[k].end, "county");
            let known = dict.places.contains(phrase.as_str());
            let multi = k > i;
            let w = &words[i];
            found = if state_next && (i..=k).all(|x| !words[x].medical) {
                Some((k, 0.9, "geo:city-state"))
            } else if county_next && !words[k].medical {
                Some((k, 0.9, "geo:county"))
            } else if known && cue {
                Some((k, 0.9, "geo:place+context"))
            } else if known && multi && !(i..=k).all(|x| words[x].common) {
                Some((k, 0.85, "geo:place"))
            } else if known && !multi && !w.ordinary() && !w.first && is_name[i] == 0.0 && !w.blocked {
                Some((k, 0.75, "geo:place"))
            } else if cue && !w.ordinary() {
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
            if next_word_is(b, end, "county") {
                end = words[k + 1].end;
            }
            out.push(Candidate { start: words[i].start, end, kind: Kind::Geo, confidence, rule });
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
    let lower = |x: usize| text[words[x].start..words[x].end].to_lowercase();
    let mut k = i;
    let mut last_head = None;
    while k < words.len() && k < i + 7 {
        let w = &words[k];
        let connector = matches!(lower(k).as_str(), "of" | "and");
        if k > i {
            let between = &b[words[k - 1].end..w.start];
            let joined = between == b" " || between == b"'s " || between == b" & ";
            if !joined || !(w.capitalised() || connector) {
                break;
            }
        }
        if FACILITY_HEADS.contains(&lower(k).as_str()) && k > i {
            last_head = Some(k);
        }
        k += 1;
    }
    let mut last = last_head?;
    // "Corner Drug of Maple Square": a place name after "of" belongs to it.
    if last + 2 < k && lower(last + 1) == "of" {
        last = k - 1;
    }
    let specific = (i..=last).any(|x| {
        let l = lower(x);
        !FACILITY_HEADS.contains(&l.as_str())
            && !GENERIC_FACILITY_WORDS.contains(&l.as_str())
            && !words[x].medical
            && l != "of"
            && l != "and"
    });
    if !specific || words[i].blocked && words[i].shape != Shape::Upper {
        return None;
    }
    Some(Candidate { start: words[i].start, end: words[last].end, kind: Kind::Geo, confidence: 0.8, rule: "geo:facility" })
}

fn next_word_is(b: &[u8], end: usize, word: &str) -> bool {
    b.get(end) == Some(&b' ')
        && b.len() >= end + 1 + word.len()
        && b[end + 1..end + 1 + word.len()].eq_ignore_ascii_case(word.as_bytes())
        && b.get(end + 1 + word.len()).is_none_or(|c| !c.is_ascii_alphabetic())
}

fn place_cue_before(b: &[u8], labels: &[Label], start: usize) -> bool {
    let before = labels.partition_point(|l| l.end <= start);
    labels[..before].last().is_some_and(|l| {
        l.cue == Cue::Place && start - l.end <= 4 && b[l.end..start].iter().all(|&c| matches!(c, b' ' | b':' | b','))
    })
}

/// Month names standing alone ("in March", "since June") and holidays.
fn months(text: &str, words: &[Word], out: &mut Vec<Candidate>) {
    for (i, w) in words.iter().enumerate() {
        if w.shape != Shape::Capital {
            continue;
        }
        let lower = text[w.start..w.end].to_lowercase();
        let lead_in = i > 0 && {
            let p = &words[i - 1];
            MONTH_LEAD_INS.contains(&text[p.start..p.end].to_lowercase().as_str())
        };
        let hit = (MONTHS.contains(&lower.as_str()) && !w.sentence_start)
            || ((lower == "may" || lower == "march") && lead_in)
            || HOLIDAYS.contains(&lower.as_str());
        if hit {
            out.push(Candidate { start: w.start, end: w.end, kind: Kind::Date, confidence: 0.7, rule: "date:month-name" });
        }
    }
}
