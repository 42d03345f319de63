//! Communities, their buildings, dwellings and roster: one endpoint per file.

pub mod buildings;
pub mod create;
pub mod dwellings;
pub mod get;
pub mod list;
pub mod roster;
