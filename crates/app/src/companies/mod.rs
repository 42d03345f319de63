//! companies
pub mod views;
