use crate::fixtures::{import, world, ROSTER};
use diandan_testkit::{backend_tests, Backend};
use serde_json::json;

fn import_is_idempotent_and_updates_changes(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let again = import(app, &w.admin, &w.community, ROSTER.as_bytes(), "text/csv");
    let s = again.expect(200);
    assert_eq!(
        (s["rows"].as_u64(), s["created"].as_u64(), s["updated"].as_u64(), s["unchanged"].as_u64()),
        (Some(5), Some(0), Some(0), Some(5))
    );
    let changed = ROSTER.replace("1号楼,2单元,201,2,88.05", "1号楼,2单元,201,2,88.50").replace(
        "2号楼,1单元,101,1,70.00,K301,王五,,否",
        "2号楼,1单元,101,1,70.00,K301,王五,,否\n3号楼,1单元,101,1,45.00,K401,赵六,,否",
    );
    let r = import(app, &w.admin, &w.community, changed.as_bytes(), "text/csv; charset=utf-8");
    let s = r.expect(200);
    assert_eq!(
        (s["created"].as_u64(), s["updated"].as_u64(), s["unchanged"].as_u64(), s["buildings_created"].as_u64()),
        (Some(1), Some(1), Some(4), Some(1))
    );
    assert_eq!(app.count("dwellings"), 6);
    let tree = app.get(&format!("/api/v1/communities/{}/buildings", w.community), Some(&w.committee));
    let t = tree.expect(200);
    assert_eq!(t.as_array().unwrap().len(), 3);
    assert_eq!(t[0]["name"], "1号楼");
    assert_eq!(t[0]["units"][1]["area"], "88.50");
    assert_eq!(t[0]["units"][0]["dwellings"], 2);
}

fn gbk_files_import(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (gbk, _, _) =
        encoding_rs::GBK.encode("楼栋,单元,房号,楼层,面积,业主编号,业主姓名\n5号楼,1单元,101,1,50.00,K501,钱七\n");
    let r = import(app, &w.admin, &w.other_community, &gbk, "text/csv");
    assert_eq!(r.expect(200)["created"], 1);
    let list = app.get(&format!("/api/v1/communities/{}/dwellings", w.other_community), Some(&w.admin));
    assert_eq!(list.expect(200)["items"][0]["building"], "5号楼");
    assert_eq!(list.body["items"][0]["owner_name"], "钱七");
    assert_eq!(list.body["items"][0]["area"], "50.00");
}

fn a_broken_line_stores_nothing(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let mut csv = String::from("building,unit,room,floor,area,owner_key\n");
    for i in 1..=40 {
        csv.push_str(&format!("9,1,{i},1,50.00,K9-{i}\n"));
    }
    csv.push_str("9,1,41,one,50.00,K9-41\n");
    for i in 42..=80 {
        csv.push_str(&format!("9,1,{i},1,50.00,K9-{i}\n"));
    }
    let (resident, _) = app.resident("frank");
    let dwellings = app.count("dwellings");
    let buildings = app.count("buildings");
    let audit = app.count("audit_log");
    let r = import(app, &w.admin, &w.other_community, csv.as_bytes(), "text/csv");
    r.expect_problem(422, "roster_invalid");
    assert_eq!(r.body["errors"].as_array().unwrap().len(), 1);
    assert_eq!(r.body["errors"][0]["field"], "line 42: floor");
    assert_eq!((app.count("dwellings"), app.count("buildings"), app.count("audit_log")), (dwellings, buildings, audit));

    import(app, &w.admin, &w.other_community, b"building,unit,room\n1,1,1\n", "text/csv")
        .expect_problem(422, "roster_missing_columns");
    import(app, &w.admin, &w.other_community, b"\xff\xfe\xfd\xfc", "text/csv").expect_problem(422, "roster_encoding");
    import(app, &w.admin, &w.other_community, ROSTER.as_bytes(), "application/json")
        .expect_problem(415, "unsupported_media_type");
    import(app, &w.committee, &w.community, ROSTER.as_bytes(), "text/csv").expect_problem(403, "forbidden");
    import(app, &resident, &w.community, ROSTER.as_bytes(), "text/csv").expect_problem(403, "forbidden");
    assert_eq!(app.count("audit_log"), audit, "refusals are not state changes");
}

