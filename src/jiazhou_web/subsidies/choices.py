"""States and audit events of 政策兑现 and 科技创新券 (next-capabilities §1.2, §2.2)."""

from django.db import models

from jiazhou_web.core.audit import register_events


class Track(models.TextChoices):
    OFFER = "offer", "免申即享"
    APPLY = "apply", "快申快享"


class AppState(models.TextChoices):
    """§1.2 states (both tracks); 补正 pauses the working-day clock."""

    NOTIFIED = "notified", "已推送待确认"
    DECLINED = "declined", "企业放弃"
    EXPIRED = "expired", "逾期未确认"
    SUBMITTED = "submitted", "已申报待受理"
    RETURNED = "returned", "退回补正"
    REJECTED = "rejected", "不予受理"
    ACCEPTED = "accepted", "已受理（待县区审核）"
    COUNTY_REVIEWED = "county_reviewed", "县区已审（待市级审核）"
    CITY_REVIEWED = "city_reviewed", "市级已审（待联审）"
    JOINT_REVIEWED = "joint_reviewed", "联审通过（待公示）"
    PUBLICISED = "publicised", "公示中"
    OBJECTED = "objected", "公示异议复核中"
    APPROVED = "approved", "已批准待拨付"
    IN_BATCH = "in_batch", "已列入拨付批次"
    PAID = "paid", "已拨付"
    CLAWED_BACK = "clawed_back", "已追回"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_STATES = (
    AppState.NOTIFIED,
    AppState.SUBMITTED,
    AppState.RETURNED,
    AppState.ACCEPTED,
    AppState.COUNTY_REVIEWED,
    AppState.CITY_REVIEWED,
    AppState.JOINT_REVIEWED,
    AppState.PUBLICISED,
    AppState.OBJECTED,
    AppState.APPROVED,
    AppState.IN_BATCH,
)

# 免申即享: an offer not confirmed within this many working days lapses ([U] our proposal; the
# firm can still apply by 快申快享 or be offered again next round).
OFFER_REPLY_WD = 20

# review stage → (state before, state after, label)
REVIEW_STAGES = {
    "county": (AppState.ACCEPTED, AppState.COUNTY_REVIEWED, "县区审核"),
    "city": (AppState.COUNTY_REVIEWED, AppState.CITY_REVIEWED, "市级审核"),
    "joint": (AppState.CITY_REVIEWED, AppState.JOINT_REVIEWED, "部门联审"),
}


class BatchState(models.TextChoices):
    DRAFT = "draft", "编制中"
    SUBMITTED = "submitted", "已提交财政"
    PAID = "paid", "已拨付"


class LineState(models.TextChoices):
    PENDING = "pending", "待拨付"
    PAID = "paid", "已拨付"
    RETURNED = "returned", "退回（账户异常）"


class ObjectionState(models.TextChoices):
    FILED = "filed", "待复核"
    UPHELD = "upheld", "异议成立（不予兑现）"
    DISMISSED = "dismissed", "异议不成立"


class ProviderState(models.TextChoices):
    APPLIED = "applied", "备案申请中"
    REGISTERED = "registered", "已备案"
    SUSPENDED = "suspended", "已暂停"


class VoucherState(models.TextChoices):
    ISSUED = "issued", "已发放"
    PARTLY_USED = "partly_used", "部分使用"
    USED = "used", "已用完"
    EXPIRED = "expired", "已过期"


class OrderState(models.TextChoices):
    DRAFT = "draft", "待机构确认"
    CONFIRMED = "confirmed", "机构已确认"
    REDEMPTION = "redemption", "已提交兑付"
    APPROVED = "approved", "兑付已审核"
    REJECTED = "rejected", "不予兑付"
    PAID = "paid", "已兑付"


@register_events
class SubsidyEvent(models.TextChoices):
    LIBRARY_SYNCED = "subsidies.library_synced", "政策库同步"
    OFFERS_MADE = "subsidies.offers_made", "免申即享名单生成并推送"
    OFFER_CONFIRMED = "subsidies.offer_confirmed", "企业确认免申即享"
    OFFER_DECLINED = "subsidies.offer_declined", "企业放弃免申即享"
    OFFERS_EXPIRED = "subsidies.offers_expired", "免申即享逾期未确认"
    APPLIED = "subsidies.applied", "企业申报（快申快享）"
    RETURNED = "subsidies.returned", "受理窗口退回补正"
    RESUBMITTED = "subsidies.resubmitted", "企业补正后重新提交"
    ACCEPTED = "subsidies.accepted", "受理"
    REJECTED = "subsidies.rejected", "不予受理"
    REVIEWED = "subsidies.reviewed", "审核意见"
    PUBLICITY_STARTED = "subsidies.publicity_started", "开始公示"
    OBJECTION_FILED = "subsidies.objection_filed", "公示异议"
    OBJECTION_DECIDED = "subsidies.objection_decided", "异议复核"
    APPROVED = "subsidies.approved", "批准兑现"
    BATCH_CREATED = "subsidies.batch_created", "编制拨付批次"
    BATCH_SUBMITTED = "subsidies.batch_submitted", "拨付批次提交财政"
    BATCH_PAID = "subsidies.batch_paid", "拨付批次已拨付"
    LINE_RETURNED = "subsidies.line_returned", "拨付行退回"
    CLAWED_BACK = "subsidies.clawed_back", "追回资金"
    VOUCHER_BATCH_CREATED = "vouchers.batch_created", "创建创新券批次"
    PROVIDER_REGISTERED = "vouchers.provider_registered", "服务机构备案"
    PROVIDER_SUSPENDED = "vouchers.provider_suspended", "服务机构暂停"
    VOUCHER_ISSUED = "vouchers.issued", "发放创新券"
    ORDER_CREATED = "vouchers.order_created", "企业下单"
    ORDER_CONFIRMED = "vouchers.order_confirmed", "机构确认订单"
    REDEMPTION_SUBMITTED = "vouchers.redemption_submitted", "提交兑付"
    REDEMPTION_DECIDED = "vouchers.redemption_decided", "兑付审核"
