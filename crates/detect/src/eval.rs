//! Token-level scorer.
