//! The ways drawing a chart can fail.

use plotters::drawing::DrawingAreaErrorKind;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The requested size is outside what the layout supports.
    #[error(
        "a chart must be between {min_width}×{min_height} and {max}×{max} pixels, not {width}×{height}"
    )]
    Size {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
        /// Smallest supported width.
        min_width: u32,
        /// Smallest supported height.
        min_height: u32,
        /// Largest supported width and height.
        max: u32,
    },
    /// The risk threshold is not a probability in [0, 1].
    #[error("the risk threshold must be between 0 and 1, not {threshold}")]
    Threshold {
        /// The threshold given.
        threshold: f64,
    },
    /// The drawing library failed.
    #[error("the chart could not be drawn: {0}")]
    Drawing(String),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for Error {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        Error::Drawing(e.to_string())
    }
}
