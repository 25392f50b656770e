"""The one place that says who may do what: role → permitted verbs.

A verb is ``"<area>.<action>"``. ``view`` verbs open a section (the rows shown are then cut to the
user's data scope by ``for_user``); the other verbs change something. Superusers may do
everything. A role missing from a verb's row may not do it, whatever its scope.
"""

from __future__ import annotations

from jiazhou_web.accounts.choices import Role

CITY = Role.CITY_ADMIN
ZONE = Role.ZONE_OFFICER
COUNTY = Role.COUNTY_OFFICER
DEPT = Role.DEPARTMENT_OFFICER
FIRM = Role.ENTERPRISE_USER
REVIEWER = Role.REVIEWER
BANK = Role.BANK_USER
PROVIDER = Role.SERVICE_PROVIDER
BROKER = Role.TECH_BROKER
REGISTRAR = Role.CONTRACT_REGISTRAR

GOVERNMENT = frozenset({CITY, ZONE, COUNTY, DEPT})
OFFICERS = frozenset({CITY, ZONE, COUNTY})  # those who hold enterprises in a region scope

#: verb → roles that may perform it (read this table to know who may do what).
VERB_ROLES: dict[str, frozenset[str]] = {
    # system
    "audit.view": frozenset({CITY}),
    "users.manage": frozenset({CITY}),
    "calendar.manage": frozenset({CITY}),  # enter the official holiday schedule
    # enterprise register (一企一档)
    "enterprise.view": OFFICERS | {REVIEWER, FIRM},
    "enterprise.maintain": OFFICERS,
    "enterprise.import": OFFICERS,
    # indicators and reporting (指标监测与填报)
    "monitoring.view": GOVERNMENT | {REVIEWER},
    "monitoring.report": frozenset({ZONE, COUNTY, DEPT}),  # 责任单位 report what they own
    "monitoring.review": frozenset({CITY}),
    "monitoring.bulletin": frozenset({CITY}),
    # composite index
    "index.view": GOVERNMENT | {REVIEWER},
    "index.recompute": frozenset({CITY}),
    # qualification, scoring and pools
    "scoring.view": OFFICERS | {REVIEWER},
    "scoring.run": OFFICERS,
    # expert review of results left to experts (manual_review): the queue and the points form
    "scoring.expert_review": frozenset({REVIEWER}),
    # 回避: a reviewer declares own affiliations; the city sees every declaration and assigns
    # reviewers to results awaiting review (never a conflicted one)
    "scoring.declare_affiliation": frozenset({REVIEWER}),
    "scoring.view_affiliations": frozenset({CITY}),
    "scoring.assign_reviewer": frozenset({CITY}),
    "pools.view": OFFICERS | {REVIEWER},
    "pools.manage_plans": OFFICERS,
    # annual evaluations (创新积分制 · 亩均论英雄): run, approve, 公示, decide objections, publish
    "evaluations.run": frozenset({CITY, ZONE}),
    # open the section: runs in 公示 or published that hold one of the user's firms (scope cut)
    "evaluations.view": OFFICERS | {REVIEWER, FIRM},
    "evaluations.object": frozenset({FIRM, COUNTY}),  # 异议 on the firm's own (county's) result
    "evaluations.consent": frozenset({FIRM}),  # 积分贷: authorise / withdraw a bank
    # 积分贷: a bank's users see consenting firms only (narrowed by evaluations.BankMember and
    # the firms' BankConsent rows, see evaluations/bank.py); every view audited
    "evaluations.bank_view": frozenset({BANK}),
    # the tax bureau's and the power company's detail files → annual figures (own scope only)
    "evaluations.import": OFFICERS,
    # three-list supervision (三清单督办)
    "supervision.view": GOVERNMENT | {REVIEWER},
    "supervision.manage": frozenset({CITY}),
    "supervision.act": frozenset({DEPT, ZONE, COUNTY}),
    "supervision.bulletin.view": GOVERNMENT | {REVIEWER},
    # -- enterprise workspace and 企业诉求 (issue 15): add verbs directly below
    "workspace.view": frozenset({FIRM}),  # the firm's own 企业工作台 (its record, qualifications)
    "workspace.declare": frozenset({FIRM}),  # 年报申报, correction requests
    "workspace.documents": frozenset({FIRM}),  # 我的文件
    "workspace.accounts": frozenset({FIRM}),  # 企业账号 (the firm admin only: workspace.accounts)
    "workspace.review_declaration": frozenset({ZONE, COUNTY}),  # 申报审核, 更正裁定
    "tickets.view": GOVERNMENT,  # officer list, 三率, 红黑榜, 派单目录, ticket pages
    "tickets.raise": frozenset({FIRM}),  # a firm raises its 诉求, sees and rates its own
    "tickets.record": OFFICERS,  # desk entry (12345 转办, 直通车, 办不成事 window, visits)
    "tickets.dispatch": OFFICERS,  # 派单, 审定 after 退单, 延期 decisions (within scope)
    "tickets.handle": GOVERNMENT,  # the unit's officers: 签收, 退单, 联系, 补正, 延期申请, 答复
    "tickets.rate": OFFICERS | {FIRM},  # 回访: the firm online, or the centre by phone
    # -- 政策兑现 and 创新券 (issue 16)
    "subsidies.view": GOVERNMENT | {REVIEWER, FIRM},  # policy library, own applications
    "subsidies.simulate": frozenset({CITY, ZONE}),  # 预算模拟 of draft clauses
    "subsidies.offer": frozenset({CITY, ZONE, COUNTY}),  # 免申即享 candidate lists
    "subsidies.apply": frozenset({FIRM}),  # confirm offers, apply, 补正, objections
    "subsidies.accept": frozenset({ZONE, COUNTY}),  # 受理 desk by 属地
    "subsidies.review_county": frozenset({ZONE, COUNTY}),  # 县区审核 by 属地
    "subsidies.review_city": frozenset({CITY}),  # 市级审核, 兑现超期督办
    "subsidies.review_joint": frozenset({CITY, DEPT}),  # 部门联审
    "subsidies.publicise": frozenset({CITY}),  # 公示, objections, approval, clawback
    "subsidies.pay": frozenset({CITY, DEPT}),  # payment batches (财政)
    "vouchers.view": GOVERNMENT | {REVIEWER, FIRM, PROVIDER},
    "vouchers.manage": frozenset({CITY, ZONE}),  # batches, provider registry, review
    "vouchers.use": frozenset({FIRM}),  # order services with the firm's voucher
    "vouchers.provide": frozenset({PROVIDER}),  # confirm own orders, submit redemption
    # -- 技术市场 (issue 17)
    "market.view": GOVERNMENT | {REVIEWER, FIRM, BROKER, REGISTRAR},  # catalogues, 榜单
    "market.publish": frozenset({FIRM}),  # a firm posts 成果/需求, applies to a 榜单
    "market.review": frozenset({CITY, ZONE}),  # review catalogues, run 揭榜挂帅
    "market.contract.view": GOVERNMENT | {FIRM, BROKER, REGISTRAR},  # rows cut by party
    "market.contract.submit": frozenset({FIRM}),  # the seller registers its contract
    "market.contract.register": frozenset({REGISTRAR}),  # 受理/补正/登记/不予登记/撤销
    "market.stats": GOVERNMENT | {REVIEWER, REGISTRAR},
    # -- 产业链图谱 and 考核 (issue 19)
    "chains.view": GOVERNMENT | {REVIEWER},
    "chains.manage": frozenset({CITY, ZONE}),  # load/edit chains, confirm attachments, gap outputs
    "assessments.view": GOVERNMENT | {REVIEWER},
    "assessments.run": frozenset({CITY}),  # open a round, review, 公示, publish, what-if
    "assessments.report": frozenset({COUNTY, ZONE}),  # a county's (the zone's) self-report
    "assessments.expert": frozenset({CITY, REVIEWER}),  # 106号 定性项 and national averages
    # -- 科技项目, 创新平台, 人才 (issue 20)
    "projects.view": GOVERNMENT | {REVIEWER, FIRM},  # rows then cut by scope (firms: their own)
    "projects.manage": frozenset({CITY}),  # calls, 形式审查, draws, 立项, 任务书, 验收
    "projects.apply": frozenset({FIRM}),  # apply, submit, report milestones, ask for acceptance
    "projects.review": frozenset({REVIEWER}),  # score the applications one is drawn for
    "platforms.view": GOVERNMENT | {REVIEWER, FIRM},
    "platforms.manage": OFFICERS,  # register, record evaluations, link supervision items
    "platforms.report": OFFICERS | {FIRM},  # 年报: the host firm (its own) or an officer
    "talent.view": OFFICERS | {FIRM},  # personal data: officers in scope, a firm its own staff
    "talent.manage": frozenset({CITY}),  # the programme officer: selections, cards, services
    "talent.view_identity": frozenset({CITY}),  # the full ID number, each look audited
    # -- open API and operations (issue 21)
    # 后台任务: everyone with a role sees the jobs they started (exports, evaluation runs);
    # the city administrators see every job (and the scheduled runs). A result file is
    # downloaded by its starter only (object rule in core/access/rules.py).
    "jobs.view": frozenset(Role) - {Role.PUBLIC},
    "jobs.view_all": frozenset({CITY}),
    "jobs.download": frozenset(Role) - {Role.PUBLIC},
}

#: role → verbs: the same table read the other way (for the roles page and templates).
ROLE_VERBS: dict[str, frozenset[str]] = {
    role: frozenset(verb for verb, roles in VERB_ROLES.items() if role in roles) for role in Role
}

VERBS = frozenset(VERB_ROLES)
