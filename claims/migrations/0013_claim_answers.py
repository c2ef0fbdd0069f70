"""Claim.answers: the claim a denial answers, recorded on the denial (claims.services.answers)
and filled here for the claims already stored, by the same rule as of this migration."""

import datetime as dt

import django.db.models.deletion
from django.db import migrations, models

WINDOW = dt.timedelta(days=7)


def link_denials(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    claims = Claim.objects.using(schema_editor.connection.alias)
    rows = list(
        claims.filter(kind__in=["capture", "denial"])
        .exclude(status="superseded")
        .order_by("stated_on", "id")
        .values("id", "settlement_id", "article_id", "kind", "side", "claimant_side", "stated_on")
    )
    captures: dict[int, list[dict]] = {}
    for row in rows:
        if row["kind"] == "capture":
            captures.setdefault(row["settlement_id"], []).append(row)
    links = []
    for denial in (row for row in rows if row["kind"] == "denial"):
        opposing = [
            c
            for c in captures.get(denial["settlement_id"], [])
            if c["side"] == denial["side"] and c["claimant_side"] != denial["claimant_side"]
        ]
        same_article = [c for c in opposing if c["article_id"] == denial["article_id"]]
        earlier = [
            c for c in opposing if denial["stated_on"] - WINDOW <= c["stated_on"] <= denial["stated_on"]
        ]
        answer = same_article[0] if same_article else (earlier[-1] if earlier else None)
        if answer is not None:
            links.append(Claim(pk=denial["id"], answers_id=answer["id"]))
    claims.bulk_update(links, ["answers"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("claims", "0012_reference_moved_to_gazetteer")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="answers",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="answered_by",
                to="claims.claim",
            ),
        ),
        migrations.RunPython(link_denials, migrations.RunPython.noop),
    ]
