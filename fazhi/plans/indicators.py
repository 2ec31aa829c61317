"""What plans contributes to indicators: progress statistics for the assessment."""

from django.db.models import Count, Q

from fazhi.indicators.registry import register_progress_stats

from .models import Assignment, Progress


@register_progress_stats
def progress_stats(year: int) -> dict[int, tuple[int, int, int]]:
    """Per unit: reports expected in the year's periods, submitted on time, accepted."""
    expected = dict(
        Assignment.objects.filter(task__plan__periods__year=year)
        .values("unit_id")
        .annotate(n=Count("task__plan__periods"))
        .values_list("unit_id", "n")
    )
    done = {
        u: (t, a)
        for u, t, a in Progress.objects.filter(period__year=year)
        .values("assignment__unit_id")
        .annotate(t=Count("pk", filter=Q(on_time=True)), a=Count("pk", filter=Q(state="accepted")))
        .values_list("assignment__unit_id", "t", "a")
    }
    return {u: (n, *done.get(u, (0, 0))) for u, n in expected.items()}
