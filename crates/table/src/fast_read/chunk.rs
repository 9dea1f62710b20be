//! Splitting a file body without quotes into chunks, and parsing one chunk.
//!
//! Without quotes, the CSV parser's grammar is simple: every `\r` and `\n`
//! ends a record, runs of them between records are skipped (blank lines),
//! and the delimiter separates fields. A record's physical line is one more
//! than the number of `\n` bytes before it. Chunks are cut just before the
//! first byte of a record, so every record lies in one chunk.
//!
//! A chunk's UTF-8 is checked in one pass over all its bytes, whatever the
//! column; only when that fails is the bad field located. Each chunk keeps
//! one dictionary per selected column, with values in first-seen order,
//! keyed by the field's bytes: packed into a `u64` when there are at most
//! seven of them, the common case, so that a lookup compares two integers.

use hashbrown::HashMap;
use memchr::{memchr, memchr2, memchr_iter, memrchr2};

use super::codes::Codes;
use super::scan::Specials;

/// The input and what is known from its header line.
pub(super) struct Source<'a> {
    /// The whole file.
    pub(super) data: &'a [u8],
    /// Offset of the first byte after the header record.
    pub(super) body_start: usize,
    /// The field delimiter.
    pub(super) delimiter: u8,
    /// The number of columns in the header line.
    pub(super) width: usize,
    /// The longest record span accepted without asking the streaming reader.
    pub(super) limit: usize,
}

/// The ranges of the chunks, covering the body from `body_start` to the
/// end of the data: at most `max_chunks` of about equal size, none smaller
/// than `min_chunk_bytes` unless the body is.
pub(super) fn chunk_ranges(
    source: &Source<'_>,
    max_chunks: usize,
    min_chunk_bytes: usize,
) -> Vec<(usize, usize)> {
    let data = source.data;
    let start = source.body_start.min(data.len());
    let body_len = data.len() - start;
    let pieces = (body_len / min_chunk_bytes.max(1)).clamp(1, max_chunks.max(1));
    let mut ranges = Vec::with_capacity(pieces);
    let mut from = start;
    for piece in 1..pieces {
        let nominal = start + body_len / pieces * piece;
        let Some(cut) = next_record_start(data, nominal.max(from)) else {
            break;
        };
        if cut > from {
            ranges.push((from, cut));
            from = cut;
        }
    }
    ranges.push((from, data.len()));
    ranges
}

/// The first record start after the first `\n` at or after `at`: the
/// first byte there that is not a line break. `None` at the end of the data.
fn next_record_start(data: &[u8], at: usize) -> Option<usize> {
    let newline = at + memchr(b'\n', data.get(at..)?)?;
    let rest = data.get(newline..)?;
    let breaks = rest
        .iter()
        .position(|&byte| byte != b'\n' && byte != b'\r')?;
    Some(newline + breaks)
}

/// The value of `len` bytes at `start` in `bytes` packed into a `u64` with
/// its length in the top byte, when `len` is at most seven.
#[inline(always)]
fn short_key(bytes: &[u8], start: usize, len: usize) -> Option<u64> {
    if len > 7 {
        return None;
    }
    let mut word = [0u8; 8];
    match bytes.get(start..start + 8) {
        Some(eight) => word.copy_from_slice(eight),
        None => {
            let value = bytes.get(start..start + len)?;
            word.iter_mut()
                .zip(value)
                .for_each(|(to, &from)| *to = from);
        }
    }
    let value_bits = u64::from_le_bytes(word) & ((1u64 << (8 * len)) - 1);
    Some(value_bits | ((len as u64) << 56))
}

/// Entries of the cache in front of a part's index of short values.
const CACHE_SLOTS: usize = 128;

/// A key no value has: its length byte is 0xFF.
const NO_KEY: u64 = u64::MAX;

/// One selected column's part of a chunk.
pub(super) struct Part<'a> {
    /// Recently used short values and their codes, by a hash of the key:
    /// most columns worth grouping on have few distinct values, and then
    /// almost every lookup ends here.
    cache: Box<[(u64, u32); CACHE_SLOTS]>,
    /// Codes of the values of at most seven bytes, by [`short_key`].
    short: HashMap<u64, u32>,
    /// Codes of the longer values.
    long: HashMap<&'a [u8], u32>,
    /// The distinct values, in first-seen order.
    pub(super) values: Vec<&'a str>,
    /// One code per record: an index into `values`.
    pub(super) codes: Codes,
}

