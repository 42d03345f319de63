"""Roster import: 100,000 dwellings (--quick: 10,000) imported over HTTP into an empty
community, then re-imported (all unchanged), then imported with the `diandan import-roster`
command into a second community. Prints rows per second for each."""
import argparse, json, os, random, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import Database, Server, BIN

p = argparse.ArgumentParser()
p.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
p.add_argument("--quick", action="store_true")
a = p.parse_args()
n_target = 10_000 if a.quick else 100_000

random.seed(7)
lines = ["楼栋,单元,房号,楼层,面积,业主编号,业主姓名,电话,开发商持有"]
n = 0
buildings = max(1, n_target // 500)
for b in range(1, buildings + 1):
    for u in range(1, 6):
        for f in range(1, 21):
            for r in range(1, 6):
                n += 1
                lines.append(f"{b}号楼,{u}单元,{f}{r:02d},{f},{random.randint(3000, 12000) / 100:.2f},K{n},业主{n},138{n:08d},否")
csv = ("\n".join(lines) + "\n").encode()

db = Database(a.backend)
server = Server(db)
try:
    admin = server.login_admin()
    _, district = server.call("POST", "/api/v1/districts", admin, {"name": "基准街道"})
    ids = []
    for name in ("基准一", "基准二"):
        _, c = server.call("POST", "/api/v1/communities", admin, {"district_id": district["id"], "name": name, "address": "路"})
        ids.append(c["id"])
    t0 = time.perf_counter()
    status, first = server.call("POST", f"/api/v1/communities/{ids[0]}/roster", admin, csv, "text/csv")
    http_s = time.perf_counter() - t0
    assert status == 200 and first["created"] == n, first
    t0 = time.perf_counter()
    status, again = server.call("POST", f"/api/v1/communities/{ids[0]}/roster", admin, csv, "text/csv")
    reimport_s = time.perf_counter() - t0
    assert status == 200 and again["unchanged"] == n, again
    path = os.path.join(db.dir, "roster.csv")
    with open(path, "wb") as f:
        f.write(csv)
    t0 = time.perf_counter()
    subprocess.check_call([BIN, "import-roster", path, "--community", ids[1]], env=db.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cli_s = time.perf_counter() - t0
finally:
    server.stop()
    db.close()

print(json.dumps({
    "bench": "roster", "backend": a.backend, "dwellings": n, "file_bytes": len(csv),
    "http_import_s": round(http_s, 2), "http_rows_per_s": round(n / http_s),
    "reimport_unchanged_s": round(reimport_s, 2),
    "cli_import_s": round(cli_s, 2), "cli_rows_per_s": round(n / cli_s),
}))
