"""A refused or revoked contract names its reason in the reader's language (issue 14): the
engine's tables (jiazhou.techmarket.grounds) are Chinese only, the web layer says each code in
English and its Chinese is the engine's text word for word."""

from __future__ import annotations

import re

import pytest
from django.utils.translation import override

from jiazhou.techmarket import REFUSAL_REASONS, REVOCATION_GROUNDS
from jiazhou_web.market.choices import (
    REFUSAL_LABELS,
    REVOCATION_LABELS,
    RefusalReason,
    RevocationGround,
)
from jiazhou_web.market.models import TechContract

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("table", "labels", "choices"),
    [
        (REFUSAL_REASONS, REFUSAL_LABELS, RefusalReason),
        (REVOCATION_GROUNDS, REVOCATION_LABELS, RevocationGround),
    ],
    ids=["refusal", "revocation"],
)
def test_every_engine_code_has_an_english_label_whose_chinese_is_the_engine_text(
    table: dict[str, str], labels: dict[str, object], choices: object
) -> None:
    assert set(labels) == set(table)
    for code, text in table.items():
        label = dict(choices.choices)[code]  # type: ignore[attr-defined]
        with override("zh-hans"):
            assert str(label) == text
        with override("en"):
            assert not CJK.search(str(label)), code


def test_the_contract_shows_its_reason_in_the_reader_language() -> None:
    refused = TechContract(refusal_reason="not_technology")
    revoked = TechContract(revocation_ground="duplicate")
    unknown = TechContract(refusal_reason="gone")
    with override("zh-hans"):
        assert refused.get_refusal_reason_display() == "不属于技术合同"
        assert revoked.get_revocation_ground_display() == "重复登记"
        assert unknown.get_refusal_reason_display() == "gone"
    with override("en"):
        assert refused.get_refusal_reason_display() == "Not a technology contract"
        assert revoked.get_revocation_ground_display() == "Duplicate registration"
