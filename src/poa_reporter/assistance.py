"""Assistance needs as matchmaking records, across any number of reports.

One record per need, in the shape the matching of needs with donors' resources
uses (see ``schemas/assistance-needs.schema.json``); exports to JSON, CSV and
XLSX, and the summaries a secretariat asks for.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from typing import Any, Iterable

from poa_reporter.resources import schema_path

EXPORT_SCHEMA = "assistance-needs.schema.json"
EXPORT_VERSION = "1.0"
TEXT_FIELDS = ("title", "description", "objectives")
CSV_COLUMNS = [
    "state", "state_name", "region", "cycle", "need_id", "areas", "types",
    "title_en", "title_ar", "description_en", "description_ar", "objectives_en", "objectives_ar",
    "budget_amount", "budget_currency", "timeframe_from", "timeframe_to", "implementing_partner",
    "contact_name", "contact_email", "endorsed", "shareable", "status", "source",
]


@cache
def regions() -> dict[str, str]:
    return json.loads(schema_path("un-regions.json").read_text(encoding="utf-8"))["regions"]


def cycle_of(report: dict) -> str:
    meeting = report.get("metadata", {}).get("meeting", {})
    return f"{meeting.get('type', '')}{meeting.get('number', '')}-{meeting.get('year', '')}"


def need_records(report: dict, source: str, include_private: bool = False) -> list[dict]:
    """The needs of one (valid) report as export records; private ones only if asked."""
    from poa_reporter.formatting import state_name

    meta = report.get("metadata", {})
    state = meta.get("state", "")
    out = []
    for need in (report.get("assistance") or {}).get("assistance_needs", []):
        shareable = need.get("shareable") is True
        if not shareable and not include_private:
            continue
        budget = need.get("budget") or {}
        timeframe = need.get("timeframe") or {}
        contact = need.get("contact") or {}
        record = {
            "state": state, "state_name": state_name(state, "en"), "region": regions().get(state),
            "cycle": cycle_of(report), "need_id": need["id"], "areas": list(need["areas"]), "types": list(need["types"]),
            **{f: need.get(f) for f in TEXT_FIELDS},
            "budget": budget or None, "timeframe": timeframe or None,
            "implementing_partner": need.get("implementing_partner"),
            "contact": {k: contact[k] for k in ("name", "organisation", "email", "phone") if k in contact} or None,
            "endorsed": need.get("endorsed"), "shareable": shareable, "status": need.get("status", "open"),
            "source": source,
        }
        out.append({k: v for k, v in record.items() if v is not None})
    return out


def to_json(records: list[dict]) -> str:
    doc = {"schema_version": EXPORT_VERSION, "generated": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "count": len(records), "needs": records}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def flat_row(record: dict) -> dict[str, Any]:
    row: dict[str, Any] = {k: record.get(k, "") for k in ("state", "state_name", "region", "cycle", "need_id",
                                                          "implementing_partner", "status", "source")}
    row["areas"] = ";".join(record["areas"])
    row["types"] = ";".join(record["types"])
    for f in TEXT_FIELDS:
        text = record.get(f) or {}
        row[f"{f}_en"], row[f"{f}_ar"] = text.get("en", ""), text.get("ar", "")
    budget, timeframe, contact = record.get("budget") or {}, record.get("timeframe") or {}, record.get("contact") or {}
    row["budget_amount"], row["budget_currency"] = budget.get("amount", ""), budget.get("currency", "")
    row["timeframe_from"], row["timeframe_to"] = timeframe.get("from", ""), timeframe.get("to", "")
    row["contact_name"], row["contact_email"] = contact.get("name", ""), contact.get("email", "")
    row["endorsed"] = {True: "yes", False: "no"}.get(record.get("endorsed"), "")
    row["shareable"] = "yes" if record.get("shareable") else "no"
    return {k: row[k] for k in CSV_COLUMNS}


def to_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat_row(r) for r in records)
    return buffer.getvalue()


def to_xlsx(records: list[dict]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Assistance needs"
    ws.append(CSV_COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for record in records:
        row = flat_row(record)
        ws.append([_safe_cell(row[k]) for k in CSV_COLUMNS])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column[:200])
        ws.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 60)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _safe_cell(value: Any) -> Any:
    """Spreadsheet formula injection: text starting with = + - @ is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@dataclass
class Summary:
    needs: int = 0
    states: set = field(default_factory=set)
    by_area: Counter = field(default_factory=Counter)
    by_type: Counter = field(default_factory=Counter)
    by_region: Counter = field(default_factory=Counter)
    budget_by_currency: dict = field(default_factory=lambda: defaultdict(float))

    def as_dict(self) -> dict:
        return {"needs": self.needs, "states": len(self.states), "by_area": dict(self.by_area.most_common()),
                "by_type": dict(self.by_type.most_common()), "by_region": dict(self.by_region.most_common()),
                "budget_by_currency": {c: _number(v) for c, v in sorted(self.budget_by_currency.items())}}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def summarize(records: Iterable[dict]) -> Summary:
    s = Summary()
    for r in records:
        s.needs += 1
        s.states.add(r["state"])
        s.by_area.update(r["areas"])
        s.by_type.update(r["types"])
        s.by_region[r.get("region") or "unknown"] += 1
        if r.get("budget"):
            s.budget_by_currency[r["budget"]["currency"]] += r["budget"]["amount"]
    return s
