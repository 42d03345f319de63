//! Roster files (花名册) as exported by property registers: CSV in UTF-8 or GBK, or an XLSX
//! workbook (`roster_xlsx`), read into one [`Table`] and checked by the same rules.
//!
//! Parsing is all-or-nothing: a file with any bad row yields every error found (with its line
//! number) and no rows, so the importer never half-applies a file.
//!
//! A dwelling's area is the exclusive part's area in the order the SPC's interpretation on
//! building ownership (法释〔2009〕7号, art. 8) gives: the real-estate register's area, else the
//! surveyed area, else the sales contract's. A file with those columns is read in that order,
//! row by row, and the source is kept with the dwelling; a file with one `面积` column gives
//! the area as it is (`given`).

use crate::area::Area;
use crate::phone;
use crate::text;
use std::collections::HashMap;

/// All developer-held (unsold or undelivered) dwellings share this owner key, so that the
/// tally counts them together as one person (SPC interpretation art. 9).
pub const DEVELOPER_OWNER_KEY: &str = "__developer__";

/// At most this many errors are reported for one file; the rest would only be noise.
pub const MAX_REPORTED_ERRORS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    pub building: String,
    pub unit: String,
    pub room: String,
    pub floor: i32,
    pub area: Area,
    /// Where `area` comes from (the first of the SPC's order the row fills in).
    pub area_source: AreaSource,
    pub owner_key: String,
    pub owner_name: Option<String>,
    pub phone: Option<String>,
    pub developer_held: bool,
}

impl RosterRow {
    /// The natural key that makes an import idempotent.
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.building, &self.unit, &self.room)
    }
}

crate::wire_enum! {
    /// The source of a dwelling's area, in the SPC's order; `given`: a file's plain area column.
    pub enum AreaSource {
        Registered = "registered",
        Surveyed = "surveyed",
        Contract = "contract",
        Given = "given",
    }
}

/// A file read into rows of text, before any rule: the header and each record with its line
/// (or sheet row) number; `None` where the record could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub records: Vec<(u64, Option<Vec<String>>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: Option<&'static str>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("the file is neither UTF-8 nor GBK text")]
    Encoding,
    #[error("the file has no header row")]
    Empty,
    #[error("missing required columns: {0}")]
    MissingColumns(String),
    #[error("{} row(s) are invalid", .0.len())]
    Rows(Vec<RowError>),
    /// The rows of an XLSX sheet (their `line` is the sheet's row number).
    #[error("{} row(s) of sheet {sheet} are invalid", .rows.len())]
    SheetRows { sheet: String, rows: Vec<RowError> },
    #[error("the file is not a readable XLSX workbook: {0}")]
    Workbook(String),
    #[error("the workbook has no sheet {wanted:?}; its sheets: {have}")]
    NoSheet { wanted: String, have: String },
}

/// Which text encoding the caller says the file is in; `Auto` tries UTF-8 first, then GBK.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Auto,
    Utf8,
    Gbk,
}

pub fn decode(bytes: &[u8], enc: Encoding) -> Result<String, RosterError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8 = || std::str::from_utf8(bytes).map(str::to_owned).map_err(|_| RosterError::Encoding);
    let gbk = || {
        let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
        if had_errors {
            Err(RosterError::Encoding)
        } else {
            Ok(text.into_owned())
        }
    };
    match enc {
        Encoding::Utf8 => utf8(),
        Encoding::Gbk => gbk(),
        Encoding::Auto => utf8().or_else(|_| gbk()),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Col {
    Building,
    Unit,
    Room,
    Floor,
    Area,
    RegisteredArea,
    SurveyedArea,
    ContractArea,
    OwnerKey,
    OwnerName,
    Phone,
    Developer,
}

fn column_of(header: &str) -> Option<Col> {
    let h = text::normalize(header).to_lowercase();
    Some(match h.as_str() {
        "building" | "楼栋" | "楼号" | "楼栋号" | "幢" => Col::Building,
        "unit" | "单元" | "单元号" => Col::Unit,
        "room" | "房号" | "户号" | "室号" | "门牌号" => Col::Room,
        "floor" | "楼层" | "层" => Col::Floor,
        "area" | "面积" | "专有面积" | "专有部分面积" | "建筑面积" => Col::Area,
        "registered_area" | "登记面积" | "产权面积" | "不动产登记面积" => Col::RegisteredArea,
        "surveyed_area" | "实测面积" | "测绘面积" => Col::SurveyedArea,
        "contract_area" | "合同面积" | "合同约定面积" => Col::ContractArea,
        "owner_key" | "业主编号" | "产权人编号" | "产权证号" => Col::OwnerKey,
        "owner_name" | "name" | "业主姓名" | "业主" | "产权人" => Col::OwnerName,
        "phone" | "电话" | "手机" | "手机号" | "联系电话" => Col::Phone,
        "developer" | "developer_held" | "开发商持有" | "开发商" => Col::Developer,
        _ => return None,
    })
}

fn parse_flag(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "0" | "no" | "n" | "false" | "否" => Some(false),
        "1" | "yes" | "y" | "true" | "是" => Some(true),
        _ => None,
    }
}

