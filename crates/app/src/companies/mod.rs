//! companies
pub mod company;
pub mod contracts;
pub mod views;
