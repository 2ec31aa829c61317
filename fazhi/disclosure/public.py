"""Portal routes of 政府信息公开 (/disclosure/…), one list per page family (each in its own
public_<family>.py), included here."""

app_name = "disclosure_public"

urlpatterns: list = []
