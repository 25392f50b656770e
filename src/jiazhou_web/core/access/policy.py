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
    "monitoring.report": frozenset({ZONE, COUNTY}),
    "monitoring.review": frozenset({CITY}),
    "monitoring.bulletin": frozenset({CITY}),
    # composite index
    "index.view": GOVERNMENT | {REVIEWER},
    "index.recompute": frozenset({CITY}),
    # qualification, scoring and pools
    "scoring.view": OFFICERS | {REVIEWER},
    "scoring.run": OFFICERS,
    "pools.view": OFFICERS | {REVIEWER},
    "pools.manage_plans": OFFICERS,
    # annual evaluations (创新积分制 · 亩均论英雄): run, approve, 公示, decide objections, publish
    "evaluations.run": frozenset({CITY, ZONE}),
    # three-list supervision (三清单督办)
    "supervision.view": GOVERNMENT | {REVIEWER},
    "supervision.manage": frozenset({CITY}),
    "supervision.act": frozenset({DEPT, ZONE, COUNTY}),
    "supervision.bulletin.view": GOVERNMENT | {REVIEWER},
    # -- enterprise workspace and 企业诉求 (issue 15): add verbs directly below
    # -- 政策兑现 and 创新券 (issue 16)
    # -- 技术市场 (issue 17)
    # -- 产业链图谱 and 考核 (issue 19)
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
}

#: role → verbs: the same table read the other way (for the roles page and templates).
ROLE_VERBS: dict[str, frozenset[str]] = {
    role: frozenset(verb for verb, roles in VERB_ROLES.items() if role in roles) for role in Role
}

VERBS = frozenset(VERB_ROLES)
