//! The rules that make words a person's name: titles, credentials, particles,
//! "LAST, First" pairs, employers, and the scores that spread a name to its
//! neighbours.

use super::{Shape, Word};
use crate::text::labels::Label;

/// Particles inside names: "Van der Berg", "de la Cruz", "St. Clair", "ó"
/// (UTF-8 `C3 B3`, as in "Ó Briain").
pub(super) fn is_particle(raw: &str) -> bool {
    if raw.len() > 3 {
        return false;
    }
    let mut key = [0u8; 3];
    key[..raw.len()].copy_from_slice(raw.as_bytes());
    key.make_ascii_lowercase();
    matches!(
        &key[..raw.len()],
        b"van"
            | b"der"
            | b"de"
            | b"la"
            | b"del"
            | b"di"
            | b"da"
            | b"von"
            | b"le"
            | b"du"
            | b"bin"
            | b"al"
            | b"el"
            | b"st"
            | b"den"
            | b"ten"
            | b"ter"
            | b"dos"
            | b"das"
            | [0xC3, 0xB3]
            | b"los"
            | b"las"
    )
}

/// A credential or suffix after a name ("MD", "RN", "Jr", "M.D"), any case.
pub(super) fn is_name_suffix(word: &[u8]) -> bool {
    if word.len() > 6 {
        return false;
    }
    let mut key = [0u8; 6];
    key[..word.len()].copy_from_slice(word);
    key.make_ascii_lowercase();
    matches!(
        &key[..word.len()],
        b"md"
            | b"m.d"
            | b"do"
            | b"d.o"
            | b"rn"
            | b"np"
            | b"pa"
            | b"pa-c"
            | b"phd"
            | b"dds"
            | b"pharmd"
            | b"lcsw"
            | b"licsw"
            | b"msw"
            | b"cnm"
            | b"crna"
            | b"jr"
            | b"aprn"
            | b"fnp"
            | b"bsn"
            | b"lpn"
            | b"cct"
            | b"ccrn"
            | b"dpm"
            | b"dpt"
            | b"rd"
            | b"rph"
            | b"cna"
            | b"lvn"
            | b"emt"
            | b"facs"
            | b"mbbs"
            | b"frcp"
            | b"mph"
            | b"msn"
            | b"dnp"
            | b"crnp"
            | b"psyd"
            | b"lmft"
            | b"lpc"
            | b"otr"
            | b"slp"
            | b"rrt"
            | b"facp"
            | b"sr"
            | b"ma"
            | b"cma"
    )
}

/// Words in the name lists that after "pt" or "dr" in a sloppy note are
/// almost always the sentence going on ("pt will", "dr aware").
pub(super) const FUNCTION_WORDS: [&str; 45] = [
    "brought",
    "resting",
    "sleeping",
    "ambulating",
    "re",
    "will",
    "may",
    "can",
    "is",
    "was",
    "has",
    "had",
    "and",
    "to",
    "in",
    "at",
    "with",
    "on",
    "for",
    "says",
    "said",
    "states",
    "reports",
    "denies",
    "notes",
    "feels",
    "aware",
    "called",
    "updated",
    "notified",
    "paged",
    "here",
    "home",
    "up",
    "out",
    "ok",
    "well",
    "also",
    "now",
    "then",
    "still",
    "not",
    "no",
    "yes",
    "so",
];

/// Name scores per word, with the rule that set them.
pub(super) struct Names {
    pub(super) score: Vec<f32>,
    pub(super) rule: Vec<&'static str>,
}

impl Names {
    pub(super) fn set(&mut self, i: usize, score: f32, rule: &'static str) {
        if score > self.score[i] {
            self.score[i] = score;
            self.rule[i] = rule;
        }
    }

