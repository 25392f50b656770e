"""The English switch on the detail and form pages the officers, the reviewer and the bank use
(issue 14): a user's page and the new-user form, the API tokens, background jobs, reviewer
assignment and the expert review form, a scoring run, a supervision item with its form and the
kanban, an indicator, the region comparison and a reporting batch, the platform form, a firm's
page, and the evaluation pages (run form, cultivation, imports, policy table, what-if, the bank's
list and card, the flags on a firm's plan) say their own words in English; the Chinese pages are
unchanged. The check is the enterprise window's (``test_english_switch``) on the pages whose
words all come from templates and this work's form labels and titles; the others still show
Chinese that Python writes (the audit trail's field names, the evaluation scopes, the monitoring
rules, the cultivation flags, the policy measures, the import notes, the scoring run's
application date, supervision notes), and there the words the templates write are checked one
by one."""

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

ADMIN = "demo_city_admin"
#: (user, pages); the {names} are filled by ``_prepare``
PAGES = (
    (
        ADMIN,
        (
            "/accounts/users/new/",
            "/accounts/users/{reviewer}/",
            "/api/tokens/",
            "/jobs/{job_done}/",
            "/jobs/{job_running}/",
            "/scoring/review/{unit}/assign/",
            "/scoring/runs/{scoring_run}/",
            "/supervision/items/{item}/",
            "/supervision/items/new/",
            "/supervision/kanban/",
            "/monitoring/indicators/{indicator}/",
            "/monitoring/regions/",
            "/monitoring/reports/{submission}/",
            "/platforms/new/",
            "/enterprises/{firm}/",
            "/pools/enterprises/{flagged}/",
            "/evaluations/runs/new/?scheme={scheme}&eval_year={year}&cohort={cohort}&check=1",
            "/evaluations/runs/{published}/cultivation/",
            "/evaluations/runs/{published}/policy/",
            "/evaluations/runs/{published}/what-if/?run=1",
            "/evaluations/runs/{draft}/cultivation/",
            "/evaluations/imports/tax/",
            "/evaluations/imports/power/",
        ),
    ),
    ("demo_reviewer", ("/scoring/review/{unit}/",)),
    ("demo_bank_user", ("/evaluations/bank/", "/evaluations/bank/results/{bank_result}/")),
)

#: pages whose every word comes from a template (the full check)
WHOLE = (
    f"{ADMIN} /accounts/users/new/",
    f"{ADMIN} /api/tokens/",
    f"{ADMIN} /jobs/{{job_done}}/",
    f"{ADMIN} /jobs/{{job_running}}/",
    f"{ADMIN} /scoring/review/{{unit}}/assign/",
    f"{ADMIN} /monitoring/regions/",
    f"{ADMIN} /platforms/new/",
    f"{ADMIN} /evaluations/runs/{{published}}/what-if/?run=1",
    "demo_bank_user /evaluations/bank/",
    "demo_bank_user /evaluations/bank/results/{bank_result}/",
)

#: page → (Chinese the template writes, its English)
WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    f"{ADMIN} /accounts/users/new/": (
        ("没有角色的账号登录后看不到任何业务数据", "an account without a role sees no business"),
        ("姓名（显示名）", "Full name (display name)"),
    ),
    f"{ADMIN} /accounts/users/{{reviewer}}/": (
        ("角色分配", "Role assignments"),
        ("生效中", "In force"),
        ("审计记录", "Audit trail"),
        ("返回用户与角色", "Back to users and roles"),
    ),
    f"{ADMIN} /api/tokens/": (
        ("我的接口令牌", "My API tokens"),
        ("从未使用", "Never used"),
        ("以哪个角色调用", "Role to act as"),
    ),
    f"{ADMIN} /jobs/{{job_done}}/": (
        ("第 2 次运行", "run 2"),
        ("结果文件已超过保留期（", "The result file was cleaned up"),
    ),
    f"{ADMIN} /jobs/{{job_running}}/": (
        ("定时任务", "Scheduled task"),
        ("秒自动刷新进度", "This page refreshes the progress every"),
    ),
    f"{ADMIN} /scoring/review/{{unit}}/assign/": (
        ("已指派", "Assigned"),
        ("返回评审队列", "Back to the review queue"),
    ),
    f"{ADMIN} /scoring/runs/{{scoring_run}}/": ((">申请日期<", ">Application date<"),),
    f"{ADMIN} /supervision/items/{{item}}/": ((">科技项目<", ">Science and technology projects<"),),
    f"{ADMIN} /supervision/items/new/": (("每行一个里程碑", "One milestone a row"),),
    f"{ADMIN} /monitoring/indicators/{{indicator}}/": (("评价规则说明", "Evaluation rules"),),
    f"{ADMIN} /monitoring/reports/{{submission}}/": (("模拟数据", "Synthetic data"),),
    f"{ADMIN} /platforms/new/": ((">保存<", ">Save<"),),
    f"{ADMIN} /enterprises/{{firm}}/": (
        (
            '规模以上工业企业</dt><dd class="col-sm-8">否<',
            'enterprise</dt><dd class="col-sm-8">No<',
        ),
    ),
    f"{ADMIN} /pools/enterprises/{{flagged}}/": (
        ("年度综合评价：", "Annual evaluation:"),
        ("培育库联动规则为本地配置", "the cultivation pool rules are local configuration"),
    ),
    f"{ADMIN} /evaluations/runs/new/?scheme={{scheme}}&eval_year={{year}}&cohort={{cohort}}"
    "&check=1": (
        ("检查数据完整性", "Check data completeness"),
        (">评价年度</label>", ">Evaluation year</label>"),
        ("缺少的企业（前20家）", "Firms missing it (first 20)"),
    ),
    f"{ADMIN} /evaluations/runs/{{published}}/cultivation/": (
        ("一企一策帮扶措施", "One firm, one plan support measure"),
        ("标记比例、帮扶期限和措施表述为本地配置", "The flag share, the support deadline"),
    ),
    f"{ADMIN} /evaluations/runs/{{draft}}/cultivation/": (
        ("评价尚未发布", "The evaluation is not yet published"),
    ),
    f"{ADMIN} /evaluations/runs/{{published}}/policy/": (
        ("差别化政策表", "Differentiated policy table"),
        ("导出Excel", "Export to Excel"),
    ),
    f"{ADMIN} /evaluations/runs/{{published}}/what-if/?run=1": (
        ("现行权重", "Current weight"),
        ("变化的企业（", "Firms that change ("),
    ),
    f"{ADMIN} /evaluations/imports/tax/": (("税务局模板", "Tax bureau template"),),
    f"{ADMIN} /evaluations/imports/power/": (("供电公司模板", "Power company template"),),
    "demo_reviewer /scoring/review/{unit}/": (
        ("提交评审结果", "Submit the expert review"),
        ("逐项评定", "Judge each item below"),
    ),
    "demo_bank_user /evaluations/bank/": (("仅显示已授权", "Only the published evaluation"),),
    "demo_bank_user /evaluations/bank/results/{bank_result}/": (("组内基准", "Group benchmark"),),
}


