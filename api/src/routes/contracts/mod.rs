//! Service contracts: one endpoint per file.

pub mod create;
pub mod end;
pub mod list;