    /// Marks the word at `i` and the name-like words right after it.
    pub(super) fn run(
        &mut self,
        words: &[Word],
        i: usize,
        score: f32,
        rule: &'static str,
        b: &[u8],
        any_first: bool,
    ) {
        let lower = words[i..]
            .iter()
            .take(3)
            .find(|w| !w.particle)
            .map_or(true, |w| w.shape == Shape::Lower);
        let mut j = i;
        // Particles before the first real word ("van der" of "van der Berg")
        // do not start the name: the word after them is its first word.
        let mut started = false;
        while j < words.len() && j < i + 5 {
            let w = &words[j];
            let first_word = j == i || !started && !w.particle;
            let fits = !w.blocked
                && if lower {
                    w.lower_name()
                        || w.particle
                        || (j > i
                            && (w.last && !w.medical && !w.stop || w.lower_unknown())
                            && !function_word(b, w))
                } else {
                    w.name_like()
                        || w.particle
                        || (w.acronym && w.in_name_lists())
                        || (j > i && w.capitalised() && w.medical && w.in_name_lists())
                };
            let ok = if first_word {
                (any_first && (!w.blocked || w.month_like)) || fits
            } else {
                fits && !w.lone
            };
            let ok = ok && (j == i || adjacent(b, &words[j - 1], w));
            if !ok
                || (!first_word
                    && !lower
                    && !w.in_name_lists()
                    && w.common
                    && w.shape != Shape::Initial
                    && !w.particle)
            {
                break;
            }
            self.set(j, score, rule);
            started |= !w.particle;
            j += 1;
        }
        while j > i && words[j - 1].particle {
            j -= 1;
            self.score[j] = 0.0;
        }
    }

    /// Initials, particles and unknown capitalised words next to a name join it.
    pub(super) fn spread(&mut self, words: &[Word], b: &[u8]) {
        for _ in 0..2 {
            for i in 0..words.len() {
                let w = &words[i];
                if self.score[i] > 0.0 || w.blocked && !w.calendar {
                    continue;
                }
                let joins = match w.shape {
                    Shape::Initial => {
                        !w.lone
                            || (i > 0
                                && i + 1 < words.len()
                                && self.score[i - 1] > 0.0
                                && self.score[i + 1] > 0.0)
                            || (i > 0 && self.score[i - 1] > 0.0 && ends_a_name(b, w.end))
                    }
                    Shape::Capital | Shape::Upper => {
                        (w.name_like()
                            && (w.in_name_lists() || !w.common)
                            && !(w.common && w.sentence_start))
                            || (w.particle && i + 1 < words.len() && words[i + 1].capitalised())
                            || surname_after_first_name(words, i, &self.score, b)
                            || calendar_surname(words, i, &self.score, b)
                    }
                    Shape::Lower => {
                        w.particle
                            && words[i + 1..]
                                .iter()
                                .find(|n| !n.particle)
                                .is_some_and(|n| n.capitalised())
                    }
                };
                if !joins {
                    continue;
                }
                let left = i > 0 && self.score[i - 1] >= 0.7 && adjacent(b, &words[i - 1], w);
                let right = i + 1 < words.len()
                    && (self.score[i + 1] >= 0.75
                        || (w.particle || w.shape == Shape::Initial || w.first)
                            && words[i + 1].particle
                            && self.score[i + 1] > 0.0)
                    && adjacent(b, w, &words[i + 1]);
                if left || right {
                    self.set(i, 0.7, "name:neighbour");
                }
            }
        }
    }
}

/// The people around a patient whose names notes give: relatives, friends,
/// carers ("her sponsor, River,", "husband qiong", "lihua liu (brother)").
pub(super) const RELATIVES: [&[u8]; 27] = [
    b"mother",
    b"father",
    b"sister",
    b"brother",
    b"son",
    b"daughter",
    b"wife",
    b"husband",
    b"nephew",
    b"niece",
    b"aunt",
    b"uncle",
    b"cousin",
    b"grandson",
    b"granddaughter",
    b"grandmother",
    b"grandfather",
    b"partner",
    b"spouse",
    b"friend",
    b"neighbor",
    b"neighbour",
    b"caregiver",
    b"sponsor",
    b"aide",
    b"dtr",
    b"family member",
];

/// "brother)", "sister,", "son of": a relative's role right after "(".
fn relation_in_brackets(rest: &[u8]) -> bool {
    const CARE_ROLES: [&[u8]; 7] = [
        b"pcp",
        b"rn",
        b"np",
        b"attending",
        b"night",
        b"resident",
        b"interpreter",
    ];
    let len = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let word = &rest[..len];
    RELATIVES
        .iter()
        .chain(&CARE_ROLES)
        .any(|r| r.eq_ignore_ascii_case(word))
        && rest
            .get(len)
            .is_some_and(|&c| matches!(c, b')' | b',' | b' ' | b';'))
}

