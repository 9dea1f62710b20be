//! Streaming input of delimited text: [`CsvOptions`], [`CsvReader`] and
//! [`read_csv`].
//!
//! The reader strips a UTF-8 byte-order mark, detects the delimiter, reads
//! and checks the header line, then yields the records in dictionary-encoded
//! batches. It accepts LF and CRLF line ends and RFC 4180 quoting
//! (delimiters, doubled quotes and line breaks inside quotes). Every
//! malformed input ends in an [`Error`] naming the file, the physical line
//! the record starts on and the column; never the data itself.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;

use csv::ByteRecord;

use crate::guard::{is_record_too_large, GuardedReader};
use crate::{sniff_delimiter, Error, Table};

/// How many bytes from the start of the input are used to detect the delimiter.
const SNIFF_BYTES: u64 = 64 * 1024;

/// The UTF-8 byte-order mark some programs write at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The byte source under the CSV parser: the sniffed sample (without any
/// byte-order mark) followed by the rest of the input.
type Source<R> = GuardedReader<io::Chain<Cursor<Vec<u8>>, R>>;

/// Options for reading delimited text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// The field delimiter, or `None` to detect it (tab for `.tsv` files,
    /// otherwise [`sniff_delimiter`] on the first 64 KiB).
    pub delimiter: Option<u8>,
    /// The most rows in one batch from [`CsvReader::next_batch`]; 0 counts as 1.
    pub batch_rows: usize,
    /// The largest record, in bytes, that will be read; larger records fail
    /// with [`Error::RecordTooLarge`] instead of exhausting memory.
    pub max_record_bytes: u64,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self {
            delimiter: None,
            batch_rows: 65_536,
            max_record_bytes: 64 << 20,
        }
    }
}

/// Streaming reader of a delimited text file, yielding the rows in
/// dictionary-encoded batches.
///
/// The header line is read and checked when the reader is created. After
/// [`CsvReader::next_batch`] returns an error, the input is abandoned and
/// later calls return `Ok(None)`: callers must treat the error as final.
pub struct CsvReader<R: Read> {
    parser: csv::Reader<Source<R>>,
    file: String,
    headers: Vec<String>,
    delimiter: u8,
    batch_rows: usize,
    max_record_bytes: u64,
    record: ByteRecord,
    bom_len: u64,
    /// The parser's line number at the start of the next record.
    next_start_line: u64,
    /// Physical line and byte offset (after any byte-order mark) of the
    /// current record's first byte.
    record_line: u64,
    record_offset: u64,
    bytes_read: u64,
    rows_read: u64,
    total_bytes: Option<u64>,
    finished: bool,
}

impl CsvReader<File> {
    /// Opens the file at `path` and reads its header line.
    ///
    /// Without a delimiter in `options`, a file whose name ends in `.tsv`
    /// is read as tab-separated and any other is sniffed.
    pub fn open(path: &Path, options: &CsvOptions) -> Result<Self, Error> {
        let label = path.display().to_string();
        let file = File::open(path).map_err(|source| Error::Io {
            file: label.clone(),
            source,
        })?;
        let total_bytes = file.metadata().ok().map(|metadata| metadata.len());
        let is_tsv = path
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("tsv"));
        let delimiter = options.delimiter.or(is_tsv.then_some(b'\t'));
        Self::start(file, label, options, delimiter, total_bytes)
    }
}

impl<R: Read> CsvReader<R> {
    /// Reads delimited text from `reader` and reads its header line.
    /// `source` names the input in error messages (the file path as given).
    /// Without a delimiter in `options`, it is sniffed.
    pub fn from_reader(reader: R, source: &str, options: &CsvOptions) -> Result<Self, Error> {
        Self::start(reader, source.to_owned(), options, options.delimiter, None)
    }

