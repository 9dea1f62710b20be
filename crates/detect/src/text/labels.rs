//! The label pass: one Aho-Corasick automaton (ASCII case-insensitive) over
//! the words that announce an identifier, such as "MRN:", "DOB", "Fax",
//! "Member ID", "seen by" or "Dr.". A label gives the kind to the number that
//! follows it, or marks the words after it as a name.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::Kind;

/// What a label announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// An identifier of this kind follows.
    Id(Kind),
    /// A telephone number follows.
    Phone,
    /// A fax number follows.
    Fax,
    /// A birth date (or birth year) follows.
    Birth,
    /// A person's name follows (a label such as "Patient:" or "seen by").
    Name,
    /// A title: the capitalised words after it are a name.
    Title,
    /// A ZIP code follows.
    Zip,
    /// A place follows ("lives in", "City:").
    Place,
    /// An employer's name follows ("works at", "Employer:").
    Employer,
    /// A staff member's user name follows ("Transcriptionist:", "User:").
    Handle,
    /// A code that is not PHI follows (an NDC, a model or lot number).
    NotPhi,
}

const LABELS: &[(&str, Cue)] = &[
    ("mrn", Cue::Id(Kind::Mrn)),
    ("mr#", Cue::Id(Kind::Mrn)),
    ("mr #", Cue::Id(Kind::Mrn)),
    ("medical record", Cue::Id(Kind::Mrn)),
    ("medical record number", Cue::Id(Kind::Mrn)),
    ("med rec", Cue::Id(Kind::Mrn)),
    ("record number", Cue::Id(Kind::Mrn)),
    ("record no", Cue::Id(Kind::Mrn)),
    ("unit no", Cue::Id(Kind::Mrn)),
    ("unit number", Cue::Id(Kind::Mrn)),
    ("hospital number", Cue::Id(Kind::Mrn)),
    ("patient id", Cue::Id(Kind::Mrn)),
    ("pt id", Cue::Id(Kind::Mrn)),
    ("chart number", Cue::Id(Kind::Mrn)),
    ("chart #", Cue::Id(Kind::Mrn)),
    ("ssn", Cue::Id(Kind::Ssn)),
    ("ss#", Cue::Id(Kind::Ssn)),
    ("social security", Cue::Id(Kind::Ssn)),
    ("social security number", Cue::Id(Kind::Ssn)),
    ("soc sec", Cue::Id(Kind::Ssn)),
    ("acct", Cue::Id(Kind::Account)),
    ("account", Cue::Id(Kind::Account)),
    ("account number", Cue::Id(Kind::Account)),
    ("billing", Cue::Id(Kind::Account)),
    ("billing number", Cue::Id(Kind::Account)),
    ("invoice", Cue::Id(Kind::Account)),
    ("claim", Cue::Id(Kind::Account)),
    ("member id", Cue::Id(Kind::HealthPlan)),
    ("member", Cue::Id(Kind::HealthPlan)),
    ("member number", Cue::Id(Kind::HealthPlan)),
    ("subscriber", Cue::Id(Kind::HealthPlan)),
    ("subscriber id", Cue::Id(Kind::HealthPlan)),
    ("policy", Cue::Id(Kind::HealthPlan)),
    ("policy number", Cue::Id(Kind::HealthPlan)),
    ("group number", Cue::Id(Kind::HealthPlan)),
    ("group #", Cue::Id(Kind::HealthPlan)),
    ("insurance id", Cue::Id(Kind::HealthPlan)),
    ("plan id", Cue::Id(Kind::HealthPlan)),
    ("health plan", Cue::Id(Kind::HealthPlan)),
    ("beneficiary", Cue::Id(Kind::HealthPlan)),
    ("medicaid", Cue::Id(Kind::HealthPlan)),
    ("medicare", Cue::Id(Kind::HealthPlan)),
    ("mbi", Cue::Id(Kind::HealthPlan)),
    ("hicn", Cue::Id(Kind::HealthPlan)),
    ("license", Cue::Id(Kind::License)),
    ("licence", Cue::Id(Kind::License)),
    ("lic", Cue::Id(Kind::License)),
    ("dl", Cue::Id(Kind::License)),
    ("driver's license", Cue::Id(Kind::License)),
    ("drivers license", Cue::Id(Kind::License)),
    ("dea", Cue::Id(Kind::License)),
    ("npi", Cue::Id(Kind::License)),
    ("certificate", Cue::Id(Kind::License)),
    ("cert", Cue::Id(Kind::License)),
    ("registration", Cue::Id(Kind::License)),
    ("vin", Cue::Id(Kind::Vehicle)),
    ("plate", Cue::Id(Kind::Vehicle)),
    ("license plate", Cue::Id(Kind::Vehicle)),
    ("licence plate", Cue::Id(Kind::Vehicle)),
    ("vehicle", Cue::Id(Kind::Vehicle)),
    ("serial", Cue::Id(Kind::Device)),
    ("serial number", Cue::Id(Kind::Device)),
    ("serial no", Cue::Id(Kind::Device)),
    ("s/n", Cue::Id(Kind::Device)),
    ("sn", Cue::Id(Kind::Device)),
    ("device", Cue::Id(Kind::Device)),
    ("device id", Cue::Id(Kind::Device)),
    ("udi", Cue::Id(Kind::Device)),
    ("imei", Cue::Id(Kind::Device)),
    ("fingerprint", Cue::Id(Kind::Biometric)),
    ("retina", Cue::Id(Kind::Biometric)),
    ("retinal", Cue::Id(Kind::Biometric)),
    ("iris scan", Cue::Id(Kind::Biometric)),
    ("iris template", Cue::Id(Kind::Biometric)),
    ("iris id", Cue::Id(Kind::Biometric)),
    ("iris image", Cue::Id(Kind::Biometric)),
    ("voiceprint", Cue::Id(Kind::Biometric)),
    ("voice print", Cue::Id(Kind::Biometric)),
    ("biometric", Cue::Id(Kind::Biometric)),
    ("palm print", Cue::Id(Kind::Biometric)),
    ("facial", Cue::Id(Kind::Biometric)),
    ("accession", Cue::Id(Kind::OtherId)),
    ("docket", Cue::Id(Kind::OtherId)),
    ("index no", Cue::Id(Kind::OtherId)),
    ("claim control", Cue::Id(Kind::OtherId)),
    ("job", Cue::Id(Kind::OtherId)),
    ("job no", Cue::Id(Kind::OtherId)),
    ("dictation", Cue::Id(Kind::OtherId)),
    ("police report", Cue::Id(Kind::OtherId)),
    ("report id", Cue::Id(Kind::OtherId)),
    ("specimen", Cue::Id(Kind::OtherId)),
    ("case", Cue::Id(Kind::OtherId)),
    ("case number", Cue::Id(Kind::OtherId)),
    ("study id", Cue::Id(Kind::OtherId)),
    ("sample id", Cue::Id(Kind::OtherId)),
    ("order", Cue::Id(Kind::OtherId)),
    ("encounter", Cue::Id(Kind::OtherId)),
    ("visit id", Cue::Id(Kind::OtherId)),
    ("badge", Cue::Id(Kind::OtherId)),
    ("employee id", Cue::Id(Kind::OtherId)),
    ("reference", Cue::Id(Kind::OtherId)),
    ("ref", Cue::Id(Kind::OtherId)),
    ("tracking", Cue::Id(Kind::OtherId)),
    ("mr no", Cue::Id(Kind::Mrn)),
    ("mr number", Cue::Id(Kind::Mrn)),
    ("med rec no", Cue::Id(Kind::Mrn)),
    ("med. rec", Cue::Id(Kind::Mrn)),
    ("medical record no", Cue::Id(Kind::Mrn)),
    ("record #", Cue::Id(Kind::Mrn)),
    ("hospital #", Cue::Id(Kind::Mrn)),
    ("hosp #", Cue::Id(Kind::Mrn)),
    ("hosp no", Cue::Id(Kind::Mrn)),
    ("patient #", Cue::Id(Kind::Mrn)),
    ("pt #", Cue::Id(Kind::Mrn)),
    ("emr", Cue::Id(Kind::Mrn)),
    ("ehr", Cue::Id(Kind::Mrn)),
    ("hospital id", Cue::Id(Kind::Mrn)),
    ("unit #", Cue::Id(Kind::Mrn)),
    ("chart no", Cue::Id(Kind::Mrn)),
    ("fin", Cue::Id(Kind::Account)),
    ("har", Cue::Id(Kind::Account)),
    ("guarantor", Cue::Id(Kind::Account)),
    ("financial", Cue::Id(Kind::Account)),
    ("bank account", Cue::Id(Kind::Account)),
    ("routing", Cue::Id(Kind::Account)),
    ("card", Cue::Id(Kind::Account)),
    ("ending in", Cue::Id(Kind::Account)),
    ("acct.", Cue::Id(Kind::Account)),
    ("statement", Cue::Id(Kind::Account)),
    ("ins", Cue::Id(Kind::HealthPlan)),
    ("insurance", Cue::Id(Kind::HealthPlan)),
    ("coverage", Cue::Id(Kind::HealthPlan)),
    ("payer id", Cue::Id(Kind::HealthPlan)),
    ("subscriber #", Cue::Id(Kind::HealthPlan)),
    ("plan #", Cue::Id(Kind::HealthPlan)),
    ("group", Cue::Id(Kind::HealthPlan)),
    ("grp", Cue::Id(Kind::HealthPlan)),
    ("cdl", Cue::Id(Kind::License)),
    ("ptan", Cue::Id(Kind::License)),
    ("upin", Cue::Id(Kind::License)),
    ("clia", Cue::Id(Kind::License)),
    ("tin", Cue::Id(Kind::License)),
    ("ein", Cue::Id(Kind::License)),
    ("tax id", Cue::Id(Kind::License)),
    ("state license", Cue::Id(Kind::License)),
    ("board certification", Cue::Id(Kind::License)),
    ("permit", Cue::Id(Kind::License)),
    ("passport", Cue::Id(Kind::License)),
    ("plates", Cue::Id(Kind::Vehicle)),
    ("tag", Cue::Id(Kind::Vehicle)),
    ("tag #", Cue::Id(Kind::Vehicle)),
    ("lp", Cue::Id(Kind::Vehicle)),
    ("lp#", Cue::Id(Kind::Vehicle)),
    ("vehicle registration", Cue::Id(Kind::Vehicle)),
    ("car", Cue::Id(Kind::Vehicle)),
    ("motorcycle", Cue::Id(Kind::Vehicle)),
    ("truck", Cue::Id(Kind::Vehicle)),
    ("iris code", Cue::Id(Kind::Biometric)),
    ("face scan", Cue::Id(Kind::Biometric)),
    ("facial geometry", Cue::Id(Kind::Biometric)),
    ("palm vein", Cue::Id(Kind::Biometric)),
    ("palm-vein", Cue::Id(Kind::Biometric)),
    ("finger", Cue::Id(Kind::Biometric)),
    ("thumbprint", Cue::Id(Kind::Biometric)),
    ("dna", Cue::Id(Kind::Biometric)),
    ("gait", Cue::Id(Kind::Biometric)),
    ("template", Cue::Id(Kind::Biometric)),
    ("voice", Cue::Id(Kind::Biometric)),
    ("lab", Cue::Id(Kind::OtherId)),
    ("req", Cue::Id(Kind::OtherId)),
    ("requisition", Cue::Id(Kind::OtherId)),
    ("confirmation", Cue::Id(Kind::OtherId)),
    ("barcode", Cue::Id(Kind::OtherId)),
    ("slide", Cue::Id(Kind::OtherId)),
    ("kit", Cue::Id(Kind::OtherId)),
    ("ticket", Cue::Id(Kind::OtherId)),
    ("protocol", Cue::Id(Kind::OtherId)),
    ("trial", Cue::Id(Kind::OtherId)),
    ("enrollment", Cue::Id(Kind::OtherId)),
    ("authorization", Cue::Id(Kind::OtherId)),
    ("auth", Cue::Id(Kind::OtherId)),
    ("referral", Cue::Id(Kind::OtherId)),
    ("visit", Cue::Id(Kind::OtherId)),
    ("visit #", Cue::Id(Kind::OtherId)),
    ("encounter #", Cue::Id(Kind::OtherId)),
    ("csn", Cue::Id(Kind::OtherId)),
    ("sample", Cue::Id(Kind::OtherId)),
    ("participant", Cue::Id(Kind::OtherId)),
    ("subject", Cue::Id(Kind::OtherId)),
    ("record locator", Cue::Id(Kind::OtherId)),
    ("employee", Cue::Id(Kind::OtherId)),
    ("id", Cue::Id(Kind::OtherId)),
    ("identifier", Cue::Id(Kind::OtherId)),
    ("id #", Cue::Id(Kind::OtherId)),
    ("serial #", Cue::Id(Kind::Device)),
    ("implant id", Cue::Id(Kind::Device)),
    ("pacemaker", Cue::Id(Kind::Device)),
    ("pump", Cue::Id(Kind::Device)),
    ("monitor", Cue::Id(Kind::Device)),
    ("hearing aid", Cue::Id(Kind::Device)),
    ("mac", Cue::Id(Kind::Device)),
    ("mac address", Cue::Id(Kind::Device)),
    ("patient number", Cue::Id(Kind::Mrn)),
    ("patient no", Cue::Id(Kind::Mrn)),
    ("pt no", Cue::Id(Kind::Mrn)),
    ("pt number", Cue::Id(Kind::Mrn)),
    ("hospital no", Cue::Id(Kind::Mrn)),
    ("registration no", Cue::Id(Kind::Mrn)),
    ("reg no", Cue::Id(Kind::Mrn)),
    ("empi", Cue::Id(Kind::Mrn)),
    ("cmrn", Cue::Id(Kind::Mrn)),
    ("chart id", Cue::Id(Kind::Mrn)),
    ("record id", Cue::Id(Kind::Mrn)),
    ("medical rec", Cue::Id(Kind::Mrn)),
    ("med rec #", Cue::Id(Kind::Mrn)),
    ("acc", Cue::Id(Kind::OtherId)),
    ("acc#", Cue::Id(Kind::OtherId)),
    ("acc no", Cue::Id(Kind::OtherId)),
    ("m.r.n", Cue::Id(Kind::Mrn)),
    ("m.r.n.", Cue::Id(Kind::Mrn)),
    ("s.s.n", Cue::Id(Kind::Ssn)),
    ("acct#", Cue::Id(Kind::Account)),
    ("a/c", Cue::Id(Kind::Account)),
    ("uk reg", Cue::Id(Kind::Vehicle)),
    ("vanity plate", Cue::Id(Kind::Vehicle)),
    ("phone", Cue::Phone),
    ("tel", Cue::Phone),
    ("telephone", Cue::Phone),
    ("cell", Cue::Phone),
    ("mobile", Cue::Phone),
    ("pager", Cue::Phone),
    ("beeper", Cue::Phone),
    ("ph", Cue::Phone),
    ("call", Cue::Phone),
    ("contact", Cue::Phone),
    ("fax", Cue::Fax),
    ("facsimile", Cue::Fax),
    ("dob", Cue::Birth),
    ("d.o.b", Cue::Birth),
    ("date of birth", Cue::Birth),
    ("birth date", Cue::Birth),
    ("birthdate", Cue::Birth),
    ("born", Cue::Birth),
    ("born in", Cue::Birth),
    ("born on", Cue::Birth),
    ("zip", Cue::Zip),
    ("zip code", Cue::Zip),
    ("zipcode", Cue::Zip),
    ("postal code", Cue::Zip),
    ("patient", Cue::Name),
    ("patient name", Cue::Name),
    ("pt", Cue::Name),
    ("name", Cue::Name),
    ("attending", Cue::Name),
    ("pcp", Cue::Name),
    ("referring", Cue::Name),
    ("referring physician", Cue::Name),
    ("provider", Cue::Name),
    ("physician", Cue::Name),
    ("surgeon", Cue::Name),
    ("resident", Cue::Name),
    ("fellow", Cue::Name),
    ("cc", Cue::Name),
    ("signed by", Cue::Name),
    ("signed", Cue::Name),
    ("dictated by", Cue::Name),
    ("transcribed by", Cue::Name),
    ("seen by", Cue::Name),
    ("seen with", Cue::Name),
    ("reviewed by", Cue::Name),
    ("discussed with", Cue::Name),
    ("spoke with", Cue::Name),
    ("spoke to", Cue::Name),
    ("per", Cue::Name),
    ("read by", Cue::Name),
    ("performed by", Cue::Name),
    ("ordered by", Cue::Name),
    ("interpreted by", Cue::Name),
    ("approved by", Cue::Name),
    ("verified by", Cue::Name),
    ("written by", Cue::Name),
    ("entered by", Cue::Name),
    ("cosigned by", Cue::Name),
    ("co-signed by", Cue::Name),
    ("message from", Cue::Name),
    ("call from", Cue::Name),
    ("letter from", Cue::Name),
    ("referral from", Cue::Name),
    ("re:", Cue::Name),
    ("thanks,", Cue::Name),
    ("thank you,", Cue::Name),
    ("sincerely,", Cue::Name),
    ("regards,", Cue::Name),
    ("best wishes,", Cue::Name),
    ("hcp", Cue::Name),
    ("dear", Cue::Name),
    ("adjuster", Cue::Name),
    ("crew", Cue::Name),
    ("hon.", Cue::Title),
    ("hello", Cue::Name),
    ("thanks", Cue::Name),
    ("hi", Cue::Name),
    ("thanks,", Cue::Name),
    ("thank you,", Cue::Name),
    ("grandson", Cue::Name),
    ("granddaughter", Cue::Name),
    ("son-in-law", Cue::Name),
    ("daughter-in-law", Cue::Name),
    ("niece", Cue::Name),
    ("nephew", Cue::Name),
    ("aunt", Cue::Name),
    ("uncle", Cue::Name),
    ("cousin", Cue::Name),
    ("neighbor", Cue::Name),
    ("neighbour", Cue::Name),
    ("roommate", Cue::Name),
    ("md", Cue::Title),
    ("mother", Cue::Name),
    ("father", Cue::Name),
    ("wife", Cue::Name),
    ("husband", Cue::Name),
    ("son", Cue::Name),
    ("daughter", Cue::Name),
    ("dtr", Cue::Name),
    ("family member", Cue::Name),
    ("spouse", Cue::Name),
    ("partner", Cue::Name),
    ("brother", Cue::Name),
    ("sister", Cue::Name),
    ("friend", Cue::Name),
    ("guardian", Cue::Name),
    ("caregiver", Cue::Name),
    ("emergency contact", Cue::Name),
    ("next of kin", Cue::Name),
    ("employer", Cue::Employer),
    ("works at", Cue::Employer),
    ("works for", Cue::Employer),
    ("employed by", Cue::Employer),
    ("employed at", Cue::Employer),
    ("working at", Cue::Employer),
    ("employee of", Cue::Employer),
    ("transcriptionist", Cue::Handle),
    ("registered by", Cue::Handle),
    ("registrar", Cue::Handle),
    ("username", Cue::Handle),
    ("user name", Cue::Handle),
    ("user id", Cue::Handle),
    ("login", Cue::Handle),
    ("ndc", Cue::NotPhi),
    ("loinc", Cue::NotPhi),
    ("cpt", Cue::NotPhi),
    ("icd", Cue::NotPhi),
    ("icd-10", Cue::NotPhi),
    ("icd-9", Cue::NotPhi),
    ("nct", Cue::NotPhi),
    ("model", Cue::NotPhi),
    ("lot", Cue::NotPhi),
    ("lot #", Cue::NotPhi),
    ("user", Cue::Handle),
    ("user=", Cue::Handle),
    ("clinician=", Cue::Handle),
    ("exported by", Cue::Handle),
    ("accessed by", Cue::Handle),
    ("modified by", Cue::Handle),
    ("goes by", Cue::Name),
    ("aka", Cue::Name),
    ("a.k.a.", Cue::Name),
    ("nickname", Cue::Name),
    ("known as", Cue::Name),
    ("prefers to be called", Cue::Name),
    ("worked at", Cue::Employer),
    ("job at", Cue::Employer),
    ("retired from", Cue::Employer),
    ("pharmacy", Cue::Place),
    ("location", Cue::Place),
    ("facility", Cue::Place),
    ("dr", Cue::Title),
    ("dr.", Cue::Title),
    ("doctor", Cue::Title),
    ("mr", Cue::Title),
    ("mr.", Cue::Title),
    ("mrs", Cue::Title),
    ("mrs.", Cue::Title),
    ("ms", Cue::Title),
    ("ms.", Cue::Title),
    ("miss", Cue::Title),
    ("mx.", Cue::Title),
    ("prof.", Cue::Title),
    ("professor", Cue::Title),
    ("nurse", Cue::Title),
    ("lives in", Cue::Place),
    ("vna of", Cue::Place),
    ("travels to", Cue::Place),
    ("traveled to", Cue::Place),
    ("travelled to", Cue::Place),
    ("commutes to", Cue::Place),
    ("moved here from", Cue::Place),
    ("visiting from", Cue::Place),
    ("originally from", Cue::Place),
    ("grew up in", Cue::Place),
    ("lives at", Cue::Place),
    ("living in", Cue::Place),
    ("resides in", Cue::Place),
    ("resides at", Cue::Place),
    ("moved to", Cue::Place),
    ("moved from", Cue::Place),
    ("transferred from", Cue::Place),
    ("transferred to", Cue::Place),
    ("city", Cue::Place),
    ("town", Cue::Place),
    ("address", Cue::Place),
    ("addr", Cue::Place),
    ("county", Cue::Place),
];

