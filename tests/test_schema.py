"""The template schema: well formed, complete, bilingual."""
import re

from jsonschema import Draft202012Validator

from poa_reporter.template import load_template

ARABIC = re.compile(r"[\u0600-\u06FF]")


def test_schema_is_valid_2020_12_with_id_and_version():
    t = load_template()
    Draft202012Validator.check_schema(t.schema)
    assert t.schema["$schema"].endswith("2020-12/schema")
    assert t.schema["$id"]
    assert t.version == t.schema["x-schema-version"] == "1.0"


def test_outline_has_metadata_and_sixteen_sections_and_enough_questions():
    t = load_template()
    assert [s.number for s in t.sections] == list(range(17))
    assert t.sections[0].key == "metadata"
    assert {"marking", "record_keeping", "tracing", "brokering", "assistance", "national_targets"} <= {s.key for s in t.sections}
    assert len(t.questions) >= 70


def test_every_question_has_english_and_arabic_labels():
    for q in load_template().questions.values():
        assert q.label["en"].strip(), q.pointer
        assert ARABIC.search(q.label["ar"]), q.pointer
        if q.help:
            assert ARABIC.search(q.help["ar"]), q.pointer


def test_every_choice_is_labelled_in_both_languages():
    t = load_template()
    for q in t.questions.values():
        if q.kind in ("single_choice", "multiple_choice", "yes_no"):
            values = q.schema["enum"] if q.kind != "multiple_choice" else t.resolve(q.schema["items"])["enum"]
            assert set(values) == set(q.choices), q.pointer
            for label in q.choices.values():
                assert label["en"] and ARABIC.search(label["ar"])


def test_questions_under_sections_carry_poa_or_iti_references():
    t = load_template()
    referenced = [q for s in t.sections[1:] for q in s.questions if q.reference]
    assert len(referenced) >= 60
    assert all(re.match(r"(PoA|ITI|SDG)", q.reference) for q in referenced)


def test_conditions_point_at_existing_questions():
    t = load_template()
    for q in t.questions.values():
        if q.show_if:
            target = t.node_at(q.show_if["pointer"])
            assert target is not None, q.pointer
            assert set(q.show_if["in"]) <= set(target.get("enum", ())), q.pointer


def test_labels_follow_the_un_glossary():
    t = load_template()
    assert "وضع العلامات" in t.sections[4].label["ar"]
    assert "حفظ السجلات" in t.sections[5].label["ar"]
    assert "التعقب" in t.sections[6].label["ar"]
    assert "السمسرة" in t.sections[8].label["ar"]
    assert t.questions["/assistance/assistance_needs"].label["ar"] == "الاحتياجات من المساعدة"
