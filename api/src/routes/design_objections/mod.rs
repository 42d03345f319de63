//! Residents' objections to a design on public notice (公示), and the committee's answers: one
//! endpoint per file.

pub mod answer;
pub mod create;
pub mod list;
