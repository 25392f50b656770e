"""The English switch covers the enterprise's window (issue 14): ``demo_enterprise`` switches to
English and every workspace page reads English outside data values; the Chinese pages are unchanged.

What a page shows is checked from the page title in the top bar to the end of the content: the
user's badge, flash messages, the workspace frame (firm header, navigation) and the page. The
left-hand site menu and the window title (core's base.html) are not checked here.

Data values stay Chinese and are taken out before the check: every Chinese text stored in the
rows (text and JSON fields) of the ``DATA_APPS`` (firm names, user names, document titles, clause
titles, providers, achievement titles, the scheme conditions a result stores ...), the indicator
names of the annual-figure catalogue (``jiazhou/fields.toml`` carries only ``name_zh``: the 火炬统计
field names are reference data like policy texts) and the titles of the qualification schemes
(their files carry only ``title_zh``), and the conditions and citations of the policy clauses
(policy texts). What is left must hold no CJK character. A piece that is one word of a market
demand's or achievement's text (the shared keywords a match is explained by, drawn one by one) is a
data value too.

The pages one and two links away from the window (a clause, an achievement, a call, a listing ...)
are checked too.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from jiazhou_web.workspace.tests.english_pages import (
    chinese_left,
    data_pattern,
    market_words,
)

#: The workspace's own pages, English on the switch (the declaration is the demo's submitted one).
DONE = (
    "/workspace/",
    "/workspace/record/",
    "/workspace/declarations/",
    "/workspace/declarations/{declaration}/",
    "/workspace/corrections/new/",
    "/workspace/documents/",
    "/workspace/accounts/",
    "/workspace/qualifications/",
    "/tickets/mine/",
    "/tickets/mine/new/",
    "/tickets/{ticket}/",
    "/subsidies/my/matches/",
    "/subsidies/my/applications/",
    "/subsidies/my/vouchers/",
    "/subsidies/applications/{application}/",
    "/subsidies/clauses/{clause}/",
    "/subsidies/vouchers/orders/{order}/",
    "/market/mine/",
    "/market/",
    "/market/achievements/",
    "/projects/",
    "/platforms/",
    "/evaluations/consents/",
    "/evaluations/runs/",
    "/evaluations/results/{result}/",
)

#: Links out of the window that are not pages (files) or not the enterprise's (sign-out).
NOT_PAGES = ("/documents/", "/certificate", "/download", "/attachment", "export", "/i18n/")


def _english_client() -> tuple[Client, Any]:
    from jiazhou_web.accounts.models import User

    user = User.objects.get(username="demo_enterprise")
    client = Client()
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/workspace/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client, user


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_workspace_pages_read_english_and_the_chinese_is_unchanged(shared_demo: Any) -> None:
    from jiazhou_web.evaluations.models import EvaluationResult
    from jiazhou_web.subsidies.models import Application, VoucherOrder
    from jiazhou_web.tickets.models import Ticket
    from jiazhou_web.workspace.models import Declaration, FirmMember

    data = data_pattern()
    client, user = _english_client()
    firm = FirmMember.objects.get(user=user).enterprise
    declaration = Declaration.objects.filter(enterprise=firm).first()
    assert declaration is not None
    ticket = Ticket.objects.filter(enterprise=firm).exclude(reply_text="").first()
    assert ticket is not None
    application = Application.objects.filter(enterprise=firm).first()
    order = VoucherOrder.objects.filter(voucher__enterprise=firm).first()
    result = EvaluationResult.objects.filter(enterprise=firm, run__state="publicity").first()
    assert application is not None and order is not None and result is not None
    ids = {
        "declaration": declaration.pk,
        "ticket": ticket.pk,
        "application": application.pk,
        "clause": application.clause_id,
        "order": order.pk,
        "result": result.pk,
    }
    urls = [url.format(**ids) for url in DONE]
    problems: list[str] = []
    pages: dict[str, str] = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = html = response.content.decode()
        problems += [f"{url}: {piece!r}" for piece in chinese_left(html, data)]
    assert not problems, "\n".join(problems)

    # the switch shows English labels, money in the dashboard's "(10k yuan)" convention
    record = pages["/workspace/record/"]
    for label in ("My record", "Annual declaration", "Registration", "Request a correction"):
        assert label in record
    assert re.search(r"[\d,.]+ \(10k yuan\)", record)
    assert "Enterprise account administrator" in pages["/workspace/accounts/"]
    assert "in publicity: check your results" in pages["/workspace/"]
    assert "Business licence" in pages["/workspace/documents/"]
    assert "Raise a request" in pages["/tickets/mine/"]
    assert "Ticket number" in pages[f"/tickets/{ticket.pk}/"]
    assert "(10k yuan)" in pages["/subsidies/my/matches/"]
    assert "Place order" in pages["/subsidies/my/vouchers/"]
    assert "My technology contracts" in pages["/market/mine/"]
    qualifications = pages["/workspace/qualifications/"]
    assert "Short of " in qualifications and " edition)" in qualifications

    # Chinese first: without the switch the same pages read as before
    chinese = Client()
    chinese.force_login(user)
    record = chinese.get("/workspace/record/").content.decode()
    for label in ("我的档案", "年报申报", "登记信息", "申请更正", "统一社会信用代码：", "演示数据"):
        assert label in record
    assert re.search(r"\d万元<", record)
    assert "My record" not in record and "10k yuan" not in record
    accounts = chinese.get("/workspace/accounts/").content.decode()
    assert "企业账号管理员" in accounts and "开通账号" in accounts
    declarations = chinese.get("/workspace/declarations/").content.decode()
    assert "填报年报" in declarations and "（万元）" in declarations and "待审核" in declarations
    documents = chinese.get("/workspace/documents/").content.decode()
    assert "营业执照" in documents and "本企业文件" in documents
    mine = chinese.get("/tickets/mine/").content.decode()
    assert "提出诉求" in mine and "承办单位" in mine and "已办结" in mine
    home = chinese.get("/workspace/").content.decode()
    assert "公示中：核对本企业结果" in home and "我的待办" in home and "工作台首页" in home
    detail = chinese.get(f"/tickets/{ticket.pk}/").content.decode()
    assert "工单编号" in detail and "受理时间" in detail and "Ticket number" not in detail
    matches = chinese.get("/subsidies/my/matches/").content.decode()
    assert "待确认的免申即享" in matches and "符合" in matches and "万元" in matches
    assert "10k yuan" not in matches
    detail = chinese.get(f"/subsidies/applications/{application.pk}/").content.decode()
    assert "条件核验" in detail and "测算金额：" in detail and "Condition check" not in detail
    vouchers = chinese.get("/subsidies/my/vouchers/").content.decode()
    assert "面额" in vouchers and "到期" in vouchers and "下单" in vouchers
    qualifications = chinese.get("/workspace/qualifications/").content.decode()
    assert "距专精特新中小企业认定还差：" in qualifications and "（2016版）" in qualifications
    assert "还差 " in qualifications and "万元" in qualifications
    projects = chinese.get("/projects/").content.decode()
    assert "项目指南" in projects and "国省科技项目（按级别）" in projects
    card = chinese.get(f"/evaluations/results/{result.pk}/").content.decode()
    assert "指标明细" in card and "提出异议（公示期至" in card and "年度 " in card
    consents = chinese.get("/evaluations/consents/").content.decode()
    assert "撤回授权" in consents or "暂无合作银行" in consents or "未授权" in consents
    platforms = chinese.get("/platforms/").content.decode()
    assert "有效平台（按级别）" in platforms and "平台名称" in platforms
    market = chinese.get("/market/mine/").content.decode()
    assert "我的技术合同" in market and "大市场首页" in market and "申请登记" in market


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_pages_linked_from_the_enterprise_window_read_english(shared_demo: Any) -> None:
    """One and two links away from the window: every same-site page a window page links to, and
    every page those link to (one URL per shape, as core.tests.crawl does), outside the window."""
    from jiazhou_web.core.tests.crawl import HREF, page_shape

    data = data_pattern()
    words = frozenset(market_words())
    client, _user = _english_client()
    seen = {page_shape(url) for url in DONE}

    def links_out(html: str) -> dict[str, str]:
        """The page shapes the content links to that no earlier hop has (shape → one URL)."""
        content = html[html.index('<main class="jz-content">') : html.index("</main>")]
        out: dict[str, str] = {}
        for href in HREF.findall(content):
            href = href.replace("&amp;", "&").split("?", 1)[0]
            shape = page_shape(href)
            if shape not in seen and not any(n in href for n in NOT_PAGES):
                out.setdefault(shape, href)
        return out

    linked: dict[str, str] = {}
    for url in ("/workspace/", *[u for u in DONE if "{" not in u]):
        for shape, href in links_out(client.get(url).content.decode()).items():
            linked.setdefault(shape, href)
    assert len(linked) > 5
    seen.update(linked)
    problems: list[str] = []
    pages: dict[str, str] = {}
    for url in sorted(linked.values()):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = html = response.content.decode()
        problems += [f"{url}: {p!r}" for p in chinese_left(html, data, words)]
    further: dict[str, str] = {}
    for html in pages.values():
        for shape, href in links_out(html).items():
            further.setdefault(shape, href)
    assert len(further) >= 4  # a listing, an application, its call's form, a class list ...
    for url in sorted(further.values()):
        response = client.get(url)
        assert response.status_code == 200, url
        problems += [f"{url}: {p!r}" for p in chinese_left(response.content.decode(), data, words)]
    assert not problems, "\n".join(problems)
