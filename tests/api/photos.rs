//! Photos: what is kept of a phone photo (no EXIF, no GPS, turned upright, a thumbnail), who
//! gets its signed addresses, attaching to work orders, every bad file refused with nothing
//! stored, and unattached photos removed after a day with their files.

use crate::fixtures::world;
use diandan_testkit::photos::{form, phone_photo, png_claiming, GPS_MARK};
use diandan_testkit::{backend_tests, Backend};
use serde_json::json;

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn a_phone_photo_is_kept_clean_and_shown_to_who_may_see_its_order(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (zhang, _) = w.owner_by_phone("zhang", "13800000001", "1号楼", "1单元", "101");
    let (olga, _) = w.verified("olga", &w.dwelling("2号楼", "1单元", "101"), "occupant", &w.committee);

    let sent = phone_photo(640, 480);
    assert!(sent.windows(GPS_MARK.len()).any(|x| x == GPS_MARK), "the test photo carries a GPS position");
    let up = app.upload(Some(&zhang), "IMG_0001.jpg", &sent);
    let p = up.expect(201).clone();
    // EXIF Orientation 6: the 640 × 480 sensor picture stands 480 × 640.
    assert_eq!((p["width"].as_i64(), p["height"].as_i64()), (Some(480), Some(640)));
    assert_eq!(p["content_type"], "image/jpeg");
    assert_eq!(p["review"], "cleared");
    assert_eq!(p["attached_to"], json!(null));
    let id = p["id"].as_str().unwrap().to_string();

    let picture = app.get(p["url"].as_str().unwrap(), None);
    assert_eq!((picture.status, picture.content_type.as_str()), (200, "image/jpeg"));
    assert_eq!(picture.bytes.len() as i64, p["bytes"].as_i64().unwrap());
    assert!(!picture.bytes.windows(4).any(|x| x == b"Exif"), "no EXIF block is kept");
    assert!(!picture.bytes.windows(GPS_MARK.len()).any(|x| x == GPS_MARK), "no GPS position is kept");
    let decoded = image::load_from_memory(&picture.bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (480, 640));
    let thumb = app.get(p["thumbnail_url"].as_str().unwrap(), None);
    let t = image::load_from_memory(&thumb.bytes).unwrap();
    assert_eq!((t.width(), t.height()), (240, 320));
    let etag = thumb.header("etag").unwrap().to_string();
    let again = app.request("GET", p["thumbnail_url"].as_str().unwrap(), None, None, None, &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    // On disk: the picture and its thumbnail, each named by its hash, and nothing of the GPS.
    let on_disk = files_under(&app.cfg.data_dir.join("photos"));
    assert_eq!(on_disk.len(), 2, "{on_disk:?}");
    for f in &on_disk {
        let bytes = std::fs::read(f).unwrap();
        assert!(!bytes.windows(GPS_MARK.len()).any(|x| x == GPS_MARK));
    }

    // An address is good for its photo, variant and expiry only.
    let url = p["url"].as_str().unwrap();
    app.get(&url.replace("/picture?", "/thumbnail?"), None).expect_problem(404, "not_found");
    let flipped = if url.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{flipped}", &url[..url.len() - 1]);
    app.get(&forged, None).expect_problem(404, "not_found");
    let signer = diandan_app::uploads::signing::Signer::new(diandan_testkit::app::JWT_SECRET.as_bytes());
    let past = chrono::Utc::now().timestamp() - 1;
    let expired = signer.address(&id, diandan_app::uploads::signing::Variant::Picture, past);
    app.get(&expired, None).expect_problem(403, "photo_address_expired");

    // Attached to a work order: the committee and the neighbours see it, in order.
    let second = app.upload(Some(&zhang), "IMG_0002.jpg", &phone_photo(64, 64)).expect(201)["id"].clone();
    let complaints = format!("/api/v1/communities/{}/complaints", w.community);
    let order = |photos: serde_json::Value| {
        json!({ "category": "property_repairs", "description": "楼道灯坏了", "location_kind": "public",
                "place": "车棚", "photos": photos })
    };
    // Someone else's photo, a photo twice, a made-up id: refused, and nothing stored.
    let theirs = app.upload(Some(&olga), "x.jpg", &phone_photo(8, 8)).expect(201)["id"].clone();
    let r = app.post(&complaints, Some(&zhang), order(json!([id, theirs, id, "nope"])));
    r.expect_problem(422, "validation_failed");
    let fields: Vec<(&str, &str)> = r.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("photos[1]", "is not a photo you uploaded (POST /api/v1/uploads)"),
            ("photos[2]", "is already in the list"),
            ("photos[3]", "is not a photo you uploaded (POST /api/v1/uploads)"),
        ]
    );
    let ten: Vec<String> = (0..10).map(|_| id.clone()).collect();
    app.post(&complaints, Some(&zhang), order(json!(ten))).expect_problem(422, "validation_failed");
    assert_eq!(app.count("complaints"), 0);
    assert_eq!(app.count("uploads WHERE attached_to IS NOT NULL"), 0);

    let c = app.post(&complaints, Some(&zhang), order(json!([second, id])));
    let c = c.expect(201).clone();
    let shown: Vec<&str> = c["photos"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(shown, vec![second.as_str().unwrap(), id.as_str()]);
    assert_eq!(c["photos"][1]["attached_to"], "complaint");
    let cid = c["id"].as_str().unwrap();
    app.post(&complaints, Some(&zhang), order(json!([id]))).expect_problem(422, "validation_failed");
    for reader in [&w.committee, &olga] {
        let seen = app.get(&format!("/api/v1/complaints/{cid}"), Some(reader));
        assert_eq!(seen.expect(200)["photos"].as_array().unwrap().len(), 2);
        let thumb = app.get(seen.body["photos"][1]["thumbnail_url"].as_str().unwrap(), None);
        assert_eq!(thumb.status, 200);
    }
    let listed = app.get(&complaints, Some(&w.committee));
    assert_eq!(listed.expect(200)["items"][0]["photos"].as_array().unwrap().len(), 2);
    // Another community's committee sees neither the order nor, so, any address of its photos.
    app.get(&format!("/api/v1/complaints/{cid}"), Some(&w.other_committee)).expect_problem(403, "forbidden");

    // A photo WeChat has not cleared (or refused) is the sender's alone.
    app.exec(&format!("UPDATE uploads SET review = 'pending' WHERE id = '{id}'"));
    let own = app.get(&format!("/api/v1/complaints/{cid}"), Some(&zhang));
    assert_eq!(own.expect(200)["photos"].as_array().unwrap().len(), 2);
    assert_eq!(own.body["photos"][1]["review"], "pending");
    let neighbour = app.get(&format!("/api/v1/complaints/{cid}"), Some(&olga));
    assert_eq!(neighbour.expect(200)["photos"].as_array().unwrap().len(), 1);
    app.exec(&format!("UPDATE uploads SET review = 'rejected' WHERE id = '{id}'"));
    app.get(url, None).expect_problem(404, "not_found");

    // Her data export lists her photos with where they are attached.
    let export = app.get("/api/v1/me/export", Some(&zhang));
    let photos = export.expect(200)["photos"].as_array().unwrap().clone();
    assert_eq!(photos.len(), 2);
    assert!(photos.iter().all(|p| p["attached_to"] == "complaint"));

    // Every upload is in the audit log.
    assert_eq!(app.count("audit_log WHERE action = 'upload.create'"), 3);
}

