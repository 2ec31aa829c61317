"""Selects invite a choice in Chinese: the empty option of every select Django builds (a
model field with choices, a foreign key) reads 请选择 instead of Django's "---------"
(issue 12, point 5). Installed once from CoreConfig.ready, before any form is built."""

from django.db.models import fields
from django.forms import models as form_models

PLACEHOLDER = "请选择"


def install() -> None:
    # Model fields' get_choices(blank_choice=BLANK_CHOICE_DASH) bind this list object as
    # their default: changing it in place changes every select built from choices.
    fields.BLANK_CHOICE_DASH[:] = [("", PLACEHOLDER)]
    # ForeignKey form fields: ModelChoiceField's keyword-only default.
    form_models.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = PLACEHOLDER
