//! Problem and stop-work notices of the works (整改通知单, 停工通知) and their ledger: one
//! endpoint per file.

pub mod close;
pub mod issue;
pub mod plan;
