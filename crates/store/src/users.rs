//! Users: residents (identified by WeChat openid) and staff (username + argon2id hash).

use crate::clock;
use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::users;
use diandan_domain::time;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub kind: String,
    pub openid: Option<String>,
    pub username: Option<String>,
    pub password_hash: Option<String>,
    pub display_name: String,
    pub phone: Option<String>,
    pub phone_verified_at: Option<chrono::NaiveDateTime>,
    pub created_at: chrono::NaiveDateTime,
    pub disabled_at: Option<chrono::NaiveDateTime>,
    /// The privacy policy version the person accepted, and when.
    pub privacy_version: Option<String>,
    pub privacy_accepted_at: Option<chrono::NaiveDateTime>,
    /// The person had their identity erased (openid, phone, name are gone).
    pub erased_at: Option<chrono::NaiveDateTime>,
}

pub const RESIDENT: &str = "resident";
pub const STAFF: &str = "staff";

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<UserRow>> {
    Ok(users::table.find(id).select(UserRow::as_select()).first(conn).optional()?)
}

pub fn by_openid(conn: &mut AnyConnection, openid: &str) -> StoreResult<Option<UserRow>> {
    Ok(users::table.filter(users::openid.eq(openid)).select(UserRow::as_select()).first(conn).optional()?)
}

pub fn by_username(conn: &mut AnyConnection, username: &str) -> StoreResult<Option<UserRow>> {
    Ok(users::table.filter(users::username.eq(username)).select(UserRow::as_select()).first(conn).optional()?)
}

pub fn insert_resident(conn: &mut AnyConnection, openid: &str, display_name: &str) -> StoreResult<UserRow> {
    let row = UserRow {
        id: clock::new_id(),
        kind: RESIDENT.into(),
        openid: Some(openid.into()),
        username: None,
        password_hash: None,
        display_name: display_name.into(),
        phone: None,
        phone_verified_at: None,
        created_at: time::to_db(clock::now()),
        disabled_at: None,
        privacy_version: None,
        privacy_accepted_at: None,
        erased_at: None,
    };
    diesel::insert_into(users::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn insert_staff(
    conn: &mut AnyConnection,
    username: &str,
    password_hash: &str,
    display_name: &str,
) -> StoreResult<UserRow> {
    let row = UserRow {
        id: clock::new_id(),
        kind: STAFF.into(),
        openid: None,
        username: Some(username.into()),
        password_hash: Some(password_hash.into()),
        display_name: display_name.into(),
        phone: None,
        phone_verified_at: None,
        created_at: time::to_db(clock::now()),
        disabled_at: None,
        privacy_version: None,
        privacy_accepted_at: None,
        erased_at: None,
    };
    diesel::insert_into(users::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn set_verified_phone(conn: &mut AnyConnection, id: &str, phone: &str) -> StoreResult<()> {
    diesel::update(users::table.find(id))
        .set((users::phone.eq(phone), users::phone_verified_at.eq(time::to_db(clock::now()))))
        .execute(conn)?;
    Ok(())
}

pub fn list_staff(conn: &mut AnyConnection, limit: i64, offset: i64) -> StoreResult<Vec<UserRow>> {
    Ok(users::table
        .filter(users::kind.eq(STAFF))
        .order(users::created_at.asc())
        .limit(limit)
        .offset(offset)
        .select(UserRow::as_select())
        .load(conn)?)
}

pub fn set_display_name(conn: &mut AnyConnection, id: &str, name: &str) -> StoreResult<()> {
    diesel::update(users::table.find(id)).set(users::display_name.eq(name)).execute(conn)?;
    Ok(())
}
