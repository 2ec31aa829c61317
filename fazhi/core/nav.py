from .registry import NavItem, register_nav

register_nav(NavItem("驾驶舱", "core:cockpit", group="工作", order=0, action="steer"))
register_nav(NavItem("工作台", "core:board", group="工作", order=1))
register_nav(NavItem("全过程记录", "core:events", group="监督", order=80))
register_nav(NavItem("组织机构", "core:units", group="设置", order=90))
register_nav(NavItem("用户与角色", "core:users", group="设置", order=91, action="manage_users"))
register_nav(NavItem("工作日历", "core:calendar", group="设置", order=92))
register_nav(NavItem("期限计算", "core:workdays", group="工具", order=95))
register_nav(NavItem("接口令牌", "core:tokens", group="工具", order=96))
register_nav(NavItem("安全审计日志", "core:audit", group="设置", order=93, action="manage_users"))
