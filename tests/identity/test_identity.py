"""GB 11643-1999 check character and the masked form (issue 20: ID numbers masked everywhere)."""

from __future__ import annotations

import pytest

from jiazhou.identity import check_character, mask, problems


def test_check_character_hand_computed() -> None:
    # 11010519491231002X: Σ = 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2
    #                      = 167; 167 mod 11 = 2 → "X"
    assert check_character("11010519491231002") == "X"
    # 51110219900101123?: Σ = 5·7+1·9+1·10+1·5+0·8+2·4+1·2+9·1+9·6+0·3+0·7+1·9+0·10+1·5+1·8+2·4+3·2
    #                      = 168; 168 mod 11 = 3 → "9"
    assert check_character("51110219900101123") == "9"


def test_check_character_needs_17_digits() -> None:
    with pytest.raises(ValueError, match="17"):
        check_character("1234")
    with pytest.raises(ValueError, match="17"):
        check_character("1101051949123100X")


def test_problems() -> None:
    assert problems("11010519491231002X") == []
    assert problems("11010519491231002x") == []  # lower-case x accepted
    assert problems(" 511102199001011239 ") == []
    assert problems("511102199001011230") == [
        "身份证号校验位不符 / the check character does not match"
    ]
    assert "出生日期无效" in problems("511102199002301230")[0]
    assert "18位" in problems("51110219900101123")[0]
    assert "18位" in problems("5111021990010112XX")[0]


def test_mask() -> None:
    assert mask("511102199001011239") == "511102********1239"
    assert mask("AB1234") == "****34"
    assert mask("7") == "7"