fn bad_files_are_refused_and_nothing_is_stored(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (zhang, _) = app.resident("zhang");

    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".to_vec();
    let r = app.upload(Some(&zhang), "invoice.jpg", &pdf);
    r.expect_problem(415, "unsupported_image");
    assert!(r.body["detail"].as_str().unwrap().contains("a PDF document"), "{}", r.text);

    let whole = phone_photo(300, 200);
    app.upload(Some(&zhang), "cut.jpg", &whole[..whole.len() * 2 / 3]).expect_problem(422, "unreadable_image");
    let r = app.upload(Some(&zhang), "bomb.png", &png_claiming(30_000));
    r.expect_problem(422, "image_too_large");
    assert!(r.body["detail"].as_str().unwrap().contains("30000 × 30000"), "{}", r.text);

    // 11 MB: refused without keeping it (the limit is 10 MB).
    let mut big = whole.clone();
    big.resize(11 * 1024 * 1024, 0);
    app.upload(Some(&zhang), "big.jpg", &big).expect_problem(413, "body_too_large");

    // Not a form, no file field, two files, no token.
    let json = br#"{"file":"x"}"#;
    app.request("POST", "/api/v1/uploads", Some(&zhang), Some("application/json"), Some(json), &[])
        .expect_problem(415, "unsupported_media_type");
    let (ct, no_file) = form("photo", "a.jpg", &whole, &[]);
    app.request("POST", "/api/v1/uploads", Some(&zhang), Some(&ct), Some(&no_file), &[])
        .expect_problem(400, "bad_request");
    let mut two = form("file", "a.jpg", &whole, &[]).1;
    let boundary_end = b"--\r\n";
    two.truncate(two.len() - boundary_end.len());
    two.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.jpg\"\r\n\r\n");
    two.extend_from_slice(&whole);
    two.extend_from_slice(b"\r\n------diandan-test-7d9f2c--\r\n");
    app.request("POST", "/api/v1/uploads", Some(&zhang), Some(&ct), Some(&two), &[]).expect_problem(400, "bad_request");
    app.upload(None, "a.jpg", &whole).expect_problem(401, "missing_token");

    assert_eq!(app.count("uploads"), 0);
    assert_eq!(files_under(&app.cfg.data_dir.join("photos")), Vec::<std::path::PathBuf>::new());
    // And wx.uploadFile's extra form fields are read past.
    let (ct, body) = form("file", "a.jpg", &whole, &[("purpose", "complaint")]);
    let r = app.request("POST", "/api/v1/uploads", Some(&zhang), Some(&ct), Some(&body), &[]);
    assert_eq!(r.expect(201)["width"], 200, "300 × 200 turned upright");
}

