# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Runner of the province-scale benchmark (tests/benchmark_province.py).

Not collected by pytest (only test_*.py are). Command:

    python3 tests/run_benchmark.py -c <odoo.conf> --template <database> \\
        [--scratch <name>] [--keep] [--organisations 2000] [--members 100000] \\
        [--voters 100] [--repeat 5]

<database> has cxzy_campaign and cxzy_evaluation installed; it is copied
(CREATE DATABASE <scratch> TEMPLATE <database>, with its filestore) into a
scratch database, default <database>_bench, where `survey` is installed and
the benchmark runs. The scratch database is dropped at the end unless --keep.
The template must have no open connection while it is copied.

Then, when tests/benchmark_screens.py exists (the office screens and list
views at 10 and at 2,000 organisations), it is run as its own process with
the same config and template and its output printed.
"""

import argparse
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _postgres():
    import odoo.sql_db

    connection = odoo.sql_db.db_connect("postgres")
    cursor = connection.cursor()
    cursor._cnx.autocommit = True
    return cursor


def _copy_database(config, template, scratch):
    from psycopg2 import sql

    cr = _postgres()
    try:
        cr.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch))
        )
        cr.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(scratch), sql.Identifier(template)
            )
        )
    finally:
        cr.close()
    source = Path(config.filestore(template))
    target = Path(config.filestore(scratch))
    shutil.rmtree(target, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, target)


def _drop_database(config, scratch):
    from psycopg2 import sql

    import odoo.sql_db

    odoo.sql_db.close_db(scratch)
    cr = _postgres()
    try:
        cr.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(scratch)
            )
        )
    finally:
        cr.close()
    shutil.rmtree(config.filestore(scratch), ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo config file")
    parser.add_argument(
        "--template", required=True, help="database with the cxzy addons installed"
    )
    parser.add_argument("--scratch", help="scratch database (<template>_bench)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch db")
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--members", type=int, default=100000)
    parser.add_argument("--voters", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    scratch = args.scratch or f"{args.template}_bench"
    argv = sys.argv[1:] if argv is None else argv
    print(f"$ python3 tests/run_benchmark.py {shlex.join(argv)}", flush=True)

    import odoo
    from odoo.tools import config

    config.parse_config(["-c", args.config, "--log-level=warn"])
    odoo.netsvc.init_logger()

    started = time.perf_counter()
    print(f"Copying {args.template} into {scratch} ...", flush=True)
    _copy_database(config, args.template, scratch)
    try:
        print(f"Installing survey in {scratch} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                "-c",
                args.config,
                "-d",
                scratch,
                "-i",
                "survey",
                "--stop-after-init",
                "--log-level=warn",
                "--no-http",
            ],
            check=True,
        )
        sys.path.insert(0, str(HERE))
        import benchmark_province

        benchmark_province.main(
            scratch,
            organisations=args.organisations,
            members=args.members,
            voters=args.voters,
            repeat=args.repeat,
        )
    finally:
        if args.keep:
            print(f"Kept the scratch database {scratch}.", flush=True)
        else:
            _drop_database(config, scratch)
    screens = HERE / "benchmark_screens.py"
    if screens.exists():
        command = [sys.executable, str(screens), "-c", args.config]
        command += ["--template", args.template, "--members", str(args.members)]
        print(f"\n$ {shlex.join(command)}", flush=True)
        # Its output goes to ours as it comes.
        result = subprocess.run(command, check=False, cwd=HERE.parent)
        if result.returncode:
            print(f"benchmark_screens.py exited with {result.returncode}", flush=True)
    print(f"Benchmark run in {time.perf_counter() - started:.0f} s.", flush=True)


if __name__ == "__main__":
    main()
