//! Importing a delimited file into the vault: streaming read, source fingerprint, progress
//! and cancellation, all in the vault's single import transaction.

use std::cell::RefCell;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;

use serde::Serialize;
use sha2::{Digest, Sha256};
use table::{CsvOptions, CsvReader};
use vault::{ImportOutcome, SourceFacts, UnlockedVault, CHUNK_ROWS};

use crate::Error;

/// How far an import has got, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    /// Bytes of the source read so far.
    pub bytes_read: u64,
    /// Size of the source, when known.
    pub total_bytes: Option<u64>,
    /// Data rows read so far.
    pub rows_read: u64,
}

/// An import's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRequest {
    /// Name of the new dataset.
    pub name: String,
    /// Field delimiter; `None` sniffs it (tab for `.tsv`).
    pub delimiter: Option<u8>,
}

/// An import ready to run with its own vault connection, so a shell can run it on a worker
/// thread while the session stays usable.
pub struct ImportJob {
    pub(crate) vault: UnlockedVault,
}

/// Feeds every byte the CSV reader pulls into a running SHA-256.
struct Fingerprinting<R> {
    inner: R,
    state: Rc<RefCell<(Sha256, u64)>>,
}

impl<R: Read> Read for Fingerprinting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut state = self.state.borrow_mut();
        state.0.update(&buf[..n]);
        state.1 += n as u64;
        Ok(n)
    }
}

impl ImportJob {
    /// Imports the file at `path`. `progress` is called after every chunk; returning `false`
    /// cancels, and nothing is stored.
    pub fn run_file(
        self,
        path: &Path,
        request: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress) -> bool,
    ) -> Result<ImportOutcome, Error> {
        let label = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|source| Error::InputFile {
            path: label.clone(),
            source,
        })?;
        let total_bytes = file.metadata().ok().map(|m| m.len());
        let is_tsv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
        let delimiter = request.delimiter.or(is_tsv.then_some(b'\t'));
        let request = ImportRequest {
            name: request.name.clone(),
            delimiter,
        };
        self.run_reader(file, &label, total_bytes, &request, progress)
    }

    /// Imports from any reader; `label` names the source in errors.
    pub fn run_reader<R: Read>(
        self,
        reader: R,
        label: &str,
        total_bytes: Option<u64>,
        request: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress) -> bool,
    ) -> Result<ImportOutcome, Error> {
        let state = Rc::new(RefCell::new((Sha256::new(), 0u64)));
        let options = CsvOptions {
            delimiter: request.delimiter,
            batch_rows: CHUNK_ROWS,
            ..CsvOptions::default()
        };
        let source = Fingerprinting {
            inner: reader,
            state: Rc::clone(&state),
        };
        let mut csv = CsvReader::from_reader(source, label, &options)?;
        let columns = csv.headers().to_vec();
        let mut next_batch = || -> Result<_, vault::Error> {
            let batch = csv.next_batch()?;
            let report = ImportProgress {
                bytes_read: csv.bytes_read(),
                total_bytes,
                rows_read: csv.rows_read(),
            };
            if !progress(report) {
                return Err(vault::Error::Cancelled);
            }
            Ok(batch)
        };
        let facts = || {
            let state = state.borrow();
            SourceFacts {
                bytes: state.1,
                sha256: hex::encode(state.0.clone().finalize()),
            }
        };
        Ok(self
            .vault
            .import(&request.name, &columns, &mut next_batch, &facts)?)
    }
}
