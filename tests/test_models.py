"""The pydantic models accept exactly what the schema accepts."""
import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from pydantic import ValidationError

from conftest import INVALID_EXAMPLES, VALID_EXAMPLES
from poa_reporter.models import DEF_MODELS, parse_report
from poa_reporter.template import load_template
from poa_reporter.validation import is_schema_valid
from pydantic import TypeAdapter


@pytest.mark.parametrize("path", VALID_EXAMPLES, ids=lambda p: p.name)
def test_examples_round_trip_through_the_models_unchanged(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert parse_report(data).dump() == data


@pytest.mark.parametrize("path", [p for p in INVALID_EXAMPLES if p.name.startswith("schema-")], ids=lambda p: p.name)
def test_models_reject_what_the_schema_rejects(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert not is_schema_valid(data)
    with pytest.raises(ValidationError):
        parse_report(data)


def test_typed_access_for_views(example):
    report = parse_report(example("chad-bms9-bilingual.json"))
    assert report.metadata.state == "TCD"
    assert report.metadata.period.from_ == "2024-01-01"
    need = report.assistance.assistance_needs[0]
    assert need.title.get("ar") and need.title.get("en")
    assert report.diversion.sdg_16_4_2.traced_ratio == pytest.approx(402 / 1645)


TEMPLATE = load_template()
DEFS = TEMPLATE.schema["$defs"]


def _def_schema(name):
    # a deep copy: hypothesis-jsonschema canonicalises the schema it is given in place,
    # and the template is shared (cached) with every other test in the process
    return copy.deepcopy({**DEFS[name], "$defs": DEFS})


@pytest.mark.parametrize("name", sorted(DEFS))
def test_models_accept_every_instance_the_schema_generates(name):
    adapter = TypeAdapter(DEF_MODELS[name])
    strategy = from_schema(_def_schema(name))

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def check(instance):
        value = adapter.validate_python(instance)
        dumped = adapter.dump_python(value, mode="json", exclude_unset=True, by_alias=True)
        assert dumped == instance

    check()


@pytest.mark.parametrize("name", sorted(DEFS))
def test_schema_accepts_every_instance_the_models_accept(name):
    """Arbitrary JSON values: whenever the model accepts one, the schema does too, and the reverse."""
    from jsonschema import Draft202012Validator, FormatChecker

    adapter = TypeAdapter(DEF_MODELS[name])
    validator = Draft202012Validator(_def_schema(name), format_checker=FormatChecker(["date"]))
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers(-5, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
        | st.sampled_from(["yes", "no", "USD", "2025-01-01", "2025-02-30", "JOR", "N1", "marking", "training", "", "a@b.co"]),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(
            st.sampled_from(["answer", "details", "en", "ar", "from", "to", "amount", "currency", "name", "id", "areas", "types", "title", "seized", "traced", "x"]),
            children, max_size=4),
        max_leaves=8)
    candidates = json_values | from_schema(_def_schema(name))

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(candidates)
    def check(instance):
        try:
            adapter.validate_python(instance)
            model_ok = True
        except ValidationError:
            model_ok = False
        assert model_ok == validator.is_valid(instance), instance

    check()


@pytest.mark.parametrize("value,ok", [(3, True), (3.0, True), (3.5, False), (True, False), ("3", False), (-1, False)])
def test_counts_follow_json_schema_integer_semantics(minimal, value, ok):
    minimal["tracing"] = {"requests_sent": value}
    assert is_schema_valid(minimal) is ok
    if ok:
        assert parse_report(minimal).dump() == minimal
    else:
        with pytest.raises(ValidationError):
            parse_report(minimal)


@pytest.mark.parametrize("name", sorted(DEFS))
def test_fast_validator_agrees_with_the_reference_validator(name):
    """validation trusts jsonschema-rs's "valid": it must never pass what python-jsonschema rejects."""
    import jsonschema_rs
    from jsonschema import Draft202012Validator, FormatChecker

    fast = jsonschema_rs.Draft202012Validator(_def_schema(name), validate_formats=True)
    reference = Draft202012Validator(_def_schema(name), format_checker=FormatChecker(["date"]))
    odd = st.sampled_from(["2025-02-30", "2025-1-01", "", "USD", 1.0, 1.5, -0.0, True, None, {}, [], "\u202e", "a" * 20001])

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(from_schema(_def_schema(name)) | odd | st.dictionaries(st.sampled_from(["answer", "en", "from", "to", "amount", "currency", "id"]), odd, max_size=3))
    def check(instance):
        assert fast.is_valid(instance) == reference.is_valid(instance), instance

    check()
