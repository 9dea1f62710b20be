//! The word lists compiled into the binary from `assets/dictionaries/`:
//! first names and surnames (US Census), US places, counties, states and
//! ZIP3 prefixes, common English words, medical vocabulary and the words that
//! look like names but are not names in notes. Loaded once per process into
//! hash sets of lowercase entries.

use std::sync::OnceLock;

use hashbrown::HashSet;

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
}

fn entries(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

impl Dictionaries {
    /// The dictionaries, parsed on first use.
    pub(crate) fn get() -> &'static Dictionaries {
        static DICTIONARIES: OnceLock<Dictionaries> = OnceLock::new();
        DICTIONARIES.get_or_init(|| Dictionaries {
            first_names: entries(asset!("first_names.txt")),
            surnames: entries(asset!("surnames.txt")),
            places: entries(asset!("places.txt")),
            counties: entries(asset!("counties.txt")),
            states: entries(asset!("states.txt")),
            zip3: entries(asset!("zip3.txt")),
            common_words: entries(asset!("common_words.txt")),
            medical: entries(asset!("medical_terms.txt")),
            name_stopwords: entries(asset!("name_stopwords.txt")),
        })
    }
}
