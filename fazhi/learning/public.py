"""Portal routes of learning (/learning/…), one list per page family (each in its own
public_<family>.py), included here."""

app_name = "learning_public"

urlpatterns: list = []
