//! The community notice board (公告): the committee and the street office post notices,
//! residents read them and mark them read, the committee sees how many dwellings have read each.
//! Announcing a consultation and publishing its result post their notices themselves, in the
//! step's own transaction (`consultation`).

pub mod board;
pub mod consultation;
pub mod edit;
pub mod post;
pub mod views;
