from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    """Administrative level (GB/T 2260) or functional zone (no GB/T 2260 code)."""

    PROVINCE = "province", _("Province")
    CITY = "city", _("Prefecture-level city")
    DISTRICT = "district", _("Municipal district")
    COUNTY = "county", _("County")
    AUTONOMOUS_COUNTY = "autonomous_county", _("Autonomous county")
    COUNTY_CITY = "county_city", _("County-level city")
    ZONE = "zone", _("Functional zone")
