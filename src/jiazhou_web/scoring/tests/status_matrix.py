"""Status matrix rows of the expert-review pages (issue 14): only the reviewer role opens the
queue and the form (the city: the queue to assign reviewers); a reviewer declares own
affiliations, the city reads them all; the empty POST on a result not awaiting review is refused with a message
on the page (400)."""

from __future__ import annotations

from jiazhou_web.core.tests.world import World

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
review_queue            200 403 403 403 403 200 403 302
review_form             403 403 403 403 403 200 403 302
review_form*            403 403 403 403 403 400 403 302
review_assign           200 403 403 403 403 403 403 302
review_assign*          404 403 403 403 403 403 403 302
affiliations            200 403 403 403 403 200 403 302
affiliations*           403 403 403 403 403 400 403 302
affiliation_withdraw*   403 403 403 403 403 404 403 302
"""


def urls(w: World) -> dict[str, str]:
    unit = w.objects["run"].units.order_by("id").first()
    return {
        "review_queue": "/scoring/review/",
        "review_form": f"/scoring/review/{unit.pk}/",
        "review_assign": f"/scoring/review/{unit.pk}/assign/",
        "affiliations": "/scoring/affiliations/",
        "affiliation_withdraw": f"/scoring/affiliations/{10**6}/withdraw/",
    }
