//! [`GuardedReader`]: the byte source under the CSV parser. It caps how far
//! the parser may read into one record, and finds where each record's text
//! really begins.
//!
//! The cap: the parser grows its record buffer until the record ends, so a
//! file with an unclosed quote or a gigabyte-long field would make it
//! allocate without bound. The guard counts the bytes it hands over and
//! fails the read once the current record has taken more than its budget.
//! The failure is an `io::Error` carrying a private marker, recognised with
//! [`is_record_too_large`].
//!
//! The start: the parser reports a record's position as the point where the
//! previous record ended, before any blank lines and before the `\n` of a
//! CRLF pair. The guard scans from that point past line-break bytes to the
//! record's first real byte, counting the line breaks it skips, so that
//! errors name the physical line the record starts on.

use std::fmt;
use std::io::{self, Read};

/// Extra bytes allowed beyond the record limit, because the parser reads
/// ahead in blocks and so is handed bytes of the next record early.
pub(crate) const READ_AHEAD_SLACK: u64 = 1 << 20;

/// The marker carried by the guard's `io::Error`.
#[derive(Debug)]
struct RecordTooLarge;

impl fmt::Display for RecordTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record exceeds the configured size limit")
    }
}

impl std::error::Error for RecordTooLarge {}

/// Whether `error` is the guard's "record too large" failure.
pub(crate) fn is_record_too_large(error: &io::Error) -> bool {
    error
        .get_ref()
        .is_some_and(|inner| inner.is::<RecordTooLarge>())
}

/// Where the current record's text begins, as far as scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordOrigin {
    /// Offset of the record's first byte that is not a line break; while
    /// still scanning, the offset scanned up to.
    pub(crate) offset: u64,
    /// Line breaks (`\n`) skipped between the record start and `offset`.
    pub(crate) skipped_lines: u64,
}

/// A reader that fails once too many bytes were read past the start of the
/// current record, and that locates each record's first byte.
#[derive(Debug)]
pub(crate) struct GuardedReader<R> {
    inner: R,
    budget: u64,
    handed_out: u64,
    record_start: u64,
    /// A copy of the bytes handed out by the latest read, which start at
    /// offset `handed_out - chunk.len()`. The parser's buffer only refills
    /// once it has used everything, so a record start always lies in this
    /// chunk or at its end.
    chunk: Vec<u8>,
    origin: RecordOrigin,
    scanning: bool,
}

impl<R: Read> GuardedReader<R> {
    /// Wraps `inner`, allowing about `max_record_bytes` per record. The
    /// first record starts at offset 0.
    pub(crate) fn new(inner: R, max_record_bytes: u64) -> Self {
        Self {
            inner,
            budget: max_record_bytes.saturating_add(READ_AHEAD_SLACK),
            handed_out: 0,
            record_start: 0,
            chunk: Vec::new(),
            origin: RecordOrigin {
                offset: 0,
                skipped_lines: 0,
            },
            scanning: true,
        }
    }

    /// Tells the guard that the next record starts at `offset`, a count of
    /// bytes handed out before it.
    pub(crate) fn set_record_start(&mut self, offset: u64) {
        self.record_start = offset;
        self.origin = RecordOrigin {
            offset,
            skipped_lines: 0,
        };
        self.scanning = true;
        self.scan_chunk();
    }

    /// Where the current record's text begins.
    pub(crate) fn record_origin(&self) -> RecordOrigin {
        self.origin
    }

    /// Continues the scan for the record's first byte through the chunk.
    fn scan_chunk(&mut self) {
        let chunk_start = self.handed_out.saturating_sub(self.chunk.len() as u64);
        let Some(skip) = self
            .origin
            .offset
            .checked_sub(chunk_start)
            .and_then(|skip| usize::try_from(skip).ok())
        else {
            return;
        };
        for &byte in self.chunk.iter().skip(skip) {
            match byte {
                b'\n' => self.origin.skipped_lines += 1,
                b'\r' => {}
                _ => {
                    self.scanning = false;
                    return;
                }
            }
            self.origin.offset += 1;
        }
    }
}

impl<R: Read> Read for GuardedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.handed_out.saturating_sub(self.record_start) > self.budget {
            return Err(io::Error::other(RecordTooLarge));
        }
        let read = self.inner.read(buf)?;
        let fresh = buf.get(..read).unwrap_or_default();
        self.chunk.clear();
        self.chunk.extend_from_slice(fresh);
        self.handed_out = self.handed_out.saturating_add(read as u64);
        if self.scanning {
            self.scan_chunk();
        }
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all<R: Read>(guard: &mut GuardedReader<R>, step: usize) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut buf = vec![0u8; step];
        loop {
            let read = guard.read(&mut buf)?;
            if read == 0 {
                return Ok(out);
            }
            out.extend_from_slice(&buf[..read]);
        }
    }

    #[test]
    fn fails_past_budget_until_record_start_moves() {
        let data = vec![b'x'; 4 << 20];
        let mut guard = GuardedReader::new(&data[..], 0);
        let mut buf = vec![0u8; 1 << 20];
        let mut total = 0u64;
        let error = loop {
            match guard.read(&mut buf) {
                Ok(read) => total += read as u64,
                Err(error) => break error,
            }
        };
        assert!(is_record_too_large(&error));
        assert_eq!(total, 2 << 20);
        guard.set_record_start(total);
        assert_eq!(guard.read(&mut buf).ok(), Some(1 << 20));
    }

    #[test]
    fn other_errors_are_not_the_marker() {
        assert!(!is_record_too_large(&io::Error::other("disk gone")));
        assert!(!is_record_too_large(&io::Error::from(
            io::ErrorKind::NotFound
        )));
    }

    #[test]
    fn first_record_skips_leading_blank_lines() {
        let mut guard = GuardedReader::new(&b"\r\n\nab"[..], 100);
        assert!(read_all(&mut guard, 2).is_ok());
        let origin = guard.record_origin();
        assert_eq!(
            origin,
            RecordOrigin {
                offset: 3,
                skipped_lines: 2
            }
        );
    }

    #[test]
    fn origin_found_within_current_chunk() {
        let mut guard = GuardedReader::new(&b"ab\r\n\ncd"[..], 100);
        let mut buf = [0u8; 16];
        assert_eq!(guard.read(&mut buf).ok(), Some(7));
        guard.set_record_start(3);
        assert_eq!(
            guard.record_origin(),
            RecordOrigin {
                offset: 5,
                skipped_lines: 2
            }
        );
    }

    #[test]
    fn origin_scan_continues_into_later_chunks() {
        let mut guard = GuardedReader::new(&b"ab\n\n\n\nc"[..], 100);
        let mut buf = [0u8; 3];
        assert_eq!(guard.read(&mut buf).ok(), Some(3));
        guard.set_record_start(3);
        assert_eq!(
            guard.record_origin(),
            RecordOrigin {
                offset: 3,
                skipped_lines: 0
            }
        );
        assert!(read_all(&mut guard, 3).is_ok());
        assert_eq!(
            guard.record_origin(),
            RecordOrigin {
                offset: 6,
                skipped_lines: 3
            }
        );
    }
}
