"""What explains a lagging target: the responsible department's 督办 tasks and, for
enterprise-count indicators, the cultivation pool's near-eligible firms.

The links are the supervision item list filtered by indicator and the pool's near-eligible list
filtered by programme.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Enterprise-count indicators → the 培育库 programme whose near-eligible firms close the gap.
PROGRAMME_BY_INDICATOR = {
    "hitech_enterprises": "hnte",
    "hitech_enterprises_increment": "hnte",
    "hz_hitech_enterprises_share_of_city": "hnte",
    "tech_smes": "tech_sme",
    "national_tech_smes": "tech_sme",
    "hz_tech_smes_share_of_city": "tech_sme",
}


@dataclass(frozen=True)
class ExplanationLink:
    label: str
    url: str
    icon: str


def explanation_links(indicator: object) -> list[ExplanationLink]:
    code = str(getattr(indicator, "code", ""))
    department = getattr(indicator, "responsible_department", None)
    task_label = _("Supervision tasks") if department is None else _("Supervision tasks of %(d)s")
    links = [
        ExplanationLink(
            str(task_label) % {"d": department} if department else str(task_label),
            reverse("supervision:item_list") + "?" + urlencode({"indicator": code}),
            "list-check",
        )
    ]
    programme = PROGRAMME_BY_INDICATOR.get(code)
    if programme:
        links.append(
            ExplanationLink(
                str(_("Near-eligible enterprises")),
                reverse("pools:near_eligible") + "?" + urlencode({"programme": programme}),
                "building-up",
            )
        )
    return links
