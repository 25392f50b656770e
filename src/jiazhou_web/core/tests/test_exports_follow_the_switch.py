"""Excel exports follow the English switch (issue 14): every export the platform writes by hand
(technology contracts and their statistics, 企业诉求 and 三率, the talent list, the class,
differentiated-policy and 积分贷 lists, the chains' lists and recruitment target lists, subsidy
applications and payment batches) names its sheets, headers, notes and fixed labels (months,
group names, yes/no, 「未核实」) in English on the switch, and its download's file name too; the
Chinese export is unchanged.

On English: sheet names and header cells hold no CJK character, and a header cell that was Chinese
reads differently; notes, body cells and the file name hold none once the Chinese data values
(firm names, titles, regions, policy texts — ``english_pages.data_pattern``) are taken out. On
Chinese: the sheet names and headers are today's, literally.

The demo (size 60) is loaded once for the module, with one payment batch made of three
publicised applications approved after their publicity (the demo has none)."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import time_machine
from openpyxl import load_workbook

from jiazhou_web.workspace.tests.english_pages import CJK, data_pattern, switched_client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

CONTRACT_STATS = "分组 项数 成交额（万元）"
CHAIN_LIST = "环节 类别 名称 阶段/级别 来源 核实日期 距今（天）"
ADMIN = "demo_city_admin"
#: the demo index's blocks (names of the index definition: data)
BLOCKS = ("科技创新环境", "科技活动投入", "科技活动产出", "高新技术产业化", "科技促进经济社会发展")

#: (id, user, URL — ``{name}`` fields filled from the demo, the Chinese sheets: name → header,
#: the header's cells separated by spaces, a space within a cell written ``_``)
EXPORTS: list[tuple[str, str, str, dict[str, str]]] = [
    (
        "technology contracts",
        ADMIN,
        "/market/contracts/?export=1",
        {
            "技术合同": "登记编号 合同名称 类型 领域 卖方 买方 成交额（万元） 技术交易额（万元） 状态 登记日期"
        },
    ),
    (
        "contract statistics",
        ADMIN,
        "/market/stats/?export=1",
        {
            "按合同类型": CONTRACT_STATS,
            "按技术领域": CONTRACT_STATS,
            "按卖方主体类型": CONTRACT_STATS,
            "按知识产权类型": CONTRACT_STATS,
            "按流向": CONTRACT_STATS,
            "按月": "月份 项数 成交额（万元） 年累计（万元）",
        },
    ),
    (
        "enterprise requests",
        ADMIN,
        "/tickets/?export=xlsx",
        {
            "企业诉求": "工单编号 渠道 状态 企业 标题 派单目录事项 主办单位 受理时间 答复时间 办理结果 满意度"
        },
    ),
    (
        "three rates",
        ADMIN,
        "/tickets/rates/?export=xlsx&month=2026-11",
        {
            "三率": "单位 应响应 按时响应 响应率% 回访 解决 重复诉求 解决率% 评价 满意 满意率% 综合得分"
        },
    ),
    (
        "talent",
        ADMIN,
        "/talent/?export=xlsx",
        {"人才名单": "计划 年度 姓名 身份证号（脱敏） 类别 学历学位 工作单位 区县 英才卡"},
    ),
    (
        "class list",
        ADMIN,
        "/evaluations/runs/{run}/class/A/?export=xlsx",
        {"A类名单": "组别 排名 企业名称 统一社会信用代码 区县 总分 类别"},
    ),
    (
        "differentiated-policy list",
        ADMIN,
        "/evaluations/runs/{run}/policy/?export=xlsx&department={department}",
        {"差别化政策名单": "企业名称 统一社会信用代码 区县 类别 措施"},
    ),
    (
        "index report",
        ADMIN,
        "/index/?export=xlsx",
        {
            "得分与排名": "地区 指数 排名 " + " ".join(f"{b} {b}排名" for b in BLOCKS),
            "目标差距贡献": "序号 指标 数值 标准值 得分 有效权重 单项达标可提升（百分点） 累计达标后指数",
            "排名区间": "地区 基准排名 排名中位数 第5百分位 第95百分位",
            "Sobol 指数": "不确定因素 一阶指数_S 总效应指数_ST",
        },
    ),
    (
        "score loan",
        "demo_bank_user",
        "/evaluations/bank/?export=xlsx",
        {"积分贷": "企业名称 统一社会信用代码 评价 年度 总分 类别 组内排名"},
    ),
    ("chain firms", ADMIN, "/chains/{chain}/lists/firms/?export=1", {"企业清单": CHAIN_LIST}),
    ("chain projects", ADMIN, "/chains/{chain}/lists/projects/?export=1", {"项目清单": CHAIN_LIST}),
    (
        "chain recruitment",
        ADMIN,
        "/chains/{chain}/lists/recruit/?export=1",
        {
            "招商清单": "环节 排名 企业 行业代码 营业收入（万元） 营收增速（%） 有效专利 距离（公里） 得分 入选依据"
        },
    ),
    ("chain tech", ADMIN, "/chains/{chain}/lists/tech/?export=1", {"技术攻关清单": CHAIN_LIST}),
    ("chain talent", ADMIN, "/chains/{chain}/lists/talent/?export=1", {"人才清单": CHAIN_LIST}),
    ("chain issues", ADMIN, "/chains/{chain}/lists/issues/?export=1", {"问题清单": CHAIN_LIST}),
    (
        "recruitment targets",
        ADMIN,
        "/chains/recruit/{recruit}/?export=1",
        {
            "招商目标清单": "排名 企业 行业代码 营业收入 营收增速（%） 有效专利 距离（公里） 得分 入选依据"
        },
    ),
    (
        "subsidy applications",
        ADMIN,
        "/subsidies/applications/?export=1",
        {
            "兑现申请": "企业 统一社会信用代码 事项 年度 方式 状态 测算金额（元） 核定金额（元） 已拨付（元）"
        },
    ),
    (
        "payment batch",
        ADMIN,
        "/subsidies/batches/{batch}/?export=1",
        {
            "拨付明细": "批次号 序号 收款单位 统一社会信用代码 开户行 账号 事项 金额（元） 市级承担（元） 县级承担（元） 状态"
        },
    ),
]


def _catalogue_chinese() -> set[str]:
    """The Chinese of the apps' compiled catalogues: the platform's own words, never taken out
    as data (a stored text may read 「技术合同」 too)."""
    translations: set[str] = set()
    for mo in sorted(ROOT.glob("*/locale/zh_Hans/LC_MESSAGES/django.mo")):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        translations.update(t for t in catalog.values() if isinstance(t, str) and CJK.search(t))
    return translations


def _payment_batch() -> Any:
    """Three publicised applications approved the day after their publicity, in one batch."""
    from jiazhou_web.accounts.models import User
    from jiazhou_web.subsidies import actions
    from jiazhou_web.subsidies.choices import AppState
    from jiazhou_web.subsidies.models import Application

    admin = User.objects.get(username="demo_city_admin")
    shown = list(Application.objects.filter(state=AppState.PUBLICISED).order_by("pk")[:3])
    assert shown, "the demo has publicised applications"
    end = max(a.publicity_end for a in shown if a.publicity_end)
    with time_machine.travel(dt.datetime.combine(end, dt.time(10)) + dt.timedelta(days=1)):
        for a in shown:
            actions.approve(a, actor=admin, amount=None if a.computed else Decimal("50000"))
        return actions.create_batch(shown, actor=admin)


@pytest.fixture(scope="module")
def demo(
    shared_demo: Any, django_db_blocker: Any, pinned_instant: Any
) -> Iterator[tuple[dict[str, Any], re.Pattern[str]]]:
    """The shared demo and a payment batch made for the module (in a savepoint rolled back
    after it): the URL fields and the pattern of the Chinese data values."""
    from django.test import TestCase

    from jiazhou_web.chains.models import Chain, RecruitList
    from jiazhou_web.evaluations import policy
    from jiazhou_web.evaluations.models import EvaluationResult

    with django_db_blocker.unblock(), time_machine.travel(pinned_instant, tick=True):
        atomic = TestCase._enter_atomics()  # type: ignore[attr-defined]
        try:
            batch = _payment_batch()
            result = EvaluationResult.objects.filter(grade="A").order_by("run_id").first()
            assert result is not None
            run = result.run
            chain = Chain.objects.order_by("pk").first()
            recruit = RecruitList.objects.order_by("pk").first()
            assert chain is not None and recruit is not None
            fields = {
                "run": run.pk,
                "department": next(iter(policy.departments_for(run.scheme_code))),
                "chain": chain.code,
                "recruit": recruit.pk,
                "batch": batch.pk,
            }
            # the differentiated-policy measures are policy texts, and the cohorts (规上, 规下) are
            # stored with the results: both shown as written, on the pages too
            kept = {m.measure_zh for ms in policy.departments_for(run.scheme_code).values()
                    for m in ms}  # fmt: skip
            kept.update(EvaluationResult.objects.values_list("cohort", flat=True))
            data = data_pattern(platform_words=_catalogue_chinese(), more=kept)
            yield fields, data
        finally:
            TestCase._rollback_atomics(atomic)  # type: ignore[attr-defined]


def _download(username: str, url: str, english: bool) -> tuple[str, dict[str, list[list[Any]]]]:
    """The file name and every sheet's rows of an export."""
    response = switched_client(username, english).get(url)
    assert response.status_code == 200, (username, url, english)
    assert "spreadsheetml" in response["Content-Type"]
    name = unquote(response["Content-Disposition"].split("''", 1)[1])
    book = load_workbook(io.BytesIO(response.content))
    return name, {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def _cjk(value: Any) -> bool:
    return isinstance(value, str) and bool(CJK.search(value))


@pytest.mark.parametrize(
    ("key", "username", "url", "chinese"), EXPORTS, ids=[e[0] for e in EXPORTS]
)
def test_the_export_follows_the_english_switch_and_the_chinese_is_unchanged(
    demo: tuple[dict[str, Any], re.Pattern[str]],
    key: str,
    username: str,
    url: str,
    chinese: dict[str, str],
) -> None:
    fields, data = demo
    url = url.format(**fields)
    zh_name, zh_sheets = _download(username, url, english=False)
    en_name, en_sheets = _download(username, url, english=True)

    # Chinese: today's sheet names and headers
    assert {title: rows[0] for title, rows in zh_sheets.items()} == {
        title: [cell.replace("_", " ") for cell in header.split()]
        for title, header in chinese.items()
    }
    # English: the same sheets, shapes and typed cells
    assert len(en_sheets) == len(zh_sheets)
    problems: list[str] = []
    for zh_rows, (en_title, en_rows) in zip(zh_sheets.values(), en_sheets.items(), strict=True):
        assert len(en_rows) == len(zh_rows), en_title
        if CJK.search(en_title):
            problems.append(f"sheet name {en_title!r}")
        for zh_cell, en_cell in zip(zh_rows[0], en_rows[0], strict=True):
            platform_words = _cjk(data.sub("", str(zh_cell or "")))  # not the index's blocks
            if _cjk(data.sub("", str(en_cell or ""))) or (platform_words and en_cell == zh_cell):
                problems.append(f"{en_title}: header {en_cell!r}")
        for zh_row, en_row in zip(zh_rows[1:], en_rows[1:], strict=True):
            for zh_cell, en_cell in zip(zh_row, en_row, strict=True):
                if not isinstance(zh_cell, str):  # numbers, money and dates keep their types
                    assert en_cell == zh_cell, (en_title, zh_row, en_row)
                elif _cjk(data.sub("", str(en_cell or ""))):
                    problems.append(f"{en_title}: {en_cell!r}")
    if _cjk(data.sub("", en_name)):
        problems.append(f"file name {en_name!r}")
    assert not problems, "\n".join(problems)
    # a file name with Chinese words of the platform's follows the switch; others stay
    assert (en_name != zh_name) == _cjk(data.sub("", zh_name)), (zh_name, en_name)
