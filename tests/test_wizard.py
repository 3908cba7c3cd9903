"""The wizard, driven with Textual's pilot as an official would use it."""
import json
import shutil

import pytest
from textual.widgets import Input, Label, RadioSet, TextArea

from conftest import EXAMPLES

from poa_reporter.wizard.app import MainScreen, NewReportScreen, ProblemsScreen, QuitScreen, SectionItem, WizardApp
from poa_reporter.wizard.tables import RowEditor


def texts(app) -> str:
    """Every label and static text currently displayed (rendered content)."""
    out = []
    for widget in app.screen.query("Label, Static"):
        if widget.display and widget.parent is not None and getattr(widget.parent, "display", True):
            out.append(str(widget.render()))
    return "\n".join(out)


@pytest.fixture
def report_copy(tmp_path):
    def copy(name="minimal-valid.json"):
        target = tmp_path / "report.json"
        shutil.copy(EXAMPLES / name, target)
        return target
    return copy


async def until(pilot, condition, seconds=5.0):
    """Let the app work until ``condition()`` holds (a loaded CI machine is slow)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def go_to_section(pilot, index):
    screen = pilot.app.screen
    screen.query_one("#sections").index = index
    screen.show_section(index)
    key = pilot.app.template.sections[index].key
    assert await until(pilot, lambda: any(box.q.section == key for box in screen.query("QuestionBox")))
    await pilot.pause()


async def test_fill_a_section_fix_an_error_save_and_reopen(report_copy):
    path = report_copy()
    app = WizardApp(str(path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, MainScreen)
        await go_to_section(pilot, 6)  # tracing
        assert "6. Tracing" in texts(app)
        received = app.screen.query_one("#f_tracing_requests_received", Input)
        answered = app.screen.query_one("#f_tracing_requests_answered", Input)
        received.focus()
        await pilot.press(*"4")
        answered.focus()
        await pilot.press(*"6")
        await pilot.pause()
        assert "“Tracing requests answered” (6) is more than “Tracing requests received” together (4)." in texts(app)
        assert "1 problem(s) — F3 to see them" in texts(app)
        # the problems panel lists it and jumps to the question
        await pilot.press("f3")
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # fix it
        answered.focus()
        await pilot.press("backspace", "3")
        await pilot.pause()
        assert "no problems" in texts(app)
        assert "unsaved changes" in texts(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "saved" in texts(app)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["tracing"] == {"requests_received": 4, "requests_answered": 3}

    app = WizardApp(str(path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.section_key == "tracing"  # resumes where the user left off
        assert app.screen.query_one("#f_tracing_requests_answered", Input).value == "3"


async def test_yes_without_details_is_flagged_until_details_are_typed(report_copy):
    path = report_copy()
    app = WizardApp(str(path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_section(pilot, 8)  # brokering
        radio = app.screen.query_one("#f_brokering_brokering_law_answer", RadioSet)
        radio.focus()
        await pilot.press("enter")  # the first button: yes
        await pilot.pause()
        assert "Details are expected when the answer is “yes”." in texts(app)
        brokering = str(app.screen.query(SectionItem)[8].query_one(Label).render())
        assert brokering.startswith("⚠ 8"), "the section list marks the section with a problem"
        details = app.screen.query_one("#f_brokering_brokering_law_details", TextArea)
        assert details.display
        details.focus()
        await pilot.press(*"Law 7 of 2020")
        await pilot.pause()
        assert "Details are expected" not in texts(app)
        assert not str(app.screen.query(SectionItem)[8].query_one(Label).render()).startswith("⚠")
    draft = json.loads((path.parent / ".report.json.draft").read_text(encoding="utf-8"))
    assert draft["report"]["brokering"]["brokering_law"] == {"answer": "yes", "details": {"en": "Law 7 of 2020"}}


async def test_add_an_assistance_need(report_copy):
    path = report_copy()
    app = WizardApp(str(path), "en")
    async with app.run_test(size=(100, 40)) as pilot:
        await go_to_section(pilot, 15)
        needs = app.screen.query_one("#f_assistance_needs_assistance", RadioSet)
        needs.focus()
        await pilot.press("enter")  # yes: the needs table appears
        await pilot.pause()
        add = app.screen.query_one("#qf_assistance_assistance_needs .add")
        assert add.display and app.screen.query_one("#qf_assistance_assistance_needs").display
        add.press()
        await pilot.pause()
        assert isinstance(app.screen, RowEditor)
        app.screen.query_one("#f_id", Input).value = "N1"
        await pilot.pause()
        await pilot.press("ctrl+s")  # keep row: required fields missing
        await pilot.pause()
        assert isinstance(app.screen, RowEditor)
        assert "Required: Areas, Type of assistance, Title" in str(app.screen.query_one("#row-error").render())
        areas, types = app.screen.query_one("#f_areas"), app.screen.query_one("#f_types")
        assert await until(pilot, lambda: areas.is_mounted and types.is_mounted)
        assert areas.option_count and types.option_count
        areas.select("marking")
        types.select("equipment")
        title = app.screen.query_one("#f_title", TextArea)
        title.focus()
        await pilot.press(*"Marking machines")
        app.screen.query_one("#f_shareable").value = True
        editor = app.screen
        assert await until(pilot, lambda: {"title", "areas", "types", "shareable"} <= set(editor.row)), editor.row
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.pause()
        assert "Marking machines" in str(app.screen.query_one("#qf_assistance_assistance_needs DataTable").get_row_at(0))
        await pilot.press("f2")
        await pilot.pause()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["assistance"]["needs_assistance"] == "yes"
    assert saved["assistance"]["assistance_needs"] == [
        {"id": "N1", "areas": ["marking"], "types": ["equipment"], "title": {"en": "Marking machines"}, "shareable": True}]


async def test_arabic_interface_shows_arabic_labels_and_mirrors_the_layout(report_copy):
    app = WizardApp(str(report_copy("jordan-bms9-ar.json")), "ar")
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_section(pilot, 4)
        shown = texts(app)
        assert "هل توضع العلامات على الأسلحة وقت صنعها؟" in shown
        assert "وضع العلامات" in shown
        assert "لا توجد مشكلات" in shown
        assert app.screen.has_class("rtl")
        sections = app.screen.query_one("#sections")
        assert sections.region.x > app.screen.query_one("#form").region.x  # the section list is on the right
        await pilot.press("f9")  # switch to English inside the app
        await pilot.pause()
        assert "Are weapons marked at the time of manufacture?" in texts(app)
        assert app.screen.section_key == "marking"


async def test_quitting_with_unsaved_changes_asks(report_copy):
    path = report_copy()
    before = path.read_text(encoding="utf-8")
    app = WizardApp(str(path), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to_section(pilot, 3)
        field = app.screen.query_one("#f_manufacture_licensed_manufacturers", Input)
        field.focus()
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+q")  # Textual's own Ctrl+Q would quit at once
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen) and app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert path.read_text(encoding="utf-8") == before   # nothing saved behind the user's back
    # the draft keeps the change; opening again recovers it
    app = WizardApp(str(path), "en")
    assert app.opened.recovered
    assert app.opened.report["manufacture"]["licensed_manufacturers"] == 7


async def test_new_report_asks_for_state_meeting_and_period_first(tmp_path):
    path = tmp_path / "new.json"
    app = WizardApp(str(path), "en")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NewReportScreen)
        screen = app.screen
        screen.query_one("#state", Input).value = "XXZ"
        screen.query_one("#number", Input).value = "9"
        screen.query_one("#year", Input).value = "2026"
        screen.query_one("#from", Input).value = "2024-01-01"
        screen.query_one("#to", Input).value = "2025-12-31"
        screen.query_one("#create").press()
        await pilot.pause()
        assert "is not an ISO 3166-1 alpha-3 country code" in str(screen.query_one("#new-errors").render())
        screen.query_one("#state", Input).value = "jor"
        await pilot.pause()
        assert "Jordan" in str(screen.query_one("#state-name").render())
        screen.query_one("#create").press()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert json.loads(path.read_text(encoding="utf-8"))["metadata"]["state"] == "JOR"


def test_cli_refuses_an_unreadable_report(cli, tmp_path):
    (tmp_path / "bad.json").write_bytes(b"\xff\xfe{")
    r = cli("wizard", tmp_path / "bad.json")
    assert r.code == 2 and "UTF-16" in r.err
    assert cli("wizard", tmp_path).code == 2
