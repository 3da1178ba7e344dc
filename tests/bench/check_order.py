#!/usr/bin/env python3
"""Checks an emulator request log (GET /_emulator/requests) against the plan's order rules.

  check_order.py REQUESTS.json   prints "yes" when every rule holds, else the first breach
                                 (and exits 1)

Rules checked: every request succeeded (so no write reached an object that did not exist yet:
the emulator answers 404 or 400 to that); no write names an organization before that many were
created; in each organization, a team was created before a member joins one or a project is
created, a member was invited before one joins a team, and a project was created before a team
is added to one.
"""

import json
import re
import sys

TEAM_CREATE = re.compile(r"^/api/0/organizations/([^/]+)/teams/$")
INVITE = re.compile(r"^/api/0/organizations/([^/]+)/members/$")
JOIN = re.compile(r"^/api/0/organizations/([^/]+)/members/([^/]+)/teams/([^/]+)/$")
PROJECT_CREATE = re.compile(r"^/api/0/teams/([^/]+)/([^/]+)/projects/$")
PROJECT_TEAM = re.compile(r"^/api/0/projects/([^/]+)/([^/]+)/teams/([^/]+)/$")
NAMES_ORG = re.compile(r"^/api/0/(?:organizations|teams|projects)/([^/]+)/")


def breach(log):
    orgs_created = 0
    orgs_seen = set()
    teams = set()
    invites = set()
    projects_created = {}
    for i, r in enumerate(log):
        where = f"request {i}: {r['method']} {r['path']}"
        if not 200 <= r["status"] < 300:
            return f"{where} answered {r['status']}"
        path, method = r["path"], r["method"]
        if method == "POST" and path == "/api/0/organizations/":
            orgs_created += 1
            continue
        m = NAMES_ORG.match(path)
        if m and method != "GET" and m.group(1) not in orgs_seen:
            orgs_seen.add(m.group(1))
            if len(orgs_seen) > orgs_created:
                return f"{where} names an organization before it was created"
        if method != "POST":
            continue
        if m := TEAM_CREATE.match(path):
            teams.add(m.group(1))  # the slug is in the body, not logged: per organization
        elif m := INVITE.match(path):
            invites.add(m.group(1))
        elif m := JOIN.match(path):
            if m.group(1) not in teams:
                return f"{where}: a member joins a team before any team of the organization exists"
            if m.group(1) not in invites:
                return f"{where}: a member joins a team before it was invited"
        elif m := PROJECT_CREATE.match(path):
            if m.group(1) not in teams:
                return f"{where}: a project is created before its team exists"
            projects_created.setdefault(m.group(1), 0)
            projects_created[m.group(1)] += 1
        elif m := PROJECT_TEAM.match(path):
            if not projects_created.get(m.group(1)):
                return f"{where}: a team is added to a project before it was created"
    return None


def main():
    with open(sys.argv[1]) as f:
        log = json.load(f)
    problem = breach(log)
    if problem:
        print(f"no: {problem}")
        sys.exit(1)
    print("yes")


if __name__ == "__main__":
    main()
