"""政策兑现 and 创新券 rows of the status matrix (core/tests/test_status_matrix.py layout)."""

from __future__ import annotations

from decimal import Decimal

from jiazhou_web.core.tests.world import World

#                                   city zone county dept firm reviewer outsider anonymous
MATRIX = """
subsidies:index                     200 200 200 200 200 200 403 302
subsidies:policy_list               200 200 200 200 200 200 403 302
subsidies:policy_sync*              302 403 403 403 403 403 403 302
subsidies:policy_detail             200 200 200 200 200 200 403 302
subsidies:clause_detail             200 200 200 200 200 200 403 302
subsidies:clause_offers*            302 302 302 403 403 403 403 302
subsidies:clause_apply              403 403 403 403 200 403 403 302
subsidies:why_not                   200 404 200 404 200 200 403 302
subsidies:simulate                  200 200 403 403 403 403 403 302
subsidies:application_list          200 200 200 200 200 200 403 302
subsidies:application_list?export   200 200 200 200 200 200 403 302
subsidies:application_detail        200 404 200 404 200 200 403 302
subsidies:application_act*          403 404 302 404 403 403 403 302
subsidies:offers_expire*            302 302 302 403 403 403 403 302
subsidies:publicity_start*          302 403 403 403 403 403 403 302
subsidies:objection_decide*         404 403 403 403 403 403 403 302
subsidies:batch_list                200 403 403 200 403 403 403 302
subsidies:batch_create*             302 403 403 302 403 403 403 302
subsidies:batch_detail              404 403 403 404 403 403 403 302
subsidies:batch_pay*                404 403 403 404 403 403 403 302
subsidies:settlement                200 403 403 200 403 403 403 302
subsidies:my_matches                403 403 403 403 200 403 403 302
subsidies:my_applications           403 403 403 403 200 403 403 302
subsidies:my_vouchers               403 403 403 403 200 403 403 302
subsidies:voucher_batches           200 200 403 403 403 403 403 302
subsidies:voucher_batch_create*     302 302 403 403 403 403 403 302
subsidies:voucher_batch_detail      200 200 403 403 403 403 403 302
subsidies:voucher_issue*            302 302 403 403 403 403 403 302
subsidies:provider_list             200 200 200 200 200 200 403 302
subsidies:provider_create*          302 302 403 403 403 403 403 302
subsidies:provider_suspend*         404 404 403 403 403 403 403 302
subsidies:order_create*             403 403 403 403 302 403 403 302
subsidies:order_list                200 200 200 200 200 200 403 302
subsidies:order_detail              200 404 200 404 200 200 403 302
subsidies:order_act*                403 404 403 404 403 403 403 302
"""


def urls(w: World) -> dict[str, str]:
    import datetime as dt

    from django.utils import timezone

    from jiazhou.uscc import make_uscc
    from jiazhou_web.subsidies import actions
    from jiazhou_web.subsidies.models import ClauseVersion

    city, firm_user = w.users["city_admin"], w.users["enterprise_user"]
    firm = w.objects["firm"]
    actions.sync_library(actor=city)
    interest = ClauseVersion.objects.get(policy__code="tianfu-kechuangdai-2020", code="interest")
    zone8 = ClauseVersion.objects.get(policy__code="leshan-zone-8-2022", code="art1-hnte")
    year = timezone.localdate().year
    app = actions.apply(
        interest,
        firm,
        year,
        actor=firm_user,
        base_declared=Decimal("100000"),
        bank_account="6222020200112233",
        bank_name="乐山银行",
        declaration=True,
    )
    today = timezone.localdate()
    batch = actions.create_voucher_batch(
        actor=city,
        code="CXQ-T1",
        title="科技创新券（测试批次）",
        budget=Decimal("1000000"),
        face_value=Decimal("100000"),
        share=Decimal("0.2"),
        per_order_cap=Decimal("100000"),
        firm_year_cap=Decimal("100000"),
        valid_from=today,
        valid_to=today + dt.timedelta(days=365),
        services=["检验检测", "知识产权"],
        provider_redeemed=True,
    )
    provider = actions.register_provider(
        actor=city,
        name="乐山检测服务有限公司",
        uscc=make_uscc(900001),
        scopes=["检验检测"],
        price_list={"检验检测": "50000.00"},
    )
    voucher = actions.issue_voucher(batch, firm, actor=city)
    order = actions.create_order(
        voucher, provider, actor=firm_user, service="检验检测", amount=Decimal("30000"), key="m1"
    )
    base = "/subsidies"
    return {
        "subsidies:index": f"{base}/",
        "subsidies:policy_list": f"{base}/policies/",
        "subsidies:policy_sync": f"{base}/policies/sync/",
        "subsidies:policy_detail": f"{base}/policies/{interest.policy_id}/",
        "subsidies:clause_detail": f"{base}/clauses/{interest.pk}/",
        "subsidies:clause_offers": f"{base}/clauses/{zone8.pk}/offers/",
        "subsidies:clause_apply": f"{base}/clauses/{interest.pk}/apply/",
        "subsidies:why_not": f"{base}/clauses/{interest.pk}/why/{firm.pk}/",
        "subsidies:simulate": f"{base}/simulate/",
        "subsidies:application_list": f"{base}/applications/",
        "subsidies:application_detail": f"{base}/applications/{app.pk}/",
        "subsidies:application_act": f"{base}/applications/{app.pk}/accept/",
        "subsidies:offers_expire": f"{base}/offers/expire/",
        "subsidies:publicity_start": f"{base}/publicity/",
        "subsidies:objection_decide": f"{base}/objections/999999/decide/",
        "subsidies:batch_list": f"{base}/batches/",
        "subsidies:batch_create": f"{base}/batches/new/",
        "subsidies:batch_detail": f"{base}/batches/999999/",
        "subsidies:batch_pay": f"{base}/batches/999999/pay/",
        "subsidies:settlement": f"{base}/settlement/",
        "subsidies:my_matches": f"{base}/my/matches/",
        "subsidies:my_applications": f"{base}/my/applications/",
        "subsidies:my_vouchers": f"{base}/my/vouchers/",
        "subsidies:voucher_batches": f"{base}/vouchers/batches/",
        "subsidies:voucher_batch_create": f"{base}/vouchers/batches/new/",
        "subsidies:voucher_batch_detail": f"{base}/vouchers/batches/{batch.pk}/",
        "subsidies:voucher_issue": f"{base}/vouchers/batches/{batch.pk}/issue/",
        "subsidies:provider_list": f"{base}/vouchers/providers/",
        "subsidies:provider_create": f"{base}/vouchers/providers/new/",
        "subsidies:provider_suspend": f"{base}/vouchers/providers/999999/suspend/",
        "subsidies:order_create": f"{base}/vouchers/{voucher.pk}/order/",
        "subsidies:order_list": f"{base}/vouchers/orders/",
        "subsidies:order_detail": f"{base}/vouchers/orders/{order.pk}/",
        "subsidies:order_act": f"{base}/vouchers/orders/{order.pk}/confirm/",
    }
