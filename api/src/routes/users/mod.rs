//! Staff accounts: one endpoint per file.

pub mod create;
pub mod disable;
pub mod enable;
pub mod list;
