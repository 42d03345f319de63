//! Work orders and their steps: one endpoint per file.

pub mod accept;
pub mod assign;
pub mod comment;
pub mod confirm;
pub mod create;
pub mod figures_community;
pub mod figures_company;
pub mod get;
pub mod list;
pub mod me_too;
pub mod reject;
pub mod reply;
pub mod send_back;
pub mod start;
