//! Importing a roster file: decode, parse (all-or-nothing), then apply in one transaction with
//! its audit entry. Shared by the HTTP endpoint and `diandan import-roster`.

use crate::Code;
use crate::{Error, FieldError};
use diandan_domain::roster::{self, Encoding, RosterError, RowError};
use diandan_domain::roster_xlsx;
use diandan_store::roster::ImportSummary;
use diandan_store::{audit, AnyConnection};
use serde_json::json;
use sha2::{Digest, Sha256};

/// Decodes and validates the whole file before anything is written: a workbook (XLSX, known
/// by its content, not its name) by its sheet `sheet` or its first, else CSV text.
pub fn parse(bytes: &[u8], encoding: Encoding, sheet: Option<&str>) -> Result<Vec<roster::RosterRow>, Error> {
    if roster_xlsx::is_workbook(bytes) {
        return roster_xlsx::parse(bytes, sheet).map_err(problem);
    }
    if sheet.is_some() {
        return Err(Error::invalid("sheet", "only an XLSX workbook has sheets; this file is CSV text"));
    }
    let text = roster::decode(bytes, encoding).map_err(problem)?;
    roster::parse(&text).map_err(problem)
}

fn problem(e: RosterError) -> Error {
    match e {
        RosterError::Encoding => {
            Error::invalid("file", "the file is neither UTF-8 nor GBK text").with_code(Code::RosterEncoding)
        }
        RosterError::Empty => {
            Error::invalid("file", "the file is empty or has no header row").with_code(Code::RosterEmpty)
        }
        RosterError::MissingColumns(cols) => {
            Error::invalid("header", format!("missing required columns: {cols}")).with_code(Code::RosterMissingColumns)
        }
        RosterError::Rows(rows) => row_problem(rows, |line| format!("line {line}")),
        RosterError::SheetRows { sheet, rows } => row_problem(rows, |line| format!("{sheet}!{line}")),
        e @ RosterError::Workbook(_) => Error::invalid("file", e.to_string()).with_code(Code::RosterUnreadable),
        e @ RosterError::NoSheet { .. } => Error::invalid("sheet", e.to_string()).with_code(Code::RosterNoSheet),
    }
}

/// Every bad row as a field error at `place(line)` (`line 7`, or `花名册!7` in a workbook).
fn row_problem(rows: Vec<RowError>, place: impl Fn(u64) -> String) -> Error {
    let errors: Vec<FieldError> = rows
        .into_iter()
        .map(|r| FieldError {
            field: match r.column {
                Some(c) => format!("{}: {c}", place(r.line)),
                None => place(r.line),
            },
            message: r.message,
        })
        .collect();
    let first = errors.first().map(|e| e.field.clone()).unwrap_or_default();
    let mut e = Error::validation(errors).with_code(Code::RosterInvalid);
    e.detail = format!("{} row error(s), first at {first}; nothing was imported", e.errors.len());
    e
}

/// Applies parsed rows inside the caller's transaction and appends the audit entry.
pub fn apply(
    conn: &mut AnyConnection,
    community_id: &str,
    actor_id: Option<&str>,
    file: &[u8],
    rows: &[roster::RosterRow],
    progress: &mut dyn FnMut(u64),
) -> Result<ImportSummary, Error> {
    let summary = diandan_store::roster::import(conn, community_id, rows, progress)?;
    audit::append(
        conn,
        audit::Event {
            actor_id,
            action: "roster.import",
            object_type: "community",
            object_id: community_id,
            community_id: Some(community_id),
            district_id: None,
            detail: json!({
                "file_sha256": hex::encode(Sha256::digest(file)),
                "rows": summary.rows,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "buildings_created": summary.buildings_created,
                "units_created": summary.units_created,
            }),
        },
    )?;
    Ok(summary)
}

pub fn encoding_from(param: Option<&str>, content_type: Option<&str>) -> Result<Encoding, Error> {
    let charset = content_type.and_then(|ct| {
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches('"').to_lowercase())
        })
    });
    match param.map(str::to_lowercase).or(charset).as_deref() {
        None | Some("auto") => Ok(Encoding::Auto),
        Some("utf-8") | Some("utf8") => Ok(Encoding::Utf8),
        Some("gbk") | Some("gb2312") | Some("gb18030") | Some("cp936") => Ok(Encoding::Gbk),
        Some(other) => Err(Error::invalid("encoding", format!("unknown encoding {other:?}; use utf-8 or gbk"))),
    }
}
