//! A consultation's menu items: one endpoint per file.

pub mod add;
pub mod decide;
pub mod remove;
