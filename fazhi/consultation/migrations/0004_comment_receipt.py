"""回执编号 on public comments; comments already received get theirs in submission order
(the day's sequence by local date), so every comment has one."""

from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor):
    Comment = apps.get_model("consultation", "Comment")
    seq: dict[str, int] = {}
    for c in Comment.objects.filter(receipt__isnull=True).order_by("submitted_at", "pk"):
        day = timezone.localtime(c.submitted_at).strftime("%Y%m%d")
        seq[day] = seq.get(day, 0) + 1
        Comment.objects.filter(pk=c.pk).update(receipt=f"{day}-{seq[day]:04d}")


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0003_comment_public_body"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="receipt",
            field=models.CharField(
                blank=True, max_length=20, null=True, unique=True, verbose_name="回执编号"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
