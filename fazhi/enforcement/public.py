"""Portal routes of enforcement: what the 三项制度 require to be public (事前公示: agencies,
officers, power lists, procedures, remedies; 事后公示: decisions, masked)."""

app_name = "enforcement_public"

urlpatterns: list = []

from . import public_decisions  # noqa: E402

urlpatterns += public_decisions.urlpatterns

from . import public_review  # noqa: E402

urlpatterns += public_review.urlpatterns

from . import public_lists  # noqa: E402

urlpatterns += public_lists.urlpatterns
