"""Chinese names of the verbs in ``VERB_ROLES`` (the roles page shows the table in Chinese).

A verb is ``"<area>.<action>"``: :data:`VERB_LABELS` names each verb outright; a verb added
later without an entry is named from its area and action (:data:`AREA_LABELS`,
:data:`ACTION_LABELS`), so the page never shows a code. Add an entry when you add a verb.
"""

from __future__ import annotations

VERB_LABELS: dict[str, str] = {
    "subsidies.review_county": "兑现申请县区审核（本属地）",
    "subsidies.review_city": "兑现申请市级审核与超期督办",
    "subsidies.review_joint": "兑现申请部门联审",
    "audit.view": "查看与导出审计日志",
    "users.manage": "管理用户与角色（新建用户、分配/撤销角色、解锁账号）",
    "calendar.manage": "录入国务院节假日安排",
    "enterprise.view": "查看企业档案（一企一档）",
    "enterprise.maintain": "维护企业档案",
    "enterprise.import": "导入企业数据",
    "monitoring.view": "查看指标监测与填报",
    "monitoring.report": "填报指标数据（本区县/高新区）",
    "monitoring.review": "审核填报批次",
    "monitoring.bulletin": "编发监测简报",
    "index.view": "查看综合科技创新水平指数",
    "index.recompute": "重新计算指数",
    "scoring.view": "查看资质测评",
    "scoring.run": "发起资质测评",
    "scoring.expert_review": "专家评审（评定须由专家评定的项目）",
    "scoring.declare_affiliation": "申报本人关联企业（回避）",
    "scoring.view_affiliations": "查看全部专家的关联申报",
    "scoring.assign_reviewer": "指派评审专家（排除须回避的专家）",
    "pools.view": "查看企业培育库",
    "pools.manage_plans": "管理一企一策、同步培育库",
    "evaluations.run": "年度综合评价：运行、审核、公示、复核异议、发布",
    "evaluations.object": "对年度评价结果提出异议",
    "supervision.view": "查看三清单督办",
    "supervision.manage": "督导组：登记、交办、核查、退回、办结、审批延期",
    "supervision.act": "牵头单位：签收、承办、申请办结/延期、答复督办单",
    "supervision.bulletin.view": "查看与下载督办通报",
    "jobs.view": "查看本人发起的后台任务",
    "jobs.view_all": "查看全部后台任务（含定时任务）",
    "jobs.download": "下载本人发起的导出文件",
}

AREA_LABELS: dict[str, str] = {
    "audit": "审计日志",
    "users": "用户与角色",
    "calendar": "节假日安排",
    "enterprise": "企业档案",
    "monitoring": "指标监测",
    "index": "综合指数",
    "scoring": "资质测评",
    "pools": "企业培育库",
    "evaluations": "年度综合评价",
    "supervision": "三清单督办",
    "workspace": "企业工作台",
    "tickets": "企业诉求",
    "subsidies": "政策兑现",
    "vouchers": "创新券",
    "market": "技术市场",
    "contracts": "技术合同",
    "chains": "产业链图谱",
    "assessments": "考核",
    "projects": "科技项目",
    "platforms": "创新平台",
    "talent": "人才",
    "api": "开放接口",
    "operations": "运维",
    "bank": "银行授信",
}

ACTION_LABELS: dict[str, str] = {
    "view": "查看",
    "manage": "管理",
    "run": "运行",
    "review": "审核",
    "approve": "审批",
    "apply": "申报",
    "submit": "提交",
    "handle": "办理",
    "assign": "分派",
    "act": "办理",
    "report": "填报",
    "import": "导入",
    "export": "导出",
    "maintain": "维护",
    "register": "登记",
    "decide": "决定",
    "publish": "发布",
    "redeem": "兑付",
    "issue": "发放",
    "object": "提出异议",
    "bulletin": "简报",
    "recompute": "重新计算",
}


def verb_label(verb: str) -> str:
    """The Chinese name of ``verb`` (composed from its parts when it has no entry)."""
    if verb in VERB_LABELS:
        return VERB_LABELS[verb]
    area, _, rest = verb.partition(".")
    actions = [ACTION_LABELS.get(part, "操作") for part in rest.split(".") if part]
    return AREA_LABELS.get(area, "其他功能") + "：" + "·".join(actions or ["操作"])
