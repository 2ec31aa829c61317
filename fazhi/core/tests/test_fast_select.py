"""Selects of BootstrapMixin forms write their options in Python; the page gets the same
markup Django's widget templates give."""

from django import forms
from django.utils.safestring import mark_safe

from fazhi.core.forms import BootstrapMixin, FastSelect, FastSelectMultiple

CHOICES = [
    ("", "请选择"),
    ("a&b", 'A <b> & "c"'),
    ("分组", [(1, "一"), (2, "二")]),
    (3, "三"),
]
ATTRS = {
    "class": "form-select",
    "data-searchable": 'o"n',
    "data-note": mark_safe("a&amp;b"),  # marked safe: written as it is
    "required": True,
    "disabled": False,
}


def test_same_markup_as_the_templates():
    cases = [
        (forms.Select, FastSelect, "a&b"),
        (forms.Select, FastSelect, None),
        (forms.SelectMultiple, FastSelectMultiple, [1, 3]),
        (forms.SelectMultiple, FastSelectMultiple, []),
    ]
    for django_widget, fast_widget, value in cases:
        expected = django_widget(choices=CHOICES, attrs=ATTRS).render("f", value, {"id": "id_f"})
        got = fast_widget(choices=CHOICES, attrs=ATTRS).render("f", value, {"id": "id_f"})
        assert got == expected


class _Form(BootstrapMixin, forms.Form):
    one = forms.ChoiceField(choices=CHOICES)
    many = forms.MultipleChoiceField(choices=CHOICES)
    yes_no = forms.NullBooleanField()
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)


def test_plain_selects_of_a_form_become_fast_and_keep_their_class():
    form = _Form(data={"one": "a&b", "many": ["1"]})
    assert type(form.fields["one"].widget) is FastSelect
    assert type(form.fields["many"].widget) is FastSelectMultiple
    # Other kinds of select keep their own rendering.
    assert type(form.fields["yes_no"].widget) is forms.NullBooleanSelect
    assert type(form.fields["radio"].widget) is forms.RadioSelect
    html = str(form["one"])
    assert 'class="form-select"' in html and '<option value="a&amp;b" selected>' in html
    # The swap is on the form's own copy of the field: the class's field is untouched.
    assert type(_Form.base_fields["one"].widget) is forms.Select