/// Register exports carry full-width digits, stray spaces and invisible characters: they are
/// normalised before the duplicate check, so a look-alike room is a duplicate and a
/// look-alike owner key is the same owner (one head in the tally), not a second one.
fn look_alike_rooms_and_owner_keys_are_one(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let dup = "楼栋,单元,房号,楼层,面积,业主编号\n1号楼,1单元,101,1,50.00,K9\n1号楼,1单元,１０１,1,50.00,K9\n1号楼,1单元,101\u{200b},1,50.00,K9\n";
    let r = import(app, &w.admin, &w.other_community, dup.as_bytes(), "text/csv");
    let fields: Vec<&str> = r.expect_problem(422, "roster_invalid").body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["line 3: room", "line 4: room"]);
    let same = "楼栋,单元,房号,楼层,面积,业主编号\n１号楼,1单元,101,1,50.00,K9\n1号楼 ,1单元,102,1,50.00,K9\u{200b}\n";
    let r = import(app, &w.admin, &w.other_community, same.as_bytes(), "text/csv");
    assert_eq!((r.expect(200)["created"].as_u64(), r.body["buildings_created"].as_u64()), (Some(2), Some(1)));
    let rooms =
        app.get(&format!("/api/v1/communities/{}/dwellings", w.other_community), Some(&w.admin)).expect(200).clone();
    let keys: std::collections::BTreeSet<&str> =
        rooms["items"].as_array().unwrap().iter().map(|d| d["owner_key"].as_str().unwrap()).collect();
    assert_eq!(keys.into_iter().collect::<Vec<_>>(), vec!["K9"]);
}

