#!/usr/bin/env python3
"""Seeds the server under scripts/fuzz with one of everything, through the API, and writes the
schemathesis.toml that points every operation's path parameters at those records, so the
fuzzer's bodies and queries reach the handlers' real work instead of stopping at 404.

    fuzz_seed.py BASE_URL ADMIN_TOKEN OUT_TOML

Operations a resident performs (casting a ballot, filing a complaint, rating...) are sent with
a verified owner's token; every other operation with the admin's.
"""
import datetime as dt
import json
import uuid
import struct
import sys
import time
import urllib.error
import urllib.request
import zlib

import yaml

BASE, ADMIN, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
ROSTER = (
    "楼栋,单元,房号,楼层,面积,业主编号,业主姓名,电话,开发商持有\n"
    "1号楼,1单元,101,1,56.30,K101,张三,13800000001,否\n"
    "1号楼,2单元,201,2,88.05,K201,李四,13800000002,否\n"
    "2号楼,1单元,101,1,70.00,K301,王五,13800000003,否\n"
)
# (method, path template) sent with the resident's token.
RESIDENT_OPERATIONS = {
    ("post", "/api/v1/bindings"),
    ("post", "/api/v1/bindings/{id}/withdraw"),
    ("get", "/api/v1/consultations/{id}/ballot"),
    ("post", "/api/v1/consultations/{id}/ballot"),
    ("post", "/api/v1/consultations/{id}/objections"),
    ("post", "/api/v1/communities/{id}/complaints"),
    ("post", "/api/v1/complaints/{id}/me-too"),
    ("post", "/api/v1/complaints/{id}/confirm"),
    ("post", "/api/v1/complaints/{id}/send-back"),
    ("post", "/api/v1/rating-periods/{id}/ratings"),
    ("get", "/api/v1/rating-periods/{id}/ratings/mine"),
    ("put", "/api/v1/ratings/{id}"),
    ("post", "/api/v1/me/phone"),
    ("get", "/api/v1/me/feed"),
    ("get", "/api/v1/me/export"),
    ("post", "/api/v1/me/privacy-consent"),
    ("get", "/api/v1/me/message-grants"),
    ("post", "/api/v1/me/message-grants"),
    ("post", "/api/v1/notices/{id}/read"),
    ("post", "/api/v1/uploads"),
    ("put", "/api/v1/reviews/{id}/opinions"),
    ("post", "/api/v1/designs/{id}/objections"),
}


def call(method, path, token=None, body=None, content_type="application/json", tolerate=()):
    data = None
    if body is not None:
        if isinstance(body, bytes):
            data = body
        else:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            text = r.read().decode()
            return json.loads(text) if text else None
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        if e.code == 409 and json.loads(text).get("code") in tolerate:
            return None
        sys.exit(f"fuzz_seed: {method} {path} answered {e.code}: {text}")


