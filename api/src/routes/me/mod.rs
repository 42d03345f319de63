//! The caller's own account: one endpoint per file.

pub mod feed;
pub mod get;
pub mod phone;
pub mod update;
