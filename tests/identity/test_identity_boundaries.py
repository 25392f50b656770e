"""GB 11643-1999 boundaries the mutation run (issue 23) found unpinned.

The number is 6 digits of region, 8 of birth date (YYYYMMDD, §5.2), 3 of sequence and a check
character; (Σ weight × digit) mod 11 = 0…10 gives 1 0 X 9 8 7 6 5 4 3 2 (§7). Check sums are
worked by hand in the comments.
"""

from __future__ import annotations

import pytest

from jiazhou.identity import check_character, mask, problems

# 511102 20000229 001: Σ = 5·7+1·9+1·10+1·5+0·8+2·4+2·2+0·1+0·6+0·3+0·7+2·9+2·10+9·5+0·8+0·4+1·2
#                        = 156; 156 mod 11 = 2 → "X"
LEAP_DAY_2000 = "51110220000229001X"
# 511102 19900110 002: Σ = 35+9+10+5+0+8+2+9+54+0+0+9+10+0+0+0+4 = 155; 155 mod 11 = 1 → "0"
TENTH_OF_JANUARY = "511102199001100020"


def test_birth_dates_read_as_four_two_two_digits() -> None:
    # 2000 is a leap year (divisible by 400): 2000-02-29 is a date, read with the whole year
    assert check_character(LEAP_DAY_2000[:17]) == "X"
    assert problems(LEAP_DAY_2000) == []
    # a day of 10: both digits of DD are read (the "0" alone is no day)
    assert check_character(TENTH_OF_JANUARY[:17]) == "0"
    assert problems(TENTH_OF_JANUARY) == []
    # 1962 is not a leap year: 1962-02-29 is no date (check character 5: Σ = 205, mod 11 = 7)
    assert problems("511102196202290015") == [
        "身份证号中的出生日期无效 / the birth date is not a date"
    ]


def test_length_and_character_classes() -> None:
    bad_form = "身份证号须为18位（前17位数字，末位数字或X） / 18 characters expected"
    assert problems(TENTH_OF_JANUARY + "0") == [bad_form]  # 19 characters
    assert problems("5111021990011000A0") == [bad_form]  # a letter at position 17
    assert problems("51110219900110002A") == [bad_form]  # 18th neither digit nor X
    with pytest.raises(ValueError, match="17"):
        check_character("511102199001100020")  # 18 digits are not 17


def test_mask_only_exact_18_characters_as_an_id() -> None:
    assert mask(LEAP_DAY_2000) == "511102********001X"
    # 19 characters is not an ID number: all but the last 2 hidden
    assert mask("5111021990011000201") == "*" * 17 + "01"
    assert mask("12") == "12"  # two characters: nothing to hide


# 511112 19900110 002 (五通桥区): Σ = 35+9+10+5+1·8+2·4+2+9+54+0+0+9+10+0+0+0+4 = 163;
# 163 mod 11 = 9 → "3" (the 5th digit is 1: its weight 8 counts)
WUTONGQIAO = "511112199001100023"


def test_every_weight_counts_and_any_wrong_check_is_refused() -> None:
    assert check_character(WUTONGQIAO[:17]) == "3"
    assert problems(WUTONGQIAO) == []
    wrong = "身份证号校验位不符 / the check character does not match"
    assert problems(TENTH_OF_JANUARY[:17] + "5") == [wrong]  # check is 0: a larger one is wrong
    assert problems(WUTONGQIAO[:17] + "X") == [wrong]
    # only X is a letter the 18th place may hold
    bad_form = "身份证号须为18位（前17位数字，末位数字或X） / 18 characters expected"
    assert problems(TENTH_OF_JANUARY[:17] + "Y") == [bad_form]
