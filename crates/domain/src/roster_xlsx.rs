//! Roster workbooks (XLSX): the first sheet, or the one named, read into a [`Table`] that the
//! roster's rules check as they check a CSV file. Errors name the sheet and its row
//! (`花名册!7: area`), as a clerk finds them in the spreadsheet.

use crate::roster::{self, RosterError, RosterRow, Table};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// A workbook is a ZIP archive; more than this unpacked is refused before it is read (a small
/// upload must not unpack to gigabytes in memory).
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Whether `bytes` look like a workbook (a ZIP archive's signature), whatever the upload's name.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Parses sheet `sheet` (the first when None) of the workbook `bytes` into rows, or every
/// error found, each naming the sheet and its row.
pub fn parse(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<RosterRow>, RosterError> {
    let (name, table) = table(bytes, sheet)?;
    roster::parse_table(table).map_err(|e| match e {
        RosterError::Rows(rows) => RosterError::SheetRows { sheet: name, rows },
        other => other,
    })
}

/// The sheet's name and its cells as text; the first row of the used range is the header,
/// each record carries its row number in the sheet (1-based, as the spreadsheet shows it).
pub fn table(bytes: &[u8], sheet: Option<&str>) -> Result<(String, Table), RosterError> {
    let unreadable = |e: &dyn std::fmt::Display| RosterError::Workbook(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        unpacked = unpacked.saturating_add(zip.by_index_raw(i).map_err(|e| unreadable(&e))?.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(RosterError::Workbook(format!(
            "it unpacks to {} MiB, more than the {} MiB a roster may",
            unpacked / (1024 * 1024),
            MAX_UNPACKED_BYTES / (1024 * 1024)
        )));
    }
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| RosterError::NoSheet { wanted: wanted.to_owned(), have: names.join(", ") })?,
        None => names.first().cloned().ok_or(RosterError::Empty)?,
    };
    let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row)) + 1;
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().ok_or(RosterError::Empty)?.iter().map(text).collect();
    let records =
        rows.enumerate().map(|(i, r)| (first_row + 1 + i as u64, Some(r.iter().map(text).collect()))).collect();
    Ok((name, Table { header, records }))
}

/// A cell as the text a CSV export of it would hold: whole numbers without a decimal point
/// (a phone number typed as a number stays 13800000001), booleans as 是/否.
fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        // A date typed where a number belongs: its serial number, which the rules then refuse.
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}
