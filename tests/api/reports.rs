//! The district's report for a period (周报告/月通报): per community and summed, exact figures
//! from a consultation run through its vote, a work order, and a rating period, in JSON and in
//! the XLSX that is sent up.

use crate::projects::published;
use calamine::{Data, Reader, Xlsx};
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};

fn a_district_report_sums_its_communities_with_exact_figures(b: Backend) {
    let Some(p) = published(b) else { return };
    let (w, app) = (&p.w, &p.w.app);
    app.post(
        &format!("/api/v1/communities/{}/complaints", w.community),
        Some(&p.zhang.0),
        json!({ "category": "property_repairs", "description": "楼道灯坏了", "location_kind": "public", "place": "车棚" }),
    )
    .expect(201);
    let today = diandan_domain::time::china_day(chrono::Utc::now());
    // The scheduler closed the vote as of two hours from now: the period runs two days on.
    let tomorrow = diandan_domain::time::china_day(chrono::Utc::now() + chrono::Duration::days(2));
    let path = format!("/api/v1/districts/{}/report?from={today}&to={tomorrow}", w.district);

    app.get(&path, Some(&w.committee)).expect_problem(403, "forbidden");
    app.get(&format!("/api/v1/districts/{}/report?from={tomorrow}&to={today}", w.district), Some(&w.admin))
        .expect_problem(422, "validation_failed");
    app.get("/api/v1/districts/00000000-0000-0000-0000-000000000000/report", Some(&w.admin))
        .expect_problem(404, "not_found");

    let r = app.get(&path, Some(&w.admin)).expect(200).clone();
    assert_eq!((r["from"].as_str(), r["to"].as_str()), (Some(today.as_str()), Some(tomorrow.as_str())));
    let names: Vec<&str> = r["communities"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["光明里", "幸福里"]);
    let here = &r["communities"][1];
    // The roll: 4 owners (张三's two homes are one owner; the developer's home one more),
    // 344.35 m²; 张三, 李四 and 王五 voted: 3 owners, 274.35 m².
    assert_eq!((here["consultations_opened"].as_i64(), here["consultations_closed"].as_i64()), (Some(1), Some(1)));
    assert_eq!(
        here["turnout"],
        json!({ "owners": 4, "voted_owners": 3, "owners_percent": "75.0",
                "area": "344.35", "voted_area": "274.35", "area_percent": "79.7" })
    );
    // Every owner who voted supported all three items: each passed in its one instance.
    assert_eq!((here["items_passed"].as_i64(), here["instances_passed"].as_i64()), (Some(3), Some(3)));
    assert_eq!(here["complaints"]["received"], 1);
    assert_eq!((here["ratings"]["rated_dwellings"].as_u64(), here["ratings"]["score"].clone()), (Some(0), Value::Null));
    let there = &r["communities"][0];
    assert_eq!(
        (there["consultations_opened"].as_i64(), there["turnout"]["owners_percent"].clone()),
        (Some(0), Value::Null)
    );
    let total = &r["total"];
    assert_eq!(total["name"], "合计");
    assert_eq!(
        (total["turnout"]["owners"].as_i64(), total["turnout"]["area_percent"].as_str()),
        (Some(4), Some("79.7"))
    );
    assert_eq!((total["items_passed"].as_i64(), total["complaints"]["received"].as_u64()), (Some(3), Some(1)));

    // A period before anything happened is empty.
    let before = format!("/api/v1/districts/{}/report?from=2026-01-01&to=2026-01-31", w.district);
    let empty = app.get(&before, Some(&w.admin)).expect(200).clone();
    assert_eq!(
        (empty["total"]["consultations_opened"].as_i64(), empty["total"]["complaints"]["received"].as_u64()),
        (Some(0), Some(0))
    );

    // The same figures as the workbook that is sent up: a row per community, the sum last.
    let x = app.request("GET", &format!("{path}&format=xlsx"), Some(&w.admin), None, None, &[]);
    assert_eq!(x.status, 200);
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(x.bytes)).expect("a workbook");
    let sheet = wb.worksheet_range("街道报告").expect("the report sheet");
    let rows: Vec<Vec<Data>> = sheet.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 4, "header, two communities, the sum");
    assert_eq!(rows[0][5], Data::String("业主参与率(%)".into()));
    assert_eq!(
        (rows[2][0].clone(), rows[2][4].clone(), rows[2][8].clone()),
        (Data::String("幸福里".into()), Data::Float(3.0), Data::Float(79.7))
    );
    assert_eq!((rows[3][0].clone(), rows[3][11].clone()), (Data::String("合计".into()), Data::Float(1.0)));
}

backend_tests!(a_district_report_sums_its_communities_with_exact_figures);