impl Part<'_> {
    /// The code of the short value `key`, if it was seen before.
    #[inline(always)]
    fn short_code(&mut self, key: u64) -> Option<u32> {
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 57) as usize % CACHE_SLOTS;
        let entry = self.cache.get_mut(slot)?;
        if entry.0 == key {
            return Some(entry.1);
        }
        let code = self.short.get(&key).copied()?;
        *entry = (key, code);
        Some(code)
    }
}

/// How the parse of a chunk ended.
pub(super) enum End {
    /// Every record was read.
    Complete,
    /// The chunk holds a double quote: the streaming reader must parse the file.
    Quoted,
    /// A record comes close to the record size limit: the streaming reader
    /// must decide.
    TooLarge,
    /// The record after `newlines_before` line breaks of the chunk is refused.
    Failed {
        /// `\n` bytes in the chunk before the refused record.
        newlines_before: u64,
        /// What is wrong with it.
        problem: Problem,
    },
}

/// What is wrong with a refused record.
pub(super) enum Problem {
    /// It has `found` fields instead of one per header column.
    Ragged {
        /// Its number of fields.
        found: usize,
    },
    /// A field is not UTF-8.
    InvalidUtf8 {
        /// The field's column, counted from 1.
        column: usize,
        /// Offset in the file of the first bad byte.
        byte_offset: u64,
    },
    /// A column has more distinct values than a code can number.
    TooManyDistinct {
        /// The column, counted from 1.
        column: usize,
    },
}

/// The result of parsing one chunk.
pub(super) struct Chunk<'a> {
    /// One part per selected column.
    pub(super) parts: Vec<Part<'a>>,
    /// Records read (all complete unless the parse failed).
    pub(super) rows: usize,
    /// The chunk's length in bytes.
    pub(super) len: usize,
    /// `\n` bytes read, all of the chunk's unless the parse stopped early.
    pub(super) newlines: u64,
    /// The first record's end (the offset of its line break, or the chunk's
    /// length) counted from the chunk start; `None` without records.
    pub(super) first_end: Option<usize>,
    /// One past the last record's end; `None` without records.
    pub(super) last_end: Option<usize>,
    /// How the parse ended.
    pub(super) end: End,
}

/// Parses the chunk `range` of `source`. `slots` maps each file column to
/// its place among the `parts` selected columns.
pub(super) fn parse<'a>(
    source: &Source<'a>,
    slots: &[Option<usize>],
    parts: usize,
    range: (usize, usize),
) -> Chunk<'a> {
    let bytes = source.data.get(range.0..range.1).unwrap_or_default();
    let quoted = memchr(b'"', bytes).is_some();
    let rows = if quoted { 0 } else { estimated_rows(bytes) };
    let mut parser = Parser {
        delimiter: source.delimiter,
        width: source.width,
        limit: source.limit,
        slots,
        start: range.0,
        chunk: Chunk {
            parts: (0..parts)
                .map(|_| Part {
                    cache: Box::new([(NO_KEY, 0); CACHE_SLOTS]),
                    short: HashMap::new(),
                    long: HashMap::new(),
                    values: Vec::new(),
                    codes: Codes::with_capacity(rows),
                })
                .collect(),
            rows: 0,
            len: bytes.len(),
            newlines: 0,
            first_end: None,
            last_end: None,
            end: End::Complete,
        },
    };
    if quoted {
        parser.chunk.end = End::Quoted;
        return parser.chunk;
    }
    let bad = std::str::from_utf8(bytes).err().map(|error| {
        let bad = error.valid_up_to();
        let record = bytes
            .get(..bad)
            .and_then(|before| memrchr2(b'\n', b'\r', before))
            .map_or(0, |newline| newline + 1);
        (record, bad)
    });
    let valid = bytes.get(..bad.map_or(bytes.len(), |(record, _)| record));
    let outcome = parser
        .run(valid.unwrap_or_default())
        .and_then(|()| match bad {
            Some((record, bad)) => parser.bad_record(bytes, record, bad),
            None => Ok(()),
        });
    if let Err(end) = outcome {
        parser.chunk.end = end;
    }
    parser.chunk
}

/// About how many records `bytes` holds, judged from its first 64 KiB.
fn estimated_rows(bytes: &[u8]) -> usize {
    let sample = bytes.get(..64 * 1024).unwrap_or(bytes);
    let lines = memchr_iter(b'\n', sample).count().max(1);
    bytes.len() / (sample.len() / lines).max(1) + 1
}

