//! roster
pub mod file;
