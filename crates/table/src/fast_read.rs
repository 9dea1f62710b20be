//! [`read_csv_columns`]: a whole delimited text file read into a [`Table`]
//! of only the named columns, in parallel when the file allows it.
//!
//! The file is read into memory and its header line checked by the
//! streaming [`CsvReader`], so byte-order mark, delimiter detection and
//! header errors are exactly those of [`crate::read_csv`]. When the rest
//! of the file holds no double quote, it is split at line breaks into
//! chunks that are parsed on the rayon thread pool (see [`chunk`]) and
//! whose dictionaries are then merged in file order (see [`merge`]).
//! Everything else goes through the streaming reader with the unwanted
//! columns dropped batch by batch: files with quotes, files larger than
//! [`MAX_IN_MEMORY_BYTES`] and pipes or devices (streamed from disk, so
//! memory stays bounded) and files with a record close to
//! [`CsvOptions::max_record_bytes`] (where the streaming reader's exact
//! limit decides).
//!
//! Either way the result and every error are those of [`crate::read_csv`]
//! followed by dropping the unwanted columns; only the order of the columns
//! and [`Error::UnknownColumn`] are new.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::guard::READ_AHEAD_SLACK;
use crate::{CsvOptions, CsvReader, Error, Table};

mod chunk;
mod codes;
mod load;
mod merge;
mod scan;

/// [`read_csv_columns`] streams files larger than this instead of reading
/// them into memory.
pub const MAX_IN_MEMORY_BYTES: u64 = 1 << 30;

/// Chunks per rayon thread: a few more chunks than threads keeps every
/// thread busy when another process competes for the cores.
const CHUNKS_PER_THREAD: usize = 4;

/// The smallest chunk worth handing to another thread.
const MIN_CHUNK_BYTES: usize = 256 * 1024;

/// How far below the streaming reader's record limit a record may come
/// before the streaming reader is asked to decide. The fast path measures
/// record lengths only to within a few bytes, the streaming reader enforces
/// its limit to within one read block (8 KiB).
const LIMIT_MARGIN: u64 = 64 * 1024;

/// Reads the columns named in `columns` of the delimited text file at
/// `path` into one [`Table`].
///
/// The table's columns are in the order of `columns`, not in file order; a
/// name given twice yields its column once, at its first place. With no
/// names the table has no columns (and so no rows), but the whole file is
/// still checked. Names are matched exactly against the header names,
/// which are trimmed of surrounding white space as [`CsvReader::headers`]
/// does.
///
/// The cells, each column's dictionary (first-seen order over the whole
/// file) and the codes are exactly those of [`crate::read_csv`] with the
/// other columns dropped, and a file that [`crate::read_csv`] refuses is
/// refused with the same error, whichever column is at fault: bad UTF-8 or
/// a ragged record in a column that was not asked for still fails the read.
/// `options.batch_rows` only matters for files that are streamed.
///
/// # Errors
///
/// Every error of [`crate::read_csv`], and [`Error::UnknownColumn`] when a
/// name is not in the header line; that is checked right after the header
/// line, before any record is read.
pub fn read_csv_columns(
    path: &Path,
    options: &CsvOptions,
    columns: &[&str],
) -> Result<Table, Error> {
    read_with_plan(path, options, columns, Plan::default()).map(|(table, _)| table)
}

/// How the work is divided; tests shrink the chunks to exercise merging.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    /// The most chunks to parse.
    pub(crate) max_chunks: usize,
    /// The smallest chunk, in bytes.
    pub(crate) min_chunk_bytes: usize,
    /// Larger files are streamed.
    pub(crate) max_in_memory_bytes: u64,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            max_chunks: rayon::current_num_threads().saturating_mul(CHUNKS_PER_THREAD),
            min_chunk_bytes: MIN_CHUNK_BYTES,
            max_in_memory_bytes: MAX_IN_MEMORY_BYTES,
        }
    }
}

/// Which way a table was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    /// Parsed from memory in this many chunks.
    Parallel(usize),
    /// Read by the streaming reader.
    Streamed,
}

