"""GB/T 4754-2017 reference data and the scope-aware home cards."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from jiazhou_web.enterprises import actions
from jiazhou_web.enterprises.choices import Programme
from jiazhou_web.enterprises.dashboard import enterprise_cards
from jiazhou_web.enterprises.models import Industry
from jiazhou_web.enterprises.reference import INDUSTRIES_FILE

pytestmark = pytest.mark.django_db


def test_all_sections_and_divisions_of_gbt_4754_2017_are_loaded(db: Any) -> None:
    assert Industry.objects.filter(level=1).count() == 20  # 门类 A–T
    assert Industry.objects.filter(level=2).count() == 97  # 大类 01–97
    assert str(Industry.objects.get(code="C3825")) == "C3825 光伏设备及元器件制造"
    assert Industry.objects.get(code="C3825").parent.code == "C382"  # type: ignore[union-attr]
    assert Industry.objects.get(code="T97").name == "国际组织"


def test_every_child_code_extends_its_parent(db: Any) -> None:
    for industry in Industry.objects.exclude(parent=None).select_related("parent"):
        assert industry.parent is not None
        assert industry.code.startswith(industry.parent.code)
        assert industry.level == industry.parent.level + 1


def test_home_cards_count_within_the_users_scope(
    county_officer: Any, city_admin: Any, spread: dict[str, Any]
) -> None:
    today = timezone.localdate()
    for n, firm in enumerate(spread.values()):
        actions.add_certificate(
            firm,
            programme=Programme.HNTE,
            number=f"GR{n}",
            valid_from=today - dt.timedelta(days=30),
            valid_to=today + dt.timedelta(days=1000),
            actor=None,
        )
    county = {str(c.label): c.value for c in enterprise_cards(county_officer)}
    city = {str(c.label): c.value for c in enterprise_cards(city_admin)}
    assert county == {"企业总数": 1, "高新技术企业": 1, "科技型中小企业": 0}
    assert city == {"企业总数": 3, "高新技术企业": 3, "科技型中小企业": 0}


def test_a_user_without_scope_gets_no_cards(outsider: Any, spread: dict[str, Any]) -> None:
    assert enterprise_cards(outsider) == []


def test_every_manufacturing_class_is_loaded(db: Any) -> None:
    """制造业 (C13–C43) in full: 31 大类, 179 中类, 609 小类 (GB/T 4754-2017), so a firm in
    3071 建筑陶瓷制品制造 (issue 14) or any other 小类 of manufacturing is accepted."""
    manufacturing = Industry.objects.filter(code__startswith="C")
    assert manufacturing.filter(level=2).count() == 31
    assert manufacturing.filter(level=3).count() == 179
    assert manufacturing.filter(level=4).count() == 609
    assert str(Industry.objects.get(code="C3071")) == "C3071 建筑陶瓷制品制造"
    assert Industry.objects.get(code="C3071").parent.name == "陶瓷制品制造"  # type: ignore[union-attr]
    # Every 中类 of manufacturing has at least one 小类 (a class ending in 0 where it is single).
    for group in manufacturing.filter(level=3):
        assert Industry.objects.filter(parent=group).exists(), group.code


@pytest.mark.parametrize(
    ("section", "groups", "classes"),
    [("D", 9, 18), ("I", 17, 34), ("M", 19, 48)],
)
def test_energy_ict_and_research_sections_are_complete(
    db: Any, section: str, groups: int, classes: int
) -> None:
    """D 电力热力燃气水, I 信息传输软件和信息技术服务, M 科学研究和技术服务 in full."""
    rows = Industry.objects.filter(code__startswith=section)
    assert rows.filter(level=3).count() == groups
    assert rows.filter(level=4).count() == classes
    assert Industry.objects.get(code="I6520").name == "集成电路设计"
    assert Industry.objects.get(code="M7540").name == "创业空间服务"


# GB/T 4754-2017《国民经济行业分类》 with its 第1号修改单 (2019), per 门类: (大类, 中类, 小类).
# The 2017 text counts 20 门类, 97 大类, 473 中类 and 1380 小类; the listings of the amended
# standard add 5267 机动车充电销售 under 526 「汽车、摩托车、零配件和燃料及其他动力销售」: 1381.
SECTIONS = {
    "A": (5, 24, 72), "B": (7, 19, 39), "C": (31, 179, 609), "D": (3, 9, 18),
    "E": (4, 18, 44), "F": (2, 18, 128), "G": (8, 27, 67), "H": (2, 10, 16),
    "I": (3, 17, 34), "J": (4, 26, 48), "K": (1, 5, 5), "L": (2, 12, 58),
    "M": (3, 19, 48), "N": (4, 18, 33), "O": (3, 16, 32), "P": (1, 6, 17),
    "Q": (2, 6, 30), "R": (5, 27, 48), "S": (6, 16, 34), "T": (1, 1, 1),
}  # fmt: skip
TOTALS = {1: 20, 2: 97, 3: 473, 4: 1381}


def _file_rows() -> list[dict[str, str]]:
    with INDUSTRIES_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_whole_standard_is_loaded(db: Any) -> None:
    """Issue 14: every 中类 and 小类 of all 20 门类, not only 制造业/D/I/M."""
    assert sum(g for _, g, _ in SECTIONS.values()) == TOTALS[3]
    assert sum(c for _, _, c in SECTIONS.values()) == TOTALS[4]
    for level, count in TOTALS.items():
        assert Industry.objects.filter(level=level).count() == count, level
    for section, counts in SECTIONS.items():
        rows = Industry.objects.filter(code__startswith=section)
        assert tuple(rows.filter(level=n).count() for n in (2, 3, 4)) == counts, section
    # Every 中类 is divided into 小类 (a single one ends in 0 and repeats the name).
    for group in Industry.objects.filter(level=3):
        classes = Industry.objects.filter(parent=group)
        assert classes.exists(), group.code
        single = classes.filter(code=group.code + "0").first()
        if single is not None:
            assert single.name == group.name, group.code


def test_the_reference_file_is_well_formed() -> None:
    rows = _file_rows()
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)) == sum(TOTALS.values())
    assert codes == sorted(codes)  # parents before children, as the loader needs
    by_code = {r["code"]: r for r in rows}
    for r in rows:
        code, level = r["code"], int(r["level"])
        assert r["name"] and r["name"] == r["name"].strip(), code
        assert not any(ch.isspace() for ch in r["name"]), code
        assert "(" not in r["name"] and ")" not in r["name"], code  # full-width （） only
        assert r["source"] == "GB/T 4754-2017 国民经济行业分类", code
        assert len(code) == level + 1 if level > 1 else len(code) == 1, code
        assert code[0] in SECTIONS and code[1:].isdigit() or level == 1, code
        if level == 1:
            assert r["parent"] == "", code
            continue
        parent = by_code[r["parent"]]
        assert int(parent["level"]) == level - 1, code
        assert code.startswith(parent["code"]), code  # e.g. 中类 L721 under 大类 L72


def test_names_of_the_new_sections_match_the_standard(db: Any) -> None:
    """Spot checks against GB/T 4754-2017 in 门类 that were partial before issue 14."""
    expected = {
        "A0111": "稻谷种植",
        "B0610": "烟煤和无烟煤开采洗选",
        "E4814": "城市轨道交通工程建筑",
        "F5261": "汽车新车零售",
        "F5267": "机动车充电销售",
        "G5437": "城市配送",
        "H6242": "外卖送餐服务",
        "J6637": "网络借贷服务",
        "K7020": "物业管理",
        "L7212": "投资与资产管理",
        "L7289": "其他会议、会展及相关服务",
        "N7726": "土壤污染治理与修复服务",
        "O8053": "养生保健服务",
        "P8336": "中等职业学校教育",
        "Q8432": "专科疾病防治院（所、站）",
        "R8626": "数字出版",
        "R905": "文化体育娱乐活动与经纪代理服务",
        "S9620": "村民自治组织",
        "T9700": "国际组织",
    }
    for code, name in expected.items():
        assert Industry.objects.get(code=code).name == name, code
    assert Industry.objects.get(code="L7212").parent.name == "组织管理服务"  # type: ignore[union-attr]


def test_reloading_the_file_restores_changed_rows_and_writes_nothing_when_unchanged(
    db: Any, django_assert_max_num_queries: Any
) -> None:
    """The loader creates or updates each row as the file says (names, levels, parents) and
    leaves rows already as in the file untouched, so a reload is one read."""
    from jiazhou_web.enterprises.reference import load_industries

    Industry.objects.filter(code="C3825").update(
        name="改过的名称", parent=Industry.objects.get(code="A011")
    )
    Industry.objects.filter(code="T97").update(level=3)
    Industry.objects.filter(code__startswith="T9").filter(level=4).delete()
    rows = load_industries(Industry)
    with open(INDUSTRIES_FILE, encoding="utf-8") as fh:
        assert rows == sum(1 for _ in csv.DictReader(fh)) == Industry.objects.count()
    pv = Industry.objects.select_related("parent").get(code="C3825")
    assert (pv.name, pv.parent.code) == ("光伏设备及元器件制造", "C382")  # type: ignore[union-attr]
    assert Industry.objects.get(code="T97").level == 2
    with django_assert_max_num_queries(1):
        load_industries(Industry)
