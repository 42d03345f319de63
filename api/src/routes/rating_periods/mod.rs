//! Rating periods: one endpoint per file.

pub mod close;
pub mod create;
pub mod list;
