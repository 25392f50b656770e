"""Chain fixtures: the two repository chains loaded through the action, firms with codes."""

from __future__ import annotations

from typing import Any

import pytest

from jiazhou.uscc import make_uscc


@pytest.fixture
def chains(city_admin: Any) -> dict[str, Any]:
    from jiazhou_web.chains import actions

    return {
        code: actions.load_chain_data(code, actor=city_admin)
        for code in ("vanadium-battery", "crystalline-pv")
    }


@pytest.fixture
def make_firm(regions: dict[str, Any], reference_data: None) -> Any:
    from jiazhou_web.enterprises.models import Enterprise, Industry

    counter = iter(range(500, 10_000))

    def make(
        code: str, role: str = "", region: str = "511112", zone: bool = False, name: str = ""
    ) -> Any:
        n = next(counter)
        return Enterprise.objects.create(
            uscc=make_uscc(n),
            name=name or f"链上企业{n}有限公司",
            region=regions[region],
            zone=regions["LS-HTZ"] if zone else None,
            industry=Industry.objects.get(code=code),
            size_class="medium",
            key_chain_role=role,
        )

    return make