fn label(value: &str, max: usize) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        Err("is required".into())
    } else if v.chars().count() > max {
        Err(format!("is longer than {max} characters"))
    } else if v.chars().any(char::is_control) {
        Err("contains control characters".into())
    } else {
        Ok(v.to_string())
    }
}

/// Parses decoded CSV text into rows, or every error found.
pub fn parse(text: &str) -> Result<Vec<RosterRow>, RosterError> {
    parse_table(csv_table(text)?)
}

/// Reads CSV text into a [`Table`] (each record with its line in the file).
fn csv_table(text: &str) -> Result<Table, RosterError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().map_err(|_| RosterError::Empty)?.iter().map(str::to_owned).collect();
    let records = reader
        .records()
        .map(|r| match r {
            Ok(r) => (r.position().map(|p| p.line()).unwrap_or(0), Some(r.iter().map(str::to_owned).collect())),
            Err(e) => (e.position().map(|p| p.line()).unwrap_or(0), None),
        })
        .collect();
    Ok(Table { header, records })
}

/// The area columns in the SPC's order, then the plain one: (column, source, its name).
const AREAS: [(Col, AreaSource, &str); 4] = [
    (Col::RegisteredArea, AreaSource::Registered, "registered_area"),
    (Col::SurveyedArea, AreaSource::Surveyed, "surveyed_area"),
    (Col::ContractArea, AreaSource::Contract, "contract_area"),
    (Col::Area, AreaSource::Given, "area"),
];

