"""Load benchmark: the page mix of the demo personas against gunicorn on loopback.

    DATABASE_URL=postgres://… .venv/bin/python -m benchmarks.load.run --users 20 --think 0
    .venv/bin/python -m benchmarks.load.run --users 50 --think 5 --duration 120

Starts gunicorn (``--workers``, DEBUG off, HTTPS settings off for plain loopback HTTP) on a free
port, seeds the demo data if the database is empty (``seed_demo --if-empty``), runs the bounded
client (``benchmarks/load/client.py``) and prints p50/p95/p99 latency, requests per second and
errors. Goals (issue 11, on the 2-core machine): ≥ 60 req/s on the page mix without exports;
p95 ≤ 300 ms at 50 users with 5 s think time (issue 21: on the API endpoints too, ``--mix api``
or ``--mix all``; each API persona gets a one-day token, revoked when the run ends).
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks.load.client import MIXES, is_api, run

ROOT = Path(__file__).resolve().parents[2]


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) of one process so far and of its children that ended (a
    backend that closed its connection during the run is counted in the postmaster's), 0 when
    it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def server_cpu(server_pid: int) -> dict[str, float]:
    """CPU seconds so far of gunicorn (the master and its workers) and of PostgreSQL's
    processes on this machine (Linux ``/proc``; empty elsewhere)."""
    totals = {"gunicorn": 0.0, "postgres": 0.0}
    if not Path("/proc").is_dir():
        return {}
    totals["gunicorn"] += _proc_cpu(server_pid)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.find("(") + 1 : stat.rfind(")")]
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == server_pid:
            totals["gunicorn"] += _proc_cpu(int(entry.name))
        elif comm.startswith("postgres"):
            totals["postgres"] += _proc_cpu(int(entry.name))
    return totals


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def issue_tokens(mix: dict[str, list[str]], python: str, env: dict[str, str]) -> dict[str, str]:
    """One API token (a day's validity) per persona of ``mix`` that calls the API."""
    tokens = {}
    for name, pages in mix.items():
        if any(is_api(p) for p in pages):
            out = subprocess.run(
                [
                    python,
                    "manage.py",
                    "api_token",
                    "create",
                    "--user",
                    name,
                    "--days",
                    "1",
                    "--name",
                    "负载测试 / load benchmark",
                ],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            tokens[name] = out.strip().splitlines()[-1]
    return tokens


def revoke_tokens(tokens: dict[str, str], python: str, env: dict[str, str]) -> None:
    for secret in tokens.values():
        prefix = "_".join(secret.split("_")[:2])  # jz_<10 hex>, the part before the secret
        subprocess.run(
            [python, "manage.py", "api_token", "revoke", prefix],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )


def percentile(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
        if len(values) > 1
        else values[0]
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of measurement")
    parser.add_argument("--think", type=float, default=0.0, help="mean think time, seconds")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--mix", choices=sorted(MIXES), default="pages", help="page mix")
    parser.add_argument("--by-page", action="store_true", help="also print each page's p50/p95")
    parser.add_argument("--password", default=os.environ.get("JIAZHOU_DEMO_PASSWORD", ""))
    args = parser.parse_args()
    if not args.password:
        from jiazhou_web.core.seeding import DEMO_PASSWORD

        args.password = DEMO_PASSWORD
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DJANGO_SETTINGS_MODULE": "jiazhou_web.config.settings",
        # a token's rate limit (600/min) would turn a closed loop into 429s: measure the server
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "1000000"),
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "seed_demo", "--if-empty"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    tokens = issue_tokens(MIXES[args.mix], python, env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(python).with_name("gunicorn")),
            "jiazhou_web.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        mix = MIXES[args.mix]
        run(base, min(args.users, 4), 5.0, 0.0, args.password, mix, tokens)  # warm-up
        cpu_before, client_before = server_cpu(server.pid), time.process_time()
        results, elapsed = run(
            base, args.users, args.duration, args.think, args.password, mix, tokens
        )
        cpu_after, client_after = server_cpu(server.pid), time.process_time()
    finally:
        server.terminate()
        server.wait(timeout=30)
        revoke_tokens(tokens, python, env)
    lat = sorted(results.latencies)
    db = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(
        f"load ({args.mix}): {args.users} users, think {args.think}s, {args.workers} gunicorn workers, {db}, DEBUG off"
    )
    # the server runs this interpreter; its build (optimised or not) moves every figure below
    print(
        f"interpreter: {python} (Python {sys.version.split()[0]}, {sys.version.split('(', 1)[1].split(')')[0]})"
    )
    print(f"requests {len(lat)}, errors {results.errors}, {len(lat) / elapsed:.1f} req/s")
    print(
        f"latency p50 {percentile(lat, 50) * 1000:.0f} ms, p95 {percentile(lat, 95) * 1000:.0f} ms, "
        f"p99 {percentile(lat, 99) * 1000:.0f} ms"
    )

    if cpu_after and lat:
        # CPU per request of each side: the capacity of this machine for the mix, whatever
        # else ran beside the test (the client's own CPU is part of the run's, not the server's)
        per = {k: (cpu_after[k] - cpu_before[k]) / len(lat) * 1000 for k in cpu_after}
        client = (client_after - client_before) / len(lat) * 1000
        server = per["gunicorn"] + per["postgres"]
        print(
            f"CPU per request (the users' sign-ins included): gunicorn {per['gunicorn']:.1f} ms,"
            f" PostgreSQL {per['postgres']:.1f} ms,"
            f" load client {client:.1f} ms; server capacity on {os.cpu_count()} cores"
            f" ≈ {(os.cpu_count() or 1) * 1000 / server:.0f} req/s"
        )
    if args.by_page:
        for path, values in sorted(
            results.by_path.items(), key=lambda kv: -percentile(sorted(kv[1]), 95)
        ):
            values.sort()
            print(
                f"  {path:32} n={len(values):5}  p50 {percentile(values, 50) * 1000:5.0f} ms"
                f"  p95 {percentile(values, 95) * 1000:5.0f} ms"
            )


if __name__ == "__main__":
    main()
