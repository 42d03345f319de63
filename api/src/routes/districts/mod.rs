//! Districts (街道) and their demand sums: one endpoint per file.

pub mod create;
pub mod demand;
pub mod list;
pub mod projects;
pub mod report;
