"""统一社会信用代码 checks (GB 32100-2015 §5 check character, GB 11714 organisation-code check)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiazhou.uscc import CHARSET, check_char, make_uscc, org_check_char, validate_uscc

# Published codes of well-known enterprises (营业执照 printed on their websites/annual reports).
REAL_CODES = ["9144030071526726XG", "914403001922038216", "91350100M000100Y43"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_published_codes_are_valid(code: str) -> None:
    assert validate_uscc(code) is None


def test_check_character_by_hand() -> None:
    # 9144030071526726X: values 9,1,4,4,0,3,0,0,7,1,5,2,6,7,2,6,X=29 with weights
    # 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 sum to 2066; 2066 mod 31 = 20; 31-20 = 11 → G.
    assert check_char("9144030071526726X") == "G"


def test_organisation_check_by_hand() -> None:
    # GB 11714: 7*3+1*7+5*9+2*10+6*5+7*8+2*4+6*2 = 199; 199 mod 11 = 1; 11-1 = 10 → X.
    assert org_check_char("71526726") == "X"


def test_wrong_check_character_is_named() -> None:
    message = validate_uscc("9144030071526726XH")
    assert message is not None and "校验码" in message


def test_wrong_organisation_check_is_named() -> None:
    message = validate_uscc("914403007152672619")
    assert message is not None and "主体标识码" in message


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91440300715267", "18位"),
        ("9144030071526726xg", "非法字符"),
        ("9144030071526726IG", "非法字符"),
        ("91A4030071526726XG", "第3-8位"),
    ],
)
def test_malformed_codes_say_what_is_wrong(code: str, fragment: str) -> None:
    message = validate_uscc(code)
    assert message is not None and fragment in message


@given(st.integers(min_value=0, max_value=len(CHARSET) ** 8 - 1))
def test_made_codes_are_valid(n: int) -> None:
    assert validate_uscc(make_uscc(n)) is None


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=16))
def test_any_single_substitution_is_detected(n: int, position: int) -> None:
    code = make_uscc(n)
    for replacement in CHARSET:
        if replacement != code[position]:
            changed = code[:position] + replacement + code[position + 1 :]
            if changed[2:8].isdigit():
                assert validate_uscc(changed) is not None


def test_distinct_numbers_give_distinct_codes() -> None:
    assert len({make_uscc(n) for n in range(5000)}) == 5000


def test_out_of_range_number_is_refused() -> None:
    with pytest.raises(ValueError, match="超出范围"):
        make_uscc(-1)


# -- boundaries (issue 23) -----------------------------------------------------------------


def test_the_largest_number_has_its_own_code_and_the_next_is_refused() -> None:
    # GB 11714 body: eight characters of the 31-symbol set, so 31**8 numbers (0 … 31**8 - 1).
    # 31**8 - 1 is "YYYYYYYY"; 31**8 would wrap around to the code of 0: refused.
    top = 31**8 - 1
    assert make_uscc(top)[8:16] == "YYYYYYYY"
    assert make_uscc(0)[8:16] == "00000000"
    assert validate_uscc(make_uscc(top)) is None
    with pytest.raises(ValueError, match="超出范围"):
        make_uscc(31**8)


def test_made_code_by_hand() -> None:
    # n = 31 + 2 → body "00000012"; GB 11714 check: 1×4 + 2×2 = 8; 11 − 8 = 3.
    code = make_uscc(33)
    assert code[:17] == "91511100" + "00000012" + "3"
    assert code[17] == check_char(code[:17])


@pytest.mark.parametrize("position", [2, 7])
def test_region_code_letters_are_refused_at_both_ends(position: int) -> None:
    # Characters 3 and 8 (index 2 and 7) bound the 行政区划码: a letter at either is refused.
    code = "9144030071526726XG"
    changed = code[:position] + "A" + code[position + 1 :]
    message = validate_uscc(changed)
    assert message is not None and "第3-8位" in message


def test_organisation_check_characters_x_and_0() -> None:
    # GB 11714 §5.2: remainder 1 → 11 − 1 = 10 → "X" (71526726 above); remainder 0 → "0":
    # body "00000000" sums to 0 → 11 − 0 = 11 → "0".
    assert org_check_char("00000000") == "0"
    # body "00000001": 1 × 2 = 2 → 11 − 2 = 9.
    assert org_check_char("00000001") == "9"
