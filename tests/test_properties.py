"""Property-based: whatever the schema allows, every part of the toolkit handles.

Reports are generated from the schema itself by hypothesis-jsonschema, so a question
added to the template is covered here without touching this file.
"""
import copy
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema
from pypdf import PdfReader

from poa_reporter import assistance
from poa_reporter.models import parse_report
from poa_reporter.rendering import check_renderable, renderer
from poa_reporter.rules import MESSAGES as RULE_MESSAGES
from poa_reporter.template import load_template
from poa_reporter.validation import is_schema_valid, validate, validate_document


def _report_schema() -> dict:
    schema = copy.deepcopy(load_template().schema)  # a copy: hypothesis-jsonschema rewrites what it is given
    schema.pop("$id")  # with an $id, it tries to fetch "#/$defs/…" as a remote document
    return schema


REPORTS = from_schema(_report_schema())
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(REPORTS)
def test_every_schema_valid_report_passes_the_models_and_comes_back_unchanged(report):
    model = parse_report(report)
    dumped = model.model_dump(mode="json", exclude_unset=True, by_alias=True)
    assert dumped == report
    assert is_schema_valid(dumped), "what the models produce validates against the schema"


@SETTINGS
@given(REPORTS)
def test_every_schema_valid_report_validates_with_rule_problems_only(report):
    problems = validate(report, "ar")
    assert all(p.code in RULE_MESSAGES for p in problems), problems
    assert all(p.message and "{" not in p.message for p in problems)


@SETTINGS
@given(REPORTS)
def test_every_schema_valid_report_exports_its_needs(report):
    records = assistance.need_records(report, "generated.json", include_private=True)
    document = json.loads(assistance.to_json(records))
    assert validate_document(document, assistance.EXPORT_SCHEMA) == []
    assert len(assistance.to_csv(records).splitlines()) >= len(records) + 1
    assistance.summarize(records)


@SETTINGS
@given(REPORTS)
def test_every_schema_valid_report_builds_its_pdf_page(report):
    check_renderable("generated.json", report)
    html = renderer().html(report, "ar+en")
    assert 'dir="rtl"' in html and "<script" not in html


@settings(SETTINGS, max_examples=3)  # a PDF takes seconds: a few examples
@given(REPORTS)
def test_schema_valid_reports_render_to_pdf(report):
    pdf = PdfReader(io.BytesIO(renderer().render(report, "ar+en")))
    assert len(pdf.pages) >= 3  # cover, contents, sections
