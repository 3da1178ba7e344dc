#!/usr/bin/env python3
"""The benchmarks of docs/performance.md, printed as Markdown tables (driven by run.sh).

  bench.py --build DIR [--smoke] [--runs 3] [--latency-ms 20] [plan|apply|offline|import]...
  bench.py --build DIR [--organizations 50] [--kill-after N] apply-scale

plan     live plan, steady state, against the emulator with latency, at 10/50/100% of the
         size and parallelism 1/4/8/16
apply    apply of a plan that creates 50 organizations, from an empty emulator, at
         parallelism 1 and 16, the order rules checked on the emulator's request log
offline  plan --offline at 10/50/100% of 100,000 objects: wall time and peak RSS
import   import of 50 organizations against a live plan of the same instance, both at
         parallelism 8 with latency; the target is import <= 2x plan. The imported tree's
         first plan must only adopt, or the benchmark fails.

apply-scale  apply of the full instance (50 organizations: 38,050 objects, about 40,000
         actions) from an empty emulator without latency at parallelism 16: the time and the
         tool's CPU per action in windows of 1,000 actions as the apply goes (ratios to the
         window 1,000..2,000, after the start-up), which stay flat
         when recording an action costs the same at action 40,000 as at action 1,000. A plan
         after it must show no changes. --kill-after N kills the apply (SIGKILL) once N actions
         are done; then the snapshot must load, and plan and apply again must converge. Run on
         demand only (minutes), never by ctest.

--smoke runs each at a tiny size without latency and fails on any error (ctest bench_smoke).
"""

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TOKEN = "9de9ac5e2554ea472e1012ce8565dcdfb1e6d9024fe964f894584740b681ce97"
sys.path.insert(0, HERE)
import check_order  # noqa: E402


class Failure(Exception):
    pass


