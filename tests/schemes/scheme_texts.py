"""Scheme TOML text shared by the scheme-file tests (not a test module: no ``test_`` prefix).

Test modules import it by name (``from scheme_texts import HEAD, ITEM``): pytest's default
import mode puts this directory, which has no ``__init__.py``, on ``sys.path``.

``HEAD`` is a scheme's head, its first line on line 1: ``HEAD + ITEM`` puts ``[[items]]`` on
line 11, the line the refusals name. ``ITEM`` is one item, ``STAFF`` (40 points at most), with
no group; ``{method}`` and ``{extra}`` (further keys, one a line) are filled in by each test.
"""

HEAD = """code = "toy"
title_zh = "测试"
title_en = "Test"
document = "none"
version = "1"
effective_from = 2024-01-01

[outcome]
pass_mark = 20
"""

ITEM = """
[[items]]
id = "STAFF"
label_zh = "人员"
label_en = "Staff"
cite = "test"
tag = "L"
max = 40
method = "{method}"
value = "employees_total_y1"
{extra}
"""
