//! Property companies and service periods as served.

use crate::Error;
use chrono::{DateTime, Utc};
use diandan_domain::{ids, phone, time};
use diandan_store::companies::{self, CompanyRow, ContractRow};
use diandan_store::AnyConnection;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct CompanyView {
    pub id: String,
    pub district_id: String,
    pub name: String,
    /// 统一社会信用代码
    pub credit_code: Option<String>,
    /// The company's service line (a business number, shown as given).
    pub contact_phone: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<CompanyRow> for CompanyView {
    fn from(c: CompanyRow) -> Self {
        CompanyView {
            id: c.id,
            district_id: c.district_id,
            name: c.name,
            credit_code: c.credit_code,
            contact_phone: c.contact_phone,
            created_at: time::from_db(c.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContractView {
    pub id: String,
    pub company_id: String,
    pub community_id: String,
    /// First day served (YYYY-MM-DD, China time).
    pub starts_on: String,
    /// Last day served; absent: open-ended.
    pub ends_on: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<ContractRow> for ContractView {
    fn from(c: ContractRow) -> Self {
        ContractView {
            id: c.id,
            company_id: c.company_id,
            community_id: c.community_id,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            created_at: time::from_db(c.created_at),
        }
    }
}

pub fn load_company(c: &mut AnyConnection, id: &str) -> Result<CompanyRow, Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("company"));
    }
    companies::get(c, id)?.ok_or_else(|| Error::not_found("company"))
}

/// A date given as YYYY-MM-DD, returned in that canonical form.
pub fn date(field: &str, v: &str) -> Result<String, Error> {
    chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| Error::invalid(field, "must be a date, YYYY-MM-DD"))
}

/// A company's service phone: digits, spaces and dashes (landlines are common), 5–20 characters.
pub fn service_phone(v: &str) -> Result<String, Error> {
    let v = v.trim();
    if let Some(mobile) = phone::normalize(v) {
        return Ok(mobile);
    }
    if (5..=20).contains(&v.len()) && v.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
        Ok(v.to_owned())
    } else {
        Err(Error::invalid("contact_phone", "must be a phone number"))
    }
}