/// The state of one chunk's parse.
struct Parser<'s, 'a> {
    delimiter: u8,
    width: usize,
    limit: usize,
    slots: &'s [Option<usize>],
    /// Offset of the chunk in the file.
    start: usize,
    chunk: Chunk<'a>,
}

impl<'a> Parser<'_, 'a> {
    /// Parses `bytes`, which hold valid UTF-8 and end at the chunk's end or
    /// just after a line break.
    fn run(&mut self, bytes: &'a [u8]) -> Result<(), End> {
        let delimiter = self.delimiter;
        let mut field_start = 0;
        let mut field = 0;
        for at in Specials::new(bytes, delimiter) {
            if bytes.get(at) == Some(&delimiter) {
                self.cell(field, bytes, field_start, at)?;
                field += 1;
            } else {
                if field > 0 || at > field_start {
                    self.cell(field, bytes, field_start, at)?;
                    self.end_record(at, field + 1)?;
                    field = 0;
                }
                if bytes.get(at) == Some(&b'\n') {
                    self.chunk.newlines += 1;
                }
            }
            field_start = at + 1;
        }
        if field > 0 || field_start < bytes.len() {
            self.cell(field, bytes, field_start, bytes.len())?;
            self.end_record(bytes.len(), field + 1)?;
        }
        Ok(())
    }

    /// Adds field number `field` (from 0) of the current record, the bytes
    /// `start..end` of the chunk, to its column's part if it was selected.
    #[inline(always)]
    fn cell(&mut self, field: usize, bytes: &'a [u8], start: usize, end: usize) -> Result<(), End> {
        let Some(part) = self
            .slots
            .get(field)
            .copied()
            .flatten()
            .and_then(|slot| self.chunk.parts.get_mut(slot))
        else {
            return Ok(());
        };
        let value = bytes.get(start..end).unwrap_or_default();
        let key = short_key(bytes, start, value.len());
        let found = match key {
            Some(key) => part.short_code(key),
            None => part.long.get(value).copied(),
        };
        let code = match found {
            Some(code) => code,
            None => {
                let newlines_before = self.chunk.newlines;
                let failed = |problem| End::Failed {
                    newlines_before,
                    problem,
                };
                let text = std::str::from_utf8(value).map_err(|error| {
                    failed(Problem::InvalidUtf8 {
                        column: field + 1,
                        byte_offset: (self.start + start + error.valid_up_to()) as u64,
                    })
                })?;
                let code = u32::try_from(part.values.len())
                    .map_err(|_| failed(Problem::TooManyDistinct { column: field + 1 }))?;
                part.values.push(text);
                match key {
                    Some(key) => {
                        part.short.insert(key, code);
                    }
                    None => {
                        part.long.insert(value, code);
                    }
                }
                code
            }
        };
        part.codes.push(code);
        Ok(())
    }

    /// Checks the record that ends at `end` (its line break, or the end of
    /// the chunk) with `fields` fields, as the streaming reader would: first
    /// its length, then its width.
    fn end_record(&mut self, end: usize, fields: usize) -> Result<(), End> {
        match self.chunk.last_end {
            None => self.chunk.first_end = Some(end),
            Some(previous) if end.saturating_sub(previous) > self.limit => {
                return Err(End::TooLarge)
            }
            Some(_) => {}
        }
        self.chunk.last_end = Some(end + 1);
        if fields != self.width {
            return Err(End::Failed {
                newlines_before: self.chunk.newlines,
                problem: Problem::Ragged { found: fields },
            });
        }
        self.chunk.rows += 1;
        Ok(())
    }

    /// Refuses the record starting at `record` in `bytes` that holds the
    /// first invalid UTF-8, at `bad`: as too large, as ragged or, if neither,
    /// for its bad text in the field holding `bad`. The fields before that one
    /// are valid, so the streaming reader refuses the same field.
    fn bad_record(&mut self, bytes: &[u8], record: usize, bad: usize) -> Result<(), End> {
        let rest = bytes.get(record..).unwrap_or_default();
        let length = memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
        let text = rest.get(..length).unwrap_or_default();
        let fields = memchr_iter(self.delimiter, text).count() + 1;
        self.end_record(record + length, fields)?;
        let before = bytes.get(record..bad).unwrap_or_default();
        Err(End::Failed {
            newlines_before: self.chunk.newlines,
            problem: Problem::InvalidUtf8 {
                column: memchr_iter(self.delimiter, before).count() + 1,
                byte_offset: (self.start + bad) as u64,
            },
        })
    }
}
