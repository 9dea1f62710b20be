//! The rules that make words a place: a known city or county, a city before
//! ", State", a place after "lives in", and the names of places of care.

use super::{fixed_lists, Fixed, Shape, Word};
use crate::dictionaries::{Dictionaries, Lists};
use crate::text::labels::{Cue, Label};
use crate::text::Candidate;
use crate::Kind;

/// The last word of a place of care: "Mercy General Hospital", "Oakmont Urgent Care".
pub(super) const FACILITY_HEADS: [&str; 70] = [
    "house",
    "chemist",
    "subacute",
    "unit",
    "nurses",
    "nursing",
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
pub(super) const GENERIC_FACILITY_WORDS: [&str; 48] = [
    "appeals",
    "claims",
    "billing",
    "patient",
    "member",
    "department",
    "division",
    "section",
    "diagnostic",
    "clinical",
    "physical",
    "occupational",
    "speech",
    "respiratory",
    "extended",
    "acute",
    "subacute",
    "transitional",
    "inpatient",
    "outpatient",
    "adult",
    "senior",
    "assisted",
    "brief",
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

/// A comma and a state after a word ("Springfield, IL").
pub(super) fn place_follows(b: &[u8], end: usize) -> bool {
    state_after(b, end, Dictionaries::get()).is_some()
}

/// The end of a state name or code that follows `end` after a comma.
pub(super) fn state_after(b: &[u8], end: usize, dict: &Dictionaries) -> Option<usize> {
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
        let blanks = b[w_end..]
            .iter()
            .take(3)
            .take_while(|&&c| c == b' ')
            .count();
        let zip_at = w_end + blanks;
        let zip_next = blanks > 0
            && b.len() >= zip_at + 5
            && b[zip_at..zip_at + 5].iter().all(u8::is_ascii_digit)
            && !b.get(zip_at + 5).is_some_and(u8::is_ascii_alphanumeric);
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
pub(super) fn places(
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
            i += words[i..]
                .iter()
                .position(|w| w.start >= c.end)
                .unwrap_or(words.len() - i);
            // "Catherine Regional Hospital (Temple)": the town in brackets.
            if let Some(n) = words.get(i).filter(|n| {
                n.start == c.end + 2
                    && b[c.end..n.start] == *b" ("
                    && (b.get(n.end) == Some(&b')') || state_after(b, n.end, dict).is_some())
                    && n.capitalised()
                    && !n.blocked
                    && !n.state
            }) {
                out.push(Candidate {
                    start: n.start,
                    end: n.end,
                    kind: Kind::Geo,
                    confidence: 0.75,
                    rule: "geo:facility-town",
                });
                i += 1;
            }
            out.push(c);
            continue;
        }
        let mut end_run = i;
        while end_run + 1 < words.len()
            && end_run < i + 3
            && words[end_run + 1].capitalised()
            && (b[words[end_run].end..words[end_run + 1].start] == *b" "
                || (b[words[end_run].end..words[end_run + 1].start] == *b". "
                    && words[end_run].particle))
        {
            end_run += 1;
        }
        let place_label = place_cue_before(b, labels, &words[i]);
        let cue = place_label || preposition_before(b, words[i].start);
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
            } else if known
                && cue
                && (place_label || !(w.first && !multi && !preposition_before(b, w.start)))
            {
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
            } else if cue && !w.ordinary() && !w.acronym && !w.blocked {
                Some((k, 0.7, "geo:context"))
            } else if cue
                && multi
                && in_list_of(&text[words[k].start..words[k].end], &PLACE_SUFFIXES)
                && (i..=k).all(|x| !words[x].medical && !words[x].blocked)
            {
                Some((k, 0.8, "geo:neighbourhood"))
            } else if place_field_before(b, labels, w) && !w.acronym {
                Some((k, 0.8, "geo:labelled"))
            } else if (street_before(b, w.start) && (known || !w.ordinary())
                || country_after(b, words[k].end) && (known || !w.sentence_start)
                || county_in_brackets_after(b, words[k].end))
                && !w.acronym
                && !w.blocked
            {
                Some((k, 0.85, "geo:city"))
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
            if let Some(zip_end) = zip_after(b, end) {
                out.push(Candidate {
                    start: end + 1,
                    end: zip_end,
                    kind: Kind::Geo,
                    confidence: 0.85,
                    rule: "zip:after-place",
                });
            }
            i = k + 1;
            continue;
        }
        i += 1;
    }
}

