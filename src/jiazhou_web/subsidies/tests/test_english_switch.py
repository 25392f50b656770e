"""The English switch covers 政策兑现 and 科技创新券 (issue 14): the policy library, a policy and a
clause, the budget simulation (empty and with two schemes side by side), the applications, the
payment batches (a draft and a paid one), 市县结算, the voucher batches, the provider registry
and the orders for the city admin, and the firm's matches, application form and condition check
read English outside data values; the Chinese pages are unchanged.

The demo has no payment batch yet: three of its applications are marked approved and two of them
paid out in batches here, so the batch pages and 市县结算 have rows. The check is the enterprise
window's (``workspace.tests.test_english_switch``): from the page title in the top bar to the end
of the content, Chinese data values taken out, no CJK left.
"""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from jiazhou_web.workspace.tests.english_pages import (
    chinese_left_on,
    data_pattern,
    dump_chinese,
    fetch_pages,
)

#: two schemes side by side
SIMULATE = "simulate/?policy=sichuan-rd-post-subsidy-2020&policy=tianfu-kechuangdai-2020&year=2026"
#: (user, pages); {policy}, {clause}, {apply}, {firm}, {paid}, {draft}, {vbatch} filled below
PAGES = (
    (
        "demo_city_admin",
        (
            "/subsidies/policies/",
            "/subsidies/policies/{policy}/",
            "/subsidies/clauses/{clause}/",
            "/subsidies/clauses/{apply}/",
            "/subsidies/clauses/{clause}/why/{firm}/",
            "/subsidies/simulate/",
            f"/subsidies/{SIMULATE}",
            "/subsidies/applications/",
            "/subsidies/batches/",
            "/subsidies/batches/{paid}/",
            "/subsidies/batches/{draft}/",
            "/subsidies/settlement/",
            "/subsidies/vouchers/batches/",
            "/subsidies/vouchers/batches/{vbatch}/",
            "/subsidies/vouchers/providers/",
            "/subsidies/vouchers/orders/",
        ),
    ),
    (
        "demo_enterprise",
        (
            "/subsidies/my/matches/",
            "/subsidies/clauses/{apply}/apply/",
            "/subsidies/clauses/{clause}/why/{firm}/",
            "/subsidies/applications/",
            "/subsidies/vouchers/providers/",
        ),
    ),
)


def _pay_out() -> None:
    """Three applications approved; one paid in a batch, one in a draft batch, one waiting."""
    from jiazhou_web.accounts.models import User
    from jiazhou_web.subsidies import actions
    from jiazhou_web.subsidies.choices import AppState
    from jiazhou_web.subsidies.models import Application

    city = User.objects.get(username="demo_city_admin")
    apps = list(
        Application.objects.filter(computed__gt=0)
        .exclude(state=AppState.DECLINED)
        .order_by("-state", "pk")[:3]
    )
    assert len(apps) == 3
    for app in apps:
        Application.objects.filter(pk=app.pk).update(
            state=AppState.APPROVED,
            approved_amount=app.computed,
            bank_name=app.bank_name or "乐山市商业银行",
            bank_account=app.bank_account or "6222020200112233",
        )
    paid = actions.create_batch(apps[:1], actor=city)
    actions.mark_paid(paid, actor=city, finance_voucher="CZ-2026-0001")
    actions.create_batch(apps[1:2], actor=city)


def _fill(username: str) -> dict[str, object]:
    from jiazhou_web.subsidies.models import ClauseVersion, PaymentBatch, VoucherBatch
    from jiazhou_web.workspace.models import FirmMember

    offer = ClauseVersion.objects.get(
        policy__code="sichuan-rd-post-subsidy-2020", code="rd-increment"
    )
    apply = ClauseVersion.objects.get(policy__code="tianfu-kechuangdai-2020", code="interest")
    batches = PaymentBatch.objects.order_by("pk")
    return {
        "policy": offer.policy_id,
        "clause": offer.pk,
        "apply": apply.pk,
        "firm": FirmMember.objects.get(user__username="demo_enterprise").enterprise_id,
        "paid": batches[0].pk,
        "draft": batches[1].pk,
        "vbatch": VoucherBatch.objects.get().pk,
    }


def _pages(english: bool) -> dict[str, str]:
    return fetch_pages(PAGES, english, _fill)


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_subsidy_and_voucher_pages_read_english_and_the_chinese_is_unchanged(
    shared_demo: Any,
) -> None:
    _pay_out()
    chinese = _pages(english=False)
    dump_chinese(chinese)
    data = data_pattern()
    english = _pages(english=True)
    problems = chinese_left_on(english, data)
    assert not problems, "\n".join(problems)
    admin = "demo_city_admin /subsidies/"
    for page, words in (
        ("policies/", ("Policy library", "Sync from the policy library files", "In force")),
        ("policies/{policy}/", ("in force from 2020-01-01", "No-application benefit")),
        ("clauses/{clause}/", ("No-application benefit",)),
        ("clauses/{apply}/", ("Quick application",)),
        (SIMULATE, ("Scheme 2 (optional, to compare)", "Beneficiary enterprises", "10k–50k yuan")),
        ("applications/", ("All statuses", "Approved amount", "Start publicity for the selected")),
        ("batches/", ("Approved, awaiting payment", "Draw up a payment batch", "Drawn up on")),
        ("batches/{paid}/", ("1 payment · total", "treasury voucher CZ-2026-0001")),
        ("batches/{draft}/", ("Treasury voucher number", "Confirm payment", "Share not set")),
        ("settlement/", ("Districts and counties pay first", "Settlement year", "2027")),
        ("vouchers/batches/", ("Voucher share", "2026-11-04 to 2026-12-31", "1 voucher")),
        ("vouchers/batches/{vbatch}/", ("voucher share 0.2000", "Issue an innovation voucher")),
        ("vouchers/providers/", ("Register a provider", "Services, comma-separated")),
        ("vouchers/orders/", ("Innovation voucher orders", "Risk flags")),
    ):
        for word in words:
            assert word in english[admin + page], (page, word)
    firm = "demo_enterprise /subsidies/"
    assert "Submit the application" in english[firm + "clauses/{apply}/apply/"]
    assert "Year 2026: " in english[firm + "clauses/{clause}/why/{firm}/"]
    # the Chinese pages keep their words (dates as 2026年11月4日, the bands in 万元)
    assert "受益企业" in chinese[admin + SIMULATE] and "1–5万元 6 家" in chinese[admin + SIMULATE]
    assert "2026年11月4日至2026年12月31日" in chinese[admin + "vouchers/batches/"]
    assert "1 笔 · 合计" in chinese[admin + "batches/{paid}/"]


def test_the_cut_steps_say_in_chinese_what_the_engine_says() -> None:
    """The simulation's cut rules (none in the demo) read the engine's STEP_ZH in Chinese."""
    from django.utils import translation

    from jiazhou.policies.engine import STEP_ZH
    from jiazhou_web.subsidies.views import STEP_LABELS

    with translation.override("zh-hans"):
        assert {step: str(label) for step, label in STEP_LABELS.items()} == STEP_ZH
    with translation.override("en"):
        assert str(STEP_LABELS["prorata"]) == "Budget short: cut pro rata"
