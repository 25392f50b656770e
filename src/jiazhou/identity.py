"""居民身份证号码 (GB 11643-1999): the check digit, and the masked form every page shows.

Only the programme's officer sees a number in full (and each look is audited, in the web
layer); everywhere else, exports included, it is :func:`mask` — the 6-digit region code and the
last 4 characters, the birth date hidden.
"""

from __future__ import annotations

import datetime as dt

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"  # check character for (Σ weight × digit) mod 11 = 0 … 10


def check_character(first17: str) -> str:
    """The 18th character of a number whose first 17 digits are ``first17``."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("须为17位数字 / 17 digits expected")
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def problems(number: str) -> list[str]:
    """Why ``number`` is not a valid 18-character ID number (empty: it is)."""
    n = number.strip().upper()
    if len(n) != 18 or not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        return ["身份证号须为18位（前17位数字，末位数字或X） / 18 characters expected"]
    found = []
    try:
        dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        found.append("身份证号中的出生日期无效 / the birth date is not a date")
    if check_character(n[:17]) != n[17]:
        found.append("身份证号校验位不符 / the check character does not match")
    return found


def mask(number: str) -> str:
    """``511102199001011234`` → ``511102********1234`` (anything shorter: all but the last 2)."""
    n = number.strip()
    if len(n) == 18:
        return n[:6] + "*" * 8 + n[-4:]
    return "*" * max(len(n) - 2, 0) + n[-2:]
