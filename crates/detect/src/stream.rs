//! Span detection over a file or stream of any size: read in bounded pieces
//! cut at line ends, checked for binary content and invalid UTF-8, with
//! offsets reported in Unicode scalar values from the start of the stream.

use std::collections::BTreeMap;
use std::io::{self, Read};

use crate::{Detector, Kind};

/// Bytes read per piece; a piece ends at its last line break.
const PIECE_BYTES: usize = 4 << 20;

/// Why a stream could not be scanned. Messages name offsets, never text.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// Reading failed.
    #[error("could not read the text: {0}")]
    Io(#[from] io::Error),
    /// The bytes are not UTF-8.
    #[error("the text is not valid UTF-8 at byte offset {offset}; save it as UTF-8 and try again")]
    InvalidUtf8 {
        /// Offset of the first invalid byte from the start of the stream.
        offset: u64,
    },
    /// A NUL byte: the file is binary, not text.
    #[error("the file is binary, not text (NUL byte at byte offset {offset})")]
    Binary {
        /// Offset of the first NUL byte from the start of the stream.
        offset: u64,
    },
}

/// A span found in a stream, with offsets in Unicode scalar values.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamSpan {
    /// First character of the span, counted from the start of the stream.
    pub start: u64,
    /// One past the last character of the span.
    pub end: u64,
    /// What the span is.
    pub kind: Kind,
    /// How sure the detector is, 0 to 1.
    pub confidence: f32,
    /// The rule that produced the span.
    pub rule: &'static str,
    /// The span's text.
    pub text: String,
}

/// Totals of a scanned stream.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Bytes read.
    pub bytes: u64,
    /// Spans found.
    pub spans: u64,
    /// Spans found per kind (kinds with none are absent).
    pub by_kind: BTreeMap<Kind, u64>,
}

/// Runs `detector` over everything `reader` yields, calling `on_span` for each
/// span in order. Memory stays bounded by a few pieces of [`PIECE_BYTES`]
/// whatever the stream's size (a single line longer than a piece is cut at a
/// character boundary).
pub fn detect_stream(
    detector: &Detector,
    mut reader: impl Read,
    on_span: &mut dyn FnMut(StreamSpan),
) -> Result<StreamSummary, StreamError> {
    let mut summary = StreamSummary::default();
    let mut buf: Vec<u8> = Vec::with_capacity(PIECE_BYTES);
    let mut consumed_bytes: u64 = 0;
    let mut consumed_chars: u64 = 0;
    let mut eof = false;
    while !eof || !buf.is_empty() {
        if !eof {
            eof = fill(&mut reader, &mut buf)?;
        }
        if let Some(nul) = memchr::memchr(0, &buf) {
            return Err(StreamError::Binary {
                offset: consumed_bytes + nul as u64,
            });
        }
        let cut = if eof { buf.len() } else { piece_end(&buf) };
        let text = std::str::from_utf8(&buf[..cut]).map_err(|e| StreamError::InvalidUtf8 {
            offset: consumed_bytes + e.valid_up_to() as u64,
        })?;
        let mut chars = CharCounter::new(text);
        for span in detector.detect(text) {
            let start = consumed_chars + chars.at(span.start) as u64;
            let end = consumed_chars + chars.at(span.end) as u64;
            summary.spans += 1;
            *summary.by_kind.entry(span.kind).or_default() += 1;
            on_span(StreamSpan {
                start,
                end,
                kind: span.kind,
                confidence: span.confidence,
                rule: span.rule,
                text: text[span.start..span.end].to_string(),
            });
        }
        consumed_chars += chars.at(cut) as u64;
        consumed_bytes += cut as u64;
        buf.drain(..cut);
    }
    summary.bytes = consumed_bytes;
    Ok(summary)
}

/// Reads until `buf` holds a piece or the stream ends; returns whether it ended.
fn fill(reader: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<bool> {
    while buf.len() < PIECE_BYTES {
        let old = buf.len();
        buf.resize(PIECE_BYTES, 0);
        match reader.read(&mut buf[old..]) {
            Ok(0) => {
                buf.truncate(old);
                return Ok(true);
            }
            Ok(n) => buf.truncate(old + n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => buf.truncate(old),
            Err(e) => {
                buf.truncate(old);
                return Err(e);
            }
        }
    }
    Ok(false)
}

/// Where a full piece ends: after its last line break, else at its last
/// character boundary (a line longer than a piece).
fn piece_end(buf: &[u8]) -> usize {
    if let Some(nl) = memchr::memrchr(b'\n', buf) {
        return nl + 1;
    }
    let len = buf.len();
    let Some(lead) = (len.saturating_sub(4)..len)
        .rev()
        .find(|&i| (buf[i] & 0xC0) != 0x80)
    else {
        return len;
    };
    let width = match buf[lead] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    if lead + width <= len {
        len
    } else {
        lead
    }
}

/// Converts increasing byte offsets of a text into character offsets,
/// walking the text once.
pub(crate) struct CharCounter<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    /// A counter at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// Characters before byte offset `byte` (a character boundary). Offsets
    /// may go backwards, at the cost of counting again from the start.
    pub(crate) fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_scalar_values() {
        let text = "é 日本 x";
        let mut c = CharCounter::new(text);
        assert_eq!(c.at(0), 0);
        assert_eq!(c.at(2), 1);
        assert_eq!(c.at(text.len()), 6);
        assert_eq!(c.at(3), 2);
    }

    #[test]
    fn pieces_end_after_a_line_break_or_at_a_character_boundary() {
        assert_eq!(piece_end(b"ab\ncd"), 3);
        let s = "aé".as_bytes();
        assert_eq!(piece_end(&s[..2]), 1);
        assert_eq!(piece_end(s), 3);
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused_with_their_offsets() {
        let d = Detector::shared();
        let err = detect_stream(d, &b"abc\0def"[..], &mut |_| {}).unwrap_err();
        assert!(matches!(err, StreamError::Binary { offset: 3 }), "{err}");
        let err = detect_stream(d, &b"ok\n\xff\xfe"[..], &mut |_| {}).unwrap_err();
        assert!(
            matches!(err, StreamError::InvalidUtf8 { offset: 3 }),
            "{err}"
        );
        let summary = detect_stream(d, &b""[..], &mut |_| {}).unwrap();
        assert_eq!(summary, StreamSummary::default());
    }
}
