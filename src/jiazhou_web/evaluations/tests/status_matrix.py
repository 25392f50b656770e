"""Status matrix rows of the annual evaluations (issue 18): a county run of the world's firm in
公示 (so the firm's user sees its score card), an objection it filed and a bank it authorised.

404 where the persona may act but the object is outside its scope (the zone officer does not
hold the county's run); 403 where the role lacks the verb (core.access.policy). The reviewer
reads city-wide (the run in 公示 and its A list) but neither objects nor sees the internal lists.
"""

from __future__ import annotations

from jiazhou_web.core.tests.world import World

#           city zone county dept firm reviewer outsider anonymous
MATRIX = """
evaluations:run_list              200 200 200 403 200 200 403 302
evaluations:run_form              200 200 403 403 403 403 403 302
evaluations:run_create*           302 302 403 403 403 403 403 302
evaluations:run_detail            200 404 200 404 200 200 404 302
evaluations:run_approve*          302 404 403 403 403 403 403 302
evaluations:run_publicity*        302 404 403 403 403 403 403 302
evaluations:run_publish*          302 404 403 403 403 403 403 302
evaluations:class_list            200 404 200 404 200 200 404 302
evaluations:class_list@internal   200 404 403 404 403 403 404 302
evaluations:policy                200 404 403 404 403 403 404 302
evaluations:what_if               200 404 403 403 403 403 403 302
evaluations:cultivation           200 404 403 403 403 403 403 302
evaluations:score_card            200 404 200 404 200 200 404 302
evaluations:objection_create*     403 404 302 404 302 403 404 302
evaluations:objection_decide*     302 404 403 403 403 403 403 302
evaluations:import_tax            200 200 200 403 403 403 403 302
evaluations:import_power          200 200 200 403 403 403 403 302
evaluations:consents              403 403 403 403 200 403 403 302
evaluations:consent_give*         403 403 403 403 302 403 403 302
evaluations:consent_withdraw*     403 403 403 403 302 403 403 302
evaluations:bank_list             403 403 403 403 403 403 403 302
evaluations:bank_card             403 403 403 403 403 403 403 302
"""


def urls(w: World) -> dict[str, str]:
    from jiazhou_web.evaluations import actions, bank
    from jiazhou_web.evaluations.models import Bank

    city, firm = w.users["city_admin"], w.objects["firm"]
    run = actions.create_run("mu-sichuan-2022", 2026, "county", "511112", actor=city)
    actions.approve_run(run, actor=city)
    actions.start_publicity(run, 5, actor=city)
    result = run.results.get(enterprise=firm)
    objection = actions.file_objection(
        run, firm, reason="用地面积有误", actor=w.users["enterprise_user"]
    )
    lender = Bank.objects.create(code="matrix-bank", name="乐山市测试银行")
    consent = bank.give_consent(firm, lender, actor=w.users["enterprise_user"])
    r = f"/evaluations/runs/{run.pk}"
    return {
        "evaluations:run_list": "/evaluations/runs/",
        "evaluations:run_form": "/evaluations/runs/new/",
        "evaluations:run_create": "/evaluations/runs/create/",
        "evaluations:run_detail": f"{r}/",
        "evaluations:run_approve": f"{r}/approve/",
        "evaluations:run_publicity": f"{r}/publicity/",
        "evaluations:run_publish": f"{r}/publish/",
        "evaluations:class_list": f"{r}/class/A/",
        "evaluations:class_list@internal": f"{r}/class/D/",
        "evaluations:policy": f"{r}/policy/",
        "evaluations:what_if": f"{r}/what-if/",
        "evaluations:cultivation": f"{r}/cultivation/",
        "evaluations:score_card": f"/evaluations/results/{result.pk}/",
        "evaluations:objection_create": f"/evaluations/results/{result.pk}/objection/",
        "evaluations:objection_decide": f"/evaluations/objections/{objection.pk}/decide/",
        "evaluations:import_tax": "/evaluations/imports/tax/",
        "evaluations:import_power": "/evaluations/imports/power/",
        "evaluations:consents": "/evaluations/consents/",
        "evaluations:consent_give": f"/evaluations/consents/{firm.pk}/{lender.pk}/give/",
        "evaluations:consent_withdraw": f"/evaluations/consents/{consent.pk}/withdraw/",
        "evaluations:bank_list": "/evaluations/bank/",
        "evaluations:bank_card": f"/evaluations/bank/results/{result.pk}/",
    }
