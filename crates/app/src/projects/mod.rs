//! 怎么改: the renovation project that follows a published consultation — the designer's
//! concept design in versions, the residents' representatives who review it, and the phases
//! the project goes through. One module per thing a user does.

pub mod acceptance;
pub mod create;
pub mod designs;
pub mod public_notice;
pub mod representatives;
pub mod review;
pub mod views;
pub mod works;
