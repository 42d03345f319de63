//! Tables for people: the same rows as CSV (UTF-8 with a BOM, so that Excel opens Chinese text
//! correctly) or as an XLSX workbook (one sheet per table), chosen by `?format=` or `Accept`.

use crate::problem::Error;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use rust_xlsxwriter::{Format as CellFormat, Workbook};

pub const CSV: &str = "text/csv";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
}

/// `?format=json|csv|xlsx` wins; otherwise the first of CSV or XLSX named in `Accept`;
/// otherwise JSON.
pub fn negotiate(req: &HttpRequest, format: Option<&str>) -> Result<Format, Error> {
    if let Some(f) = format {
        return match f {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            _ => Err(Error::invalid("format", "must be json, csv or xlsx")),
        };
    }
    let accept = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let csv = accept.find(CSV);
    let xlsx = accept.find(XLSX);
    Ok(match (csv, xlsx) {
        (Some(c), Some(x)) if x < c => Format::Xlsx,
        (Some(_), _) => Format::Csv,
        (None, Some(_)) => Format::Xlsx,
        _ => Format::Json,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A decimal written as text with its digits ("56.30", "66.7"): exact in CSV, a number
    /// with the same decimals in XLSX. Empty when absent.
    Decimal(Option<String>),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        Cell::Text(s.unwrap_or_default())
    }
}
impl From<i64> for Cell {
    fn from(v: i64) -> Cell {
        Cell::Int(v)
    }
}
impl From<u64> for Cell {
    fn from(v: u64) -> Cell {
        Cell::Int(v as i64)
    }
}

pub struct Table {
    /// The sheet name (at most 31 characters).
    pub name: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// Text as a CSV cell. A cell that starts like a formula (= + - @, or a tab or carriage return
/// before one) would run as one in Excel: it gets a leading apostrophe, which Excel shows as
/// plain text (OWASP's advice against CSV injection). Numbers are written by `Int`/`Decimal`.
fn text(c: &Cell) -> String {
    match c {
        Cell::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
        Cell::Text(s) => s.clone(),
        Cell::Int(v) => v.to_string(),
        Cell::Decimal(d) => d.clone().unwrap_or_default(),
    }
}

/// The first table as CSV with a byte-order mark.
pub fn csv(t: &Table) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(&t.header).map_err(Error::internal)?;
    for r in &t.rows {
        w.write_record(r.iter().map(text)).map_err(Error::internal)?;
    }
    w.into_inner().map_err(Error::internal)
}

/// All tables as sheets of one workbook.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, Error> {
    let mut wb = Workbook::new();
    let bold = CellFormat::new().set_bold();
    for t in tables {
        let ws = wb.add_worksheet();
        ws.set_name(t.name).map_err(Error::internal)?;
        for (col, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, *h, &bold).map_err(Error::internal)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            let row = i as u32 + 1;
            for (col, c) in r.iter().enumerate() {
                let col = col as u16;
                match c {
                    Cell::Text(s) => ws.write_string(row, col, s).map(|_| ()),
                    Cell::Int(v) => ws.write_number(row, col, *v as f64).map(|_| ()),
                    Cell::Decimal(Some(d)) => {
                        let decimals = d.split('.').nth(1).map_or(0, str::len);
                        let fmt = CellFormat::new().set_num_format(if decimals == 0 {
                            "0".to_string()
                        } else {
                            format!("0.{}", "0".repeat(decimals))
                        });
                        ws.write_number_with_format(row, col, d.parse::<f64>().unwrap_or(0.0), &fmt).map(|_| ())
                    }
                    Cell::Decimal(None) => Ok(()),
                }
                .map_err(Error::internal)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(Error::internal)?;
    }
    wb.save_to_buffer().map_err(Error::internal)
}

/// The response for a table download (`file` without extension, ASCII).
pub fn download(format: Format, file: &str, tables: &[Table]) -> Result<HttpResponse, Error> {
    let (body, ctype, ext) = match format {
        Format::Csv => (csv(&tables[0])?, "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => (xlsx(tables)?, XLSX, "xlsx"),
        Format::Json => return Err(Error::internal("download() is for CSV and XLSX")),
    };
    Ok(HttpResponse::Ok()
        .content_type(ctype)
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}.{ext}\"")))
        .body(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_bom_and_defuses_formulas() {
        let t = Table {
            name: "t",
            header: vec!["a", "b", "c"],
            rows: vec![vec![
                Cell::Text("=HYPERLINK(\"http://evil\",\"x\")".into()),
                Cell::Decimal(Some("-1.50".into())),
                Cell::Text("加装电梯, \"二期\"".into()),
            ]],
        };
        let out = String::from_utf8(csv(&t).unwrap()).unwrap();
        assert_eq!(
            out,
            "\u{feff}a,b,c\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-1.50,\"加装电梯, \"\"二期\"\"\"\n"
        );
    }
}
