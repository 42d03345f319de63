//! Renovation projects (怎么改): one endpoint per file.

pub mod create;
pub mod get;
pub mod list;
