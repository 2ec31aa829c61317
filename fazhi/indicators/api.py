"""Indicator routes of the JSON API: the catalogue and the figures that count, each with
its source, for exchange with provincial platforms."""

from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema

from . import registry
from .models import Indicator

PREFIX = "/indicators"
router = Router(tags=["指标"])


class IndicatorOut(Schema):
    code: str
    name: str
    unit: str
    area: int
    direction: str
    computed: bool


class ValueOut(Schema):
    code: str
    name: str
    year: int
    value: Decimal
    unit: str
    approximate: bool
    source: str
    source_url: str


@router.get("", response=list[IndicatorOut], summary="指标目录")
def catalogue(request):
    return [
        {
            "code": i.code,
            "name": i.name,
            "unit": i.unit,
            "area": i.area,
            "direction": i.direction,
            "computed": i.code in registry.COMPUTED,
        }
        for i in Indicator.objects.all()
    ]


@router.get("district/{year}", response=list[ValueOut], summary="全区指标值（含来源）")
def district(request, year: int):
    return [
        {
            "code": code,
            "name": v.indicator.name,
            "year": year,
            "value": v.value,
            "unit": v.indicator.unit,
            "approximate": v.approximate,
            "source": registry.describe_source(v),
            "source_url": registry.source_url(v),
        }
        for code, v in sorted(registry.district_values(year).items())
    ]
