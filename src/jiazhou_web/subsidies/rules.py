"""Object rules: a provider user acts only on its own provider's voucher orders."""

from __future__ import annotations

from typing import Any

from jiazhou_web.core.access import object_rule


@object_rule("vouchers.provide", "subsidies.VoucherOrder")
def _own_provider_order(user: Any, order: Any) -> bool:
    membership = getattr(user, "provider_membership", None)
    return membership is not None and membership.provider_id == order.provider_id
