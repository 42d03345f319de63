//! Dwelling claims: one endpoint per file.

pub mod approve;
pub mod create;
pub mod list;
pub mod reject;
pub mod withdraw;
