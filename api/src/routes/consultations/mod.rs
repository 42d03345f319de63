//! Consultations and their lifecycle steps: one endpoint per file.

pub mod announce;
pub mod close;
pub mod create;
pub mod extend;
pub mod finish_review;
pub mod get;
pub mod list;
pub mod open;
pub mod preliminary;
pub mod publish;
pub mod update;
