#!/usr/bin/env python3
"""A local stand-in for the WeChat API, for scripts/fuzz: the server under test is pointed at it
with WECHAT_API_BASE so the WeChat operations are fuzzed too, and nothing leaves loopback.

    python3 scripts/wechat_stub.py PORT

It answers the calls diandan makes, the way WeChat does (HTTP 200 with errcode):
- GET  /sns/jscode2session?js_code=C   -> an openid derived from C; codes shorter than 4
                                          characters get 40029 (invalid), codes starting with
                                          "used" get 40163 (already used)
- POST /cgi-bin/stable_token           -> an access token living 7200 s
- POST /cgi-bin/message/subscribe/send -> delivered (errcode 0)
- POST /wxa/business/getuserphonenumber {"code": C}
                                       -> the number itself for "phone-<11 digits>", else a
                                          mainland number derived from C; short codes 40029
- POST /wxa/msg_sec_check {"content": T}
                                       -> risky for a text holding RISKY, review for REVIEW,
                                          else pass
- POST /wxa/media_check_async          -> a trace id (no verdict is pushed: photos stay pending)
"""
import hashlib
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def session(code: str) -> dict:
    if len(code) < 4:
        return {"errcode": 40029, "errmsg": "invalid code"}
    if code.startswith("used"):
        return {"errcode": 40163, "errmsg": "code been used"}
    return {"openid": "stub-" + digest(code)[:24], "session_key": "not-for-the-client"}


def phone(code: str) -> dict:
    if len(code) < 4:
        return {"errcode": 40029, "errmsg": "invalid code"}
    named = code.removeprefix("phone-")
    if code.startswith("phone-") and len(named) == 11 and named.isdigit():
        number = named
    else:
        number = "138" + str(int(digest(code)[:12], 16) % 10**8).zfill(8)
    return {"errcode": 0, "errmsg": "ok", "phone_info": {"purePhoneNumber": number, "countryCode": "86"}}


class Stub(BaseHTTPRequestHandler):
    def reply(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if url.path == "/sns/jscode2session":
            self.reply(session(query.get("js_code", [""])[0]))
        else:
            self.reply({"errcode": 40066, "errmsg": "invalid url"})

    def do_POST(self) -> None:
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            body = {}
        body = body if isinstance(body, dict) else {}
        code = body.get("code", "")
        if url.path == "/wxa/business/getuserphonenumber":
            self.reply(phone(str(code)))
        elif url.path == "/cgi-bin/stable_token":
            self.reply({"access_token": "stub-token", "expires_in": 7200})
        elif url.path == "/cgi-bin/message/subscribe/send":
            self.reply({"errcode": 0, "errmsg": "ok"})
        elif url.path == "/wxa/msg_sec_check":
            content = str(body.get("content", ""))
            suggest, label = ("risky", 20001) if "RISKY" in content else ("review", 20006) if "REVIEW" in content else ("pass", 100)
            self.reply({"errcode": 0, "errmsg": "ok", "result": {"suggest": suggest, "label": label}})
        elif url.path == "/wxa/media_check_async":
            self.reply({"errcode": 0, "errmsg": "ok", "trace_id": "stub-trace-" + digest(self.path + str(body))[:16]})
        else:
            self.reply({"errcode": 40066, "errmsg": "invalid url"})

    def log_message(self, *_args) -> None:
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
