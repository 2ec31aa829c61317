from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "fazhi.demo"
    label = "demo"
    verbose_name = "示范区演示数据"
