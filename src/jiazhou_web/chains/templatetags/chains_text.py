"""``{{ rule|chain_rule }}``: a segment's status rule in the reader's language."""

from __future__ import annotations

from django import template

from jiazhou_web.chains.wording import rule_label

register = template.Library()
register.filter("chain_rule", rule_label)
