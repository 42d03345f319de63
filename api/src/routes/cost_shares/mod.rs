//! Elevator cost shares (阶梯出资): every dwelling's share for the committee, an owner's own.

pub mod list;
pub mod mine;
