//! Queues messages in the transaction of the change they tell of, so a change that rolls back
//! tells no one and a committed change is never left untold. Only users holding an unspent
//! grant of the kind get a row; the grant is spent when the message is sent.

use crate::Error;
use chrono::{DateTime, Utc};
use diandan_domain::message::MessageKind;
use diandan_domain::time;
use diandan_store::messages::{self, OutboxRow};
use diandan_store::{clock, AnyConnection};
use std::collections::BTreeMap;

/// The named values of a message (a template's `fields` map its keys to these names).
pub type Values = BTreeMap<String, String>;

/// Queues a `kind` message about `object_id` for each of `users` holding a grant; returns how
/// many were queued (a user already told of this object is not told again).
pub fn notify(
    conn: &mut AnyConnection,
    kind: MessageKind,
    object_id: &str,
    users: &[String],
    values: &Values,
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let holders = messages::holders(conn, kind.as_str(), users)?;
    if holders.is_empty() {
        return Ok(0);
    }
    let fields = serde_json::to_string(values).map_err(Error::internal)?;
    let at = time::to_db(now);
    let rows: Vec<OutboxRow> = holders
        .into_iter()
        .map(|user_id| OutboxRow {
            id: clock::new_id(),
            dedupe: format!("{}:{object_id}:{user_id}", kind.as_str()),
            user_id,
            kind: kind.as_str().to_owned(),
            fields: fields.clone(),
            state: "pending".into(),
            attempts: 0,
            next_attempt_at: at,
            last_error: None,
            created_at: at,
            sent_at: None,
            updated_at: at,
        })
        .collect();
    Ok(messages::enqueue(conn, &rows)?)
}

/// Builds the values of a message from `(name, value)` pairs.
pub fn values<const N: usize>(pairs: [(&str, String); N]) -> Values {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// A time as message values carry it (RFC 3339; `fit` turns it into what the template key wants).
pub fn when(t: DateTime<Utc>) -> String {
    time::canonical(t)
}
