//! WeChat subscribe messages: residents record the templates they accepted (`grants`), the
//! events they care about queue messages in the outbox in the event's own transaction
//! (`notify`), and one server process at a time sends them (`dispatch`).

pub mod dispatch;
pub mod grants;
pub mod notify;