    fn start(
        mut input: R,
        file: String,
        options: &CsvOptions,
        delimiter: Option<u8>,
        total_bytes: Option<u64>,
    ) -> Result<Self, Error> {
        if let Some(delimiter) = delimiter.filter(|&byte| !is_usable_delimiter(byte)) {
            return Err(Error::InvalidDelimiter { file, delimiter });
        }
        let mut sample = Vec::new();
        if let Err(source) = input.by_ref().take(SNIFF_BYTES).read_to_end(&mut sample) {
            return Err(Error::Io { file, source });
        }
        let bom_len = if sample.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let body = sample.get(bom_len..).unwrap_or_default();
        let whole_input = (sample.len() as u64) < SNIFF_BYTES;
        if whole_input && body.iter().all(u8::is_ascii_whitespace) {
            return Err(Error::Empty { file });
        }
        let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(body));
        let mut prefix = Cursor::new(sample);
        prefix.set_position(bom_len as u64);
        let parser = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(GuardedReader::new(
                prefix.chain(input),
                options.max_record_bytes,
            ));
        let mut reader = Self {
            parser,
            file,
            headers: Vec::new(),
            delimiter,
            batch_rows: options.batch_rows.max(1),
            max_record_bytes: options.max_record_bytes,
            record: ByteRecord::new(),
            bom_len: bom_len as u64,
            next_start_line: 1,
            record_line: 1,
            record_offset: 0,
            bytes_read: 0,
            rows_read: 0,
            total_bytes,
            finished: false,
        };
        reader.headers = reader.read_headers()?;
        Ok(reader)
    }

    /// The column names from the header line, trimmed of surrounding white space.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The field delimiter in use, given or detected.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Reads the next batch of up to `batch_rows` rows; `None` once the
    /// input is exhausted (or abandoned after an error).
    pub fn next_batch(&mut self) -> Result<Option<Table>, Error> {
        if self.finished {
            return Ok(None);
        }
        let mut table = Table::new(self.headers.clone());
        while table.n_rows() < self.batch_rows {
            match self.read_row_into(&mut table) {
                Ok(true) => {}
                Ok(false) => {
                    self.finished = true;
                    break;
                }
                Err(error) => {
                    self.finished = true;
                    return Err(error);
                }
            }
        }
        Ok((table.n_rows() > 0).then_some(table))
    }

    /// Bytes of the input consumed so far, including any byte-order mark;
    /// compare with [`CsvReader::total_bytes`] for progress.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Data rows (not counting the header line) read so far.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// The size of the input in bytes, when known (files opened with
    /// [`CsvReader::open`]).
    pub fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    fn read_headers(&mut self) -> Result<Vec<String>, Error> {
        if !self.read_record()? {
            return Err(Error::Empty {
                file: self.file.clone(),
            });
        }
        let names: Vec<String> = self
            .record_cells()?
            .into_iter()
            .map(|name| name.trim().to_owned())
            .collect();
        let mut seen = std::collections::HashMap::with_capacity(names.len());
        for (index, name) in names.iter().enumerate() {
            if name.is_empty() {
                return Err(Error::EmptyHeader {
                    file: self.file.clone(),
                    column: index + 1,
                });
            }
            if let Some(first) = seen.insert(name.as_str(), index) {
                return Err(Error::DuplicateHeader {
                    file: self.file.clone(),
                    column: index + 1,
                    first_column: first + 1,
                });
            }
        }
        Ok(names)
    }

    /// Reads one data record and appends it to `table`; `false` at the end.
    fn read_row_into(&mut self, table: &mut Table) -> Result<bool, Error> {
        if !self.read_record()? {
            return Ok(false);
        }
        if self.record.len() != self.headers.len() {
            return Err(Error::RaggedRow {
                file: self.file.clone(),
                line: self.record_line,
                expected: self.headers.len(),
                found: self.record.len(),
            });
        }
        table.push_row(&self.record_cells()?)?;
        self.rows_read += 1;
        Ok(true)
    }

    /// Reads the next record into `self.record` and notes where it starts.
    fn read_record(&mut self) -> Result<bool, Error> {
        let result = self.parser.read_byte_record(&mut self.record);
        let origin = self.parser.get_ref().record_origin();
        self.record_line = self.next_start_line.saturating_add(origin.skipped_lines);
        self.record_offset = origin.offset;
        match result {
            Ok(more) => {
                let (end_line, end_byte) =
                    (self.parser.position().line(), self.parser.position().byte());
                self.next_start_line = end_line;
                self.bytes_read = self.bom_len.saturating_add(end_byte);
                self.parser.get_mut().set_record_start(end_byte);
                Ok(more)
            }
            Err(error) => Err(self.convert_error(error)),
        }
    }

    /// The current record's fields as text, or [`Error::InvalidUtf8`].
    fn record_cells(&self) -> Result<Vec<&str>, Error> {
        self.record
            .iter()
            .enumerate()
            .map(|(index, field)| {
                std::str::from_utf8(field).map_err(|error| self.invalid_utf8(index, &error))
            })
            .collect()
    }

    /// The error for invalid UTF-8 in field `index` of the current record.
    /// The offset adds the field's start within the unescaped record and one
    /// delimiter per earlier field; quotes are not counted, so it is exact
    /// only when no field up to this one is quoted.
    fn invalid_utf8(&self, index: usize, error: &std::str::Utf8Error) -> Error {
        let field_start = self.record.range(index).map_or(0, |range| range.start);
        let within_record = field_start
            .saturating_add(index)
            .saturating_add(error.valid_up_to());
        Error::InvalidUtf8 {
            file: self.file.clone(),
            line: self.record_line,
            column: index + 1,
            byte_offset: self
                .bom_len
                .saturating_add(self.record_offset)
                .saturating_add(within_record as u64),
        }
    }

    fn convert_error(&self, error: csv::Error) -> Error {
        let message = error.to_string();
        match error.into_kind() {
            csv::ErrorKind::Io(source) if is_record_too_large(&source) => Error::RecordTooLarge {
                file: self.file.clone(),
                line: self.record_line,
                limit_bytes: self.max_record_bytes,
            },
            csv::ErrorKind::Io(source) => Error::Io {
                file: self.file.clone(),
                source,
            },
            _ => Error::Csv {
                file: self.file.clone(),
                line: self.record_line,
                message,
            },
        }
    }
}

/// Reads a whole delimited text file into one [`Table`].
pub fn read_csv(path: &Path, options: &CsvOptions) -> Result<Table, Error> {
    let mut reader = CsvReader::open(path, options)?;
    let mut table = Table::new(reader.headers().to_vec());
    while let Some(batch) = reader.next_batch()? {
        if table.n_rows() == 0 {
            table = batch;
        } else {
            table.append(&batch)?;
        }
    }
    Ok(table)
}

/// Whether `byte` can separate fields: ASCII, and not a quote or line break.
fn is_usable_delimiter(byte: u8) -> bool {
    byte.is_ascii() && !matches!(byte, b'"' | b'\r' | b'\n')
}

#[cfg(test)]
mod tests;
