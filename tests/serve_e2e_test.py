#!/usr/bin/env python3
"""End-to-end test of `assay serve` against its OpenAPI description.

usage: serve_e2e_test.py ASSAY SOURCE_DIR WORK_DIR

Starts `assay serve --listen 127.0.0.1:0` (the port it prints on stdout) with
a fresh store and a token file, calls every endpoint of docs/openapi.yaml,
checks each status code and validates each response against the schema the
description gives for that path, method, status and content type (JSON
Schema 2020-12, with docs/schema/*.schema.json for the analysis and the
chain), checks the 401, 404, 405, 413 and 415 problems (403 from
the same store served read-only), that
/v1/analyze answers the bytes `assay analyze --format json` prints, that
/v1/stories/{id} holds what `assay story ID --format json` prints, that the
web app's page, permalinks and files come with the strict
Content-Security-Policy and nothing outside the embedded set is served, that
every response carries nosniff, the CSP and no-store (the story answers
no-cache with an ETag, 304 for If-None-Match, and new ones at once after
`assay ingest` into the same store while serving), CORS only for the
configured origin, a Monte Carlo job from 202 to done, then
stops the server with SIGTERM while a request is in flight and a long job
runs, and expects that request answered and a clean exit. The read-only
server runs with a low rate limit: its fourth quick request is a 429 with
Retry-After, and it sends no CORS header.
"""
import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import jsonschema
import yaml

try:  # jsonschema >= 4.18 resolves references through `referencing`
    import referencing
except ImportError:  # Debian 12's jsonschema 4.10: RefResolver
    referencing = None

TOKEN = "e2e-token-0123456789abcdef"
ORIGIN = "http://app.example:8081"
CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


class Checker:
    def __init__(self, source_dir):
        with open(os.path.join(source_dir, "docs", "openapi.yaml"), encoding="utf-8") as f:
            self.api = yaml.safe_load(f)
        # The external schemas docs/openapi.yaml refers to ("schema/NAME"),
        # under that name and under their own $id.
        self.schemas = {}
        for name in ("analysis.schema.json", "chain.schema.json", "stories.schema.json"):
            with open(os.path.join(source_dir, "docs", "schema", name), encoding="utf-8") as f:
                doc = json.load(f)
            self.schemas["schema/" + name] = doc
            if "$id" in doc:
                self.schemas[doc["$id"]] = doc
        self.failures = []
        self.checked = set()

    def validator(self, root):
        if referencing is not None:
            registry = referencing.Registry().with_resources(
                (uri, referencing.Resource.from_contents(doc)) for uri, doc in self.schemas.items())
            return jsonschema.Draft202012Validator(root, registry=registry)
        resolver = jsonschema.RefResolver(base_uri="", referrer=root, store=dict(self.schemas))
        return jsonschema.Draft202012Validator(root, resolver=resolver)

    def resolve(self, node):
        """A response object, following #/components/responses/... references."""
        while "$ref" in node and node["$ref"].startswith("#/components/responses/"):
            node = self.api["components"]["responses"][node["$ref"].rsplit("/", 1)[1]]
        return node

    def check(self, template, method, status, content_type, body):
        """Validates one response against the description; records failures."""
        where = f"{method.upper()} {template} -> {status}"
        op = self.api["paths"].get(template, {}).get(method)
        if op is None:
            self.failures.append(f"{where}: not in docs/openapi.yaml")
            return
        response = op["responses"].get(str(status))
        if response is None:
            self.failures.append(f"{where}: status not described")
            return
        response = self.resolve(response)
        self.checked.add((template, method))
        content = response.get("content")
        if not content:
            if body:
                self.failures.append(f"{where}: described without a body, got {len(body)} bytes")
            return
        media = content_type.split(";")[0].strip()
        if media not in content:
            self.failures.append(f"{where}: content type {media} is not one of {sorted(content)}")
            return
        schema = content[media].get("schema", {})
        if media.endswith("json"):
            try:
                value = json.loads(body)
            except ValueError as e:
                self.failures.append(f"{where}: not JSON: {e}")
                return
            root = copy.deepcopy(schema)
            root["components"] = self.api["components"]  # for #/components/schemas/... references
            validator = self.validator(root)
            errors = sorted(validator.iter_errors(value), key=lambda e: list(e.path))
            for e in errors[:3]:
                self.failures.append(f"{where}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
        elif schema.get("type") == "string" and not isinstance(body, str):
            self.failures.append(f"{where}: not text")


def call(port, method, path, body=None, content_type=None, token=None, query=None, origin=None, if_none_match=None):
    url = f"http://127.0.0.1:{port}{path}"
    if query:
        url += "?" + urllib.parse.urlencode(query)
    data = body.encode("utf-8") if isinstance(body, str) else body
    req = urllib.request.Request(url, data=data, method=method)
    if content_type:
        req.add_header("Content-Type", content_type)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if origin:
        req.add_header("Origin", origin)
    if if_none_match:
        req.add_header("If-None-Match", if_none_match)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8"), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8"), e.headers


