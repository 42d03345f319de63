//! Objections to the preliminary result: one endpoint per file.

pub mod answer;
pub mod create;
pub mod list;
