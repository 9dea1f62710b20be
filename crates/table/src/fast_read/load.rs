//! [`load`]: a whole file read into memory, by several threads at once
//! where positioned reads exist (Unix), so that the copying and the
//! zero-filling of fresh memory are shared between cores.

use std::fs::File;
use std::io::{self, Read};

/// Pieces smaller than this are not worth another thread.
const MIN_PIECE_BYTES: usize = 4 << 20;

/// Reads all of `file`, whose size was `size` bytes when it was opened.
/// A file that changes size meanwhile is read again from the start, in
/// one piece.
pub(super) fn load(file: &mut File, size: u64) -> io::Result<Vec<u8>> {
    let Ok(size) = usize::try_from(size) else {
        return whole(file);
    };
    match pieces(file, size)? {
        Some(mut data) => {
            // A file that grew since its size was taken: read the rest too.
            let before = data.len();
            let mut probe = [0u8; 1];
            if positioned_read(file, &mut probe, before)? == 0 {
                return Ok(data);
            }
            data.clear();
            io::Seek::rewind(file)?;
            file.read_to_end(&mut data)?;
            Ok(data)
        }
        None => whole(file),
    }
}

/// Reads `file` from its start to its end, in one piece.
fn whole(file: &mut File) -> io::Result<Vec<u8>> {
    let mut data = Vec::new();
    io::Seek::rewind(file)?;
    file.read_to_end(&mut data)?;
    Ok(data)
}

/// Reads the first `size` bytes of `file` in pieces on the rayon pool;
/// `None` when the file turned out shorter.
#[cfg(unix)]
fn pieces(file: &File, size: usize) -> io::Result<Option<Vec<u8>>> {
    use rayon::prelude::*;
    let mut data = vec![0u8; size];
    let threads = rayon::current_num_threads().max(1);
    let piece = size.div_ceil(threads).max(MIN_PIECE_BYTES);
    let result = data
        .par_chunks_mut(piece)
        .enumerate()
        .try_for_each(|(index, buffer)| {
            let offset = index.saturating_mul(piece);
            std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset as u64)
        });
    match result {
        Ok(()) => Ok(Some(data)),
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(error) => Err(error),
    }
}

/// Reads the first `size` bytes of `file`; `None` when it turned out shorter.
#[cfg(not(unix))]
fn pieces(file: &mut File, size: usize) -> io::Result<Option<Vec<u8>>> {
    let mut data = vec![0u8; size];
    match file.read_exact(&mut data) {
        Ok(()) => Ok(Some(data)),
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(error) => Err(error),
    }
}

/// Reads into `buffer` from `offset` of `file`, returning the bytes read.
#[cfg(unix)]
fn positioned_read(file: &File, buffer: &mut [u8], offset: usize) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buffer, offset as u64)
}

/// Reads into `buffer` from `offset` of `file`, returning the bytes read.
#[cfg(not(unix))]
fn positioned_read(file: &mut File, buffer: &mut [u8], offset: usize) -> io::Result<usize> {
    io::Seek::seek(file, io::SeekFrom::Start(offset as u64))?;
    file.read(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_small_and_multi_piece_files_exactly() {
        let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        for size in [0usize, 1, 5000, MIN_PIECE_BYTES * 2 + 17] {
            let contents: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let path = dir.path().join(format!("{size}.bin"));
            std::fs::write(&path, &contents).unwrap_or_else(|error| panic!("{error}"));
            let mut file = File::open(&path).unwrap_or_else(|error| panic!("{error}"));
            for claimed in [
                size as u64,
                size as u64 + 3,
                (size as u64).saturating_sub(2),
            ] {
                let data = load(&mut file, claimed).unwrap_or_else(|error| panic!("{error}"));
                assert!(data == contents, "size {size}, claimed {claimed}");
            }
        }
    }
}