def main():
    assay, source_dir, work = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    token_file = os.path.join(work, "token")
    with open(token_file, "w", encoding="utf-8") as f:
        f.write(TOKEN + "\n")
    checker = Checker(source_dir)
    checker.store = os.path.join(work, "store.db")
    server = subprocess.Popen(
        [assay, "serve", "--db", os.path.join(work, "store.db"), "--listen", "127.0.0.1:0", "--token-file", token_file,
         "--rate-limit", "0", "--cors-origin", ORIGIN, "--max-jobs", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        if not line.strip().isdigit():
            server.kill()
            print("serve did not print its port:", line, server.stderr.read(), file=sys.stderr)
            return 1
        port = int(line)
        run(port, checker, assay, source_dir)
        # A long Monte Carlo job running when SIGTERM comes is stopped, not waited for.
        # (The draws' capacities are drawn and put in order before the first
        # is solved; that step looks at the stop flag too: before it did, this
        # job kept the ASan build's server 90 s past SIGTERM, now under 2 s.)
        status, _, body, _ = call(port, "POST", "/v1/chain/montecarlo", content_type="application/json",
                                  body=json.dumps({"scenario": "baseline", "draws": 100000, "seed": 1}))
        expect(checker, "a long job starts", status, 202)
        # A request in flight when SIGTERM comes is answered before the stop.
        claims = "".join(f"China mined {200 + i % 100},000 t of rare earths in 2025.\n" for i in range(3000))
        in_flight = {}
        worker = threading.Thread(target=lambda: in_flight.update(
            status=call(port, "POST", "/v1/verify", body=claims, content_type="text/plain")[0]))
        worker.start()
        time.sleep(0.2)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        try:
            rc = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            checker.failures.append("serve did not stop within 30 s of SIGTERM")
            rc = None
        err = server.stderr.read()
    if "worker" in locals():
        worker.join(timeout=60)
        expect(checker, "the request in flight at SIGTERM", in_flight.get("status"), 200)
    if rc != 0:
        checker.failures.append(f"serve exited {rc} after SIGTERM: {err.strip()}")
    elif "assay: stopped" not in err:
        checker.failures.append(f"serve did not say it stopped: {err.strip()}")
    read_only(assay, work, checker)
    documented = {(p, m) for p, ops in checker.api["paths"].items() for m in ops if m in ("get", "post", "delete")}
    for p, m in sorted(documented - checker.checked):
        checker.failures.append(f"{m.upper()} {p}: documented but not called")
    for f in checker.failures:
        print("FAIL", f, file=sys.stderr)
    print(f"serve_e2e_test: {len(checker.checked)} operations checked, {len(checker.failures)} failures")
    return 1 if checker.failures else 0


def read_only(assay, work, c):
    """The same store served without a token: writes are 403, reads work."""
    server = subprocess.Popen([assay, "serve", "--db", os.path.join(work, "store.db"), "--listen", "127.0.0.1:0",
                               "--rate-limit", "1/m", "--burst", "3"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        status, ctype, body, _ = call(port, "GET", "/v1/health")
        c.check("/v1/health", "get", status, ctype, body)
        expect(c, "read-only health writable", json.loads(body)["writable"], False)
        status, ctype, body, _ = call(port, "POST", "/v1/articles", body="China mined more.", content_type="text/plain",
                                      token=TOKEN)
        c.check("/v1/articles", "post", status, ctype, body)
        expect(c, "read-only POST /v1/articles", status, 403)
        status, ctype, body, _ = call(port, "GET", "/v1/articles")
        c.check("/v1/articles", "get", status, ctype, body)
        # rec-2..4, the six articles of tests/data/stories/cli/news.jsonl and
        # the one `assay ingest` added while serving (cached_stories).
        expect(c, "read-only GET /v1/articles", (status, len(json.loads(body)["items"])), (200, 10))
        # The fourth request within the burst of 3 at 1/min: 429, Retry-After, no CORS header.
        status, ctype, body, headers = call(port, "GET", "/v1/health", origin=ORIGIN)
        c.check("/v1/health", "get", status, ctype, body)
        expect(c, "over the rate limit", (status, ctype), (429, "application/problem+json"))
        retry = headers.get("Retry-After") or ""
        expect(c, "Retry-After in whole seconds up to a minute", retry.isdigit() and 1 <= int(retry) <= 60, True)
        expect(c, "no CORS header without --cors-origin", headers.get("Access-Control-Allow-Origin"), None)
    finally:
        server.send_signal(signal.SIGTERM)
        expect(c, "read-only serve exit", server.wait(timeout=30), 0)


def expect(checker, what, got, want):
    if got != want:
        checker.failures.append(f"{what}: got {got!r}, expected {want!r}")


def run(port, c, assay, source_dir):
    def hit(template, method, path=None, expect_status=None, **kw):
        status, ctype, body, headers = call(port, method.upper(), path or template, **kw)
        c.check(template, method, status, ctype, body)
        if expect_status is not None:
            expect(c, f"{method.upper()} {path or template}", status, expect_status)
        if status >= 400:
            expect(c, f"{method.upper()} {path or template}: problem type", ctype.split(";")[0], "application/problem+json")
        expect(c, f"{method.upper()} {path or template}: nosniff", headers.get("X-Content-Type-Options"), "nosniff")
        # The API's headers; the web app's pages and files carry their own
        # CSP and caching (checked by web() below).
        api = (path or template).startswith(("/v1/", "/metrics")) or status >= 400
        if api:
            expect(c, f"{method.upper()} {path or template}: CSP", headers.get("Content-Security-Policy"), CSP)
            # The story answers (cached until the store changes) may be kept
            # by a client that asks again with their ETag.
            if template in ("/v1/stories", "/v1/stories/{id}") and status in (200, 304):
                expect(c, f"{method.upper()} {path or template}: no-cache", headers.get("Cache-Control"), "no-cache")
                expect(c, f"{method.upper()} {path or template}: ETag", bool(re.fullmatch(r'"[0-9a-f]{16}"', headers.get("ETag") or "")), True)
            else:
                expect(c, f"{method.upper()} {path or template}: no-store", headers.get("Cache-Control"), "no-store")
        if status >= 400:
            for leak in ("/work/", "/home/", "/tmp/", ".cc:", "std::", "what()"):
                expect(c, f"{method.upper()} {path or template}: no internals ({leak})", leak in body, False)
        return status, ctype, body, headers

    _, _, body, _ = hit("/v1/health", "get", expect_status=200)
    expect(c, "health writable", json.loads(body)["writable"], True)

    # analyze: the same bytes as the command, for each output format.
    example = os.path.join(source_dir, "examples", "malaysia-china-processing.txt")
    with open(example, encoding="utf-8") as f:
        text = f.read()
    for fmt in ("json", "md", "html"):
        _, ctype, body, _ = hit("/v1/analyze", "post", expect_status=200, body=text, content_type="text/plain",
                                query={"format": fmt})
        with open(example, "rb") as f:
            cli = subprocess.run([assay, "analyze", "--format", fmt, "-"], stdin=f, capture_output=True, check=True).stdout
        expect(c, f"analyze --format {fmt} equals the command's", body.encode("utf-8"), cli)
    record = json.dumps({"id": "rec-1", "title": "Licences for heavy rare earths", "outlet": "Wire One",
                         "published": "2025-04-04", "url": "https://example.org/1",
                         "text": "China said it would require licences for exports of seven heavy rare earths."})
    hit("/v1/analyze", "post", expect_status=200, body=record, content_type="application/json")
    hit("/v1/analyze", "post", expect_status=400, body=record, content_type="application/json", query={"format": "pdf"})
    hit("/v1/analyze", "post", expect_status=415, body=b"\x89PNG", content_type="image/png")
    # curl's default type: cpp-httplib alone would refuse such a body over 8 KB.
    hit("/v1/analyze", "post", expect_status=200, body=text * 8, content_type="application/x-www-form-urlencoded")
    hit("/v1/analyze", "post", expect_status=413, body=b"a" * (5 * 1024 * 1024 + 1), content_type="text/plain")

    hit("/v1/verify", "post", expect_status=200, body="China mined 270,000 t of rare earths in 2025.\nMagnets are made in Japan.\n",
        content_type="text/plain")
    hit("/v1/verify", "post", expect_status=200, body="China mined 270,000 t of rare earths in 2025.\n",
        content_type="text/plain", query={"format": "md"})
    hit("/v1/verify", "post", expect_status=400, body="x\n", content_type="text/plain", query={"date": "2025-13-40"})

    # articles: writes need the token; then pages, search, the permalink, delete.
    hit("/v1/articles", "post", expect_status=401, body=record, content_type="application/json")
    _, _, _, headers = hit("/v1/articles", "post", expect_status=401, body=record, content_type="application/json",
                           token="not-the-token-not-the-token")
    expect(c, "401 WWW-Authenticate", headers.get("WWW-Authenticate"), "Bearer")
    _, _, body, _ = hit("/v1/articles", "post", expect_status=201, body=record, content_type="application/json", token=TOKEN)
    first = json.loads(body)["items"][0]
    lines = "\n".join(json.dumps({"id": f"rec-{i}", "title": f"Item {i}", "outlet": "Wire Two", "published": f"2025-0{i}-01",
                                  "text": f"Lynas said output of NdPr oxide rose in month {i}."}) for i in range(2, 5)) + "\n"
    hit("/v1/articles", "post", expect_status=201, body=lines, content_type="application/x-ndjson", token=TOKEN)
    hit("/v1/articles", "post", expect_status=200, body=record, content_type="application/json", token=TOKEN)
    seen, cursor, pages = [], None, 0
    while True:
        q = {"limit": "3"}
        if cursor:
            q["cursor"] = cursor
        _, _, body, _ = hit("/v1/articles", "get", expect_status=200, query=q)
        page = json.loads(body)
        seen += [i["id"] for i in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor or pages > 5:
            break
    expect(c, "every article once over the pages", sorted(seen), ["rec-1", "rec-2", "rec-3", "rec-4"])
    expect(c, "pages of 3", pages, 2)
    _, _, body, _ = hit("/v1/articles", "get", expect_status=200, query={"q": "licences"})
    expect(c, "search finds the record", [i["id"] for i in json.loads(body)["items"]], ["rec-1"])
    _, _, body, _ = hit("/v1/articles", "get", expect_status=200, query={"outlet": "wire two", "since": "2025-03"})
    expect(c, "outlet and since", [i["id"] for i in json.loads(body)["items"]], ["rec-3", "rec-4"])
    hit("/v1/articles", "get", expect_status=400, query={"limit": "1000"})
    _, _, body, _ = hit("/v1/articles/{id}", "get", path=first["href"], expect_status=200)
    expect(c, "permalink title", json.loads(body)["document"]["title"], "Licences for heavy rare earths")
    hit("/v1/articles/{id}", "delete", path=first["href"], expect_status=401)
    hit("/v1/articles/{id}", "delete", path=first["href"], expect_status=204, token=TOKEN)
    hit("/v1/articles/{id}", "get", path=first["href"], expect_status=404)
    hit("/v1/articles/{id}", "delete", path=first["href"], expect_status=404, token=TOKEN)

    hit("/v1/verify", "post", expect_status=415, body="{}", content_type="application/json")

    # extract: what the reader took, one item per document.
    _, _, body, _ = hit("/v1/extract", "post", expect_status=200, body=record, content_type="application/json")
    expect(c, "extract title", json.loads(body)["items"][0]["title"], "Licences for heavy rare earths")
    hit("/v1/extract", "post", expect_status=200, body=lines, content_type="application/x-ndjson")
    hit("/v1/extract", "post", expect_status=415, body=b"%PDF-1.4", content_type="application/pdf")
    hit("/v1/extract", "post", expect_status=400, body="", content_type="text/plain")
    hit("/v1/extract", "post", expect_status=413, body=b"a" * (5 * 1024 * 1024 + 1), content_type="text/plain")

    _, _, body, _ = hit("/v1/chain", "get", expect_status=200)
    year = json.loads(body)["year"]
    hit("/v1/chain", "get", expect_status=400, query={"period": f"{year}Q5"})
    hit("/v1/chain/stages", "get", expect_status=200)
    hit("/v1/chain/stages", "get", expect_status=200, query={"period": f"{year}-05"})
    hit("/v1/chain/stages", "get", expect_status=400, query={"colour": "red"})
    hit("/v1/chain/facilities/{id}", "get", path="/v1/chain/facilities/lynas-kalgoorlie", expect_status=200)
    hit("/v1/chain/facilities/{id}", "get", path="/v1/chain/facilities/no-such-plant", expect_status=404)
    _, _, body, _ = hit("/v1/chain/scenarios", "get", expect_status=200)
    listed = {s["name"]: s for s in json.loads(body)["items"]}
    expect(c, "myanmar-clay-halt listed with its parameter",
           [p["name"] for p in listed.get("myanmar-clay-halt", {}).get("parameters", [])], ["share_left"])
    hit("/v1/chain/scenarios/{id}", "get", path="/v1/chain/scenarios/myanmar-clay-halt", expect_status=200)
    hit("/v1/chain/scenarios/{id}", "get", path="/v1/chain/scenarios/myanmar-clay-halt", expect_status=200,
        query={"set.share_left": "0.5", "period": f"{year}-04:{year}-06"})
    _, _, body, _ = hit("/v1/chain/scenarios/{id}", "get", path="/v1/chain/scenarios/myanmar-clay-halt", expect_status=400,
                        query={"set.capacity": "3"})
    expect(c, "an unknown parameter is named", "set.capacity" in json.loads(body)["detail"], True)
    hit("/v1/chain/scenarios/{id}", "get", path="/v1/chain/scenarios/myanmar-clay-halt", expect_status=400,
        query={"set.share_left": "most"})
    hit("/v1/chain/scenarios/{id}", "get", path="/v1/chain/scenarios/no-such-scenario", expect_status=404)

    # Monte Carlo as a job: 202, then progress until done, the result as the command prints it.
    job = json.dumps({"scenario": "myanmar-clay-halt", "draws": 400, "seed": 5, "set": {"share_left": 0.25}})
    _, _, body, headers = hit("/v1/chain/montecarlo", "post", expect_status=202, body=job, content_type="application/json")
    started = json.loads(body)
    expect(c, "job Location", headers.get("Location"), started["href"])
    deadline = time.time() + 120
    while True:
        _, _, body, _ = hit("/v1/jobs/{id}", "get", path=started["href"], expect_status=200)
        state = json.loads(body)
        if state["status"] != "running" or time.time() > deadline:
            break
        time.sleep(0.2)
    expect(c, "job done", (state["status"], state["progress"]), ("done", 1))
    cli = subprocess.run([assay, "chain", "montecarlo", "myanmar-clay-halt", "--draws", "400", "--seed", "5", "--set",
                          "share_left=0.25", "--format", "json"], capture_output=True, check=True, text=True).stdout
    mine, theirs = dict(state.get("result", {})), json.loads(cli)
    expect(c, "job result equals the command's distributions", mine.get("distributions"), theirs["distributions"])
    expect(c, "job result has a histogram of each distribution over all 400 draws",
           {k: sum(h["counts"]) for k, h in mine.get("histograms", {}).items()}, {k: 400 for k in theirs["distributions"]})
    hit("/v1/jobs/{id}", "get", path="/v1/jobs/0123456789abcdef", expect_status=404)
    hit("/v1/chain/montecarlo", "post", expect_status=400, body=json.dumps({"scenario": "baseline", "draws": 10**7}),
        content_type="application/json")
    hit("/v1/chain/montecarlo", "post", expect_status=404, body=json.dumps({"scenario": "/etc/passwd"}),
        content_type="application/json")
    hit("/v1/chain/montecarlo", "post", expect_status=415, body=job, content_type="text/plain")
    hit("/v1/chain/montecarlo", "post", expect_status=413, body=b" " * (5 * 1024 * 1024 + 1), content_type="application/json")
    # One job at a time on this server (--max-jobs 1): a second while one runs is 503.
    long_job = json.dumps({"scenario": "baseline", "draws": 5000, "seed": 2})
    _, _, body, _ = hit("/v1/chain/montecarlo", "post", expect_status=202, body=long_job, content_type="application/json")
    _, _, _, headers = hit("/v1/chain/montecarlo", "post", expect_status=503, body=long_job, content_type="application/json")
    expect(c, "503 Retry-After", headers.get("Retry-After"), "5")
    # Cancelled, the long job ends early (failed, "cancelled") and frees its place.
    hit("/v1/jobs/{id}", "delete", path=json.loads(body)["href"], expect_status=204)
    hit("/v1/jobs/{id}", "delete", path="/v1/jobs/0123456789abcdef", expect_status=404)
    while json.loads(call(port, "GET", json.loads(body)["href"])[2])["status"] == "running":
        time.sleep(0.2)
    state = json.loads(call(port, "GET", json.loads(body)["href"])[2])
    expect(c, "a cancelled job", (state["status"], state.get("error")), ("failed", "cancelled"))

    # CORS for the configured origin only; a preflight from it is 204.
    status, _, _, headers = call(port, "GET", "/v1/health", origin=ORIGIN)
    expect(c, "CORS grant", (status, headers.get("Access-Control-Allow-Origin")), (200, ORIGIN))
    status, _, _, headers = call(port, "GET", "/v1/health", origin="http://elsewhere.example")
    expect(c, "no CORS grant for another origin", headers.get("Access-Control-Allow-Origin"), None)
    status, _, _, headers = call(port, "OPTIONS", "/v1/articles", origin=ORIGIN)
    expect(c, "preflight", (status, headers.get("Access-Control-Allow-Methods")), (204, "GET, POST, DELETE"))

    stories(c, hit, port, assay, source_dir)
    web(c, hit, port, source_dir)

    # Outside the description: an unknown path and a wrong method are problems too.
    status, ctype, body, _ = call(port, "GET", "/v1/no-such-endpoint")
    expect(c, "unknown path", (status, ctype), (404, "application/problem+json"))
    status, ctype, body, _ = call(port, "GET", "/v1/analyze")
    expect(c, "wrong method", (status, ctype), (405, "application/problem+json"))

    _, _, body, _ = hit("/metrics", "get", expect_status=200)
    for want in ('assay_http_requests_total{method="POST",route="/v1/analyze",status="200"} 5',
                 'assay_http_requests_total{method="DELETE",route="/v1/articles/{id}",status="204"} 1',
                 "assay_http_request_duration_seconds_bucket{le=\"+Inf\"}"):
        if want not in body:
            c.failures.append(f"/metrics lacks {want}")


def stories(c, hit, port, assay, source_dir):
    """Stories from ingested articles: pages, filters, one story as the command gives it."""
    with open(os.path.join(source_dir, "tests", "data", "stories", "cli", "news.jsonl"), encoding="utf-8") as f:
        news = f.read()
    hit("/v1/articles", "post", expect_status=201, body=news, content_type="application/x-ndjson", token=TOKEN)
    _, _, body, _ = hit("/v1/stories", "get", expect_status=200, query={"limit": "100"})
    listed = json.loads(body)["items"]
    # The earlier articles (rec-2..4) are stories of their own; news.jsonl adds three.
    expect(c, "stories of the news.jsonl articles", sum(1 for s in listed if s["members"][0]["id"] in (
        "statement", "scoop", "unrelated")), 3)
    seen, cursor, pages = [], None, 0
    while pages < 10:
        q = {"limit": "2"}
        if cursor:
            q["cursor"] = cursor
        _, _, body, _ = hit("/v1/stories", "get", expect_status=200, query=q)
        page = json.loads(body)
        seen += [s["id"] for s in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if not cursor:
            break
    expect(c, "every story once over pages of 2", seen, [s["id"] for s in listed])
    _, _, body, _ = hit("/v1/stories", "get", expect_status=200, query={"outlet": "Delta Wire"})
    scoop = json.loads(body)["items"]
    expect(c, "stories of an outlet", len(scoop), 1)
    hit("/v1/stories", "get", expect_status=400, query={"since": "last week"})
    sid = scoop[0]["id"]
    _, _, body, _ = hit("/v1/stories/{id}", "get", path=f"/v1/stories/{sid}", expect_status=200)
    view = json.loads(body)
    cli = subprocess.run([assay, "story", str(sid), "--db", c.store, "--format", "json"], capture_output=True, check=True).stdout
    expect(c, "GET /v1/stories/{id} story equals assay story --format json", view["story"], json.loads(cli))
    for link in view["links"]["members"]:
        _, _, body, _ = call(port, "GET", link["href"])
        expect(c, f"member link {link['id']}", json.loads(body)["document"]["id"], link["id"])
    hit("/v1/stories/{id}", "get", path="/v1/stories/999", expect_status=404)
    cached_stories(c, hit, assay, sid)


def cached_stories(c, hit, assay, sid):
    """The story answers come from a cache, with ETags, and are never stale:
    an article ingested by another process while serving is in the next answer."""
    view_path = f"/v1/stories/{sid}"
    _, _, before_view, headers = hit("/v1/stories/{id}", "get", path=view_path, expect_status=200)
    _, _, again, again_headers = hit("/v1/stories/{id}", "get", path=view_path, expect_status=200)
    expect(c, "a story asked twice: the same bytes", again, before_view)
    etag = headers.get("ETag")
    expect(c, "a story asked twice: the same ETag", again_headers.get("ETag"), etag)
    _, _, body, _ = hit("/v1/stories/{id}", "get", path=view_path, expect_status=304, if_none_match=etag)
    expect(c, "304 without a body", body, "")
    _, _, before_list, list_headers = hit("/v1/stories", "get", expect_status=200, query={"limit": "100"})
    hit("/v1/stories", "get", expect_status=304, query={"limit": "100"}, if_none_match=list_headers.get("ETag"))
    # Another process adds an article to the story (my own wording of the
    # Lao Cai cap the story is about) into the store the server holds open.
    late = {"id": "late-wire", "outlet": "Mekong Metals Wire", "published": "2025-07-05",
            "title": "Vietnam to limit refined rare-earth oxide exports to 2,400 tonnes",
            "text": "Vietnam plans to limit exports of refined rare-earth oxides from the Lao Cai separation plant to "
                    "2,400 tonnes next year, according to a report by Delta Wire that cited two unnamed officials. "
                    "Buyers of neodymium oxide in Japan and South Korea could see shipments fall by about a third "
                    "under the cap. Vietnam Rare Earth Company has not commented on the plan, which may still change "
                    "before it reaches the cabinet."}
    path = os.path.join(os.path.dirname(c.store), "late.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(late) + "\n")
    done = subprocess.run([assay, "ingest", "--db", c.store, path], capture_output=True, text=True)
    expect(c, "assay ingest while serving", (done.returncode, done.stderr if done.returncode else ""), (0, ""))
    _, _, body, _ = hit("/v1/stories", "get", expect_status=200, query={"limit": "100"}, if_none_match=list_headers.get("ETag"))
    members = {m["id"]: s["id"] for s in json.loads(body)["items"] for m in s["members"]}
    expect(c, "the story list after another process's ingest", members.get("late-wire"), sid)
    _, _, body, headers = hit("/v1/stories/{id}", "get", path=view_path, expect_status=200, if_none_match=etag)
    expect(c, "the story view after another process's ingest", "late-wire" in [m["id"] for m in json.loads(body)["story"]["members"]], True)
    expect(c, "a new ETag for the new answer", headers.get("ETag") != etag, True)


def web(c, hit, port, source_dir):
    """The web app: one page for its routes, its files by exact name, the strict policy."""
    import re
    _, _, page, headers = hit("/", "get", expect_status=200)
    csp = headers.get("Content-Security-Policy", "")
    for want in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"):
        if want not in csp:
            c.failures.append(f"GET /: the Content-Security-Policy lacks {want}: {csp}")
    for bad in ("unsafe-inline", "unsafe-eval", "http:", "https:"):
        if bad in csp:
            c.failures.append(f"GET /: the Content-Security-Policy allows {bad}: {csp}")
    for template, path in (("/a/{key}", "/a/" + "0" * 32), ("/s/{id}", "/s/2"), ("/stories", "/stories"), ("/supply", "/supply")):
        _, _, body, _ = hit(template, "get", path=path, expect_status=200)
        expect(c, f"GET {path} is the app's page", body, page)
    assets = re.findall(r'(?:src|href)="(/assets/[^"]+)"', page)
    expect(c, "index.html names a script and a stylesheet", sorted({a.rsplit(".", 1)[1] for a in assets}), ["css", "js"])
    for a in assets:
        _, ctype, _, headers = hit("/assets/{file}", "get", path=a, expect_status=200)
        expect(c, f"{a} cached for good", headers.get("Cache-Control"), "public, max-age=31536000, immutable")
    # Nothing outside the embedded set, whatever the path says.
    hit("/assets/{file}", "get", path="/assets/no-such-file.js", expect_status=404)
    hit("/s/{id}", "get", path="/s/x", expect_status=404)
    for path in ("/assets/..%2F..%2Fdata%2Flabels.tsv", "/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/index.html%00.js",
                 "/data/labels.tsv", "/web/index.html", "/favicon.ico"):
        status, ctype, body, _ = call(port, "GET", path)
        expect(c, f"GET {path}", (status, ctype.split(";")[0]), (404, "application/problem+json"))
    _, _, body, _ = hit("/v1/labels", "get", expect_status=200)
    with open(os.path.join(source_dir, "data", "labels.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")][1:]
    expect(c, "labels as data/labels.tsv has them", [(l["label"], l["name"], l["color"]) for l in json.loads(body)["labels"]],
           [(r[0], r[1], r[2]) for r in rows])


if __name__ == "__main__":
    sys.exit(main())
