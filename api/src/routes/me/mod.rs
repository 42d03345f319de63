//! The caller's own account: one endpoint per file.

pub mod consent;
pub mod erase;
pub mod export;
pub mod feed;
pub mod get;
pub mod phone;
pub mod update;
