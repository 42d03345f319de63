"""Helpers shared by the benchmarks: a fresh database, a release server on a free port, and
a tiny JSON-over-HTTP client (standard library only)."""
import json, os, shutil, socket, subprocess, tempfile, time, urllib.request, urllib.error, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "diandan")
ADMIN_PASSWORD = "bench-admin-password"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Database:
    """A throwaway SQLite file or PostgreSQL database."""

    def __init__(self, backend):
        self.backend = backend
        self.dir = tempfile.mkdtemp(prefix="diandan-bench-")
        if backend == "sqlite":
            self.url = "sqlite://" + os.path.join(self.dir, "diandan.db")
        else:
            base = subprocess.check_output([os.path.join(ROOT, "scripts", "ensure-postgres")], text=True).strip().splitlines()[-1]
            self.name = "bench_" + uuid.uuid4().hex[:12]
            self.admin = base.rsplit("/", 1)[0] + "/postgres"
            subprocess.check_call(["psql", self.admin, "-qc", f"CREATE DATABASE {self.name}"])
            self.url = base.rsplit("/", 1)[0] + "/" + self.name

    def env(self):
        e = dict(os.environ)
        e.update(DATABASE_URL=self.url, DIANDAN_DATA_DIR=self.dir, DIANDAN_ADMIN_PASSWORD=ADMIN_PASSWORD, RUST_LOG="warn")
        return e

    def close(self):
        if self.backend == "postgres":
            subprocess.call(["psql", self.admin, "-qc", f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)"])
        shutil.rmtree(self.dir, ignore_errors=True)


class Server:
    def __init__(self, db, extra_env=None):
        self.port = free_port()
        env = db.env()
        env.update(DIANDAN_ADDR=f"127.0.0.1:{self.port}", **(extra_env or {}))
        self.proc = subprocess.Popen([BIN, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except Exception:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def call(self, method, path, token=None, body=None, content_type="application/json"):
        data = None
        headers = {}
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = content_type
        if token:
            headers["Authorization"] = "Bearer " + token
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=300) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def login_admin(self):
        status, body = self.call("POST", "/api/v1/auth/login", body={"username": "admin", "password": ADMIN_PASSWORD})
        assert status == 200, body
        return body["access_token"]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
