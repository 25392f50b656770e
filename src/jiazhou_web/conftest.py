"""Fixtures shared by the web tests: personas with fixed roles and a headless browser.

Personas are built through the real actions (accounts.actions), like the demo.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest

from jiazhou_web.core.seeding import DEMO_PASSWORD

CHROMIUM = os.environ.get("JIAZHOU_CHROMIUM", "/usr/bin/chromium")


def reload_reference_data() -> None:
    """Reload what the data migrations load (idempotent loaders).

    A transactional test (every browser test) flushes all tables when it ends, taking the
    migrations' reference data with it; later tests get it back from here. (``serialized_rollback``
    would restore it too, but clashes with the content types Django recreates after a flush.)
    """
    from jiazhou_web.enterprises.models import Industry
    from jiazhou_web.enterprises.reference import load_industries
    from jiazhou_web.monitoring.models import Indicator, SourceDocument
    from jiazhou_web.monitoring.reference import load_reference
    from jiazhou_web.regions.models import Region
    from jiazhou_web.regions.reference import load_regions
    from jiazhou_web.supervision.models import Holiday
    from jiazhou_web.supervision.reference import load_holidays

    if not Region.objects.filter(code="LS-HTZ").exists():
        load_regions(Region)
    if not Industry.objects.exists():
        load_industries(Industry)
    if not Indicator.objects.exists():
        load_reference(Indicator, SourceDocument)
    if not Holiday.objects.exists():
        load_holidays(Holiday)


#: set once a test process has loaded the shared demo (see :func:`shared_demo`)
_demo_loaded = False


@pytest.fixture(scope="session")
def shared_demo(django_db_setup: Any, django_db_blocker: Any, pinned_instant: Any) -> Iterator[Any]:
    """Every app's demo data (size 60), loaded once per test process and rolled back at its end.

    For the tests that read the demo through pages, exports and the API (the English switch,
    the Chinese-pages crawl, the services' scopes): loading it costs seconds, and a dozen tests
    each loading their own made the suite minutes slower on each database. They run after every
    other test of the process (:func:`pytest_collection_modifyitems`), so no other test sees the
    demo, and each runs in its own savepoint, so what one writes is gone for the next.
    """
    import time_machine
    from django.db import connections
    from django.test import TestCase

    from jiazhou_web.core.seeding import DemoContext, loaders

    global _demo_loaded
    # session fixtures run outside the suite's pinned clock: the demo is dated at that instant
    with django_db_blocker.unblock(), time_machine.travel(pinned_instant, tick=False):
        atomics = TestCase._enter_atomics()  # type: ignore[attr-defined]
        _demo_loaded = True
        try:
            reload_reference_data()
            ctx = DemoContext(say=lambda _: None, size=60)
            with TestCase.captureOnCommitCallbacks(execute=True):  # bulletin files land on commit
                for _label, load in loaders():
                    load(ctx)
            yield ctx
        finally:
            TestCase._rollback_atomics(atomics)  # type: ignore[attr-defined]
            connections.close_all()


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering, which it keeps
def pytest_collection_modifyitems(items: list[Any]) -> None:
    """The tests on the shared demo run last (in the order collected), under xdist too: each
    worker runs the tests it is sent in collection order."""
    items.sort(key=lambda item: "shared_demo" in getattr(item, "fixturenames", ()))


def pytest_runtest_setup(item: Any) -> None:
    if _demo_loaded and "shared_demo" not in getattr(item, "fixturenames", ()):
        pytest.fail(
            "共享演示数据已载入，此测试却排在其后 / a test ran after the shared demo was loaded: "
            "it would see the demo's rows (see shared_demo in src/jiazhou_web/conftest.py)"
        )


@pytest.fixture
def reference_data(db: Any) -> None:
    """Regions, industries, indicators and holidays, as the data migrations load them."""
    reload_reference_data()


@pytest.fixture
def regions(reference_data: None) -> dict[str, Any]:
    """The regions loaded by the data migration, by code."""
    from jiazhou_web.regions.models import Region

    return {r.code: r for r in Region.objects.all()}


@pytest.fixture
def industry(db: Any) -> Any:
    from jiazhou_web.enterprises.models import Industry

    division, _ = Industry.objects.get_or_create(code="C", defaults={"name": "制造业", "level": 1})
    return Industry.objects.get_or_create(
        code="C39",
        defaults={"name": "计算机、通信和其他电子设备制造业", "level": 2, "parent": division},
    )[0]


@pytest.fixture
def make_enterprise(db: Any, regions: dict[str, Any], industry: Any) -> Any:
    """A factory of enterprises: ``make_enterprise(region="511112", zone=False, name=...)``."""
    from jiazhou_web.enterprises.models import Enterprise

    counter = iter(range(1, 10_000))

    def make(region: str = "511102", zone: bool = False, name: str = "") -> Any:
        n = next(counter)
        from jiazhou.uscc import make_uscc

        return Enterprise.objects.create(
            uscc=make_uscc(n),
            name=name or f"测试企业{n}有限公司",
            registration_date=dt.date(2015, 1, 1),
            region=regions[region],
            zone=regions["LS-HTZ"] if zone else None,
            industry=industry,
            size_class="small",
        )

    return make


#: Test personas hold their roles from this day (before any day a test travels to).
PERSONA_SINCE = dt.date(2020, 1, 1)


def _persona(username: str, role: str, target: Any = None) -> Any:
    from jiazhou_web.accounts import actions

    user = actions.create_user(
        username=username, password=DEMO_PASSWORD, display_name=username, actor=None
    )
    # held for years: a test that travels back to a fixed day still finds the role in force
    actions.assign_role(user, role, actor=None, target=target, valid_from=PERSONA_SINCE)
    return user


@pytest.fixture
def city_admin(db: Any) -> Any:
    return _persona("city_admin", "city_admin")


@pytest.fixture
def zone_officer(regions: dict[str, Any]) -> Any:
    return _persona("zone_officer", "zone_officer", regions["LS-HTZ"])


@pytest.fixture
def county_officer(regions: dict[str, Any]) -> Any:
    """An officer of 五通桥区 (511112)."""
    return _persona("county_officer", "county_officer", regions["511112"])


@pytest.fixture
def department(regions: dict[str, Any]) -> Any:
    from jiazhou_web.accounts import actions

    return actions.create_department(
        code="lsjxj",
        name="乐山市经济和信息化局",
        kind="city_bureau",
        region=regions["511100"],
        actor=None,
    )


@pytest.fixture
def dept_officer(department: Any) -> Any:
    return _persona("dept_officer", "department_officer", department)


@pytest.fixture
def outsider(db: Any) -> Any:
    """A signed-in user without any role: sees nothing."""
    from jiazhou_web.accounts import actions

    return actions.create_user(
        username="outsider", password=DEMO_PASSWORD, display_name="outsider", actor=None
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole test session (launching costs seconds)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    """A fresh Playwright page (own cookies) pointed at the live server.

    Browser tests are transactional (the live server runs in another thread); the reference data
    is reloaded first because an earlier transactional test may have flushed it.
    """
    reload_reference_data()
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()
