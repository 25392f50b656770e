"""The WSGI entry point loads every view and freezes the loaded objects (core.long_lived)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from jiazhou_web.core.long_lived import YOUNGEST

PROBE = """
import gc, json, sys
import jiazhou_web.config.wsgi
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "threshold": gc.get_threshold(),
    "views": "jiazhou_web.supervision.views" in sys.modules,
}))
"""


def test_the_wsgi_entry_point_freezes_the_loaded_application() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jiazhou_web.config.settings_test"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout
    probe = json.loads(out.strip().splitlines()[-1])
    assert probe["views"], "the URLconf and its views are loaded before the freeze"
    assert probe["frozen"] > 100_000
    assert probe["threshold"][0] == YOUNGEST == 10_000
    assert probe["threshold"][1:] == [10, 10]
