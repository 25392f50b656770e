"""Names of the verbs in ``VERB_ROLES`` for the roles page: English msgids, the Chinese in the
core catalog (context "permission"), so the table follows the language switch (issue 14).

A verb is ``"<area>.<action>"``: :data:`VERB_LABELS` names each verb outright; a verb added
later without an entry is named from its area and action (:data:`AREA_LABELS`,
:data:`ACTION_LABELS`), so the page never shows a code. Add an entry when you add a verb.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy

VERB_LABELS: dict[str, Promise] = {
    "subsidies.review_county": pgettext_lazy(
        "permission", "County review of award applications (own area)"
    ),
    "subsidies.review_city": pgettext_lazy(
        "permission", "City review of award applications and overdue supervision"
    ),
    "subsidies.review_joint": pgettext_lazy(
        "permission", "Joint departmental review of award applications"
    ),
    "audit.view": pgettext_lazy("permission", "View and export the audit log"),
    "users.manage": pgettext_lazy(
        "permission", "Manage users and roles (create users, assign/revoke roles, unlock accounts)"
    ),
    "calendar.manage": pgettext_lazy("permission", "Enter the State Council holiday arrangements"),
    "enterprise.view": pgettext_lazy("permission", "View enterprise files (one file per firm)"),
    "enterprise.maintain": pgettext_lazy("permission", "Maintain enterprise files"),
    "enterprise.import": pgettext_lazy("permission", "Import enterprise data"),
    "monitoring.view": pgettext_lazy("permission", "View indicator monitoring and reports"),
    "monitoring.report": pgettext_lazy("permission", "Report indicator data (own county/zone)"),
    "monitoring.review": pgettext_lazy("permission", "Review report batches"),
    "monitoring.bulletin": pgettext_lazy("permission", "Compile and issue monitoring bulletins"),
    "index.view": pgettext_lazy("permission", "View the composite innovation index"),
    "index.recompute": pgettext_lazy("permission", "Recompute the index"),
    "scoring.view": pgettext_lazy("permission", "View qualification scoring"),
    "scoring.run": pgettext_lazy("permission", "Start qualification scoring"),
    "scoring.expert_review": pgettext_lazy(
        "permission", "Expert review (judge the items that need an expert)"
    ),
    "scoring.declare_affiliation": pgettext_lazy(
        "permission", "Declare own affiliated firms (recusal)"
    ),
    "scoring.view_affiliations": pgettext_lazy(
        "permission", "View every expert's affiliation declarations"
    ),
    "scoring.assign_reviewer": pgettext_lazy(
        "permission", "Assign reviewers (recused experts excluded)"
    ),
    "pools.view": pgettext_lazy("permission", "View the cultivation pools"),
    "pools.manage_plans": pgettext_lazy(
        "permission", "Manage firm plans, sync the cultivation pools"
    ),
    "evaluations.run": pgettext_lazy(
        "permission", "Annual evaluation: run, review, publicise, review objections, publish"
    ),
    "evaluations.object": pgettext_lazy("permission", "Object to an annual evaluation result"),
    "supervision.view": pgettext_lazy("permission", "View the three-list supervision"),
    "supervision.manage": pgettext_lazy(
        "permission", "Supervision team: register, assign, check, return, close, approve extensions"
    ),
    "supervision.act": pgettext_lazy(
        "permission", "Lead unit: sign for, handle, request closure/extension, answer notices"
    ),
    "supervision.bulletin.view": pgettext_lazy(
        "permission", "View and download supervision bulletins"
    ),
    "jobs.view": pgettext_lazy("permission", "View own background jobs"),
    "jobs.view_all": pgettext_lazy(
        "permission", "View all background jobs (scheduled ones included)"
    ),
    "jobs.download": pgettext_lazy("permission", "Download own export files"),
}

AREA_LABELS: dict[str, Promise] = {
    "audit": pgettext_lazy("permission", "Audit log"),
    "users": pgettext_lazy("permission", "Users and roles"),
    "calendar": pgettext_lazy("permission", "Holiday arrangements"),
    "enterprise": pgettext_lazy("permission", "Enterprise files"),
    "monitoring": pgettext_lazy("permission", "Indicator monitoring"),
    "index": pgettext_lazy("permission", "Composite index"),
    "scoring": pgettext_lazy("permission", "Qualification scoring"),
    "pools": pgettext_lazy("permission", "Cultivation pools"),
    "evaluations": pgettext_lazy("permission", "Annual evaluation"),
    "supervision": pgettext_lazy("permission", "Three-list supervision"),
    "workspace": pgettext_lazy("permission", "Enterprise workspace"),
    "tickets": pgettext_lazy("permission", "Enterprise requests"),
    "subsidies": pgettext_lazy("permission", "Policy awards"),
    "vouchers": pgettext_lazy("permission", "Innovation vouchers"),
    "market": pgettext_lazy("permission", "Technology market"),
    "contracts": pgettext_lazy("permission", "Technology contracts"),
    "chains": pgettext_lazy("permission", "Industry chain map"),
    "assessments": pgettext_lazy("permission", "Assessment"),
    "projects": pgettext_lazy("permission", "Science projects"),
    "platforms": pgettext_lazy("permission", "Innovation platforms"),
    "talent": pgettext_lazy("permission", "Talent"),
    "api": pgettext_lazy("permission", "Open API"),
    "operations": pgettext_lazy("permission", "Operations"),
    "bank": pgettext_lazy("permission", "Bank credit"),
}

ACTION_LABELS: dict[str, Promise] = {
    "view": pgettext_lazy("permission", "view"),
    "manage": pgettext_lazy("permission", "manage"),
    "run": pgettext_lazy("permission", "run"),
    "review": pgettext_lazy("permission", "review"),
    "approve": pgettext_lazy("permission", "approve"),
    "apply": pgettext_lazy("permission", "apply"),
    "submit": pgettext_lazy("permission", "submit"),
    "handle": pgettext_lazy("permission", "handle"),
    "assign": pgettext_lazy("permission", "assign"),
    "act": pgettext_lazy("permission", "handle"),
    "report": pgettext_lazy("permission", "report"),
    "import": pgettext_lazy("permission", "import"),
    "export": pgettext_lazy("permission", "export"),
    "maintain": pgettext_lazy("permission", "maintain"),
    "register": pgettext_lazy("permission", "register"),
    "decide": pgettext_lazy("permission", "decide"),
    "publish": pgettext_lazy("permission", "publish"),
    "redeem": pgettext_lazy("permission", "redeem"),
    "issue": pgettext_lazy("permission", "issue"),
    "object": pgettext_lazy("permission", "object"),
    "bulletin": pgettext_lazy("permission", "bulletin"),
    "recompute": pgettext_lazy("permission", "recompute"),
}


def verb_label(verb: str) -> str:
    """The name of ``verb`` in the active language (composed from its parts when it has no
    entry)."""
    if verb in VERB_LABELS:
        return str(VERB_LABELS[verb])
    area, _sep, rest = verb.partition(".")
    other = str(pgettext_lazy("permission", "operate"))
    actions = [str(ACTION_LABELS.get(part, other)) for part in rest.split(".") if part]
    return gettext("%(area)s: %(actions)s") % {
        "area": AREA_LABELS.get(area, pgettext_lazy("permission", "other functions")),
        "actions": "·".join(actions or [other]),
    }
