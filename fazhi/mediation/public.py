"""Portal routes of mediation (/mediation/…), one list per page family (each in its own
public_<family>.py), included here."""

app_name = "mediation_public"

urlpatterns: list = []
