//! The evaluation harness's scorer: token-level recall and precision of the
//! detector against labelled documents, overall and per kind.
//!
//! A token is a maximal run of letters and digits. A gold token is one that
//! overlaps a gold span; a predicted token one that overlaps a detected span.
//! Recall counts gold tokens that were predicted (of any kind: a phone found
//! as a fax is still redacted); precision counts predicted tokens that are
//! gold. Per kind, recall is grouped by the gold kind and precision by the
//! predicted kind; `kind_agreement` is the share of found gold tokens whose
//! predicted kind is the gold kind.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{Detector, Kind};

/// A labelled span, in Unicode scalar values, end exclusive.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The span's kind.
    pub kind: Kind,
}

/// A labelled document of the corpus (one line of a JSONL file).
#[derive(Debug, Clone, Deserialize)]
pub struct Document {
    /// Identifier, e.g. `test-0001`.
    pub id: String,
    /// The note.
    pub text: String,
    /// Every identifier in the note.
    pub spans: Vec<GoldSpan>,
}

/// Counts of one comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold tokens predicted.
    pub true_positives: u64,
    /// Predicted tokens that are not gold.
    pub false_positives: u64,
    /// Gold tokens not predicted.
    pub false_negatives: u64,
}

impl Counts {
    /// Share of gold tokens found (1 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Share of predicted tokens that are gold (1 when there are none).
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Figures for one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct KindCounts {
    /// Gold tokens of this kind: found (true positives) and missed (false negatives).
    pub recall: Counts,
    /// Tokens predicted as this kind: gold (true positives) or not (false positives).
    pub precision: Counts,
    /// Found gold tokens of this kind that were predicted as this kind.
    pub same_kind: u64,
}

impl KindCounts {
    /// Share of found gold tokens of this kind that got this kind.
    pub fn kind_agreement(&self) -> f64 {
        ratio(self.same_kind, self.recall.true_positives)
    }
}

/// One token the detector got wrong, for tuning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// The document.
    pub document: String,
    /// The token.
    pub token: String,
    /// Its gold kind (missed) or predicted kind (false positive).
    pub kind: Kind,
    /// A few characters around the token.
    pub context: String,
    /// The rule of the detected span (false positives only).
    pub rule: &'static str,
}

/// The scorer's result.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// Tokens in all documents.
    pub tokens: u64,
    /// All kinds together.
    pub overall: Counts,
    /// Per kind.
    pub by_kind: BTreeMap<Kind, KindCounts>,
    /// Gold tokens not found.
    pub missed: Vec<Mistake>,
    /// Tokens found that are not gold.
    pub false_alarms: Vec<Mistake>,
}

impl Report {
    /// A table of the figures, one line per kind.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{} documents, {} tokens\n{:<12} {:>7} {:>8} {:>7} {:>9} {:>6}\n",
            self.documents, self.tokens, "kind", "gold", "recall", "found", "precision", "agree"
        );
        let line =
            |name: &str, gold: u64, recall: f64, found: u64, precision: f64, agree: String| {
                format!(
                    "{name:<12} {gold:>7} {recall:>8.4} {found:>7} {precision:>9.4} {agree:>6}\n"
                )
            };
        for (kind, k) in &self.by_kind {
            out += &line(
                kind.as_str(),
                k.recall.true_positives + k.recall.false_negatives,
                k.recall.recall(),
                k.precision.true_positives + k.precision.false_positives,
                k.precision.precision(),
                format!("{:.3}", k.kind_agreement()),
            );
        }
        let o = &self.overall;
        out += &line(
            "OVERALL",
            o.true_positives + o.false_negatives,
            o.recall(),
            o.true_positives + o.false_positives,
            o.precision(),
            String::new(),
        );
        out
    }
}

/// Parses a JSONL corpus file's content; the error names the line.
pub fn parse_corpus(jsonl: &str) -> Result<Vec<Document>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Runs `detector` on every document and scores it.
pub fn score(detector: &Detector, documents: &[Document]) -> Report {
    let mut report = Report {
        documents: documents.len(),
        ..Report::default()
    };
    for doc in documents {
        score_document(detector, doc, &mut report);
    }
    report
}

fn score_document(detector: &Detector, doc: &Document, report: &mut Report) {
    let char_starts: Vec<usize> = doc
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain([doc.text.len()])
        .collect();
    let gold: Vec<(usize, usize, Kind)> = doc
        .spans
        .iter()
        .map(|s| (char_starts[s.start], char_starts[s.end], s.kind))
        .collect();
    let predicted = detector.detect(&doc.text);
    for (start, end) in tokens(&doc.text) {
        report.tokens += 1;
        let g = gold
            .iter()
            .find(|&&(s, e, _)| s < end && start < e)
            .map(|g| g.2);
        let p = predicted.iter().find(|s| s.start < end && start < s.end);
        let mistake = |kind: Kind, rule: &'static str| Mistake {
            document: doc.id.clone(),
            token: doc.text[start..end].to_string(),
            kind,
            context: context(&doc.text, start, end),
            rule,
        };
        match (g, p) {
            (Some(gk), Some(ps)) => {
                report.overall.true_positives += 1;
                let by_gold = report.by_kind.entry(gk).or_default();
                by_gold.recall.true_positives += 1;
                by_gold.same_kind += u64::from(gk == ps.kind);
                report
                    .by_kind
                    .entry(ps.kind)
                    .or_default()
                    .precision
                    .true_positives += 1;
            }
            (Some(gk), None) => {
                report.overall.false_negatives += 1;
                report.by_kind.entry(gk).or_default().recall.false_negatives += 1;
                report.missed.push(mistake(gk, ""));
            }
            (None, Some(ps)) => {
                report.overall.false_positives += 1;
                report
                    .by_kind
                    .entry(ps.kind)
                    .or_default()
                    .precision
                    .false_positives += 1;
                report.false_alarms.push(mistake(ps.kind, ps.rule));
            }
            (None, None) => {}
        }
    }
}

/// Byte ranges of the maximal runs of letters and digits.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(30);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 30).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "{}[{}]{}",
        &text[a..start],
        &text[start..end],
        &text[end..b]
    )
    .replace('\n', "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_runs_of_letters_and_digits() {
        let t = "Dr. Ann-Marie O'Neil, 617-555-0100 é1";
        let words: Vec<&str> = tokens(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(
            words,
            ["Dr", "Ann", "Marie", "O", "Neil", "617", "555", "0100", "é1"]
        );
    }

    #[test]
    fn counts_give_recall_and_precision() {
        let c = Counts {
            true_positives: 9,
            false_positives: 1,
            false_negatives: 3,
        };
        assert_eq!(c.recall(), 0.75);
        assert_eq!(c.precision(), 0.9);
        assert_eq!(Counts::default().recall(), 1.0);
    }

    #[test]
    fn a_perfect_and_an_empty_detection_score_as_expected() {
        let doc = Document {
            id: "d".into(),
            text: "Call 617-555-0123 today about the plan.".into(),
            spans: vec![GoldSpan {
                start: 5,
                end: 17,
                kind: Kind::Phone,
            }],
        };
        let report = score(Detector::shared(), std::slice::from_ref(&doc));
        assert_eq!(report.overall.true_positives, 3);
        assert_eq!(report.overall.false_negatives, 0);
        let empty = Document {
            spans: vec![],
            ..doc
        };
        let report = score(Detector::shared(), &[empty]);
        assert_eq!(report.overall.false_positives, 3);
        assert_eq!(report.overall.precision(), 0.0);
    }
}
