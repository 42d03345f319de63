//! An admin of the community's district imports a roster file. Two use cases around the
//! upload itself: [`admit_import`] checks the right (and the encoding asked for) before a byte
//! of the body is read, so a refused caller cannot make the server buffer a file;
//! [`import_roster`] parses the whole file, then applies it in one transaction with the right
//! read afresh. [`import_as_operator`] is the command line's import, without a caller.

use crate::principal::{community, principal};
use crate::roster::file::{apply, encoding_from, parse};
use crate::{Actor, Context, Error};
use diandan_domain::roles::Role;
use diandan_domain::roster::{Encoding, RosterRow};
use diandan_store::roster::ImportSummary;
use diandan_store::Db;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ImportQuery {
    /// auto (default: UTF-8, else GBK), utf-8 or gbk. A `charset` on Content-Type also works.
    /// CSV only: a workbook carries its own.
    pub encoding: Option<String>,
    /// The sheet of an XLSX workbook to import (default: the first).
    pub sheet: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub buildings_created: u64,
    pub units_created: u64,
}

impl From<ImportSummary> for ImportResult {
    fn from(s: ImportSummary) -> Self {
        ImportResult {
            rows: s.rows,
            created: s.created,
            updated: s.updated,
            unchanged: s.unchanged,
            buildings_created: s.buildings_created,
            units_created: s.units_created,
        }
    }
}

/// May the caller import into community `id`? Answers the file's encoding, from the query's
/// `encoding` or the Content-Type's charset.
pub fn admit_import(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    encoding: Option<&str>,
    content_type: Option<&str>,
) -> Result<Encoding, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, id)?;
        p.require(&[Role::Admin], &comm)
    })?;
    encoding_from(encoding, content_type)
}

/// Imports `file` into community `id`: all rows or none.
pub fn import_roster(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    file: &[u8],
    encoding: Encoding,
    sheet: Option<&str>,
) -> Result<ImportResult, Error> {
    let rows = parse(file, encoding, sheet)?;
    let summary = ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, id)?;
        p.require(&[Role::Admin], &comm)?;
        apply(c, &comm.id, Some(p.id()), file, &rows, &mut |_| {})
    })?;
    Ok(ImportResult::from(summary))
}

/// The operator's import (`diandan import-roster`) of parsed `rows` into community `id`,
/// reporting progress.
pub fn import_as_operator(
    db: &Db,
    id: &str,
    file: &[u8],
    rows: &[RosterRow],
    progress: &mut dyn FnMut(u64),
) -> Result<ImportSummary, Error> {
    db.write(|c| {
        let comm = community(c, id)?;
        apply(c, &comm.id, None, file, rows, progress)
    })
}
