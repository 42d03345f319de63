//! The roster: reading a file (decode, parse, apply) and importing it into a community.
pub mod file;
pub mod import;
