# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Install time of both addons against Odoo's own ``hr``, from empty
databases, demo data included: the goal is at most +30 %.

A benchmark, not a test (pytest does not collect it). Command:

    python3 tests/benchmark_install.py -c <odoo.conf> [--runs 3] [--profile]

Each run creates two empty databases and installs, one after the other,
``hr`` alone and ``cxzy_campaign,cxzy_evaluation`` (which depend on hr and
mail), with the config's addons path, in separate Odoo processes, timing each
process from start to exit; the databases are dropped afterwards. The runs
alternate the two installs so that a machine that slows down hurts both.
Printed: every time, the median of each, and the ratio of the medians.
``--profile`` also prints, for the last run, the seconds Odoo logged per
data file of our addons (``loading <file>`` lines), to show where time goes.
"""

import argparse
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime

TARGET = 1.30
STAMP = re.compile(
    r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) .*? (loading|Modules loaded)"
)


def _odoo(config, *args, log=None):
    command = [sys.executable, "-m", "odoo", "-c", config, *args]
    if log:
        command += ["--log-level=info", f"--logfile={log}"]
    else:
        command.append("--log-level=warn")
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def _install(config, database, modules, log=None):
    start = time.monotonic()
    _odoo(config, "-d", database, "-i", modules, "--stop-after-init", log=log)
    return time.monotonic() - start


def _drop(database):
    subprocess.run(["dropdb", "--if-exists", "--force", database], check=False)


def _profile(log):
    """Seconds between each ``loading <file>`` line of our addons and the next
    line of the same kind, largest first."""
    points = []
    with open(log, encoding="utf-8") as lines:
        for line in lines:
            match = STAMP.match(line)
            if match:
                when = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f")
                points.append(
                    (when, line.split("odoo.modules.loading: ", 1)[-1].strip())
                )
    costs = [
        ((after[0] - before[0]).total_seconds(), before[1])
        for before, after in zip(points, points[1:], strict=False)
        if "cxzy_" in before[1]
    ]
    for seconds, what in sorted(costs, reverse=True)[:15]:
        print(f"  {seconds:6.2f} s  {what}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    stamp = time.strftime("%H%M%S")
    times = {"hr": [], "cxzy_campaign,cxzy_evaluation": []}
    log = None
    for run in range(args.runs):
        order = list(times) if run % 2 == 0 else list(reversed(times))
        for modules in order:
            database = (
                f"bench_install_{stamp}_{run}_{'hr' if modules == 'hr' else 'cxzy'}"
            )
            _drop(database)
            last = run == args.runs - 1 and modules != "hr" and args.profile
            log = f"/tmp/{database}.log" if last else None
            try:
                seconds = _install(args.config, database, modules, log=log)
            finally:
                _drop(database)
            times[modules].append(seconds)
            print(f"run {run + 1}: -i {modules}: {seconds:.1f} s", flush=True)
    hr = statistics.median(times["hr"])
    ours = statistics.median(times["cxzy_campaign,cxzy_evaluation"])
    print(f"median -i hr: {hr:.1f} s over {args.runs} runs")
    print(f"median -i cxzy_campaign,cxzy_evaluation: {ours:.1f} s")
    ratio = ours / hr
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"ratio {ratio:.2f} (goal <= {TARGET:.2f}: {verdict})")
    if log:
        print("where the time of the last install of our addons went:")
        _profile(log)


if __name__ == "__main__":
    main()
