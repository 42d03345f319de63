//! Staff accounts: one endpoint per file.

pub mod create;
pub mod list;
