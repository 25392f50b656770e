"""A bounded closed-loop HTTP client for loopback load tests (standard library only).

Each virtual user signs in as a demo persona, then repeatedly requests a page of its mix and
waits ``think`` seconds (exponentially distributed, mean ``think``), until ``duration`` ends.
Only loopback addresses are accepted: this is a measuring tool, not a load generator for
other people's servers.
"""

from __future__ import annotations

import http.cookiejar
import ipaddress
import random
import re
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

PERSONA_PAGES: dict[str, list[str]] = {
    "demo_city_admin": [
        "/",
        "/monitoring/",
        "/monitoring/indicators/",
        "/monitoring/reports/",
        "/enterprises/",
        "/pools/",
        "/pools/near-eligible/",
        "/supervision/",
        "/supervision/kanban/",
        "/supervision/scoreboard/",
        "/index/",
    ],
    "demo_county_officer": [
        "/",
        "/monitoring/",
        "/monitoring/reports/",
        "/enterprises/",
        "/pools/",
        "/pools/members/",
        "/supervision/",
    ],
    "demo_dept_officer": ["/", "/supervision/", "/supervision/notices/", "/supervision/timeline/"],
    "demo_zone_officer": ["/", "/enterprises/", "/pools/", "/monitoring/regions/", "/index/"],
}

#: ``--mix tickets`` (issue 15): the 企业诉求 pages of the centre and the units, for a database
#: holding many tickets (``benchmarks/bench_ticket_list.py 100000 --keep``).
TICKET_PAGES: dict[str, list[str]] = {
    "demo_city_admin": [
        "/tickets/",
        "/tickets/?state=overdue",
        "/tickets/?state=handling&category=02",
        "/tickets/rates/",
    ],
    "demo_county_officer": ["/tickets/", "/tickets/?state=overdue"],
    "demo_dept_officer": ["/tickets/", "/tickets/?state=overdue"],
    "demo_zone_officer": ["/tickets/", "/tickets/?state=overdue"],
}

#: ``--mix api`` (issue 21): the open API's list endpoints at their default page size and
#: the largest page (``API_MAX_PAGE_SIZE``), each persona through a token of its own role
#: (``benchmarks/load/run.py`` issues the tokens and revokes them afterwards).
API_PAGES: dict[str, list[str]] = {
    "demo_city_admin": [
        "/api/v1/enterprises",
        "/api/v1/enterprises?page_size=200",
        "/api/v1/certificates",
        "/api/v1/observations",
        "/api/v1/observations?page_size=200",
        "/api/v1/scoring-results",
        "/api/v1/scoring-results?page_size=200",
        "/api/v1/pool-memberships",
        "/api/v1/supervision-items",
        "/api/v1/tickets",
        "/api/v1/tech-contracts",
        "/api/v1/project-applications",
    ],
    "demo_county_officer": [
        "/api/v1/enterprises",
        "/api/v1/observations",
        "/api/v1/scoring-results",
        "/api/v1/pool-memberships",
        "/api/v1/supervision-items",
    ],
    "demo_dept_officer": [
        "/api/v1/indicators",
        "/api/v1/observations",
        "/api/v1/supervision-items",
    ],
    "demo_zone_officer": ["/api/v1/enterprises", "/api/v1/certificates", "/api/v1/scoring-results"],
}

#: ``--mix all``: pages and API endpoints together, as a working day mixes them.
ALL_PAGES: dict[str, list[str]] = {
    name: PERSONA_PAGES.get(name, []) + API_PAGES.get(name, [])
    for name in dict.fromkeys([*PERSONA_PAGES, *API_PAGES])
}

MIXES = {"pages": PERSONA_PAGES, "tickets": TICKET_PAGES, "api": API_PAGES, "all": ALL_PAGES}


def is_api(path: str) -> bool:
    return path.startswith("/api/")


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    by_path: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, ok: bool, path: str = "") -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.by_path.setdefault(path, []).append(seconds)
            self.errors += 0 if ok else 1


def require_loopback(base: str) -> None:
    host = urllib.parse.urlsplit(base).hostname or ""
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise SystemExit(f"refusing {host}: the load client only talks to loopback addresses")


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def sign_in(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    opener = _opener()
    page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token[1]}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
    )
    response = opener.open(request, timeout=30)
    if "/accounts/login/" in response.geturl():
        raise SystemExit(f"sign-in failed for {username}")
    return opener


def user_loop(
    base: str,
    opener: urllib.request.OpenerDirector,
    pages: list[str],
    stop: float,
    think: float,
    results: Results,
    seed: int,
    token: str = "",
) -> None:
    rng = random.Random(seed)
    bearer = {"Authorization": f"Bearer {token}"} if token else {}
    while time.monotonic() < stop:
        path = rng.choice(pages)
        request = urllib.request.Request(base + path, headers=bearer if is_api(path) else {})
        start = time.perf_counter()
        ok = True
        try:
            with opener.open(request, timeout=60) as response:
                response.read()
                ok = response.status == 200
        except Exception:  # noqa: BLE001 - counted as an error
            ok = False
        results.add(time.perf_counter() - start, ok, path)
        if think > 0:
            time.sleep(min(rng.expovariate(1 / think), 4 * think))


def run(
    base: str,
    users: int,
    duration: float,
    think: float,
    password: str,
    mix: dict[str, list[str]] = PERSONA_PAGES,
    tokens: dict[str, str] | None = None,
) -> tuple[Results, float]:
    """Sign ``users`` virtual users in (round robin over the personas), run, return results.

    A persona whose pages are all API endpoints does not sign in: it sends its bearer token
    (``tokens``) only.
    """
    require_loopback(base)
    tokens = tokens or {}
    personas = list(mix)
    openers = []
    for i in range(users):
        name = personas[i % len(personas)]
        pages_only = all(is_api(p) for p in mix[name])
        openers.append((name, _opener() if pages_only else sign_in(base, name, password)))
    results = Results()
    start = time.monotonic()
    stop = start + duration
    threads = [
        threading.Thread(
            target=user_loop,
            args=(base, opener, mix[name], stop, think, results, i, tokens.get(name, "")),
            daemon=True,
        )
        for i, (name, opener) in enumerate(openers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.monotonic() - start
