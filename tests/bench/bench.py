#!/usr/bin/env python3
"""The benchmarks of docs/performance.md, printed as Markdown tables (driven by run.sh).

  bench.py --build DIR [--smoke] [--runs 3] [--latency-ms 20] [plan|apply|offline|import]...

plan     live plan, steady state, against the emulator with latency, at 10/50/100% of the
         size and parallelism 1/4/8/16
apply    apply of a plan that creates 50 organizations, from an empty emulator, at
         parallelism 1 and 16, the order rules checked on the emulator's request log
offline  plan --offline at 10/50/100% of 100,000 objects: wall time and peak RSS
import   import of 50 organizations against a live plan of the same instance, both at
         parallelism 8 with latency; the target is import <= 2x plan. The imported tree's
         first plan must only adopt, or the benchmark fails.

--smoke runs each at a tiny size without latency and fails on any error (ctest bench_smoke).
"""

import argparse
import json
import os
import re
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
        print(f"### Live plan, steady state ({latency} ms a request, {self.args.runs} runs each)\n")
        print("| organizations | objects | parallelism | requests | wall s (median) | min..max "
              "| lower bound s | ratio to bound | speed-up vs -p 1 | tool CPU s |")
        print("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
        for organizations in self.sizes(50):
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
    parser.add_argument("parts", nargs="*", help="plan, apply, offline, import (default: all)")
    args = parser.parse_args()
    for part in args.parts:
        if part not in ("plan", "apply", "offline", "import"):
            parser.error(f"unknown benchmark '{part}': expected plan, apply, offline or import")
    if args.smoke:
        args.runs, args.latency_ms = 1, 0
    print(f"Load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"(other work on the machine inflates wall times; CPU s is the tool's own)\n")
    with tempfile.TemporaryDirectory(prefix="gg-bench-") as work:
        bench = Bench(args, work)
        try:
            for part in args.parts or ["plan", "apply", "offline", "import"]:
                getattr(bench, "import_" if part == "import" else part)()
        except Failure as failure:
            print(f"bench: {failure}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
