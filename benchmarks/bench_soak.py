"""The full soak of server mode: `letdown serve --multi-user --workers 2` on PostgreSQL,
50 concurrent clients for 60 s mixing sign-ins, creates, edits, lists and pages, then a
second run in which one worker is killed with SIGKILL half-way.

Prints requests/s, p50/p99 per kind of request, errors and lost writes (acknowledged
creates or edits not read back afterwards). The driver is tests/web/soak.py, the same
one the (shorter) test runs.

PostgreSQL: ``--database-url postgresql+psycopg://...`` (an empty database), or by
default a throw-away server started here from the machine's initdb/pg_ctl.

    .venv/bin/python benchmarks/bench_soak.py [--seconds 60] [--clients 50] [--workers 2]
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from _args import positive_float, positive_int

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.web.soak import running_server, soak


def _binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        sys.exit(f"error: PostgreSQL's {name} is not installed; give --database-url instead")
    return found


@contextlib.contextmanager
def throwaway_postgres(base: Path) -> Iterator[str]:
    """A PostgreSQL server on a Unix socket in ``base`` (as nobody when run as root)."""
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "nobody", "nogroup")
        run_as = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
    os.chmod(base, 0o755)
    data, log = base / "data", base / "server.log"
    env = {**os.environ, "LC_ALL": "C.UTF-8", "HOME": str(base)}
    made = subprocess.run([*run_as, _binary("initdb"), "-D", str(data), "-U", "letdown",
                           "--auth=trust", "-E", "UTF8", "--no-sync"], cwd=base, env=env,
                          check=False, capture_output=True, text=True)
    if made.returncode != 0:
        sys.exit(f"error: initdb failed: {made.stderr.strip()}")
    subprocess.run([*run_as, _binary("pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
                    f"-k {base} -c listen_addresses='' -c max_connections=100", "start"],
                   cwd=base, env=env, check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://letdown@/soak?host={base}"
    finally:
        subprocess.run([*run_as, _binary("pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                        "stop"], cwd=base, env=env, check=False, capture_output=True)


def _create_database(url: str) -> None:
    """The empty database ``soak`` on the throw-away server."""
    import psycopg
    from sqlalchemy.engine import make_url

    parts = make_url(url)
    with contextlib.suppress(psycopg.errors.DuplicateDatabase), psycopg.connect(
            host=str(parts.query["host"]), user=parts.username, dbname="postgres",
            autocommit=True) as connection:
        connection.execute(b"CREATE DATABASE soak")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=positive_float, default=60.0)
    parser.add_argument("--clients", type=positive_int, default=50)
    parser.add_argument("--workers", type=positive_int, default=2)
    parser.add_argument("--database-url", default=None,
                        help="an empty PostgreSQL database (default: a throw-away server)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="letdown-soak-") as folder:
        base = Path(folder)
        with contextlib.ExitStack() as stack:
            url = args.database_url
            if url is None:
                pg = Path(tempfile.mkdtemp(prefix="letdown-soak-pg-"))  # nobody must enter it
                stack.callback(shutil.rmtree, pg, True)
                url = stack.enter_context(throwaway_postgres(pg))
                _create_database(url)
            for kill in (False, True):
                data = base / f"data-{int(kill)}"
                with running_server(url, data, workers=args.workers) as (server, parents):
                    outcome = soak(server, parents, args.clients, args.seconds,
                                   kill_worker=kill)
                title = "with one worker killed half-way" if kill else "steady"
                print(f"\n{args.workers} workers, {args.clients} clients, {title}:")
                print(outcome.summary())
                for line in (outcome.errors + outcome.lost)[:10]:
                    print(f"  ! {line}")


if __name__ == "__main__":
    main()
