"""The sources appendix of an annual report: where each figure came from.

Every figure in a report links to its source. In the back office that is the records list
or the unit's filing itself; a reader of the published report (the portal) or of an exported
file cannot open those pages, so the report carries an appendix that names, for each
figure, how it was obtained — computed from which module's records and on what basis, or
reported by which unit in which round, reviewed when, with which evidence files (name and the
start of its SHA-256, so a copy can be matched) — and each figure links to its entry there.

The entries are plain dicts for ``export.render_html`` / ``export.render_docx``:
``{"anchor", "code", "name", "text", "source", "details": [...], "url"}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.apps import apps
from django.conf import settings

from fazhi.core.masking import mask_text
from fazhi.core.models import Attachment, OrgUnit
from fazhi.indicators import registry
from fazhi.indicators.models import Indicator, IndicatorValue

from .export import iter_figures

SUBMISSION_RECORD = "indicators.submission"
# Evidence is named with the first 16 hex digits of its SHA-256 (64 bits): enough to match a
# copy of the file, short enough to read in a printed appendix.
HASH_SHOWN = 16


def anchor(code: str) -> str:
    """The HTML id of a figure's entry (codes are [a-z0-9._]; dots are fine in ids)."""
    return f"fz-src-{code}"


def _module_name(module: str) -> str:
    config = apps.get_containing_app_config(module) if module else None
    return str(config.verbose_name) if config else "业务"


def _site_url(url: str) -> str:
    """An office path made absolute with FAZHI_SITE_URL, so a link in an exported file
    opens the installation it came from; left as the path when no site URL is set."""
    base = getattr(settings, "FAZHI_SITE_URL", "").rstrip("/")
    return f"{base}{url}" if base and url.startswith("/") else url


def figure_sources(doc: Mapping[str, Any], unit: OrgUnit, *, public: bool) -> list[dict[str, Any]]:
    """One entry per indicator code in the report, in order of first appearance.

    ``public`` entries carry no office links and mask what staff typed (a unit's note);
    office entries carry the link to the records or the filing (absolute when the
    installation's FAZHI_SITE_URL is set, for exported files)."""
    figures: dict[str, Mapping[str, Any]] = {}
    shown: dict[str, str] = {}
    for ref in iter_figures(doc):
        code = str(ref.figure.get("code") or "")
        if code and code not in figures:
            figures[code] = ref.figure
            shown[code] = ref.text
    if not figures:
        return []
    names = dict(Indicator.objects.filter(code__in=list(figures)).values_list("code", "basis"))
    titles = dict(Indicator.objects.filter(code__in=list(figures)).values_list("code", "name"))
    values: dict[int, dict] = {}
    out = []
    for code, fig in figures.items():
        year = fig.get("year")
        if isinstance(year, int) and year not in values:
            values[year] = registry.counted_values(year, unit)
        value: IndicatorValue | None = values.get(year, {}).get((code, unit.pk))
        details: list[str] = []
        source = str(fig.get("source") or "")
        if value is not None and value.source == IndicatorValue.Source.COMPUTED:
            comp = registry.COMPUTED.get(code)
            source = f"由{_module_name(comp.module if comp else '')}的业务记录自动计算"
        elif value is not None and value.submission_id:
            sub = value.submission
            source = registry.describe_source(value)
            files = Attachment.objects.filter(
                record_type=SUBMISSION_RECORD, record_id=str(sub.pk)
            ).values_list("original_name", "sha256")
            listed = [
                f"{mask_text(name) if public else name}（{sha[:HASH_SHOWN]}）"
                for name, sha in files
            ]
            if listed:
                details.append(f"佐证材料（SHA-256前{HASH_SHOWN}位）：" + "；".join(listed))
        if value is not None and value.note and value.source == IndicatorValue.Source.REPORTED:
            details.append(f"填报说明：{mask_text(value.note) if public else value.note}")
        if names.get(code):
            details.append(f"依据：{names[code]}")
        url = "" if public else _site_url(str(fig.get("source_url") or ""))
        out.append(
            {
                "anchor": anchor(code),
                "code": code,
                "name": titles.get(code) or code,
                "text": shown[code],
                "year": year,
                "source": source,
                "details": details,
                "url": url,
            }
        )
    return out