/// Towns in a lower-case note after "from", "in", "near" or "to": "sister
/// coming from tacoma", "from boca raton". Only words that are a known
/// place and nothing else.
pub(super) fn lowercase_places(
    text: &str,
    words: &[Word],
    is_name: &[f32],
    dict: &Dictionaries,
    out: &mut Vec<Candidate>,
) {
    let b = text.as_bytes();
    for (i, w) in words.iter().enumerate() {
        if w.shape != Shape::Lower
            || !w.looked_up
            || is_name[i] > 0.0
            || !preposition_before(b, w.start)
        {
            continue;
        }
        let next = words
            .get(i + 1)
            .filter(|n| n.shape == Shape::Lower && n.start == w.end + 1);
        let phrase_end = next.and_then(|n| {
            let phrase = &text[w.start..n.end];
            (w.place_first && dict.places.contains(phrase)).then_some(n.end)
        });
        // "wants to go home to caribou", "wife called from zaragoza": a town,
        // however ordinary the word.
        let going_home = [&b"home to "[..], b"called from "]
            .iter()
            .any(|c| b[..w.start].ends_with(c));
        let named = w.place || w.in_name_lists() || w.lower_unknown();
        let single = (w.place && !w.common || going_home && named) && !w.medical && !w.stop;
        let county = next.is_some_and(|n| {
            matches!(&text[n.start..n.end], "county" | "parish") && named && !w.medical
        });
        let phrase_end = phrase_end.or(county.then(|| next.map_or(w.end, |n| n.end)));
        if let Some(end) = phrase_end.or(single.then_some(w.end)) {
            out.push(Candidate {
                start: w.start,
                end,
                kind: Kind::Geo,
                confidence: 0.7,
                rule: "geo:place-lowercase",
            });
        }
    }
}