/// A label found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Label {
    pub start: usize,
    pub end: usize,
    pub cue: Cue,
}

/// The compiled label automaton.
pub(super) struct Labels {
    automaton: AhoCorasick,
    /// The cue of each pattern of the automaton.
    cues: Vec<Cue>,
}

impl Labels {
    /// Compiles [`LABELS`], each label ending in " #" also written glued
    /// ("Hosp #" and "Hosp#").
    pub(super) fn new() -> Self {
        let mut patterns: Vec<String> = Vec::with_capacity(LABELS.len() + 32);
        let mut cues = Vec::with_capacity(LABELS.len() + 32);
        for &(label, cue) in LABELS {
            patterns.push(label.to_string());
            cues.push(cue);
            if let Some(stem) = label.strip_suffix(" #") {
                let glued = format!("{stem}#");
                if !LABELS.iter().any(|(l, _)| *l == glued) {
                    patterns.push(glued);
                    cues.push(cue);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("the built-in labels compile");
        Labels { automaton, cues }
    }

    /// Every label in `text` that stands as whole words.
    pub(super) fn find(&self, text: &str) -> Vec<Label> {
        let bytes = text.as_bytes();
        self.automaton
            .find_iter(bytes)
            .filter(|m| {
                word_edges(bytes, m.start(), m.end()) && written_as_label(bytes, m.start(), m.end())
            })
            .map(|m| Label {
                start: m.start(),
                end: m.end(),
                cue: self.cues[m.pattern().as_usize()],
            })
            .collect()
    }
}

/// True if `start..end` is not glued to letters or digits on either side
/// (a trailing `.` or `#` in the label is its own edge).
fn word_edges(b: &[u8], start: usize, end: usize) -> bool {
    let before = start == 0 || !b[start - 1].is_ascii_alphanumeric();
    let last = b[end - 1];
    let after = end == b.len() || !last.is_ascii_alphanumeric() || !b[end].is_ascii_alphanumeric();
    before && after
}

/// Short labels that are also ordinary syllables ("dl" in "mg/dL", "ph" in
/// "pH") count only in capitals or with a `:` or `#` after them, and never
/// right after a `/`.
fn written_as_label(b: &[u8], start: usize, end: usize) -> bool {
    if start > 0 && b[start - 1] == b'/' {
        return false;
    }
    const AMBIGUOUS: [&[u8]; 15] = [
        b"dl", b"sn", b"ph", b"cc", b"lic", b"ref", b"per", b"case", b"order", b"cell", b"call",
        b"mr", b"lp", b"fin", b"har",
    ];
    let word = &b[start..end];
    if !AMBIGUOUS.iter().any(|a| word.eq_ignore_ascii_case(a)) {
        return true;
    }
    let capitals = word.iter().all(|c| !c.is_ascii_lowercase());
    let marked = b[end..].iter().take(2).any(|&c| c == b':' || c == b'#');
    let ordinary_word = matches!(
        word.to_ascii_lowercase().as_slice(),
        b"per" | b"case" | b"order" | b"cell" | b"call"
    );
    if ordinary_word {
        return true;
    }
    capitals || marked || (word[0].is_ascii_uppercase() && word.len() > 2)
}

/// The position after the separators that may sit between a label and its
/// value: spaces, `:`, `#`, `-`, `=`, `.`, and the words "no", "number",
/// "num", "id", "is", "was", "of", "on", "in". Stops at a line break
/// followed by another line break, and after `max` bytes.
pub(super) fn skip_separators(b: &[u8], mut i: usize, max: usize) -> usize {
    let limit = (i + max).min(b.len());
    let mut newlines = 0;
    while i < limit {
        match b[i] {
            b' ' | b'\t' | b':' | b'#' | b'-' | b'=' | b'.' | b'(' | b')' | b'/' | b'"' | b'\'' => {
                i += 1
            }
            b'\n' | b'\r' => {
                newlines += usize::from(b[i] == b'\n');
                if newlines > 1 {
                    break;
                }
                i += 1;
            }
            _ => {
                let word_end = b[i..limit]
                    .iter()
                    .position(|c| !c.is_ascii_alphabetic())
                    .map_or(limit, |p| i + p);
                let word = &b[i..word_end];
                const FILLERS: [&[u8]; 9] = [
                    b"no", b"number", b"num", b"nbr", b"id", b"is", b"was", b"of", b"on",
                ];
                if word_end > i && FILLERS.iter().any(|f| word.eq_ignore_ascii_case(f)) {
                    i = word_end;
                } else {
                    break;
                }
            }
        }
    }
    i
}

/// Where the value announced by `label` starts: after the separators, and
/// after up to three more words ("Member ID number is", "plate reads") if
/// the first token holds no digit. `None` at a line's or sentence's end.
pub(super) fn value_start(b: &[u8], label: &Label) -> Option<usize> {
    let mut at = skip_separators(b, label.end, 24);
    if at == label.end && at < b.len() && b[at].is_ascii_alphanumeric() {
        return None;
    }
    for _ in 0..4 {
        if at >= b.len() {
            return None;
        }
        let end = b[at..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'/' | b'.')))
            .map_or(b.len(), |p| at + p);
        let token = &b[at..end];
        if token.iter().any(u8::is_ascii_digit)
            && (token.len() >= 3 || end == b.len() || b[end] == b'\n')
        {
            return Some(at);
        }
        // "XEH 331205997": a short prefix of capitals before the number.
        let capitals = (2..=4).contains(&token.len()) && token.iter().all(u8::is_ascii_uppercase);
        if capitals && b.get(end) == Some(&b' ') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
            return Some(at);
        }
        let word = (token.iter().all(u8::is_ascii_alphabetic) || token.len() < 3)
            && !token.is_empty()
            && token.len() <= 15;
        let next = skip_separators(b, end, 6);
        if !word || next == end || b[end..next].contains(&b'\n') || b[end..next].starts_with(b". ")
        {
            return None;
        }
        at = next;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_whole_words() {
        let labels = Labels::new();
        let found: Vec<Cue> = labels
            .find("MRN: 12345, Fax 617, seen by Dr. X")
            .iter()
            .map(|l| l.cue)
            .collect();
        assert_eq!(found, [Cue::Id(Kind::Mrn), Cue::Fax, Cue::Name, Cue::Title]);
        assert!(labels.find("hypertension dlx").is_empty());
    }

    #[test]
    fn separators_and_filler_words_are_skipped() {
        let t = b"MRN no. : 12345";
        assert_eq!(skip_separators(t, 3, 30), 10);
        let t = b"Member ID number is A1";
        assert_eq!(skip_separators(t, 6, 30), 20);
    }
}