def _prepare() -> dict[str, object]:
    """A finished job whose file has expired and a running one, a token, a reviewer assigned to
    a result awaiting review; the ids the pages need."""
    from jiazhou_web.accounts.models import User
    from jiazhou_web.api.actions import create_token
    from jiazhou_web.evaluations.cultivation import flags_for
    from jiazhou_web.evaluations.models import BankConsent, EvaluationResult, EvaluationRun
    from jiazhou_web.jobs.models import Job
    from jiazhou_web.monitoring.models import Indicator, Submission
    from jiazhou_web.scoring.choices import UnitStatus
    from jiazhou_web.scoring.models import ScoringRun, UnitResult
    from jiazhou_web.scoring.review import assign_reviewer
    from jiazhou_web.supervision.models import TaskItem
    from jiazhou_web.workspace.models import FirmMember

    admin = User.objects.get(username=ADMIN)
    reviewer = User.objects.get(username="demo_reviewer")
    done = Job.objects.create(
        kind="export",
        label="export",
        status="done",
        progress=100,
        attempts=2,
        result_name="export.xlsx",
        started_by=admin,
    )
    running = Job.objects.create(kind="scoring", label="scoring", status="running", progress=40)
    create_token(admin, admin.role_assignments.active().first(), name="demo", days=30, actor=admin)
    unit = UnitResult.objects.filter(status=UnitStatus.REVIEW, current=True).order_by("id").first()
    assert unit is not None
    assign_reviewer(unit, reviewer, actor=admin)
    published = EvaluationRun.objects.filter(published_at__isnull=False).order_by("id").first()
    draft = EvaluationRun.objects.filter(published_at__isnull=True).order_by("id").first()
    consent = BankConsent.objects.first()
    assert published and draft and consent
    bank_result = EvaluationResult.objects.get(run=published, enterprise=consent.enterprise)
    flagged = min(flags_for(published.results.values_list("enterprise_id", flat=True)))
    return {
        "reviewer": reviewer.pk,
        "job_done": done.pk,
        "job_running": running.pk,
        "unit": unit.pk,
        "scoring_run": ScoringRun.objects.order_by("id")[0].pk,
        "item": TaskItem.objects.order_by("id")[0].pk,
        "indicator": Indicator.objects.order_by("id")[0].code,
        "submission": Submission.objects.filter(synthetic=True).order_by("id")[0].pk,
        "firm": FirmMember.objects.get(user__username="demo_enterprise").enterprise_id,
        "flagged": flagged,
        "published": published.pk,
        "draft": draft.pk,
        "bank_result": bank_result.pk,
        "scheme": published.scheme_code,
        "year": published.eval_year,
        "cohort": f"{published.cohort_kind}:{published.cohort_code}",
    }


@pytest.mark.django_db
@time_machine.travel("2026-12-04 10:00 +0800", tick=False)
def test_the_detail_and_form_pages_read_english(shared_demo: Any) -> None:
    ids = _prepare()
    chinese = fetch_pages(PAGES, False, lambda _username: ids)
    dump_chinese(chinese)
    english = fetch_pages(PAGES, True, lambda _username: ids)
    for key, pairs in WORDS.items():
        for zh, en in pairs:
            assert zh in chinese[key], (key, zh)
            assert en in english[key] and zh not in english[key], (key, en)
    problems = chinese_left_on({key: english[key] for key in WHOLE}, data_pattern())
    assert not problems, "\n".join(problems)
