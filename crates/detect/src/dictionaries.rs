//! Compiled-in dictionaries.
