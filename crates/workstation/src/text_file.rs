//! PHI span detection over a plain-text file of any size, without a workspace: the file is
//! streamed through the detector and each span handed to the caller as it is found.

use std::path::Path;

use detect::{StreamError, StreamSpan, StreamSummary};

use crate::Error;

/// Runs the shared detector over the UTF-8 text file at `path`, calling `on_span` for every
/// span in order (offsets in Unicode scalar values from the start of the file), in bounded
/// memory whatever the file's size. Errors name the path and byte offsets, never the text.
pub fn detect_text_file(
    path: &Path,
    on_span: &mut dyn FnMut(StreamSpan),
) -> Result<StreamSummary, Error> {
    let label = path.display().to_string();
    let input = |source| Error::InputFile {
        path: label.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(input)?;
    let is_dir = file.metadata().map_err(input)?.is_dir();
    if is_dir {
        return Err(input(std::io::Error::other(
            "it is a directory, not a text file",
        )));
    }
    detect::detect_stream(detect::Detector::shared(), file, on_span).map_err(|e| match e {
        StreamError::Io(source) => input(source),
        other => Error::Text {
            path: label.clone(),
            source: other,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_directories_and_binary_files_are_named_input_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.txt");
        let err = detect_text_file(&missing, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("missing.txt"), "{err}");
        let err = detect_text_file(dir.path(), &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("directory"), "{err}");
        let binary = dir.path().join("b.bin");
        std::fs::write(&binary, b"ab\0c").unwrap();
        let err = detect_text_file(&binary, &mut |_| {}).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Input);
        assert!(err.to_string().contains("byte offset 2"), "{err}");
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, b"").unwrap();
        let summary = detect_text_file(&empty, &mut |_| {}).unwrap();
        assert_eq!((summary.bytes, summary.spans), (0, 0));
    }
}
