"""System administration. Day-to-day work happens in the back office, not here; the
full-process record is read-only even for administrators."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import services
from .models import Attachment, CalendarYear, Event, OrgUnit, SpecialDay, User


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent", "is_enforcement_agency", "active")
    list_filter = ("kind", "is_enforcement_agency", "active")
    search_fields = ("code", "name", "short_name", "aliases")
    readonly_fields = ("path",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "unit", "is_active")
    list_filter = ("roles", "is_active")
    search_fields = ("username", "full_name")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("单位与角色", {"fields": ("full_name", "unit", "roles", "phone")}),
    )

    # A change made here is recorded like one made in the back office: the full-process
    # record and the audit log get the roles, unit, activation and flags before and after.
    def save_model(self, request, obj, form, change):
        obj._state_before = services.account_state(obj.pk)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        user._role_codes = None
        services.record_account_change(
            user,
            getattr(user, "_state_before", None),
            request.user,
            password_set=not change,
        )


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    extra = 0


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "notice", "updated_at")
    inlines = [SpecialDayInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("seq", "at", "actor_name", "unit_code", "record_type", "record_id", "action")
    search_fields = ("summary", "record_type", "record_id", "actor_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "size", "unit", "uploaded_at")
    readonly_fields = ("sha256", "size", "kind", "mime")
