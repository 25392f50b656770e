"""Choice sets and audit events of the composite innovation index (综合科技创新水平指数)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiazhou_web.core.audit import register_events


class SobolOutput(models.TextChoices):
    """What a Sobol index explains: the ranking as a whole, or one region's score or rank."""

    SUMMARY = "mean_abs_rank_shift", _("Mean absolute rank shift")
    SCORE = "score", _("Region score")
    RANK = "rank", _("Region rank")


class IndexEvent(models.TextChoices):
    DEFINITION_SAVED = "index.definition_saved", _("Index definition saved")
    RUN_COMPUTED = "index.run_computed", _("Index run computed")
    UNCERTAINTY_COMPUTED = "index.uncertainty_computed", _("Index uncertainty analysis computed")


register_events(IndexEvent)
