//! Photos: one endpoint per file.

pub mod create;
pub mod get;
