//! Span detection in free text.

use std::sync::OnceLock;

use crate::Kind;

/// An identifier found in a text, with byte offsets into that text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// Byte offset of the first byte of the span.
    pub start: usize,
    /// Byte offset one past the span's last byte.
    pub end: usize,
    /// What the span is.
    pub kind: Kind,
    /// How sure the detector is, 0 to 1.
    pub confidence: f32,
    /// The rule or evidence that produced the span, e.g. `ssn:labelled`.
    pub rule: &'static str,
}

/// The compiled detector: patterns, dictionaries and context rules.
pub struct Detector {}

impl Detector {
    /// Builds a detector from the compiled-in dictionaries.
    pub fn new() -> Self {
        Detector {}
    }

    /// The detector shared by the whole process, built on first use.
    pub fn shared() -> &'static Detector {
        static SHARED: OnceLock<Detector> = OnceLock::new();
        SHARED.get_or_init(Detector::new)
    }

    /// Every identifier in `text`, sorted by start, non-overlapping.
    pub fn detect(&self, text: &str) -> Vec<Span> {
        let _ = text;
        Vec::new()
    }
}

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}
