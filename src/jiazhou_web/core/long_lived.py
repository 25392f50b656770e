"""A server worker's long-lived objects kept out of the garbage collector's way.

A worker imports Django, the apps and their views — about 300,000 objects it keeps until it
exits. CPython's collector walks all of them on each full collection (≈ 150 ms, every few
dozen requests) and scans its youngest generation every 700 new objects, so about 4 % of a
page's time went to collections that found almost nothing (measured over the load mix).
``settle()``, called once the application is loaded, imports the URLconf (so the views are
loaded too), collects once, freezes what is left (``gc.freeze``: never scanned again, until
the worker exits) and lets the youngest generation grow to ``YOUNGEST`` objects before it
is scanned, so a request's own short-lived cycles are collected in fewer, larger passes.
"""

from __future__ import annotations

import gc

#: Objects allocated (and not yet freed) before the youngest generation is scanned; CPython's
#: default is 700. The two older generations keep their defaults.
YOUNGEST = 10_000


def settle() -> None:
    """Load every view, then freeze the loaded objects and raise the first threshold."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the attribute imports every URLconf and view
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST, middle, oldest)
