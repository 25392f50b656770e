"""Indexes for the ticket list at 100,000 tickets (issue 15): a state filter newest first, and
the tickets closed in a month (诉求分析)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0005_supervision"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                fields=["state", "-received_at", "-id"], name="tickets_state_received"
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(fields=["closed_at"], name="tickets_closed"),
        ),
    ]
