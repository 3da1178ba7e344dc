#!/usr/bin/env python3
"""Generates a benchmark GlitchTip instance: definitions, and emulator seeds of it.

  generate.py OUT [--organizations 50] [--teams 20] [--projects 40] [--members 200] [--url URL]

writes
  OUT/definitions/   instance.yaml and one file of documents per organization
                     (the organization, its teams and projects, and its users)
  OUT/seed.json      an emulator seed whose state matches the definitions exactly
  OUT/empty.json     an emulator seed with only the automation user (to apply onto)
  OUT/snapshot.json  a snapshot that manages exactly the seed's instance, as an apply of the
                     definitions would leave it (for plan --offline without an emulator)

Every member is in 2 or 3 teams of its organization; every tenth is an admin; every project
is in one or two teams. The output depends only on the arguments, so figures reproduce.
"""

import argparse
import json
import os

TOKEN = "9de9ac5e2554ea472e1012ce8565dcdfb1e6d9024fe964f894584740b681ce97"
BOT = "bot@bench.example"


def organization(o, args):
    name = f"Org {o:03d}"
    slug = f"org-{o:03d}"
    teams = [f"team-{t:02d}" for t in range(args.teams)]
    members = []
    for m in range(args.members):
        in_teams = [teams[(m + k * 7) % args.teams] for k in range(2 + m % 2)]
        members.append({
            "email": f"user-{o:03d}-{m:04d}@bench.example",
            "role": "admin" if m % 10 == 0 else "member",
            "teams": sorted(set(in_teams)),
        })
    projects = []
    for p in range(args.projects):
        first = teams[p % args.teams]
        second = teams[(p + 1) % args.teams]
        projects.append({
            "name": f"Project {o:03d} {p:02d}",
            "slug": f"project-{o:03d}-{p:02d}",
            "teams": [first] if p % 2 == 0 or first == second else [first, second],
        })
    return name, slug, teams, members, projects


def definitions_file(name, teams, members, projects):
    docs = [f"kind: Organization\nname: {name}\ninstance: bench\n"]
    for team in teams:
        docs.append(f"kind: Team\nname: {team}\norganization: {name}\n")
    for p in projects:
        docs.append(f"kind: Project\nname: {p['name']}\norganization: {name}\n"
                    f"platform: python\nteams: [{', '.join(p['teams'])}]\n")
    for m in members:
        doc = f"kind: User\nemail: {m['email']}\naccess:\n"
        if m["role"] != "member":
            doc += f"  organizations: [{{name: {name}, role: {m['role']}}}]\n"
        grants = ", ".join(f"{{organization: {name}, name: {t}}}" for t in m["teams"])
        doc += f"  teams: [{grants}]\n"
        docs.append(doc)
    return "---\n".join(docs)


def seed_organization(name, slug, teams, members, projects):
    team_members = {t: [BOT] for t in teams}
    for m in members:
        for t in m["teams"]:
            team_members[t].append(m["email"])
    return {
        "name": name,
        "slug": slug,
        "members": [{"email": BOT, "role": "owner", "pending": False}] +
                   [{"email": m["email"], "role": m["role"], "pending": False} for m in members],
        "teams": [{"slug": t, "members": team_members[t]} for t in teams],
        "projects": [{"name": p["name"], "slug": p["slug"], "platform": "python",
                      "eventThrottleRate": 0, "teams": p["teams"]} for p in projects],
    }


def snapshot_organization(organization, ids):
    """The snapshot's record of one seeded organization (the automation user is not managed)."""
    def next_id():
        ids[0] += 1
        return str(ids[0])
    return {
        "id": next_id(),
        "name": organization["name"],
        "teams": {t["slug"]: {"id": next_id(),
                              "members": sorted(m for m in t["members"] if m != BOT)}
                  for t in organization["teams"]},
        "projects": {p["slug"]: {"id": next_id(), "name": p["name"], "platform": p["platform"],
                                 "eventThrottleRate": p["eventThrottleRate"],
                                 "teams": sorted(p["teams"])}
                     for p in organization["projects"]},
        "members": {m["email"]: {"id": next_id(), "role": m["role"], "pending": m["pending"]}
                    for m in organization["members"] if m["email"] != BOT},
    }


def snapshot(organizations):
    ids = [0]
    return {
        "format_version": 1,
        "lineage": "8f1d7c52-3f0e-4a4e-9a55-0d1c2b3a4f60",
        "serial": 1,
        "tool_version": "bench",
        "updated_at": "2026-01-01T00:00:00Z",
        "last_operation": "apply",
        "instances": {"bench": {"organizations": {
            o["slug"]: snapshot_organization(o, ids) for o in organizations}}},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--organizations", type=int, default=50)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--projects", type=int, default=40)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    if min(args.organizations, args.teams, args.projects, args.members) < 1:
        parser.error("every count must be at least 1")

    definitions = os.path.join(args.out, "definitions")
    os.makedirs(definitions, exist_ok=True)
    with open(os.path.join(definitions, "instance.yaml"), "w") as f:
        f.write(f"kind: Instance\nname: bench\nurl: {args.url}\n"
                f"token: {{env: GLITCHTIP_BENCH_TOKEN}}\nautomationUserEmail: {BOT}\n"
                f"mailDomain: bench.example\n")
    organizations = []
    for o in range(args.organizations):
        name, slug, teams, members, projects = organization(o, args)
        with open(os.path.join(definitions, f"{slug}.yaml"), "w") as f:
            f.write(definitions_file(name, teams, members, projects))
        organizations.append(seed_organization(name, slug, teams, members, projects))

    users = [{"email": BOT, "test_token": TOKEN}]
    with open(os.path.join(args.out, "seed.json"), "w") as f:
        json.dump({"users": users, "organizations": organizations}, f)
    with open(os.path.join(args.out, "empty.json"), "w") as f:
        json.dump({"users": users, "organizations": []}, f)
    with open(os.path.join(args.out, "snapshot.json"), "w") as f:
        json.dump(snapshot(organizations), f, indent=2, sort_keys=True)
        f.write("\n")

    objects = sum(1 + len(o["teams"]) + len(o["projects"]) + len(o["members"]) - 1 +
                  sum(len(t["members"]) - 1 for t in o["teams"]) for o in organizations)
    print(f"{objects} objects in {args.organizations} organizations")


if __name__ == "__main__":
    main()
