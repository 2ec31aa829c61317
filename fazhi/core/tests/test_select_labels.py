"""The empty option of a select Django builds reads 请选择, not "---------"."""


def test_unit_form_selects_invite_a_choice_in_chinese(people, login):
    html = login(people["admin"]).get("/office/units/new/").content.decode()
    assert "---------" not in html
    # A foreign key (the parent unit) and a field with choices (the kind of unit).
    assert html.count('<option value="" selected>请选择</option>') >= 2