fn upload_limit_is_enforced(b: Backend) {
    let Some(w) = diandan_testkit::TestApp::builder(b).config(|c| c.upload_limit = 1024).start() else { return };
    let admin = w.admin();
    let district = w.post("/api/v1/districts", Some(&admin), json!({ "name": "d" })).expect(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let c = w
        .post("/api/v1/communities", Some(&admin), json!({ "district_id": district, "name": "c", "address": "a" }))
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let big = format!("building,unit,room,floor,area,owner_key\n{}", "1,1,101,1,50.00,K1\n".repeat(200));
    import(&w, &admin, &c, big.as_bytes(), "text/csv").expect_problem(413, "body_too_large");
    assert_eq!(w.count("dwellings"), 0);
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A cell of a test workbook: text, or a number as Excel stores it.
enum C {
    T(&'static str),
    N(f64),
}

/// A workbook with a notes sheet first and the roster on sheet `花名册`.
fn workbook(rows: &[Vec<C>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "本表由物业导出").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("花名册").unwrap();
    let header = ["楼栋", "单元", "房号", "楼层", "登记面积", "实测面积", "合同面积", "业主编号", "电话"];
    for (col, h) in header.iter().enumerate() {
        ws.write_string(0, col as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            let (r, col) = (r as u32 + 1, col as u16);
            match cell {
                C::T("") => {}
                C::T(t) => drop(ws.write_string(r, col, *t).unwrap()),
                C::N(n) => drop(ws.write_number(r, col, *n).unwrap()),
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn a_workbook_imports_by_its_sheet_with_areas_in_the_spcs_order(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    use C::{N, T};
    let good = workbook(&[
        vec![T("5号楼"), T("1单元"), T("101"), N(1.0), N(56.3), T(""), N(57.0), T("K501"), N(13800000005.0)],
        vec![T("5号楼"), T("1单元"), T("102"), N(1.0), T(""), N(60.5), N(61.0), T("K502"), T("")],
        vec![T("5号楼"), T("1单元"), T("201"), N(2.0), T(""), T(""), N(88.05), T("K503"), T("")],
    ]);
    let at = |sheet: Option<&str>| {
        let q = sheet.map_or(String::new(), |s| format!("?sheet={}", urlencode(s)));
        (format!("/api/v1/communities/{}/roster{q}", w.other_community), XLSX)
    };
    let send = |sheet: Option<&str>, bytes: &[u8], ct: &str| {
        let (path, _) = at(sheet);
        app.request("POST", &path, Some(&w.admin), Some(ct), Some(bytes), &[])
    };
    let audit = app.count("audit_log");
    // The first sheet is the notes: no roster columns there.
    send(None, &good, XLSX).expect_problem(422, "roster_missing_columns");
    let r = send(Some("名册"), &good, XLSX);
    assert_eq!(
        r.expect_problem(422, "roster_no_sheet").body["detail"],
        "sheet: the workbook has no sheet \"名册\"; its sheets: 说明, 花名册"
    );
    send(None, b"PK\x03\x04 not really a workbook", XLSX).expect_problem(422, "roster_unreadable");
    let csv = "楼栋,单元,房号,楼层,面积,业主编号\n5号楼,1单元,101,1,50.00,K501\n";
    send(Some("花名册"), csv.as_bytes(), "text/csv").expect_problem(422, "validation_failed");
    let bad = workbook(&[
        vec![T("5号楼"), T("1单元"), T("101"), N(1.0), N(56.3), T(""), T(""), T("K501"), T("")],
        vec![T("5号楼"), T("1单元"), T("102"), T("一楼"), T(""), T("六十"), T(""), T("K502"), T("")],
    ]);
    let r = send(Some("花名册"), &bad, XLSX);
    let fields: Vec<&str> = r.expect_problem(422, "roster_invalid").body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["花名册!3: floor", "花名册!3: surveyed_area"]);
    assert_eq!(
        (app.count("audit_log"), app.count(&format!("dwellings WHERE community_id = '{}'", w.other_community))),
        (audit, 0)
    );

    // Sent as octet-stream, the content tells it is a workbook.
    let s = send(Some("花名册"), &good, "application/octet-stream").expect(200).clone();
    assert_eq!((s["rows"].as_u64(), s["created"].as_u64()), (Some(3), Some(3)));
    let list =
        app.get(&format!("/api/v1/communities/{}/dwellings", w.other_community), Some(&w.admin)).expect(200).clone();
    let got: Vec<(String, String, String, Option<String>)> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |f: &str| d[f].as_str().unwrap().to_string();
            (s("room"), s("area"), s("area_source"), d["phone"].as_str().map(str::to_string))
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("101".into(), "56.30".into(), "registered".into(), Some("138****0005".into())),
            ("102".into(), "60.50".into(), "surveyed".into(), None),
            ("201".into(), "88.05".into(), "contract".into(), None),
        ]
    );
    // The same workbook again changes nothing.
    assert_eq!(send(Some("花名册"), &good, XLSX).expect(200)["unchanged"], 3);

    // A consultation's roll keeps each area's source, and its turnout shows them.
    let k = app.post(
        &format!("/api/v1/communities/{}/consultations", w.other_community),
        Some(&w.other_committee),
        json!({ "title": "5号楼改造", "announce_days": 0, "objection_days": 0,
                "opens_at": crate::projects::now_plus(5), "closes_at": crate::projects::now_plus(3600) }),
    );
    let base = format!("/api/v1/consultations/{}", k.expect(201)["id"].as_str().unwrap());
    app.post(&format!("{base}/items"), Some(&w.other_committee), json!({ "code": "water_supply" })).expect(201);
    app.post(&format!("{base}/announce"), Some(&w.other_committee), json!({})).expect(200);
    app.post(&format!("{base}/open"), Some(&w.other_committee), json!({})).expect(200);
    let part = app.get(&format!("{base}/participation"), Some(&w.other_committee)).expect(200).clone();
    assert_eq!(
        part["area_sources"],
        json!([
            { "source": "registered", "dwellings": 1, "area": "56.30" },
            { "source": "surveyed", "dwellings": 1, "area": "60.50" },
            { "source": "contract", "dwellings": 1, "area": "88.05" },
        ])
    );
    assert_eq!(part["community"]["total"]["area"], "204.85");
}

/// Percent-encodes a query value (the sheet names are Chinese).
fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

backend_tests!(
    a_workbook_imports_by_its_sheet_with_areas_in_the_spcs_order,
    import_is_idempotent_and_updates_changes,
    gbk_files_import,
    a_broken_line_stores_nothing,
    upload_limit_is_enforced,
    look_alike_rooms_and_owner_keys_are_one
);
