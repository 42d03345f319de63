//! The renovation catalogue: one endpoint per file.

pub mod create;
pub mod list;