fn unattached_photos_are_removed_after_a_day_with_their_files(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let (zhang, _) = w.owner_by_phone("zhang", "13800000001", "1号楼", "1单元", "101");
    let same = phone_photo(50, 40);
    let a = app.upload(Some(&zhang), "a.jpg", &same).expect(201)["id"].as_str().unwrap().to_string();
    let b2 = app.upload(Some(&zhang), "b.jpg", &same).expect(201)["id"].as_str().unwrap().to_string();
    let kept = app.upload(Some(&zhang), "c.jpg", &phone_photo(30, 30)).expect(201)["id"].as_str().unwrap().to_string();
    let complaints = format!("/api/v1/communities/{}/complaints", w.community);
    app.post(
        &complaints,
        Some(&zhang),
        json!({ "category": "other", "description": "x", "location_kind": "public", "place": "p", "photos": [kept] }),
    )
    .expect(201);
    // The same picture twice is one file (and its thumbnail another): 4 files for 3 uploads.
    let dir = app.cfg.data_dir.join("photos");
    assert_eq!(files_under(&dir).len(), 4);
    assert_eq!(app.sweep_photos(), 0, "nothing is a day old");

    let old = "2000-01-01 00:00:00";
    app.exec(&format!("UPDATE uploads SET created_at = '{old}' WHERE id IN ('{a}', '{kept}')"));
    assert_eq!(app.sweep_photos(), 1, "the attached photo stays, however old");
    assert_eq!(files_under(&dir).len(), 4, "b still names a's files");
    app.exec(&format!("UPDATE uploads SET created_at = '{old}' WHERE id = '{b2}'"));
    assert_eq!(app.sweep_photos(), 1);
    assert_eq!(files_under(&dir).len(), 2, "only the attached photo's files remain");
    assert_eq!(app.count("uploads"), 1);
    assert_eq!(app.count("audit_log WHERE action = 'upload.sweep'"), 2);
}

backend_tests!(
    a_phone_photo_is_kept_clean_and_shown_to_who_may_see_its_order,
    bad_files_are_refused_and_nothing_is_stored,
    unattached_photos_are_removed_after_a_day_with_their_files,
);
