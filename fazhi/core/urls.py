from django.contrib.auth import views as auth_views
from django.urls import path

from . import audit_views, cockpit_views, login, nav_pages, notify_views, views, views_calendar

app_name = "core"

urlpatterns = [
    path("login/", login.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.board, name="board"),
    path("cockpit/", cockpit_views.cockpit_page, name="cockpit"),
    path("cockpit/export/", cockpit_views.cockpit_export, name="cockpit_export"),
    path("menu/<str:group>/", nav_pages.menu_page, name="menu"),
    path("switch-unit/", views.switch_unit, name="switch_unit"),
    path("deadlines/<int:pk>/", views.deadline_detail, name="deadline"),
    path("deadlines/<int:pk>/attach/", views.deadline_attach, name="deadline_attach"),
    path("units/", views.units, name="units"),
    path("units/new/", views.unit_edit, name="unit_new"),
    path("units/import/", views.unit_import_view, name="unit_import"),
    path("units/<str:code>/", views.unit_detail, name="unit"),
    path("units/<str:code>/edit/", views.unit_edit, name="unit_edit"),
    path("users/", views.users, name="users"),
    path("users/new/", views.user_edit, name="user_new"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("calendar/import/", views_calendar.calendar_import, name="calendar_import"),
    path("calendar/<int:year>/", views.calendar_year, name="calendar_year"),
    path("workdays/", views.workdays, name="workdays"),
    path("records/", views.events_view, name="events"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("tokens/", views.tokens, name="tokens"),
    path("audit/", audit_views.audit_log, name="audit"),
    path("notifications/", notify_views.notification_list, name="notifications"),
    path("notifications/read-all/", notify_views.read_all, name="notifications_read_all"),
    path("notifications/settings/", notify_views.preferences, name="notification_settings"),
    path("notifications/<int:pk>/read/", notify_views.read_one, name="notification_read"),
]
