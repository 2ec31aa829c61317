"""Office routes of learning, one list per screen family (each in its own views file)."""

app_name = "learning"

urlpatterns: list = []
