"""The 信访 menu item (group "信访"), the handling unit's scope action and the demo step,
registered when the app is ready."""

from fazhi.core.registry import NavItem, register_nav

from . import (
    access_petitions,  # noqa: F401  (registers the handling unit's action)
    demo_petitions,  # noqa: F401  (the demo district's petitions)
)

register_nav(
    NavItem(
        "信访事项",
        "mediation:petitions",
        hint="信访事项的登记、转送交办、告知受理、办理、延期、办结与复查复核，各环节期限",
        group="信访",
        order=81,
    )
)
