from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_verification_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="side",
            name="state_country",
            field=models.CharField(blank=True, max_length=2),
        ),
    ]
