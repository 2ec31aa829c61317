"""Office routes of mediation, one list per screen family (each in its own views file)."""

app_name = "mediation"

urlpatterns: list = []