/// Only punctuation, a digit or the line's end after a middle initial:
/// "TRUONG, MAI A (117696)", "Balogun, Funmilayo A, MD".
fn ends_a_name(b: &[u8], end: usize) -> bool {
    let rest = &b[end..];
    let blank = rest.iter().take_while(|&&c| c == b' ').count();
    match rest.get(blank) {
        None => true,
        Some(&c) => {
            matches!(c, b'\n' | b',' | b'(' | b'|' | b'*' | b')' | b'/')
                || (blank > 0 && c.is_ascii_digit())
                || name_suffix_follows(b, end)
        }
    }
}

/// A month's or weekday's name as a surname, after a first name and before
/// a credential or the end of the phrase: "Anna Friday", "Wilbur March, RN".
fn calendar_surname(words: &[Word], i: usize, score: &[f32], b: &[u8]) -> bool {
    let w = &words[i];
    w.calendar
        && w.shape == Shape::Capital
        && i > 0
        && score[i - 1] >= 0.75
        && matches!(words[i - 1].shape, Shape::Capital | Shape::Initial)
        && b[words[i - 1].end..w.start] == *b" "
        && (name_suffix_follows(b, w.end)
            || b.get(w.end)
                .map_or(true, |&c| matches!(c, b'\n' | b',' | b';' | b')')))
}

/// A surname that is also a medical word ("Ng", "Cook") right after a
/// first name that is already a name: "Bjørn Ng", "TOMÁS NG".
fn surname_after_first_name(words: &[Word], i: usize, score: &[f32], b: &[u8]) -> bool {
    let w = &words[i];
    i > 0
        && w.last
        && w.medical
        && !w.stop
        && words[i - 1].first
        && score[i - 1] >= 0.75
        && b[words[i - 1].end..w.start] == *b" "
}

