from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_publication_gates"),
    ]

    operations = [
        migrations.AddField(
            model_name="peerreport",
            name="table_problems",
            field=models.JSONField(blank=True, default=list, verbose_name="表格问题"),
        ),
        migrations.AddField(
            model_name="peerfigure",
            name="template",
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.AddField(
            model_name="peerfigure",
            name="cell",
            field=models.CharField(blank=True, db_index=True, max_length=40),
        ),
    ]
