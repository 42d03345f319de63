#!/usr/bin/env python3
"""Counts, in a schemathesis VCR cassette of schema-valid requests (scripts/fuzz --acceptance),
the requests the server refused as invalid (400 or 422), per operation, with one sample of
the problem's code and first field. The last line is one JSON object of the totals.

    fuzz_acceptance.py CASSETTE
"""
import collections
import json
import sys

import yaml

with open(sys.argv[1]) as f:
    cassette = yaml.safe_load(f)
total = 0
refused = collections.Counter()
sample = {}
statuses = collections.Counter()
for it in cassette.get("http_interactions", []):
    req, resp = it["request"], it.get("response") or {}
    status = int((resp.get("status") or {}).get("code", 0))
    if not status:
        continue
    total += 1
    statuses[status] += 1
    if status in (400, 422):
        uri = req["uri"].split("?")[0]
        op = f'{req["method"]} {it.get("operation", uri)}' if "operation" in it else f'{req["method"]} {uri}'
        refused[op] += 1
        if op not in sample:
            body = (resp.get("body") or {}).get("string", "")
            try:
                p = json.loads(body)
                first = (p.get("errors") or [{}])[0]
                sample[op] = f'{p.get("code")} {first.get("field", "")}: {first.get("message", p.get("detail", ""))}'[:140]
            except Exception:
                sample[op] = body[:140]
for op, n in refused.most_common():
    print(f"{n:5}  {op}  [{sample[op]}]")
print(json.dumps({"schema_valid_requests": total, "refused_400_422": sum(refused.values()), "operations_refusing": len(refused), "statuses": dict(sorted(statuses.items()))}))
