//! The designers' demand list: one endpoint per file.

pub mod chart;
pub mod list;