def png(width, height):
    """A valid RGB PNG of one colour."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    raw = b"".join(b"\0" + b"\x50\x60\x70" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def at(seconds):
    return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def seed():
    district = call("POST", "/api/v1/districts", ADMIN, {"name": "模糊测试街道"})["id"]
    community = call(
        "POST", "/api/v1/communities", ADMIN,
        {"district_id": district, "name": "模糊小区", "address": "测试路1号", "year_built": 1990},
    )["id"]
    call("POST", f"/api/v1/communities/{community}/roster", ADMIN, ROSTER, "text/csv")
    dwellings = call("GET", f"/api/v1/communities/{community}/dwellings?limit=50", ADMIN)["items"]
    dwelling = {(d["building"], d["unit"], d["room"]): d["id"] for d in dwellings}

    resident = call("POST", "/api/v1/auth/wechat", None, {"code": "fuzz-resident"})
    token, resident_id = resident["access_token"], resident["user_id"]
    call("POST", "/api/v1/me/phone", token, {"code": "phone-13800000001"})
    binding = call("POST", "/api/v1/bindings", token, {"dwelling_id": dwelling[("1号楼", "1单元", "101")], "relation": "owner"})["id"]

    company = call("POST", "/api/v1/property-companies", ADMIN, {"district_id": district, "name": "模糊物业"})["id"]
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    contract = call(
        "POST", f"/api/v1/communities/{community}/property-contracts", ADMIN, {"company_id": company, "starts_on": yesterday}
    )["id"]
    user = call("POST", "/api/v1/users", ADMIN, {"username": "fuzz-designer", "password": "fuzz-designer-pw", "display_name": "设计"})["id"]
    grant = call("POST", "/api/v1/role-grants", ADMIN, {"user_id": user, "role": "designer", "community_id": community})["id"]
    supervisor = call("POST", f"/api/v1/communities/{community}/supervisors", ADMIN, {"user_id": resident_id})["id"]

    def consultation(title, closes_in, objection_days=3):
        k = call(
            "POST", f"/api/v1/communities/{community}/consultations", ADMIN,
            {"title": title, "announce_days": 0, "objection_days": objection_days, "opens_at": at(2), "closes_at": at(closes_in)},
        )["id"]
        item = call("POST", f"/api/v1/consultations/{k}/items", ADMIN, {"code": "water_supply"})["id"]
        call("POST", f"/api/v1/consultations/{k}/announce", ADMIN, {})
        return k, item

    # One consultation open for ballots, one past its vote with the preliminary result public
    # (the objection window), two published (their renovation projects follow: one with its
    # design under review, one with its design on public notice).
    consultation_open, item = consultation("模糊测试菜单", 86400)
    consultation_done, done_item = consultation("已投票菜单", 5)
    published = [consultation(title, 5, objection_days=0) for title in ("已公布菜单", "已公布菜单二")]
    time.sleep(2.5)
    for k in [consultation_open, consultation_done] + [k for k, _ in published]:
        # The scheduler may have opened it already (its window opened 2 s after creation).
        call("POST", f"/api/v1/consultations/{k}/open", ADMIN, {}, tolerate=("wrong_state",))
    opened = call("GET", f"/api/v1/consultations/{consultation_open}", ADMIN)
    # Every owner votes (the other two bind through their verified phones): the item can be approved.
    voters = [token]
    for code, phone, place in [("fuzz-li", "13800000002", ("1号楼", "2单元", "201")), ("fuzz-wang", "13800000003", ("2号楼", "1单元", "101"))]:
        other = call("POST", "/api/v1/auth/wechat", None, {"code": code})["access_token"]
        call("POST", "/api/v1/me/phone", other, {"code": f"phone-{phone}"})
        call("POST", "/api/v1/bindings", other, {"dwelling_id": dwelling[place], "relation": "owner"})
        voters.append(other)
    for voter in voters:
        for k, i in published:
            call("POST", f"/api/v1/consultations/{k}/ballot", voter, {"choices": {i: {"choice": "support"}}})
    receipt = call("POST", f"/api/v1/consultations/{consultation_open}/ballot", token, {"choices": {item: {"choice": "support"}}})["receipt"]
    call("POST", f"/api/v1/consultations/{consultation_done}/ballot", token, {"choices": {done_item: {"choice": "oppose"}}})
    paper = call(
        "POST", f"/api/v1/consultations/{consultation_open}/paper-ballots", ADMIN,
        {
            "dwelling_id": dwelling[("2号楼", "1单元", "101")],
            "choices": {item: {"choice": "oppose"}},
            "sheet_ref": "scan-0001.pdf",
            "signed_at": opened["opened_at"],
        },
    )["version_id"]
    # 李四's paper authorisation of a proxy, waiting for a second member (the admin entered it).
    proxy = call(
        "POST", f"/api/v1/consultations/{consultation_open}/proxies", ADMIN,
        {"dwelling_id": dwelling[("1号楼", "2单元", "201")], "proxy_name": "李小四", "proxy_phone": "13900000002",
         "kind": "family", "paper_ref": "委托书-0001"},
    )["id"]
    time.sleep(3)
    call("POST", f"/api/v1/consultations/{consultation_done}/close", ADMIN, {})
    call("POST", f"/api/v1/consultations/{consultation_done}/preliminary", ADMIN, {})
    objection = call("POST", f"/api/v1/consultations/{consultation_done}/objections", token, {"text": "请核对我的回执"})["id"]

    # 怎么改: the published consultations' projects, the resident as 楼长, the designer's first
    # versions; one under the representatives' review, one accepted and on public notice with
    # the resident's objection.
    designer = call("POST", "/api/v1/auth/login", None, {"username": "fuzz-designer", "password": "fuzz-designer-pw"})["access_token"]
    representative = call(
        "POST", f"/api/v1/communities/{community}/representatives", ADMIN,
        {"user_id": resident_id, "dwelling_id": dwelling[("1号楼", "1单元", "101")], "seat": "building"},
    )["id"]
    designs = []
    for k, i in published:
        base = f"/api/v1/consultations/{k}"
        call("POST", f"{base}/close", ADMIN, {})
        call("POST", f"{base}/preliminary", ADMIN, {})
        call("POST", f"{base}/items/{i}/decision", ADMIN, {"decision": "approved", "reason": "多数支持"})
        call("POST", f"{base}/finish-review", ADMIN, {})
        call("POST", f"{base}/publish", ADMIN, {})
        project = call("POST", f"/api/v1/communities/{community}/projects", ADMIN, {"consultation_id": k})["id"]
        d = call(
            "POST", f"/api/v1/projects/{project}/designs", designer,
            {"note": "第一稿", "measures": [{"key": "M1", "title": "供水管网改造", "items": [i]}]},
        )
        review = call("POST", f"/api/v1/designs/{d['id']}/review", ADMIN, {})["id"]
        designs.append((project, d, review))
    (project, design_in_review, review), (_, design_on_notice, accepted) = designs
    call("POST", f"/api/v1/reviews/{accepted}/decision", ADMIN, {"outcome": "accepted", "reason": "代表同意"})
    design_objection = call(
        "POST", f"/api/v1/designs/{design_on_notice['id']}/objections", token,
        {"measure_id": design_on_notice["measures"][0]["id"], "text": "施工时间请避开高考"},
    )["id"]

    complaint = call(
        "POST", f"/api/v1/communities/{community}/complaints", token,
        {"category": "property_repairs", "description": "楼道灯坏了", "location_kind": "public", "place": "车棚"},
    )["id"]
    period = call("POST", "/api/v1/rating-periods", ADMIN, {"district_id": district, "name": "模糊季度", "closes_at": at(86400)})["id"]
    scores = {k: 4 for k in ("security", "cleaning", "greening", "repairs", "fees", "attitude")}
    rating = call("POST", f"/api/v1/rating-periods/{period}/ratings", token, scores)["id"]

    notice = call("POST", f"/api/v1/communities/{community}/notices", ADMIN, {"title": "模糊测试通知", "body": "明日停水"})["id"]

    # A photo (multipart, as wx.uploadFile sends it), and a work order WeChat's check (the stub:
    # REVIEW) holds for the committee.
    boundary = "fuzz-seed-boundary"
    form = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
        "Content-Type: image/png\r\n\r\n"
    ).encode() + png(8, 8) + f"\r\n--{boundary}--\r\n".encode()
    photo = call("POST", "/api/v1/uploads", token, form, f"multipart/form-data; boundary={boundary}")["id"]
    call(
        "POST", f"/api/v1/communities/{community}/complaints", token,
        {"category": "other", "description": "REVIEW 待审核", "location_kind": "public", "place": "北门"},
    )
    held = call("GET", f"/api/v1/held-texts?community_id={community}", ADMIN)["items"][0]["id"]

    # What `{id}` (and the other path parameters) mean under each leading segment.
    ids = {
        "bindings": binding, "communities": community, "complaints": complaint, "consultations": consultation_open,
        "districts": district, "objections": objection, "paper-ballots": paper, "property-companies": company,
        "property-contracts": contract, "rating-periods": period, "ratings": rating, "role-grants": grant,
        "notices": notice, "users": user, "uploads": photo, "held-texts": held,
        "projects": project, "designs": design_on_notice["id"], "reviews": review, "design-objections": design_objection,
        # No design is approved within the seed's minutes (a notice runs a day at least), so no
        # works notice exists: its routes answer 404, the works' routes on `project` 409.
        "works-notices": str(uuid.uuid4()),
        "proxies": proxy,
    }
    named = {
        "item_id": item, "supervisor": supervisor, "receipt": receipt, "version_id": paper, "variant": "thumbnail",
        "representative": representative, "party": "contractor",
    }
    return token, ids, named, consultation_done


def toml_string(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    token, ids, named, consultation_done = seed()
    spec = yaml.safe_load(open("openapi.yaml", encoding="utf-8"))
    # Every operation gets a block of its own with its token: project-level headers were not
    # applied to operations without a block of their own (schemathesis 4.32.5).
    out = []
    for path, operations in spec["paths"].items():
        segments = path.split("/")
        for method in operations:
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            params = {}
            for name in (s[1:-1] for s in segments if s.startswith("{")):
                if name == "id" and path.endswith("/objections"):
                    params["path.id"] = consultation_done
                elif name == "id":
                    params["path.id"] = ids[segments[3]]
                else:
                    params[f"path.{name}"] = named[name]
            bearer = token if (method, path) in RESIDENT_OPERATIONS else ADMIN
            out.append("[[operations]]")
            # One filter, the operation's full name: two filters in a block (path and method)
            # select the operations matching either, not both.
            out.append(f"include-name = {toml_string(method.upper() + ' ' + path)}")
            out.append(f'headers = {{ Authorization = {toml_string("Bearer " + bearer)} }}')
            if params:
                out.append("parameters = { " + ", ".join(f"{toml_string(k)} = {toml_string(v)}" for k, v in params.items()) + " }")
            out.append("")
    open(OUT, "w", encoding="utf-8").write("\n".join(out))
    print(f"seeded: {len(ids) + len(named)} records for {sum(1 for l in out if l == '[[operations]]')} operations", file=sys.stderr)


if __name__ == "__main__":
    main()
