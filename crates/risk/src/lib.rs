//! Re-identification risk of a table over chosen quasi-identifiers (QIs): equivalence classes
//! (optionally per person), privacy models (k-anonymity, l-diversity, t-closeness) and attacker
//! models (prosecutor, journalist, marketer; population uniqueness estimators), following the
//! definitions of ARX.
//!
//! Pure functions of a [`table::Table`]: this crate never touches SQLite, keys or files.
#![forbid(unsafe_code)]

pub mod classes;
pub mod error;
pub mod models;
pub mod population;

pub use classes::EquivalenceClasses;
pub use error::Error;
pub use models::{assess, RiskQuery, RiskReport};
