"""统一社会信用代码 (unified social credit code) per GB 32100-2015.

Eighteen characters: 登记管理部门代码 (1), 机构类别代码 (1), 登记管理机关行政区划码 (6, GB/T 2260),
主体标识码 (9, the 组织机构代码 of GB 11714 with its own check character) and the 校验码 (1).
Characters come from the 31-symbol set ``0-9`` and upper-case letters without I, O, Z, S, V.
"""

from __future__ import annotations

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(CHARSET)}
# GB 32100-2015 §5: weight of position i (1-based) is 3^(i-1) mod 31.
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# GB 11714-1997 §5.2: weights of the eight body characters of the 组织机构代码.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# Synthetic codes: 9 = 市场监督管理 registration, 1 = 企业, 511100 = 乐山市.
_SYNTHETIC_PREFIX = "91511100"
_SYNTHETIC_BODY_LIMIT = len(CHARSET) ** 8


def _org_value(char: str) -> int:
    """GB 11714 value of one body character: digits as themselves, A=10 … Z=35."""
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def org_check_char(body: str) -> str:
    """The GB 11714 check character of an eight-character 组织机构代码 body."""
    rest = 11 - sum(_org_value(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(rest, str(rest))


def check_char(first17: str) -> str:
    """The GB 32100 校验码 of the first seventeen characters."""
    rest = 31 - sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 31
    return CHARSET[rest % 31]


def validate_uscc(code: str) -> str | None:
    """``None`` if ``code`` is a valid 统一社会信用代码, else why not (zh / en).

    The code is checked as given: upper case, no spaces (callers normalise user input first).
    """
    if len(code) != 18:
        return f"应为18位，实际{len(code)}位 / must have 18 characters, not {len(code)}"
    bad = [c for c in code if c not in _VALUE]
    if bad:
        return (
            f"含非法字符「{''.join(dict.fromkeys(bad))}」（只允许数字和除I、O、Z、S、V外的大写字母） / "
            f"invalid characters {''.join(dict.fromkeys(bad))!r} "
            "(digits and upper-case letters except I, O, Z, S, V)"
        )
    if not code[2:8].isdigit():
        return (
            "第3-8位（登记管理机关行政区划码）应为数字 / "
            "characters 3-8 (registration authority region code) must be digits"
        )
    if code[16] != org_check_char(code[8:16]):
        return (
            "第9-17位（主体标识码/组织机构代码）校验位错误 / "
            "characters 9-17 (organisation code) fail the GB 11714 check"
        )
    if code[17] != check_char(code[:17]):
        return "校验码（第18位）错误 / check character (18th) is wrong"
    return None


def make_uscc(n: int) -> str:
    """A valid, deterministic code for synthetic and test records: distinct ``n``, distinct codes.

    Prefix ``91511100`` (enterprise registered in 乐山市); the organisation-code body is ``n``
    written in the 31-symbol set, so 0 <= n < 31**8.
    """
    if not 0 <= n < _SYNTHETIC_BODY_LIMIT:
        raise ValueError(f"n 超出范围 / n out of range: {n}")
    digits = []
    for _ in range(8):
        n, r = divmod(n, len(CHARSET))
        digits.append(CHARSET[r])
    body = "".join(reversed(digits))
    first17 = _SYNTHETIC_PREFIX + body + org_check_char(body)
    return first17 + check_char(first17)
