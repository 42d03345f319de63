//! The review queue of texts WeChat's content check held: one endpoint per file.

pub mod decide;
pub mod list;
