"""科技创新券 pages: batches, provider registry, vouchers, orders and redemptions.

A provider user sees only its own provider's orders; a firm only its own vouchers and orders.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from jiazhou.policies.vouchers import FLAG_ZH
from jiazhou_web.core.access import can, for_user, get_visible_or_404, require
from jiazhou_web.core.scopes import user_scope
from jiazhou_web.enterprises.models import Enterprise
from jiazhou_web.subsidies import actions
from jiazhou_web.subsidies.access import reference_or_404, visible_orders
from jiazhou_web.subsidies.models import Provider, Voucher, VoucherBatch, VoucherOrder

PAGE = 50


def _fail(request: HttpRequest, exc: Exception) -> None:
    for m in getattr(exc, "messages", [str(exc)]):
        messages.error(request, m)


def _date(raw: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(f"「{field}」须为日期（如 2026-12-04）/ {field}: a date") from None


def _list(raw: str) -> list[str]:
    return [x.strip() for x in raw.replace("，", ",").replace("、", ",").split(",") if x.strip()]


def batch_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "vouchers.manage")
    batches = VoucherBatch.objects.annotate(n=Count("vouchers"), issued=Sum("vouchers__amount"))
    return render(
        request,
        "subsidies/voucher_batches.html",
        {"title": pgettext("subsidy index", "Innovation voucher batches"), "batches": batches},
    )


@require_POST
def batch_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "vouchers.manage")
    p = request.POST
    try:
        share = Decimal(p.get("share", "").strip() or "x")
    except InvalidOperation:
        share = Decimal(-1)
    try:
        cap = p.get("per_order_cap", "").strip()
        ycap = p.get("firm_year_cap", "").strip()
        actions.create_voucher_batch(
            actor=request.user,
            code=p.get("code", "").strip() or _raise("「批次号」不能为空 / code required"),
            title=p.get("title", "").strip() or _raise("「名称」不能为空 / title required"),
            budget=actions.parse_money(p.get("budget", ""), "预算"),
            face_value=actions.parse_money(p.get("face_value", ""), "每券面额"),
            share=share,
            per_order_cap=actions.parse_money(cap, "单笔上限") if cap else None,
            firm_year_cap=actions.parse_money(ycap, "每企业每年上限") if ycap else None,
            valid_from=_date(p.get("valid_from", ""), "有效期起"),
            valid_to=_date(p.get("valid_to", ""), "有效期止"),
            services=_list(p.get("services", ""))
            or _raise("「可用服务」不能为空 / services required"),
            provider_redeemed=p.get("model", "provider") == "provider",
        )
        messages.success(request, "已创建批次 / batch created")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:voucher_batches")


def _raise(message: str) -> Any:
    raise ValidationError(message)


def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "vouchers.manage")
    batch = reference_or_404(VoucherBatch, pk)
    vouchers = for_user(batch.vouchers.select_related("enterprise"), request.user).order_by("-id")
    firms = for_user(Enterprise.objects.all(), request.user).order_by("name")[:300]
    return render(
        request,
        "subsidies/voucher_batch_detail.html",
        {
            "title": batch.title,
            "batch": batch,
            "vouchers": Paginator(vouchers, PAGE).get_page(request.GET.get("page")),
            "firms": firms,
        },
    )


@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "vouchers.manage")
    batch = reference_or_404(VoucherBatch, pk)
    try:
        firm = get_visible_or_404(Enterprise, request.user, pk=request.POST.get("enterprise", ""))
        actions.issue_voucher(batch, firm, actor=request.user)
        messages.success(request, "已发放 / issued")
    except Http404:
        messages.error(request, "「企业」不在您的范围内 / enterprise not found")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:voucher_batch_detail", pk=batch.pk)


def provider_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "vouchers.view")
    providers = Provider.objects.annotate(n_orders=Count("orders")).order_by("name")
    return render(
        request,
        "subsidies/provider_list.html",
        {
            "title": pgettext("subsidy index", "Service providers"),
            "providers": providers,
            "may_manage": can(request.user, "vouchers.manage"),
        },
    )


@require_POST
def provider_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "vouchers.manage")
    p = request.POST
    try:
        prices = {}
        for item in _list(p.get("prices", "")):
            name, _, price = item.partition("=")
            prices[name.strip()] = str(actions.parse_money(price, f"价目 {name.strip()}"))
        from jiazhou.uscc import validate_uscc

        uscc = p.get("uscc", "").strip().upper()
        problem = validate_uscc(uscc)
        if problem:
            raise ValidationError(f"「统一社会信用代码」无效：{problem}")
        actions.register_provider(
            actor=request.user,
            name=p.get("name", "").strip() or _raise("「机构名称」不能为空 / name required"),
            uscc=uscc,
            scopes=_list(p.get("scopes", ""))
            or _raise("「备案服务范围」不能为空 / scopes required"),
            price_list=prices,
            legal_rep=p.get("legal_rep", "").strip(),
            shareholders=_list(p.get("shareholders", "")),
            phone=p.get("phone", "").strip(),
            address=p.get("address", "").strip(),
        )
        messages.success(request, "已备案 / registered")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:provider_list")


@require_POST
def provider_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "vouchers.manage")
    provider = reference_or_404(Provider, pk)
    try:
        actions.suspend_provider(provider, actor=request.user)
        messages.success(request, "已暂停 / suspended")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:provider_list")


def my_vouchers(request: HttpRequest) -> HttpResponse:
    require(request.user, "vouchers.use")
    ids = user_scope(request.user).enterprise_ids
    vouchers = (
        Voucher.objects.for_user(request.user)
        .filter(enterprise_id__in=ids)
        .select_related("batch")
        .order_by("-issued_on", "-id")
    )
    orders = (
        visible_orders(request.user)
        .filter(voucher__enterprise_id__in=ids)
        .select_related("provider", "voucher")
        .order_by("-ordered_on", "-id")[:100]
    )
    providers = Provider.objects.filter(state="registered").order_by("name")
    return render(
        request,
        "subsidies/my_vouchers.html",
        {
            "title": gettext("My innovation vouchers"),
            "vouchers": vouchers,
            "orders": orders,
            "providers": providers,
            "key": uuid.uuid4().hex,
        },
    )


@require_POST
def order_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "vouchers.use")
    voucher = get_visible_or_404(
        Voucher.objects.select_related("batch", "enterprise"), request.user, pk=pk
    )
    try:
        try:
            provider = Provider.objects.get(pk=int(request.POST.get("provider", "0") or 0))
        except (Provider.DoesNotExist, ValueError):
            raise ValidationError(
                "「服务机构」须从已备案机构中选择 / choose a registered provider"
            ) from None
        actions.create_order(
            voucher,
            provider,
            actor=request.user,
            service=request.POST.get("service", "").strip(),
            amount=actions.parse_money(request.POST.get("amount", ""), "合同金额"),
            key=request.POST.get("key", "") or uuid.uuid4().hex,
        )
        messages.success(request, gettext("Order placed; awaiting the provider's confirmation"))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:my_vouchers")


def order_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "vouchers.view")
    orders = (
        visible_orders(request.user)
        .select_related("provider", "voucher__enterprise", "voucher__batch")
        .order_by("-ordered_on", "-id")
    )
    return render(
        request,
        "subsidies/order_list.html",
        {
            "title": pgettext("subsidy index", "Innovation voucher orders"),
            "page": Paginator(orders, PAGE).get_page(request.GET.get("page")),
            "FLAG_ZH": FLAG_ZH,
        },
    )


def _order(request: HttpRequest, pk: int) -> VoucherOrder:
    try:
        return (
            visible_orders(request.user)
            .select_related("provider", "voucher__enterprise", "voucher__batch")
            .get(pk=pk)
        )
    except VoucherOrder.DoesNotExist:
        raise Http404("订单不存在 / not found") from None


def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "vouchers.view")
    order = _order(request, pk)
    flags = [(FLAG_ZH.get(f["code"], f["code"]), f["evidence"]) for f in order.flags]
    return render(
        request,
        "subsidies/order_detail.html",
        {
            "title": gettext("Innovation voucher order %(pk)s") % {"pk": order.pk},
            "order": order,
            "flags": flags,
            "may_provide": can(request.user, "vouchers.provide", order),
            "may_manage": can(request.user, "vouchers.manage"),
        },
    )


@require_POST
def order_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    require(request.user, "vouchers.view")
    order = _order(request, pk)
    p, u = request.POST, request.user
    try:
        if action == "confirm":
            actions.confirm_order(order, actor=u)
        elif action == "redeem":
            upload = request.FILES.get("deliverable")
            actions.submit_redemption(
                order,
                actor=u,
                contract_date=_date(p.get("contract_date", ""), "合同日期"),
                invoice_no=p.get("invoice_no", ""),
                invoice_date=_date(p.get("invoice_date", ""), "发票日期"),
                deliverable=upload.read() if upload else b"",
            )
        elif action == "decide":
            actions.decide_redemption(
                order, actor=u, approve=p.get("decision") == "approve", comment=p.get("comment", "")
            )
        else:
            raise ValidationError("未知操作 / unknown action")
        messages.success(request, "已办理 / done")
    except PermissionDenied:
        raise
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("subsidies:order_detail", pk=order.pk)
