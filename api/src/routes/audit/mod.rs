//! The audit log: one endpoint per file.

pub mod list;
pub mod verify;
