//! Re-identification risk of a table over chosen quasi-identifiers (QIs): equivalence classes
//! (optionally per person), privacy models (k-anonymity, l-diversity, t-closeness) and attacker
//! models (prosecutor, journalist, marketer; population uniqueness estimators), following the
//! definitions of ARX; and generalization hierarchies with the optimal anonymization search
//! (full-domain generalization with record suppression) and its utility metrics; a sample
//! matched against its population table (δ-presence, journalist and marketer risk).
//!
//! Pure functions of a [`table::Table`]: this crate never touches SQLite, keys or files.
#![forbid(unsafe_code)]

pub mod anonymize;
pub mod classes;
pub mod error;
pub mod hierarchy;
pub mod models;
pub mod population;
pub mod presence;
#[cfg(test)]
mod test_table;

pub use anonymize::{anonymize, Anonymization, AnonymizeQuery};
pub use classes::EquivalenceClasses;
pub use error::Error;
pub use hierarchy::Hierarchy;
pub use models::{assess, RiskQuery, RiskReport};
pub use presence::{DeltaBounds, SampleInPopulation};