/// Checks every record of `table` by the roster's rules: the rows, or every error found.
pub fn parse_table(table: Table) -> Result<Vec<RosterRow>, RosterError> {
    let headers = table.header;
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(RosterError::Empty);
    }
    let mut index: HashMap<Col, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(c) = column_of(h) {
            index.entry(c).or_insert(i);
        }
    }
    let required = [
        (Col::Building, "building"),
        (Col::Unit, "unit"),
        (Col::Room, "room"),
        (Col::Floor, "floor"),
        (Col::OwnerKey, "owner_key"),
    ];
    let mut missing: Vec<&str> = required.iter().filter(|(c, _)| !index.contains_key(c)).map(|(_, n)| *n).collect();
    if !AREAS.iter().any(|(c, ..)| index.contains_key(c)) {
        // Named where the column stands in the file's usual order: after the floor.
        let at = missing.iter().position(|m| *m == "owner_key").unwrap_or(missing.len());
        missing.insert(at, "area");
    }
    if !missing.is_empty() {
        return Err(RosterError::MissingColumns(missing.join(", ")));
    }

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<(String, String, String), u64> = HashMap::new();
    for (line, record) in table.records {
        let Some(record) = record else {
            errors.push(RowError { line, column: None, message: "is not valid CSV".into() });
            continue;
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // blank lines that spreadsheets leave at the end
        }
        // Control characters (a NUL cannot even be stored by PostgreSQL) mean a damaged export.
        if record.iter().any(|f| f.chars().any(|c| c.is_control() && c != '\t')) {
            errors.push(RowError {
                line,
                column: None,
                message: "contains control characters (a damaged export?)".into(),
            });
            continue;
        }
        // Every field as it will be stored and compared: `１０１`, `101 ` and `101\u{200b}` are one room.
        let get = |c: Col| text::normalize(index.get(&c).and_then(|&i| record.get(i)).map_or("", String::as_str));
        let mut err =
            |column: &'static str, message: String| errors.push(RowError { line, column: Some(column), message });

        let building = label(&get(Col::Building), 64).map_err(|m| err("building", format!("building {m}")));
        let unit = label(&get(Col::Unit), 64).map_err(|m| err("unit", format!("unit {m}")));
        let room = label(&get(Col::Room), 32).map_err(|m| err("room", format!("room {m}")));
        let floor = match get(Col::Floor).trim().parse::<i32>() {
            Ok(f) if (-10..=300).contains(&f) => Ok(f),
            _ => Err(err("floor", format!("floor {:?} is not a whole number between -10 and 300", get(Col::Floor)))),
        };
        // The first area the row fills in, in the SPC's order.
        let area = match AREAS.iter().find(|(c, ..)| index.contains_key(c) && !get(*c).trim().is_empty()) {
            Some(&(c, source, name)) => {
                Area::parse(&get(c)).map(|a| (a, source)).map_err(|e| err(name, format!("{name} {:?}: {e}", get(c))))
            }
            None => Err(err("area", "area is required (面积, or 登记面积 / 实测面积 / 合同面积)".into())),
        };
        let developer_held = match parse_flag(&get(Col::Developer)) {
            Some(b) => Ok(b),
            None => Err(err("developer", format!("developer {:?} must be yes/no (是/否)", get(Col::Developer)))),
        };
        let owner_key = match (get(Col::OwnerKey).as_str(), developer_held) {
            (_, Ok(true)) => Ok(DEVELOPER_OWNER_KEY.to_string()),
            (k, _) if k == DEVELOPER_OWNER_KEY => Err(err("owner_key", "owner_key is reserved".into())),
            (k, _) => label(k, 64).map_err(|m| err("owner_key", format!("owner_key {m}"))),
        };
        let owner_name = match get(Col::OwnerName).as_str() {
            "" => Ok(None),
            n => label(n, 64).map(Some).map_err(|m| err("owner_name", format!("owner_name {m}"))),
        };
        let phone = match get(Col::Phone).as_str() {
            "" => Ok(None),
            p => phone::normalize(p)
                .map(Some)
                .ok_or_else(|| err("phone", "phone is not an 11-digit mainland mobile number".into())),
        };
        if let (
            Ok(building),
            Ok(unit),
            Ok(room),
            Ok(floor),
            Ok(area),
            Ok(owner_key),
            Ok(owner_name),
            Ok(phone),
            Ok(developer_held),
        ) = (building, unit, room, floor, area, owner_key, owner_name, phone, developer_held)
        {
            let key = (building.clone(), unit.clone(), room.clone());
            if let Some(first) = seen.get(&key) {
                errors.push(RowError {
                    line,
                    column: Some("room"),
                    message: format!("dwelling {building}/{unit}/{room} already appears on line {first}"),
                });
                continue;
            }
            seen.insert(key, line);
            rows.push(RosterRow {
                line,
                building,
                unit,
                room,
                floor,
                area: area.0,
                area_source: area.1,
                owner_key,
                owner_name,
                phone,
                developer_held,
            });
        }
        if errors.len() >= MAX_REPORTED_ERRORS {
            break;
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        errors.truncate(MAX_REPORTED_ERRORS);
        Err(RosterError::Rows(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "楼栋,单元,房号,楼层,面积,业主编号,业主姓名,电话,开发商持有\n\
        1号楼,1单元,101,1,56.30,K001,张三,13800001234,否\n\
        1号楼,1单元,102,1,60,K001,张三,,\n\
        1号楼,2单元,201,2,88.05,,,,是\n";

    #[test]
    fn parses_chinese_headers_and_developer_rows() {
        let rows = parse(GOOD).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].area, Area(5630));
        assert_eq!(rows[0].phone.as_deref(), Some("13800001234"));
        assert_eq!(rows[1].owner_key, "K001");
        assert_eq!(rows[1].area, Area(6000));
        assert_eq!(rows[2].owner_key, DEVELOPER_OWNER_KEY);
        assert!(rows[2].developer_held);
        assert_eq!(rows[2].floor, 2);
    }

    #[test]
    fn reports_every_bad_line_and_returns_no_rows() {
        let text = "building,unit,room,floor,area,owner_key\n\
            A,1,101,1,50.00,K1\n\
            A,1,102,x,50.00,K2\n\
            A,1,103,1,-5,K3\n\
            A,1,101,1,50.00,K4\n";
        match parse(text) {
            Err(RosterError::Rows(errs)) => {
                let lines: Vec<u64> = errs.iter().map(|e| e.line).collect();
                assert_eq!(lines, vec![3, 4, 5]);
                assert_eq!(errs[0].column, Some("floor"));
                assert_eq!(errs[1].column, Some("area"));
                assert!(errs[2].message.contains("line 2"), "{}", errs[2].message);
            }
            other => panic!("expected row errors, got {other:?}"),
        }
    }

    #[test]
    fn control_characters_reject_their_line() {
        let text = "building,unit,room,floor,area,owner_key\nA,1,101,1,50.00,K1\nA,1,1\u{0}2,1,50.00,K2\n";
        match parse(text) {
            Err(RosterError::Rows(errs)) => assert_eq!((errs.len(), errs[0].line), (1, 3)),
            other => panic!("expected a row error, got {other:?}"),
        }
    }

    #[test]
    fn look_alike_rooms_and_owner_keys_are_one_after_normalising() {
        let text = "楼栋,单元,房号,楼层,面积,业主编号\n\
            1号楼,1单元,101,1,50.00,K9\n\
            1号楼,1单元,１０１,1,50.00,K9\n\
            1号楼,1单元,101\u{200b},1,50.00,K9\n";
        let Err(RosterError::Rows(errors)) = parse(text) else { panic!("duplicates must be refused") };
        let found: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(found, vec![(3, Some("room")), (4, Some("room"))]);
        assert!(errors[0].message.contains("already appears on line 2"), "{}", errors[0].message);

        let text = "楼栋,单元,房号,楼层,面积,业主编号,业主姓名\n\
            １号楼,1单元,101,１,５６．３０,K9,张\u{200b}三\n\
            1号楼 ,1单元,102,1,50.00,K9\u{200b},\u{2067}李四\u{2069}\n";
        let rows = parse(text).unwrap();
        assert_eq!(rows[0].building, "1号楼");
        assert_eq!((rows[0].floor, rows[0].area), (1, Area(5630)));
        assert_eq!(rows[0].owner_name.as_deref(), Some("张三"));
        assert_eq!(rows[1].building, "1号楼");
        assert_eq!(rows[1].owner_key, "K9");
        assert_eq!(rows[1].owner_name.as_deref(), Some("李四"));
    }

    #[test]
    fn the_area_comes_from_the_register_else_the_survey_else_the_contract() {
        let text = "楼栋,单元,房号,楼层,合同面积,实测面积,登记面积,业主编号\n\
            1,1,101,1,61.00,60.50,60.12,K1\n\
            1,1,102,1,61.00,60.50,,K2\n\
            1,1,103,1,61.00,,,K3\n\
            1,1,104,1,,,,K4\n\
            1,1,105,1,61.00,abc,,K5\n";
        let Err(RosterError::Rows(errors)) = parse(text) else { panic!("two rows are bad") };
        let found: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(found, vec![(5, Some("area")), (6, Some("surveyed_area"))]);
        let good: String = text.lines().take(4).map(|l| format!("{l}\n")).collect();
        let rows = parse(&good).unwrap();
        let got: Vec<(Area, AreaSource)> = rows.iter().map(|r| (r.area, r.area_source)).collect();
        assert_eq!(
            got,
            vec![
                (Area(6012), AreaSource::Registered),
                (Area(6050), AreaSource::Surveyed),
                (Area(6100), AreaSource::Contract)
            ]
        );
        assert_eq!(parse(GOOD).unwrap()[0].area_source, AreaSource::Given);
        assert_eq!(
            parse("building,unit,room,floor,owner_key\nA,1,101,1,K1\n"),
            Err(RosterError::MissingColumns("area".into()))
        );
    }

    #[test]
    fn names_missing_columns() {
        assert_eq!(
            parse("building,unit,room\nA,1,101\n"),
            Err(RosterError::MissingColumns("floor, area, owner_key".into()))
        );
    }

    #[test]
    fn decodes_gbk_and_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode(GOOD);
        let text = decode(&gbk, Encoding::Auto).unwrap();
        assert_eq!(text, GOOD);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(GOOD.as_bytes());
        assert_eq!(decode(&bom, Encoding::Auto).unwrap(), GOOD);
        assert_eq!(decode(&gbk, Encoding::Utf8), Err(RosterError::Encoding));
        assert_eq!(decode(b"\xff\xff\xff", Encoding::Auto), Err(RosterError::Encoding));
    }
}
