//! ratings
pub mod views;
