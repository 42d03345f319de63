//! WeChat's message push to the service: one endpoint per file.

pub mod push;
pub mod verify;