/// [`read_csv_columns`] with a given division of work, also telling which
/// way the table was read.
pub(crate) fn read_with_plan(
    path: &Path,
    options: &CsvOptions,
    columns: &[&str],
    plan: Plan,
) -> Result<(Table, Route), Error> {
    let label = path.display().to_string();
    let io_error = |source| Error::Io {
        file: label.clone(),
        source,
    };
    let is_tsv = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("tsv"));
    // As `CsvReader::open` does.
    let options = CsvOptions {
        delimiter: options.delimiter.or(is_tsv.then_some(b'\t')),
        ..options.clone()
    };
    let mut file = File::open(path).map_err(io_error)?;
    let in_memory = file
        .metadata()
        .ok()
        .filter(|metadata| metadata.is_file() && metadata.len() <= plan.max_in_memory_bytes);
    let Some(size) = in_memory.map(|metadata| metadata.len()) else {
        let reader = CsvReader::from_reader(file, &label, &options)?;
        let selected = select(&reader, &label, columns)?;
        return Ok((read_streamed(reader, &selected)?, Route::Streamed));
    };
    let data = load::load(&mut file, size).map_err(io_error)?;
    let reader = CsvReader::from_reader(data.as_slice(), &label, &options)?;
    let selected = select(&reader, &label, columns)?;
    let body_start = usize::try_from(reader.bytes_read()).unwrap_or(usize::MAX);
    let source = chunk::Source {
        data: &data,
        body_start,
        delimiter: reader.delimiter(),
        width: reader.headers().len(),
        limit: span_limit(options.max_record_bytes),
    };
    let names = selected.iter().map(|&(_, name)| name.to_owned()).collect();
    let indices: Vec<usize> = selected.iter().map(|&(index, _)| index).collect();
    match merge::read_parallel(&source, &label, names, &indices, plan)? {
        Some((table, chunks)) => Ok((table, Route::Parallel(chunks))),
        None => {
            let reader = CsvReader::from_reader(data.as_slice(), &label, &options)?;
            Ok((read_streamed(reader, &selected)?, Route::Streamed))
        }
    }
}

/// The file index and name of each requested column, without repeats.
fn select<'a, R: Read>(
    reader: &CsvReader<R>,
    label: &str,
    columns: &[&'a str],
) -> Result<Vec<(usize, &'a str)>, Error> {
    let headers = reader.headers();
    let mut selected: Vec<(usize, &str)> = Vec::with_capacity(columns.len());
    for &name in columns {
        let Some(index) = headers.iter().position(|header| header == name) else {
            return Err(Error::UnknownColumn {
                file: label.to_owned(),
                name: name.to_owned(),
                available: headers.to_vec(),
            });
        };
        if !selected.iter().any(|&(seen, _)| seen == index) {
            selected.push((index, name));
        }
    }
    Ok(selected)
}

/// Reads the rest of `reader`'s input batch by batch, keeping only the
/// `selected` columns.
fn read_streamed<R: Read>(
    mut reader: CsvReader<R>,
    selected: &[(usize, &str)],
) -> Result<Table, Error> {
    let project = |batch: &Table| {
        let columns = selected
            .iter()
            .filter_map(|&(index, _)| batch.column(index).cloned())
            .collect();
        Table::from_columns(columns)
    };
    let names = selected.iter().map(|&(_, name)| name.to_owned()).collect();
    let mut table = Table::new(names);
    while let Some(batch) = reader.next_batch()? {
        let part = project(&batch)?;
        if table.n_rows() == 0 {
            table = part;
        } else {
            table.append(&part).map_err(|error| match error {
                // Name the column as `read_csv` would: by its place in the file.
                Error::TooManyDistinctValues { column } => Error::TooManyDistinctValues {
                    column: column
                        .checked_sub(1)
                        .and_then(|slot| selected.get(slot))
                        .map_or(column, |&(index, _)| index + 1),
                },
                other => other,
            })?;
        }
    }
    Ok(table)
}

/// The longest record, counted from the end of the previous one, that the
/// fast path may accept without asking the streaming reader.
fn span_limit(max_record_bytes: u64) -> usize {
    let budget = max_record_bytes.saturating_add(READ_AHEAD_SLACK);
    usize::try_from(budget.saturating_sub(LIMIT_MARGIN)).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests;