/// A title written as one ("Dr.", "Mrs", "DR. SMITH") before a capitalised
/// word or an initial; "MR. Cr" (mitral regurgitation) and "MD" are not titles.
pub(super) fn title_fits(b: &[u8], label: &Label, w: &Word) -> bool {
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
pub(super) fn acts_like_a_person(b: &[u8], end: usize) -> bool {
    if b.get(end) != Some(&b' ') {
        return false;
    }
    let rest = &b[end + 1..];
    let (verb, tail) = rest.split_at(rest.iter().take_while(|c| c.is_ascii_lowercase()).count());
    match verb {
        b"is" => tail.starts_with(b" a ") || tail.starts_with(b" an "),
        b"was" => tail.starts_with(b" a "),
        b"shared" => tail.starts_with(b" that"),
        b"provided" => tail.starts_with(b" information"),
        b"presents" | b"presented" | b"reports" | b"reported" | b"states" | b"stated"
        | b"denies" | b"returns" | b"arrived" | b"underwent" | b"tolerated" | b"called"
        | b"calling" | b"endorses" | b"asks" | b"asked" | b"says" | b"said" | b"visited"
        | b"explained" | b"resting" | b"sleeping" | b"ambulating" | b"ambulated"
        | b"tolerating" => true,
        _ => false,
    }
}

pub(super) fn function_word(b: &[u8], w: &Word) -> bool {
    FUNCTION_WORDS
        .iter()
        .any(|f| f.as_bytes().eq_ignore_ascii_case(&b[w.start..w.end]))
}

/// "John Smith", "J. Smith", "SMITH, JOHN": a first name (or an initial)
/// then a surname, or a surname, a comma and a first name, all capitalised.
pub(super) fn pair(b: &[u8], w: &Word, v: &Word) -> bool {
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
    let unknown = |x: &Word| !x.in_name_lists() && !x.ordinary() && !x.place;
    if comma {
        capitals(w)
            && capitals(v)
            && (w.last || unknown(w) && w.shape == Shape::Upper)
            && v.first
            && !v.state
            && (!w.common || !v.common)
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
pub(super) fn at_work_before(b: &[u8], start: usize) -> bool {
    let before = &b[start.saturating_sub(6)..start];
    let Some(prep) = [&b"at "[..], b"with ", b"for "]
        .into_iter()
        .find(|p| before.ends_with(p))
    else {
        return false;
    };
    let prep_start = start - prep.len();
    let window = prep_start.saturating_sub(60);
    let sentence_start = b[window..prep_start]
        .iter()
        .rposition(|&c| matches!(c, b'.' | b'\n' | b';'))
        .map_or(window, |p| window + p + 1);
    let sentence = String::from_utf8_lossy(&b[sentence_start..prep_start]).to_ascii_lowercase();
    [
        "works", "worked", "working", "employed", "job", "shift", " is a ", " as a ", " as an ",
        " is an ",
    ]
    .iter()
    .any(|w| sentence.contains(w))
}

/// "Employer: Blue Harbor Seafood", "works at Kessler Auto Body": the
/// capitalised words after the cue, whatever they are, are the employer's name.
pub(super) fn employer(words: &[Word], i: usize, b: &[u8], names: &mut Names) {
    let mut j = i;
    while j < words.len() && j < i + 5 {
        let w = &words[j];
        let joined = j == i || b[words[j - 1].end..w.start] == *b" ";
        let fits = w.capitalised()
            || (j > i && w.shape == Shape::Initial)
            || (j > i && matches!(&b[w.start..w.end], b"of" | b"and"));
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
pub(super) fn adjacent(b: &[u8], a: &Word, c: &Word) -> bool {
    let between = &b[a.end..c.start];
    if between.is_empty() && a.shape == Shape::Initial && c.shape == Shape::Initial {
        return true;
    }
    let dot_ok = a.particle;
    between.len() <= 3
        && !between.is_empty()
        && between
            .iter()
            .all(|&x| x == b' ' || x == b',' || x == b'^' || (x == b'.' && dot_ok))
        && between.iter().filter(|&&x| x == b',' || x == b'^').count() <= 1
}

/// Only blanks, `:`, `.`, `,` or `#` between a label's end and a word.
pub(super) fn only_separators(b: &[u8], from: usize, to: usize) -> bool {
    to >= from
        && to - from <= 4
        && b[from..to].iter().all(|&c| {
            matches!(c, b' ' | b':' | b'.' | b'\t' | b',' | b'(' | b'"' | b'\n')
                || c.is_ascii_digit()
        })
        && b[from..to].iter().filter(|&&c| c == b'\n').count() <= 1
}

/// ", MD", " RN", ", PhD" and the like right after a word.
pub(super) fn name_suffix_follows(b: &[u8], end: usize) -> bool {
    let mut i = end;
    while i < b.len() && (b[i] == b' ' || b[i] == b',' || b[i] == b'(') && i < end + 2 {
        i += 1;
    }
    if i == end || !b.get(i).is_some_and(u8::is_ascii_uppercase) {
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
    is_name_suffix(word)
}

/// " rn", ", md", " r.n." after a word in a lower-case note, or a relation
/// in brackets: "lihua liu (brother)".
pub(super) fn lowercase_credential_follows(b: &[u8], end: usize) -> bool {
    let rest = &b[end..];
    let rest = rest.strip_prefix(b",").unwrap_or(rest);
    if rest.starts_with(b" (") {
        return relation_in_brackets(&rest[2..]);
    }
    if !matches!(
        rest,
        [
            b' ',
            b'r' | b'm' | b'n' | b'l' | b'p' | b'c' | b'a' | b'b' | b'd' | b'f',
            ..
        ]
    ) {
        return false;
    }
    [
        &b" rn"[..],
        b" r.n.",
        b" md",
        b" np",
        b" lpn",
        b" pa",
        b" lcsw",
        b" licsw",
        b" pharmd",
        b" cnm",
        b" bsn",
        b" dpt",
        b" fnp",
        b" msw",
        b" cna",
        b" rrt",
        b" aprn",
    ]
    .iter()
    .any(|c| {
        rest.starts_with(c)
            && rest
                .get(c.len())
                .map_or(true, |x| !x.is_ascii_alphanumeric())
    })
}
