#!/usr/bin/env python3
"""A stand-in for the parts of the GitLab and GitHub REST APIs the CI scripts use
(examples/ci/scripts/), over loopback, so that tests/ci/pipelines_test.sh runs the scripts
with the real curl. It keeps merge-request notes and pull-request comments in memory, pages
them as the real APIs do (GitLab: page/per_page, at most 100, X-Next-Page; GitHub: Link
rel="next"), checks the token, and records every request.

  stub_api.py SEED.json    prints "stub API listening on http://127.0.0.1:PORT", then serves
    /api/v4/...            GitLab (PRIVATE-TOKEN must be the seed's gitlab.token)
    /github/...            GitHub (Authorization: Bearer the seed's github.token)
    GET /_state            the notes and comments now
    GET /_requests         every request so far: method, path, query, body
    POST /_merge           {"gitlab"|"github": {"SHA": NUMBER}}: SHA came from that merge request
"""

import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
REQUESTS = []


def load_state(path):
    with open(path, encoding="utf-8") as seed:
        state = json.load(seed)
    state.setdefault("next_id", 1000)
    for platform in ("gitlab", "github"):
        state[platform].setdefault("threads", {})
        state[platform].setdefault("merged", {})
    return state


class Handler(BaseHTTPRequestHandler):
    server_version = "stub-api/1"

    def log_message(self, *args):  # the test reads /_requests, not stderr
        pass

    def reply(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode() if length else ""

    def handle_any(self, method):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        body = self.body()
        parts = [p for p in url.path.split("/") if p]
        with LOCK:
            if parts and parts[0] != "_requests":
                REQUESTS.append({"method": method, "path": url.path, "query": query, "body": body})
            if parts == ["_state"]:
                return self.reply(200, STATE)
            if parts == ["_requests"]:
                return self.reply(200, REQUESTS)
            if parts == ["_merge"] and method == "POST":
                for platform, commits in json.loads(body).items():
                    STATE[platform]["merged"].update(commits)
                return self.reply(200, {})
            if parts[:2] == ["api", "v4"]:
                return self.gitlab(method, parts[2:], query, body)
            if parts[:1] == ["github"]:
                return self.github(method, parts[1:], query, body)
        return self.reply(404, {"message": "404 Not Found"})

    def new_id(self):
        STATE["next_id"] += 1
        return STATE["next_id"]

    def gitlab(self, method, parts, query, body):
        lab = STATE["gitlab"]
        if self.headers.get("PRIVATE-TOKEN") != lab["token"]:
            return self.reply(401, {"message": "401 Unauthorized"})
        if parts == ["user"] and method == "GET":
            return self.reply(200, lab["user"])
        # projects/:id/repository/commits/:sha/merge_requests
        if len(parts) == 6 and parts[2:4] == ["repository", "commits"] and parts[5] == "merge_requests":
            iid = lab["merged"].get(parts[4])
            return self.reply(200, [] if iid is None else [{"iid": iid, "state": "merged"}])
        # projects/:id/merge_requests/:iid/notes[/:note_id]
        if len(parts) >= 5 and parts[2] == "merge_requests" and parts[4] == "notes":
            notes = lab["threads"].setdefault(parts[3], [])
            if len(parts) == 5 and method == "GET":
                per_page = min(int(query.get("per_page", 20)), 100)
                page = int(query.get("page", 1))
                chunk = notes[(page - 1) * per_page : page * per_page]
                more = page * per_page < len(notes)
                return self.reply(200, chunk, {"X-Page": str(page), "X-Next-Page": str(page + 1) if more else ""})
            if len(parts) == 5 and method == "POST":
                note = {"id": self.new_id(), "body": json.loads(body)["body"], "author": lab["user"]}
                notes.append(note)
                return self.reply(201, note)
            if len(parts) == 6 and method == "PUT":
                for note in notes:
                    if str(note["id"]) == parts[5]:
                        note["body"] = json.loads(body)["body"]
                        return self.reply(200, note)
        return self.reply(404, {"message": "404 Not Found"})

    def github(self, method, parts, query, body):
        hub = STATE["github"]
        if self.headers.get("Authorization") != "Bearer " + hub["token"]:
            return self.reply(401, {"message": "Bad credentials"})
        if len(parts) < 3 or parts[0] != "repos":
            return self.reply(404, {"message": "Not Found"})
        repo, rest = parts[1] + "/" + parts[2], parts[3:]
        base = "http://%s:%d/github/repos/%s" % (*self.server.server_address[:2], repo)
        # repos/:o/:r/commits/:sha/pulls
        if len(rest) == 3 and rest[0] == "commits" and rest[2] == "pulls":
            number = hub["merged"].get(rest[1])
            return self.reply(200, [] if number is None else [{"number": number, "merged_at": "2026-12-01T12:00:00Z"}])
        # repos/:o/:r/issues/:n/comments
        if len(rest) == 3 and rest[0] == "issues" and rest[2] == "comments":
            comments = hub["threads"].setdefault(rest[1], [])
            if method == "GET":
                per_page = min(int(query.get("per_page", 30)), 100)
                page = int(query.get("page", 1))
                chunk = comments[(page - 1) * per_page : page * per_page]
                headers = {}
                if page * per_page < len(comments):
                    headers["Link"] = '<%s/issues/%s/comments?per_page=%d&page=%d>; rel="next"' % (
                        base, rest[1], per_page, page + 1)
                return self.reply(200, chunk, headers)
            if method == "POST":
                comment = {"id": self.new_id(), "body": json.loads(body)["body"], "user": hub["user"]}
                comments.append(comment)
                return self.reply(201, comment)
        # repos/:o/:r/issues/comments/:id
        if len(rest) == 3 and rest[:2] == ["issues", "comments"] and method == "PATCH":
            for comments in hub["threads"].values():
                for comment in comments:
                    if str(comment["id"]) == rest[2]:
                        comment["body"] = json.loads(body)["body"]
                        return self.reply(200, comment)
        return self.reply(404, {"message": "Not Found"})

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_PATCH(self):
        self.handle_any("PATCH")


STATE = load_state(sys.argv[1])
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("stub API listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