class Emulator:
    """The glitchtip-emulator executable, as its own process.

    128 worker threads: cpp-httplib gives every open connection a thread of its own, and with
    32 a plan at --parallelism 10 or more stalled for about a second waiting for one (the
    emulator, not the tool, set the pace). A real GlitchTip sits behind nginx, which holds
    thousands of connections."""

    def __init__(self, binary, seed, latency_ms, work):
        self.out = open(os.path.join(work, "emulator.out"), "w+")
        self.err = open(os.path.join(work, "emulator.log"), "w+")
        self.process = subprocess.Popen(
            [binary, "--port", "0", "--threads", "128", "--seed", seed,
             "--latency-ms", str(latency_ms)], stdout=self.out, stderr=self.err)
        deadline = time.monotonic() + 120
        self.url = None
        while time.monotonic() < deadline and self.process.poll() is None:
            self.out.seek(0)
            m = re.search(r"listening on (\S+)", self.out.read())
            if m:
                self.url = m.group(1)
                break
            time.sleep(0.05)
        if not self.url:
            self.stop()
            self.err.seek(0)
            raise Failure("the emulator did not start: " + self.err.read())

    def requests(self):
        with urllib.request.urlopen(self.url + "/_emulator/requests") as answer:
            return json.load(answer)

    def clear_requests(self):
        request = urllib.request.Request(self.url + "/_emulator/requests", method="DELETE")
        urllib.request.urlopen(request).close()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.tool = os.path.join(args.build, "glitchtip-gitops")
        self.emulator_bin = os.path.join(args.build, "glitchtip-emulator")
        self.env = dict(os.environ, GLITCHTIP_BENCH_TOKEN=TOKEN)

    def generate(self, name, counts):
        out = os.path.join(self.work, name)
        argv = [sys.executable, os.path.join(HERE, "generate.py"), out]
        for key, value in counts.items():
            argv += [f"--{key}", str(value)]
        printed = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
        return out, int(printed.split()[0])

    def run_tool(self, *argv, expect=(0,)):
        """Runs glitchtip-gitops; returns (wall seconds, CPU seconds, peak RSS in KiB)."""
        start = time.monotonic()
        with tempfile.TemporaryFile() as err:
            process = subprocess.Popen([self.tool, *argv], env=self.env,
                                       stdout=subprocess.DEVNULL, stderr=err)
            _, status, rusage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            seconds = time.monotonic() - start
            if process.returncode not in expect:
                err.seek(0)
                raise Failure(f"glitchtip-gitops {' '.join(argv)} exited {process.returncode}: "
                              + err.read().decode()[-2000:])
        return seconds, rusage.ru_utime + rusage.ru_stime, rusage.ru_maxrss

    def point_at(self, directory, url):
        path = os.path.join(directory, "definitions", "instance.yaml")
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(re.sub(r"(?m)^url: .*$", f"url: {url}", text))

    def adopt(self, directory):
        """Makes the snapshot manage the live instance: plan (adoptions only), apply."""
        snapshot = os.path.join(directory, "snapshot.json")
        adopt_plan = os.path.join(directory, "adopt.plan")
        self.run_tool("plan", "-d", os.path.join(directory, "definitions"), "--snapshot",
                      snapshot, "--parallelism", "16", "--out", adopt_plan)
        self.run_tool("apply", adopt_plan, "--snapshot", snapshot)
        return snapshot

    def sizes(self, full):
        return [2] if self.args.smoke else [max(1, full // 10), full // 2, full]

    def counts(self, organizations):
        counts = {"organizations": organizations}
        if self.args.smoke:
            counts.update(teams=3, projects=4, members=6)
        return counts

    def plan(self):
        latency = self.args.latency_ms
        parallelisms = [4] if self.args.smoke else [1, 4, 8, 16]
        if self.args.parallelisms:
            parallelisms = [int(p) for p in self.args.parallelisms.split(",")]
        print(f"### Live plan, steady state ({latency} ms a request, {self.args.runs} runs each)\n")
        print("| organizations | objects | parallelism | requests | wall s (median) | min..max "
              "| lower bound s | ratio to bound | speed-up vs -p 1 | tool CPU s |")
        print("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
        sizes = self.sizes(50)
        if self.args.plan_sizes:
            sizes = [int(n) for n in self.args.plan_sizes.split(",")]
        for organizations in sizes:
            directory, objects = self.generate(f"plan-{organizations}", self.counts(organizations))
            emulator = Emulator(self.emulator_bin, os.path.join(directory, "seed.json"), latency,
                                self.work)
            try:
                self.point_at(directory, emulator.url)
                snapshot = self.adopt(directory)
                base = None
                for p in parallelisms:
                    times, cpus = [], []
                    for _ in range(self.args.runs):
                        emulator.clear_requests()
                        seconds, cpu, _ = self.run_tool(
                            "plan", "-d", os.path.join(directory, "definitions"), "--snapshot",
                            snapshot, "--parallelism", str(p), "--detailed-exitcode")
                        times.append(seconds)
                        cpus.append(cpu)
                        requests = len(emulator.requests())
                    median = statistics.median(times)
                    base = base or median
                    bound = requests * latency / 1000 / p + 3 * latency / 1000
                    ratio = f"{median / bound:.2f}" if latency else "-"
                    print(f"| {organizations} | {objects} | {p} | {requests} | {median:.3f} | "
                          f"{min(times):.3f}..{max(times):.3f} | {bound:.3f} | {ratio} | "
                          f"{base / median:.1f} | {statistics.median(cpus):.2f} |", flush=True)
            finally:
                emulator.stop()
        print()

    def apply(self):
        latency = self.args.latency_ms
        counts = {"organizations": 50, "teams": 2, "projects": 2, "members": 6}
        if self.args.smoke:
            counts = {"organizations": 2, "teams": 2, "projects": 2, "members": 3}
        print(f"### Apply from an empty GlitchTip ({latency} ms a request; "
              + ", ".join(f"{v} {k}" for k, v in counts.items()) + ")\n")
        print("| parallelism | actions | requests | wall s | speed-up vs -p 1 | tool CPU s "
              "| order rules kept |")
        print("|---:|---:|---:|---:|---:|---:|---|")
        base = None
        for p in [16] if self.args.smoke else [1, 16]:
            directory, _ = self.generate(f"apply-{p}", counts)
            emulator = Emulator(self.emulator_bin, os.path.join(directory, "empty.json"), latency,
                                self.work)
            try:
                self.point_at(directory, emulator.url)
                snapshot = os.path.join(directory, "snapshot.json")
                plan_file = os.path.join(directory, "create.plan")
                definitions = os.path.join(directory, "definitions")
                self.run_tool("plan", "-d", definitions, "--snapshot", snapshot, "--out", plan_file)
                with open(plan_file) as f:
                    actions = len(json.load(f)["actions"])
                emulator.clear_requests()
                seconds, cpu, _ = self.run_tool("apply", plan_file, "--snapshot", snapshot,
                                              "--parallelism", str(p))
                log = emulator.requests()
                problem = check_order.breach(log)
                self.run_tool("plan", "-d", definitions, "--snapshot", snapshot,
                              "--detailed-exitcode")
            finally:
                emulator.stop()
            base = base or seconds
            print(f"| {p} | {actions} | {len(log)} | {seconds:.3f} | {base / seconds:.1f} | "
                  f"{cpu:.2f} | {'no: ' + problem if problem else 'yes'} |", flush=True)
            if problem:
                raise Failure(problem)
        print()

    def apply_scale(self):
        organizations = self.args.organizations
        counts = {"organizations": organizations}
        if self.args.smoke:
            counts.update(teams=3, projects=4, members=6)
        directory, objects = self.generate(f"apply-scale-{organizations}", counts)
        emulator = Emulator(self.emulator_bin, os.path.join(directory, "empty.json"), 0, self.work)
        try:
            self.point_at(directory, emulator.url)
            snapshot = os.path.join(directory, "snapshot.json")
            definitions = os.path.join(directory, "definitions")
            plan_file = os.path.join(directory, "create.plan")
            self.run_tool("plan", "-d", definitions, "--snapshot", snapshot, "--out", plan_file)
            with open(plan_file) as f:
                actions = len(json.load(f)["actions"])
            kill_after = self.args.kill_after
            seconds, cpu, marks = self.timed_apply(plan_file, snapshot, kill_after)
            print(f"### Apply of {organizations} organizations ({objects} objects, {actions} "
                  f"actions) from an empty GlitchTip, 0 ms a request, parallelism 16\n")
            if kill_after:
                self.recover(directory, definitions, snapshot, marks)
            else:
                self.run_tool("plan", "-d", definitions, "--snapshot", snapshot,
                              "--detailed-exitcode")
            self.print_windows(marks, actions)
            print(f"\n{'Up to the kill' if kill_after else 'Whole apply'}: {seconds:.1f} s wall, "
                  f"{cpu:.1f} s tool CPU, {1000 * seconds / max(1, len(marks)):.2f} ms wall an "
                  "action. The plan after it shows no changes.\n", flush=True)
        finally:
            emulator.stop()

    def timed_apply(self, plan_file, snapshot, kill_after):
        """Runs apply with JSON events; returns (wall s, tool CPU s, [(wall s, CPU s)] for every
        finished action, in order). The CPU time is read from /proc at each event (10 ms ticks),
        so windows of 1,000 actions measure it to about 1%."""
        ticks = os.sysconf("SC_CLK_TCK")
        start = time.monotonic()
        process = subprocess.Popen(
            [self.tool, "apply", plan_file, "--snapshot", snapshot, "--parallelism", "16",
             "--log-format", "json"], env=self.env, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, bufsize=1)
        marks = []
        for line in process.stdout:
            if '"event":"action"' not in line.replace(" ", ""):
                continue
            with open(f"/proc/{process.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            marks.append((time.monotonic() - start, (int(fields[11]) + int(fields[12])) / ticks,
                          json.loads(line)["type"]))
            if kill_after and len(marks) >= kill_after:
                process.send_signal(signal.SIGKILL)
                break
        _, status, rusage = os.wait4(process.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code != (-signal.SIGKILL if kill_after else 0):
            raise Failure(f"apply exited {code}")
        return time.monotonic() - start, rusage.ru_utime + rusage.ru_stime, marks

    def recover(self, directory, definitions, snapshot, marks):
        journal = snapshot + ".journal"
        journal_lines = sum(1 for _ in open(journal)) if os.path.exists(journal) else 0
        print(f"Killed (SIGKILL) after {len(marks)} actions; left: {snapshot} and a journal of "
              f"{journal_lines} records.\n")
        saved = self.env
        self.env = dict(saved, GLITCHTIP_GITOPS_SNAPSHOT=snapshot)
        try:
            self.run_tool("state", "pull")  # the snapshot with the journal must load
            with open(snapshot + ".lock") as f:
                lock_id = json.load(f)["id"]
            self.run_tool("force-unlock", lock_id)
        finally:
            self.env = saved
        again = os.path.join(directory, "again.plan")
        self.run_tool("plan", "-d", definitions, "--snapshot", snapshot, "--out", again)
        with open(again) as f:
            remaining = len(json.load(f)["actions"])
        self.run_tool("apply", again, "--snapshot", snapshot, "--parallelism", "16")
        self.run_tool("plan", "-d", definitions, "--snapshot", snapshot, "--detailed-exitcode")
        if os.path.exists(journal):
            raise Failure("the finishing apply left a journal")
        print(f"Re-plan: {remaining} actions left; applied; the plan after it shows no "
              f"changes; no journal left.\n")

    def print_windows(self, marks, actions):
        print("| actions done | ms wall an action (window of 1,000) | ms tool CPU an action "
              "| wall ratio to the first | CPU ratio to the first | actions of the window |")
        print("|---:|---:|---:|---:|---:|---|")
        window = 1000 if not self.args.smoke else 10
        points = [2, 3, 4, 5, 6, 7, 10, 15, 20, 25, 30, 35, 38, 39, 40]
        first = None
        for point in points:
            end = point * window
            if end > len(marks):
                break
            begin = end - window
            wall0, cpu0, _ = marks[begin - 1] if begin > 0 else (0.0, 0.0, "")
            wall1, cpu1, _ = marks[end - 1]
            wall_ms, cpu_ms = 1000 * (wall1 - wall0) / window, 1000 * (cpu1 - cpu0) / window
            first = first or (wall_ms, max(cpu_ms, 1e-9))
            types = {}
            for mark in marks[begin:end]:
                types[mark[2]] = types.get(mark[2], 0) + 1
            mix = ", ".join(f"{n} {t}" for t, n in sorted(types.items(), key=lambda x: -x[1])[:2])
            print(f"| {begin}..{end} | {wall_ms:.3f} | {cpu_ms:.3f} | {wall_ms / first[0]:.2f} "
                  f"| {cpu_ms / first[1]:.2f} | {mix} |")

    def offline(self):
        print(f"### plan --offline, planner alone ({self.args.runs} runs each)\n")
        print("| organizations | objects | wall s (median) | min..max | CPU s | peak RSS MB |")
        print("|---:|---:|---:|---|---:|---:|")
        for organizations in self.sizes(130):
            directory, objects = self.generate(f"offline-{organizations}", self.counts(organizations))
            emulator = Emulator(self.emulator_bin, os.path.join(directory, "seed.json"), 0, self.work)
            try:
                self.point_at(directory, emulator.url)
                snapshot = self.adopt(directory)
            finally:
                emulator.stop()
            times, cpus, peak = [], [], 0
            for _ in range(self.args.runs):
                seconds, cpu, rss_kib = self.run_tool(
                    "plan", "--offline", "-d", os.path.join(directory, "definitions"),
                    "--snapshot", snapshot, "--detailed-exitcode")
                times.append(seconds)
                cpus.append(cpu)
                peak = max(peak, rss_kib)
            print(f"| {organizations} | {objects} | {statistics.median(times):.3f} | "
                  f"{min(times):.3f}..{max(times):.3f} | {statistics.median(cpus):.2f} | "
                  f"{peak / 1024:.0f} |", flush=True)
        print()

    def import_(self):
        latency = self.args.latency_ms
        organizations = 2 if self.args.smoke else 50
        print(f"### import against live plan ({latency} ms a request, {organizations} "
              f"organizations, parallelism 8, {self.args.runs} runs each)\n")
        print("| command | objects | requests | wall s (median) | min..max | tool CPU s |")
        print("|---|---:|---:|---:|---|---:|")
        directory, objects = self.generate(f"import-{organizations}", self.counts(organizations))
        emulator = Emulator(self.emulator_bin, os.path.join(directory, "seed.json"), latency,
                            self.work)
        medians = {}
        try:
            self.point_at(directory, emulator.url)
            snapshot = self.adopt(directory)
            out = os.path.join(directory, "imported")
            commands = {
                "plan": ["plan", "-d", os.path.join(directory, "definitions"), "--snapshot",
                         snapshot, "--parallelism", "8", "--detailed-exitcode"],
                "import": ["import", "--url", emulator.url, "--token-env",
                           "GLITCHTIP_BENCH_TOKEN", "--automation-user", "bot@bench.example",
                           "--instance", "bench", "--out", out, "--force", "--parallelism", "8"],
            }
            for name, argv in commands.items():
                times, cpus = [], []
                for _ in range(self.args.runs):
                    emulator.clear_requests()
                    seconds, cpu, _ = self.run_tool(*argv)
                    times.append(seconds)
                    cpus.append(cpu)
                    requests = len(emulator.requests())
                medians[name] = statistics.median(times)
                print(f"| {name} | {objects} | {requests} | {medians[name]:.3f} | "
                      f"{min(times):.3f}..{max(times):.3f} | {statistics.median(cpus):.2f} |",
                      flush=True)
            # The round trip: the imported tree's first plan (empty snapshot) only adopts.
            adopt_plan = os.path.join(directory, "import-adopt.plan")
            self.run_tool("plan", "-d", out, "--snapshot", os.path.join(directory, "fresh.json"),
                          "--out", adopt_plan)
            with open(adopt_plan) as f:
                summary = json.load(f)["summary"]
            if summary["add"] or summary["change"] or summary["destroy"]:
                raise Failure(f"the imported definitions plan changes: {summary}")
        finally:
            emulator.stop()
        ratio = medians["import"] / medians["plan"]
        print(f"\nimport / live plan: {ratio:.2f} (target <= 2)\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True, help="the build directory with the executables")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--organizations", type=int, default=50, help="apply-scale's size")
    parser.add_argument("--plan-sizes", default="",
                        help="plan: organizations to measure, comma-separated (default 5,25,50)")
    parser.add_argument("--parallelisms", default="",
                        help="plan: parallelisms, comma-separated (default 1,4,8,16; the "
                             "speed-up column is against the first)")
    parser.add_argument("--kill-after", type=int, default=0,
                        help="apply-scale: kill the apply after this many actions")
    parser.add_argument("parts", nargs="*",
                        help="plan, apply, offline, import (default: all), apply-scale")
    args = parser.parse_args()
    for part in args.parts:
        if part not in ("plan", "apply", "offline", "import", "apply-scale"):
            parser.error(f"unknown benchmark '{part}': expected plan, apply, offline, import "
                         "or apply-scale")
    if args.smoke:
        args.runs, args.latency_ms = 1, 0
    print(f"Load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"(other work on the machine inflates wall times; CPU s is the tool's own)\n")
    with tempfile.TemporaryDirectory(prefix="gg-bench-") as work:
        bench = Bench(args, work)
        try:
            for part in args.parts or ["plan", "apply", "offline", "import"]:
                method = {"import": "import_", "apply-scale": "apply_scale"}.get(part, part)
                getattr(bench, method)()
        except Failure as failure:
            print(f"bench: {failure}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