/// A place of care in a lower-case note after "to", "from" or "at": "d/c to
/// salem harbor rehab", "meds from kowalski family pharmacy". Lower-case
/// words joined by blanks (with "of", "and") ending in a facility's head
/// word, one of them a place, a name or no word at all.
pub(super) fn lowercase_facilities(
    text: &str,
    words: &[Word],
    dict: &Dictionaries,
    out: &mut Vec<Candidate>,
) {
    const HEADS: [&str; 12] = [
        "rehab",
        "rehabilitation",
        "pharmacy",
        "center",
        "nursing",
        "care",
        "drug",
        "chemist",
        "hospital",
        "clinic",
        "hospice",
        "apothecary",
    ];
    let b = text.as_bytes();
    let word = |x: usize| &text[words[x].start..words[x].end];
    let mut i = 0;
    while i < words.len() {
        let cue = words[i].shape == Shape::Lower
            && matches!(
                word_before(b, words[i].start),
                Some(b"to" | b"from" | b"at")
            );
        let head_ahead = || {
            words[i..]
                .iter()
                .take(6)
                .skip(1)
                .any(|w| HEADS.contains(&&text[w.start..w.end]))
        };
        if !cue || words[i].shape != Shape::Lower || !head_ahead() {
            i += 1;
            continue;
        }
        let mut k = i;
        let mut last_head = None;
        while k < words.len() && k < i + 6 && words[k].shape == Shape::Lower {
            let medical = dict.lists(word(k)) & Lists::MEDICAL != 0 && !HEADS.contains(&word(k));
            let function = matches!(word(k), "on" | "in" | "to" | "for" | "with" | "by" | "at");
            if k > i && b[words[k - 1].end..words[k].start] != *b" " || medical || function {
                break;
            }
            if k > i && HEADS.contains(&word(k)) {
                last_head = Some(k);
            }
            k += 1;
        }
        let Some(last) = last_head else {
            i += 1;
            continue;
        };
        let specific = (i..last).any(|x| {
            let lists = dict.lists(word(x).trim_end_matches("'s"));
            !HEADS.contains(&word(x))
                && !matches!(word(x), "of" | "and" | "the")
                && lists & (Lists::COMMON | Lists::MEDICAL) == 0
                && (lists & (Lists::PLACE | Lists::LAST) != 0 || lists == 0)
        });
        if specific {
            out.push(Candidate {
                start: words[i].start,
                end: words[last].end,
                kind: Kind::Geo,
                confidence: 0.7,
                rule: "geo:facility-lowercase",
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
}

/// "Mercy General Hospital", "Oakmont Urgent Care", "Corner Drug of Maple
/// Square": capitalised words (with "of", "and", "&", "'s") ending with the
/// word for a place of care, at least one of them specific.
pub(super) fn facility(text: &str, words: &[Word], i: usize) -> Option<Candidate> {
    let b = text.as_bytes();
    if let Some(c) = head_first_facility(text, words, i) {
        return Some(c);
    }
    let run_end = (i + 7).min(words.len());
    if !words[i + 1..run_end].iter().any(|w| w.facility_head) {
        return None;
    }
    let word = |x: usize| &text[words[x].start..words[x].end];
    let in_list = |x: usize, list: &[&str]| in_list_of(word(x), list);
    let mut k = i;
    let mut last_head = None;
    while k < words.len() && k < i + 7 {
        let w = &words[k];
        let connector = in_list(k, &["of", "and", "for"])
            || (k > i && in_list(k, &["the"]) && in_list(k - 1, &["of", "for"]));
        if k > i {
            let between = &b[words[k - 1].end..w.start];
            let joined = between == b" "
                || between == b"'s "
                || between == b" & "
                || (between == b". " && words[k - 1].particle);
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
    } else if last + 2 < words.len()
        && b[words[last].end..].starts_with(b" at ")
        && words[last + 2].start == words[last].end + 4
        && words[last + 2].capitalised()
        && !words[last + 2].common
    {
        last += 2;
    }
    // A medical word is specific only as a place or a name: "Huntington
    // General Hospital", not "Cardiology Clinic".
    let specific = (i..=last).any(|x| {
        !words[x].facility_head
            && !in_list(x, &GENERIC_FACILITY_WORDS)
            && (!words[x].medical || words[x].place || words[x].in_name_lists())
            && !in_list(x, &["of", "and", "for", "the"])
    });
    // "POLICY GROUP:" on a claim form is a field's label, not a place, and
    // "BRIEF HOSPITAL COURSE:" a heading.
    let is_label = b.get(words[last].end) == Some(&b':');
    // "Tufts Health Plan", "Summit Care Alliance": an insurer, not a place
    // of care.
    let insurer = words.get(last + 1).is_some_and(|n| {
        n.start == words[last].end + 1
            && b[words[last].end] == b' '
            && in_list(last + 1, &["plan", "insurance", "alliance"])
    });
    let heading = words[i].shape == Shape::Upper
        && b[words[last].end..]
            .iter()
            .take_while(|&&c| c != b'\n')
            .take_while(|&&c| c != b':')
            .all(|c| c.is_ascii_uppercase() || *c == b' ')
        && b[words[last].end..]
            .iter()
            .take_while(|&&c| c != b'\n')
            .any(|&c| c == b':');
    let language = fixed_lists(&word(i).to_lowercase()) & Fixed::LANGUAGE != 0;
    if !specific
        || heading
        || insurer
        || (is_label && in_list(last, &["group"]))
        || words[i].blocked
            && words[i].shape != Shape::Upper
            && !language
            && !in_list(i, &["sister", "mother", "father", "brother"])
    {
        return None;
    }
    // The town after the place: "Crest Rehabilitation Center - Anchorage",
    // "St. Clare Hospital, Opportunity", "Catherine Regional Hospital (Temple)".
    let mut end = words[last].end;
    let town = words.get(last + 1).filter(|n| {
        let between = &b[end..n.start];
        let closed = b
            .get(n.end)
            .map_or(true, |&c| matches!(c, b',' | b'.' | b')' | b'\n' | b';'));
        n.capitalised()
            && !n.blocked
            && !n.state
            && !n.facility_head
            && (between == b" - " && !n.ordinary() || between == b", " && closed)
    });
    if let Some(n) = town {
        end = n.end;
    }
    Some(Candidate {
        start: words[i].start,
        end,
        kind: Kind::Geo,
        confidence: 0.8,
        rule: "geo:facility",
    })
}

/// "Hospice of the Quiet Valley", "Hospital of Saint Raphael": a place of
/// care named after its head word, "of", and capitalised words.
fn head_first_facility(text: &str, words: &[Word], i: usize) -> Option<Candidate> {
    const HEADS: [&str; 7] = [
        "hospital",
        "hospice",
        "clinic",
        "infirmary",
        "institute",
        "sanatorium",
        "home",
    ];
    let b = text.as_bytes();
    let word = |x: usize| &text[words[x].start..words[x].end];
    let joined = |x: usize| x < words.len() && b[words[x - 1].end..words[x].start] == *b" ";
    const FOREIGN_HEADS: [&str; 7] = [
        "hospital", "klinikum", "szpital", "clínica", "hôpital", "centro", "ospedale",
    ];
    if !joined(i + 1) {
        return None;
    }
    let of = word(i + 1).eq_ignore_ascii_case("of");
    let foreign = in_list_of(word(i), &FOREIGN_HEADS)
        && words[i + 1].capitalised()
        && !words[i + 1].ordinary()
        && b.get(words[i + 1].end) != Some(&b':');
    let head_of = of && in_list_of(word(i), &HEADS);
    if !head_of && !foreign {
        return None;
    }
    let mut k = if of { i + 2 } else { i + 1 };
    if joined(k) && word(k).eq_ignore_ascii_case("the") {
        k += 1;
    }
    let first = k;
    while joined(k) && k < first + 4 && (words[k].capitalised() || foreign && words[k].particle) {
        k += 1;
    }
    let specific = (first..k).any(|x| {
        !words[x].facility_head
            && !words[x].medical
            && !in_list_of(word(x), &GENERIC_FACILITY_WORDS)
    });
    (k > first && specific).then(|| Candidate {
        start: words[i].start,
        end: words[k - 1].end,
        kind: Kind::Geo,
        confidence: 0.8,
        rule: "geo:facility",
    })
}

/// The end of a ZIP code ("02852", "02852-1234") one blank after `end`.
fn zip_after(b: &[u8], end: usize) -> Option<usize> {
    let rest = b.get(end + 1..)?;
    let digits = |from: usize, n: usize| {
        rest.len() >= from + n && rest[from..from + n].iter().all(u8::is_ascii_digit)
    };
    let boundary = |at: usize| rest.get(at).map_or(true, |c| !c.is_ascii_alphanumeric());
    if b[end] != b' ' || !digits(0, 5) {
        return None;
    }
    if rest.get(5) == Some(&b'-') && digits(6, 4) && boundary(10) {
        Some(end + 11)
    } else {
        boundary(5).then_some(end + 6)
    }
}

pub(super) fn next_word_is(b: &[u8], end: usize, word: &str) -> bool {
    b.get(end) == Some(&b' ')
        && b.len() >= end + 1 + word.len()
        && b[end + 1..end + 1 + word.len()].eq_ignore_ascii_case(word.as_bytes())
        && b.get(end + 1 + word.len())
            .map_or(true, |c| !c.is_ascii_alphabetic())
}

/// "in", "from", "near", "to" or "outside" right before a word.
pub(super) fn preposition_before(b: &[u8], start: usize) -> bool {
    matches!(
        word_before(b, start),
        Some(b"in" | b"from" | b"near" | b"to" | b"outside")
    )
}

/// The lower-case word one blank before `start`, if there is one.
pub(super) fn word_before(b: &[u8], start: usize) -> Option<&[u8]> {
    if start < 2 || b[start - 1] != b' ' {
        return None;
    }
    let end = start - 1;
    let len = b[end.saturating_sub(8)..end]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    let from = end - len;
    (len > 0 && (from == 0 || !b[from - 1].is_ascii_alphabetic())).then(|| &b[from..end])
}

/// The last word of a neighbourhood's or town's name: "Crown Heights",
/// "Fells Point", "Back Cove".
const PLACE_SUFFIXES: [&str; 14] = [
    "heights", "point", "cove", "hill", "hills", "park", "square", "village", "beach", "falls",
    "springs", "harbor", "harbour", "corner",
];

/// `word` is on `list`, in any case.
fn in_list_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A street line right before `start`: "1447 Chestnut Hill Ave, |Fall River",
/// "3268 Foundry Ct Apt 4B, |Savannah".
fn street_before(b: &[u8], start: usize) -> bool {
    let Some(before) = b[..start].strip_suffix(b", ") else {
        return false;
    };
    let from = before
        .iter()
        .rposition(|c| !c.is_ascii_alphanumeric() && *c != b'.')
        .map_or(0, |p| p + 1);
    let last = &before[from..];
    let last = last.strip_suffix(b".").unwrap_or(last);
    const SUFFIXES: [&[u8]; 32] = [
        b"st", b"street", b"ave", b"avenue", b"rd", b"road", b"dr", b"drive", b"ln", b"lane",
        b"way", b"blvd", b"ct", b"court", b"pl", b"place", b"pkwy", b"ter", b"terr", b"cir",
        b"hwy", b"sq", b"trl", b"plz", b"path", b"aly", b"xing", b"row", b"mews", b"loop", b"pike",
        b"bnd",
    ];
    // The street line: back to the line's start or the last comma, at most
    // 80 bytes.
    let window = before.len().saturating_sub(80);
    let line_start = before[window..]
        .iter()
        .rposition(|&c| c == b'\n' || c == b',')
        .map_or(window, |p| window + p + 1);
    let numbered = before[line_start..].split(|&c| c == b' ').any(|t| {
        t.iter()
            .find(|c| c.is_ascii_alphanumeric())
            .is_some_and(u8::is_ascii_digit)
    });
    const UNITS: [&[u8]; 8] = [
        b"apt",
        b"apartment",
        b"unit",
        b"suite",
        b"ste",
        b"lot",
        b"fl",
        b"floor",
    ];
    let unit = before[..from]
        .strip_suffix(b" ")
        .and_then(|rest| {
            let w_from = rest
                .iter()
                .rposition(|c| !c.is_ascii_alphabetic())
                .map_or(0, |p| p + 1);
            let word = &rest[w_from..];
            UNITS
                .iter()
                .any(|u| u.eq_ignore_ascii_case(word.strip_suffix(b".").unwrap_or(word)))
                .then_some(())
        })
        .is_some()
        || last.first() == Some(&b'#');
    numbered
        && (SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(last))
            || unit && last.iter().any(u8::is_ascii_digit))
}

/// " (Jackson County)" right after a town: "Climax (Jackson County), MI".
fn county_in_brackets_after(b: &[u8], end: usize) -> bool {
    let Some(rest) = b[end..].strip_prefix(b" (") else {
        return false;
    };
    let inside = rest.iter().take(40).take_while(|&&c| c != b')').count();
    let name = &rest[..inside];
    rest.get(inside) == Some(&b')')
        && name.first().is_some_and(u8::is_ascii_uppercase)
        && [&b" County"[..], b" Parish", b" Borough"]
            .iter()
            .any(|c| name.ends_with(c))
}

/// A country's name after a comma: "Hue, |Vietnam", "Lyon, France".
fn country_after(b: &[u8], end: usize) -> bool {
    const COUNTRIES: [&str; 60] = [
        "afghanistan",
        "albania",
        "algeria",
        "argentina",
        "australia",
        "bangladesh",
        "brazil",
        "cambodia",
        "canada",
        "chile",
        "china",
        "colombia",
        "cuba",
        "dominican republic",
        "ecuador",
        "egypt",
        "el salvador",
        "england",
        "eritrea",
        "ethiopia",
        "france",
        "germany",
        "ghana",
        "greece",
        "guatemala",
        "haiti",
        "honduras",
        "india",
        "indonesia",
        "iran",
        "iraq",
        "ireland",
        "israel",
        "italy",
        "jamaica",
        "japan",
        "jordan",
        "kenya",
        "korea",
        "lebanon",
        "liberia",
        "mexico",
        "morocco",
        "nepal",
        "nigeria",
        "pakistan",
        "peru",
        "philippines",
        "poland",
        "portugal",
        "russia",
        "scotland",
        "somalia",
        "spain",
        "sudan",
        "syria",
        "turkey",
        "ukraine",
        "venezuela",
        "vietnam",
    ];
    let Some(rest) = b[end..].strip_prefix(b", ") else {
        return false;
    };
    COUNTRIES.iter().any(|c| {
        rest.len() >= c.len()
            && rest[..c.len()].eq_ignore_ascii_case(c.as_bytes())
            && rest.get(c.len()).map_or(true, |x| !x.is_ascii_alphabetic())
    })
}

/// A place field's label right before the word: "City: Revere".
fn place_field_before(b: &[u8], labels: &[Label], word: &Word) -> bool {
    labels[..word.labels_before].last().is_some_and(|l| {
        l.cue == Cue::Place
            && word.start - l.end <= 16
            && (b[l.start..l.end].ends_with(b":") || b[l.end..word.start].starts_with(b":"))
            && b[l.end..word.start]
                .iter()
                .all(|&c| matches!(c, b' ' | b':' | b'\t' | b'\n'))
            && b[l.end..word.start].iter().filter(|&&c| c == b'\n').count() <= 1
    })
}

pub(super) fn place_cue_before(b: &[u8], labels: &[Label], word: &Word) -> bool {
    let start = word.start;
    labels[..word.labels_before].last().is_some_and(|l| {
        l.cue == Cue::Place
            && start - l.end <= 4
            && b[l.end..start]
                .iter()
                .all(|&c| matches!(c, b' ' | b':' | b','))
    })
}
