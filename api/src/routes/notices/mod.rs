//! The community notice board: one endpoint per file.

pub mod create;
pub mod get;
pub mod list;
pub mod read;
pub mod update;
pub mod withdraw;
