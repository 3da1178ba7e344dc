#!/usr/bin/env python3
"""The tool's own functions of a callgrind profile, by inclusive instruction count, as
Markdown table rows (used by profile.sh).

  callgrind_top.py CALLGRIND_OUT [ROWS]

Inclusive counts add up every thread's share, so a function run on two threads can count
more than its caller; recursive entries ('2) and the command-line plumbing are left out.
"""

import re
import subprocess
import sys


def main():
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 14
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", sys.argv[1]],
                         capture_output=True, text=True, check=True).stdout
    seen = set()
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*([\d.]+)%\)\s+\S*?:(.*)$", line)
        if not m or "=>" in line or "gg::" not in m.group(3) or re.search(r"'\d", m.group(3)):
            continue
        name = m.group(3)[m.group(3).index("gg::"):].replace("(anonymous namespace)::", "")
        name = name.split("(")[0].replace("[abi:cxx11]", "")
        if re.search(r"cmd::|_M_invoke|thread|parallel_for|future|Task_setter|lambda|~|>$", name):
            continue
        if name in seen:
            continue
        seen.add(name)
        print(f"| `{name}` | {m.group(1)} | {m.group(2)}% |")
        if len(seen) == rows:
            break


if __name__ == "__main__":
    main()
