//! The word lists compiled into the binary from `assets/dictionaries/`:
//! first names and surnames (US Census), US places, counties, states and
//! ZIP3 prefixes, common English words, medical vocabulary and the words that
//! look like names but are not names in notes. Loaded once per process into
//! hash sets of lowercase entries.

use std::sync::OnceLock;

use hashbrown::{HashMap, HashSet};

macro_rules! asset {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/dictionaries/",
            $file
        ))
    };
}

/// Every dictionary, as sets of lowercase entries.
pub(crate) struct Dictionaries {
    pub first_names: HashSet<&'static str>,
    pub surnames: HashSet<&'static str>,
    pub places: HashSet<&'static str>,
    pub counties: HashSet<&'static str>,
    pub states: HashSet<&'static str>,
    pub zip3: HashSet<&'static str>,
    pub common_words: HashSet<&'static str>,
    pub medical: HashSet<&'static str>,
    pub name_stopwords: HashSet<&'static str>,
    /// Every single-word entry with the lists it is on ([`Lists`] bits), so
    /// the word pass asks once per word instead of once per list.
    pub words: HashMap<&'static str, u8>,
}

/// Bits of [`Dictionaries::words`].
pub(crate) struct Lists;

impl Lists {
    pub const FIRST: u8 = 1;
    pub const LAST: u8 = 2;
    pub const PLACE: u8 = 4;
    pub const COMMON: u8 = 8;
    pub const MEDICAL: u8 = 16;
    pub const STOP: u8 = 32;
    pub const STATE: u8 = 64;
    /// The first word of a place, county or state of several words ("san" of "san jose").
    pub const PLACE_FIRST: u8 = 128;
}

fn entries(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

impl Dictionaries {
    /// The lists a single lowercase word is on ([`Lists`] bits; 0 if none).
    pub(crate) fn lists(&self, word: &str) -> u8 {
        self.words.get(word).copied().unwrap_or(0)
    }

    /// The dictionaries, parsed on first use.
    pub(crate) fn get() -> &'static Dictionaries {
        static DICTIONARIES: OnceLock<Dictionaries> = OnceLock::new();
        DICTIONARIES.get_or_init(|| {
            let mut d = Dictionaries {
                first_names: entries(asset!("first_names.txt")),
                surnames: entries(asset!("surnames.txt")),
                places: entries(asset!("places.txt")),
                counties: entries(asset!("counties.txt")),
                states: entries(asset!("states.txt")),
                zip3: entries(asset!("zip3.txt")),
                common_words: entries(asset!("common_words.txt")),
                medical: entries(asset!("medical_terms.txt")),
                name_stopwords: entries(asset!("name_stopwords.txt")),
                words: HashMap::new(),
            };
            let lists = [
                (&d.first_names, Lists::FIRST),
                (&d.surnames, Lists::LAST),
                (&d.places, Lists::PLACE),
                (&d.common_words, Lists::COMMON),
                (&d.medical, Lists::MEDICAL),
                (&d.name_stopwords, Lists::STOP),
                (&d.states, Lists::STATE),
            ];
            let mut words: HashMap<&'static str, u8> = HashMap::new();
            for (set, bit) in lists {
                for &entry in set.iter().filter(|e| !e.contains(' ')) {
                    *words.entry(entry).or_default() |= bit;
                }
            }
            for set in [&d.places, &d.counties, &d.states] {
                for entry in set.iter().filter(|e| e.contains(' ')) {
                    if let Some(first) = entry.split(' ').next() {
                        *words.entry(first).or_default() |= Lists::PLACE_FIRST;
                    }
                }
            }
            d.words = words;
            d
        })
    }
}
