//! Content security: what residents write that others read passes WeChat's `msg_sec_check`
//! before it is stored; what WeChat is unsure of (or could not be asked about) is held — shown
//! to its author and the reviewing committee only — until the committee releases or removes
//! it. Photos go through `media_check_async`, whose verdict WeChat pushes (`push`).

pub mod decide;
pub mod push;
pub mod queue;
pub mod screen;
