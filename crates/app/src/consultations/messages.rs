//! The messages a consultation's steps queue: voting opened (to the owners on the roll),
//! closing soon (to those who have not voted), result published (to every verified resident).

use crate::messages::notify::{notify, values, when};
use crate::Error;
use chrono::{DateTime, Duration, Utc};
use diandan_domain::message::MessageKind;
use diandan_domain::time;
use diandan_store::consultations::{self, ConsultationRow, ItemRow};
use diandan_store::{messages, AnyConnection, Db};

/// Owners who have not voted are reminded this long before voting closes.
pub const REMIND_BEFORE_HOURS: i64 = 48;

fn community_name(conn: &mut AnyConnection, c: &ConsultationRow) -> Result<String, Error> {
    Ok(crate::principal::community(conn, &c.community_id)?.name)
}

pub fn opened(conn: &mut AnyConnection, c: &ConsultationRow, now: DateTime<Utc>) -> Result<usize, Error> {
    let owners = messages::roll_owners(conn, &c.id, false)?;
    let v = values([
        ("consultation_id", c.id.clone()),
        ("title", c.title.clone()),
        ("community", community_name(conn, c)?),
        ("closes_at", c.closes_at.map(|t| when(time::from_db(t))).unwrap_or_default()),
        ("note", "投票已开始，请及时参与".to_string()),
    ]);
    notify(conn, MessageKind::VoteOpened, &c.id, &owners, &v, now)
}

pub fn published(
    conn: &mut AnyConnection,
    c: &ConsultationRow,
    items: &[ItemRow],
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let residents = messages::residents(conn, std::slice::from_ref(&c.community_id))?;
    let approved = items.iter().filter(|i| i.decision.as_deref() == Some("approved")).count();
    let v = values([
        ("consultation_id", c.id.clone()),
        ("title", c.title.clone()),
        ("community", community_name(conn, c)?),
        ("result", format!("{}项中{}项纳入改造", items.len(), approved)),
        ("published_at", when(now)),
    ]);
    notify(conn, MessageKind::ResultPublished, &c.id, &residents, &v, now)
}

/// Reminds the owners who have not voted in consultations closing within 48 hours (each owner
/// once per consultation). Returns how many messages were queued.
pub fn remind_closing(db: &Db, now: DateTime<Utc>) -> Result<usize, Error> {
    let soon = time::to_db(now + Duration::hours(REMIND_BEFORE_HOURS));
    let closing = db.read(|c| Ok::<_, Error>(consultations::closing_before(c, time::to_db(now), soon)?))?;
    let mut queued = 0;
    for cons in closing {
        queued += db.write(|conn| {
            let owners = messages::roll_owners(conn, &cons.id, true)?;
            let v = values([
                ("consultation_id", cons.id.clone()),
                ("title", cons.title.clone()),
                ("community", community_name(conn, &cons)?),
                ("closes_at", cons.closes_at.map(|t| when(time::from_db(t))).unwrap_or_default()),
                ("note", "投票即将截止，您尚未投票".to_string()),
            ]);
            notify(conn, MessageKind::VoteClosing, &cons.id, &owners, &v, now)
        })?;
    }
    Ok(queued)
}
