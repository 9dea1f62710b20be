//! The parallel read: parse the chunks on the rayon pool, settle the first
//! problem in file order, then merge each column's chunk dictionaries into
//! one, in first-seen order over the whole file, and re-number the codes.

use hashbrown::HashMap;
use rayon::prelude::*;

use super::chunk::{self, Chunk, End, Problem, Source};
use super::Plan;
use crate::{Column, Error, Table};

/// Reads the body of `source` in parallel into a table of the columns at
/// `indices` in the file, called `names`. Also returns the number of
/// chunks. `None` when the streaming reader must read the file instead:
/// it holds a quote, or a record close to the size limit.
pub(super) fn read_parallel(
    source: &Source<'_>,
    file: &str,
    names: Vec<String>,
    indices: &[usize],
    plan: Plan,
) -> Result<Option<(Table, usize)>, Error> {
    let ranges = chunk::chunk_ranges(source, plan.max_chunks, plan.min_chunk_bytes);
    let mut slots = vec![None; source.width];
    for (slot, &index) in indices.iter().enumerate() {
        if let Some(entry) = slots.get_mut(index) {
            *entry = Some(slot);
        }
    }
    let chunks: Vec<Chunk<'_>> = ranges
        .par_iter()
        .map(|&range| chunk::parse(source, &slots, indices.len(), range))
        .collect();
    if !settle(source, file, &chunks)? {
        return Ok(None);
    }
    let rows = chunks.iter().map(|chunk| chunk.rows).sum();
    let columns = names
        .into_par_iter()
        .zip(indices.par_iter())
        .enumerate()
        .map(|(slot, (name, &index))| merge_column(&chunks, slot, rows, name, index))
        .collect::<Result<Vec<Column>, Error>>()?;
    Ok(Some((Table::from_columns(columns)?, ranges.len())))
}

/// Goes through the chunks in file order as the streaming reader would go
/// through the records: `Ok(true)` when all were read, the error of the
/// first refused record, or `Ok(false)` when the streaming reader must
/// decide (a quote anywhere, or a record close to the size limit before
/// any refused one).
fn settle(source: &Source<'_>, file: &str, chunks: &[Chunk<'_>]) -> Result<bool, Error> {
    if chunks.iter().any(|chunk| matches!(chunk.end, End::Quoted)) {
        return Ok(false);
    }
    let header = source.data.get(..source.body_start).unwrap_or_default();
    let mut line = 1 + memchr::memchr_iter(b'\n', header).count() as u64;
    // Bytes since the end of the last record before the current chunk.
    let mut carry = 0usize;
    for chunk in chunks {
        if chunk
            .first_end
            .is_some_and(|end| carry.saturating_add(end) > source.limit)
        {
            return Ok(false);
        }
        match &chunk.end {
            End::Complete => {}
            End::Quoted | End::TooLarge => return Ok(false),
            End::Failed {
                newlines_before,
                problem,
            } => {
                let line = line + newlines_before;
                return Err(refusal(problem, file, line, source.width));
            }
        }
        carry = match chunk.last_end {
            Some(end) => chunk.len.saturating_sub(end),
            None => carry.saturating_add(chunk.len),
        };
        line += chunk.newlines;
    }
    Ok(carry <= source.limit)
}

/// The error for `problem` in the record starting on `line` of `file`,
/// whose header line has `width` columns.
fn refusal(problem: &Problem, file: &str, line: u64, width: usize) -> Error {
    let file = file.to_owned();
    match *problem {
        Problem::Ragged { found } => Error::RaggedRow {
            file,
            line,
            expected: width,
            found,
        },
        Problem::InvalidUtf8 {
            column,
            byte_offset,
        } => Error::InvalidUtf8 {
            file,
            line,
            column,
            byte_offset,
        },
        Problem::TooManyDistinct { column } => Error::TooManyDistinctValues { column },
    }
}

/// Builds selected column `slot` (file column `index`, counted from 0) of
/// `rows` rows from its parts in all chunks.
fn merge_column(
    chunks: &[Chunk<'_>],
    slot: usize,
    rows: usize,
    name: String,
    index: usize,
) -> Result<Column, Error> {
    let parts = || chunks.iter().filter_map(|chunk| chunk.parts.get(slot));
    let most_values = parts().map(|part| part.values.len()).sum();
    let mut codes_of: HashMap<&str, u32> = HashMap::with_capacity(most_values);
    let mut dictionary: Vec<&str> = Vec::with_capacity(most_values);
    let mut codes = Vec::with_capacity(rows);
    let mut remap = Vec::new();
    for part in parts() {
        remap.clear();
        for &value in &part.values {
            let next = u32::try_from(dictionary.len())
                .map_err(|_| Error::TooManyDistinctValues { column: index + 1 })?;
            let code = *codes_of.entry(value).or_insert_with(|| {
                dictionary.push(value);
                next
            });
            remap.push(code);
        }
        // A code outside the chunk's dictionary cannot occur; if it did,
        // u32::MAX would make `Column::from_parts` report a damaged column.
        part.codes.remap_into(&remap, &mut codes);
    }
    let dictionary = dictionary.into_iter().map(str::to_owned).collect();
    Column::from_parts(name, dictionary, codes)
}
