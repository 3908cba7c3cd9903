"""The wizard application: screens and what happens when an answer changes."""
from __future__ import annotations

import copy
from collections import Counter
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, ListItem, ListView, OptionList, Select, Static
from textual.widgets.option_list import Option

from poa_reporter.formatting import state_name
from poa_reporter.i18n import N_, gettext_for, pick, tr
from poa_reporter.problems import Problem
from poa_reporter.resources import data_dir
from poa_reporter.template import Question, Section, load_template, resolve_pointer, split_pointer
from poa_reporter.validation import validate
from poa_reporter.wizard.editors import FieldChanged, _id, editor_for
from poa_reporter.wizard.store import ReportStore


def set_at(document: dict, pointer: str, value: Any) -> None:
    """Set (or, with None, remove) the value at ``pointer``, creating and pruning objects on the way."""
    tokens = split_pointer(pointer)
    trail = [document]
    node = document
    for token in tokens[:-1]:
        node = node.setdefault(token, {})
        trail.append(node)
    if value is None:
        node.pop(tokens[-1], None)
        for parent, token in zip(reversed(trail[:-1]), reversed(tokens[:-1])):
            if parent.get(token) == {}:
                del parent[token]
    else:
        node[tokens[-1]] = value


def answered(report: dict, q: Question) -> bool:
    return (report.get(q.section) or {}).get(q.key) not in (None, [], {})


class QuestionBox(Vertical):
    def __init__(self, q: Question, report: dict, lang: str):
        super().__init__(id="q" + _id(q.pointer), classes="question")
        self.q, self.report, self.lang = q, report, lang
        self.error = Static("", classes="error", markup=False)

    def compose(self) -> ComposeResult:
        q = self.q
        yield Label(f"{q.number}  {q.text(self.lang)}", classes="q-label", markup=False)
        meta = " · ".join(x for x in (q.reference, pick(q.help, self.lang)) if x)
        if meta:
            yield Label(meta, classes="q-help", markup=False)
        yield editor_for(load_template(), q.schema, q.pointer, (self.report.get(q.section) or {}).get(q.key), self.lang)
        yield self.error

    def show_problems(self, problems: list[Problem]) -> None:
        error = self.error
        error.update("\n".join(f"⚠ {p.message}" + (f" [{p.label}]" if p.label.count("›") else "") for p in problems))
        error.display = bool(problems)
        self.set_class(bool(problems), "has-error")


class SectionItem(ListItem):
    def __init__(self, section: Section, lang: str):
        super().__init__(Label("", classes="section-label", markup=False))
        self.section, self.lang = section, lang

    def refresh_count(self, report: dict, problems: int = 0) -> None:
        visible = [q for q in self.section.questions if q.visible(report)]
        done = sum(answered(report, q) for q in visible)
        mark = "⚠" if problems else "✓" if done == len(visible) else " "
        self.query_one(Label).update(f"{mark}{self.section.number:>2} {done:>2}/{len(visible):<2} {self.section.text(self.lang)}")


_SCREENS: dict[str, type] = {}


class MainScreen(Screen):
    KEYS = [  # (keys, action, description, shown in the footer)
        ("f2,ctrl+s", "save", N_("Save"), True),
        ("f3", "problems", N_("Problems"), True),
        ("f5", "render", N_("PDF"), True),
        ("f6", "export", N_("Needs CSV"), True),
        ("f9", "switch_language", N_("عربي/English"), True),
        ("f1", "help", N_("Help"), True),
        ("f10,ctrl+q", "quit_wizard", N_("Quit"), True),
        ("ctrl+pagedown,f8", "next_section", N_("Next section"), False),
        ("ctrl+pageup,f7", "previous_section", N_("Previous section"), False),
    ]

    @classmethod
    def in_language(cls, lang: str) -> type["MainScreen"]:
        """The screen class with its key descriptions (shown in the footer) in ``lang``."""
        if lang not in _SCREENS:
            _ = gettext_for(lang)
            bindings = [Binding(keys, action, _(text), show=show) for keys, action, text, show in cls.KEYS]
            _SCREENS[lang] = type(f"MainScreen_{lang}", (cls,), {"BINDINGS": bindings})
        return _SCREENS[lang]

    def __init__(self, section_key: str | None = None):
        super().__init__()
        self.start_key = section_key
        self.section_key: str | None = None

    @property
    def wizard(self) -> "WizardApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        w = self.wizard
        _ = gettext_for(w.lang)
        self.set_class(w.lang == "ar", "rtl")
        yield Static("", id="title", markup=False)
        with Horizontal(id="body"):
            yield ListView(*[SectionItem(s, w.lang) for s in w.template.sections], id="sections")
            yield VerticalScroll(id="form")
        yield Static("", id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        keys = [s.key for s in self.wizard.template.sections]
        index = keys.index(self.start_key) if self.start_key in keys else 0
        self.query_one("#sections", ListView).index = index
        self.show_section(index)

    # -- sections ----------------------------------------------------------
    def show_section(self, index: int, focus_pointer: str | None = None) -> None:
        w = self.wizard
        section = w.template.sections[index]
        w.position = {"section": section.key}
        if section.key == self.section_key and self.query(QuestionBox):
            self.after_change(focus_pointer)
            return
        self.section_key = section.key
        self.run_worker(self._build_form(section, focus_pointer), exclusive=True, group="form")

    async def _build_form(self, section: Section, focus_pointer: str | None) -> None:
        w = self.wizard
        form = self.query_one("#form", VerticalScroll)
        await form.remove_children()
        title = f"{section.number}. {section.text(w.lang)}" + (f"  ({section.reference})" if section.reference else "")
        await form.mount(Label(title, classes="section-title", markup=False), *[QuestionBox(q, w.report, w.lang) for q in section.questions])
        form.scroll_home(animate=False)
        self.call_after_refresh(self.after_change, focus_pointer)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        self.show_section(event.list_view.index or 0)

    def action_next_section(self) -> None:
        self._step(1)

    def action_previous_section(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        sections = self.query_one("#sections", ListView)
        index = max(0, min(len(self.wizard.template.sections) - 1, (sections.index or 0) + delta))
        sections.index = index
        self.show_section(index)

    def go_to(self, pointer: str) -> None:
        keys = [s.key for s in self.wizard.template.sections]
        tokens = split_pointer(pointer)
        if tokens and tokens[0] in keys:
            index = keys.index(tokens[0])
            self.query_one("#sections", ListView).index = index
            self.show_section(index, focus_pointer=pointer)

    # -- changes -----------------------------------------------------------
    def on_field_changed(self, event: FieldChanged) -> None:
        event.stop()
        w = self.wizard
        if resolve_pointer(w.report, event.pointer) == event.value:
            return  # editors announce their first value when they appear: nothing changed, nothing to save
        set_at(w.report, event.pointer, event.value)
        w.position = {"section": self.section_key, "pointer": event.pointer}
        w.store.autosave(w.report, w.position)
        self.after_change()

    def after_change(self, focus_pointer: str | None = None) -> None:
        w = self.wizard
        _ = gettext_for(w.lang)
        w.problems = validate(w.report, w.lang)
        by_question: dict[str, list[Problem]] = {}
        for p in w.problems:
            q = w.template.question_for(p.pointer)
            if q:
                by_question.setdefault(q.pointer, []).append(p)
        target = None
        for box in self.query(QuestionBox):
            box.show_problems(by_question.get(box.q.pointer, []))
            box.display = box.q.visible(w.report) or answered(w.report, box.q)
            if focus_pointer and (focus_pointer == box.q.pointer or focus_pointer.startswith(box.q.pointer + "/")):
                target = box
        per_section = Counter((split_pointer(p.pointer) or [""])[0] for p in w.problems)
        for item in self.query(SectionItem):
            item.refresh_count(w.report, per_section.get(item.section.key, 0))
        meta = w.report.get("metadata") or {}
        meeting = meta.get("meeting") or {}
        unsaved = _("unsaved changes") if w.store.dirty(w.report) else _("saved")
        self.query_one("#title", Static).update(
            f"{state_name(meta.get('state', ''), w.lang)} — {meeting.get('type', '')} {meeting.get('number', '')} ({meeting.get('year', '')})   {w.store.path.name}")
        count = len(w.problems)
        problems = _("no problems") if not count else _("{n} problem(s) — F3 to see them").format(n=count)
        self.query_one("#status", Static).update(f"{unsaved} · {problems}")
        if target is not None:
            target.scroll_visible()
            focusable = [wid for wid in target.query("*") if wid.focusable]
            if focusable:
                focusable[0].focus()

    # -- actions -----------------------------------------------------------
    def action_save(self) -> None:
        w = self.wizard
        w.store.save(w.report, w.position)
        self.after_change()
        self.notify(tr(w.lang, "Saved to {file}").format(file=w.store.path))

    def action_problems(self) -> None:
        def jump(pointer: str | None) -> None:
            if pointer is not None:
                self.go_to(pointer)
        self.app.push_screen(ProblemsScreen(self.wizard.problems, self.wizard.lang), jump)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.wizard.lang))

    def action_switch_language(self) -> None:
        self.wizard.switch_language(self.section_key)

    def action_quit_wizard(self) -> None:
        w = self.wizard
        if not w.store.dirty(w.report):
            w.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                w.store.save(w.report, w.position)
                w.exit()
            elif choice == "discard":
                w.store.discard_draft(w.position)
                w.exit()
        self.app.push_screen(QuitScreen(w.lang), answer)

    def action_render(self) -> None:
        w = self.wizard
        _ = gettext_for(w.lang)
        from poa_reporter.rules import MESSAGES

        blocking = [p for p in w.problems if p.code not in MESSAGES]
        if blocking:
            self.notify(_("Fix the {n} problem(s) in the form first (F3).").format(n=len(blocking)), severity="error")
            return
        self.notify(_("Rendering the PDF…"))
        self._render_pdf_worker(copy.deepcopy(w.report))

    @work(thread=True, exclusive=True)
    def _render_pdf_worker(self, report: dict) -> None:
        from poa_reporter.rendering import render_report

        w = self.wizard
        target = w.store.path.with_suffix(".pdf")
        try:
            render_report(report, target, "ar+en")
        except Exception as exc:  # shown, never a crash of the wizard
            self.app.call_from_thread(self.notify, f"{type(exc).__name__}: {exc}", severity="error")
            return
        self.app.call_from_thread(self.notify, tr(w.lang, "PDF written: {file}").format(file=target))

    def action_export(self) -> None:
        from poa_reporter.assistance import need_records, to_csv
        from poa_reporter.fileio import atomic_write_bytes

        w = self.wizard
        target = w.store.path.with_suffix(".needs.csv")
        records = need_records(w.report, str(w.store.path), include_private=True)
        atomic_write_bytes(target, to_csv(records).encode("utf-8"))
        self.notify(tr(w.lang, "{n} assistance need(s) written to {file}").format(n=len(records), file=target))


class ProblemsScreen(ModalScreen):
    BINDINGS = [("escape", "close", "Close")]

    def __init__(self, problems: list[Problem], lang: str):
        super().__init__(classes="rtl" if lang == "ar" else "")
        self.problems, self.lang = problems, lang

    def compose(self) -> ComposeResult:
        _ = gettext_for(self.lang)
        with Vertical(id="problems-dialog"):
            yield Label(_("Problems — Enter jumps to the question, Esc closes"), id="problems-title")
            if self.problems:
                yield OptionList(*[Option(f"{p.label or p.where()}: {p.message}", id=str(i)) for i, p in enumerate(self.problems)])
            else:
                yield Label(_("No problems: the report is valid."))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.problems[int(event.option.id)].pointer)

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen):
    BINDINGS = [("escape,f1", "close", "Close")]

    def __init__(self, lang: str):
        super().__init__(classes="rtl" if lang == "ar" else "")
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = gettext_for(self.lang)
        keys = [
            ("Tab / Shift+Tab", _("next / previous field")),
            ("↑ ↓ Enter", _("choose a section in the list; choose an option")),
            ("F7 / F8", _("previous / next section")),
            ("F2, Ctrl+S", _("save the report (changes are autosaved to a recovery draft)")),
            ("F3", _("list the problems; Enter jumps to the question")),
            ("F5", _("render the PDF next to the report")),
            ("F6", _("write the assistance needs as CSV next to the report")),
            ("F9", _("switch between Arabic and English")),
            ("F10, Ctrl+Q", _("quit (asks when there are unsaved changes)")),
            ("Esc", _("close a dialog")),
        ]
        with Vertical(id="help-dialog"):
            yield Label(_("Keys"), id="help-title")
            for key, text in keys:
                yield Label(f"{key:<16} {text}")
            yield Label(_("Answers are checked as you type; a question with a problem shows it in red."), classes="q-help")

    def action_close(self) -> None:
        self.dismiss(None)


class QuitScreen(ModalScreen):
    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, lang: str):
        super().__init__(classes="rtl" if lang == "ar" else "")
        self.lang = lang

    def compose(self) -> ComposeResult:
        _ = gettext_for(self.lang)
        with Vertical(id="quit-dialog"):
            yield Label(_("There are unsaved changes."))
            with Horizontal():
                yield Button(_("Save and quit"), id="save", variant="primary")
                yield Button(_("Quit without saving"), id="discard", variant="error")
                yield Button(_("Cancel"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NewReportScreen(Screen):
    """State, meeting and period first: what every report needs."""

    BINDINGS = [Binding("f10,ctrl+q", "app.quit", "Quit"), Binding("f9", "switch_language", "عربي/English")]

    def compose(self) -> ComposeResult:
        w: WizardApp = self.app  # type: ignore[assignment]
        _ = gettext_for(w.lang)
        self.set_class(w.lang == "ar", "rtl")
        meta = w.report.get("metadata") or {}
        meeting, period = meta.get("meeting") or {}, meta.get("period") or {}
        with VerticalScroll(id="new-report"):
            yield Label(_("New national report — {file}").format(file=w.store.path.name), classes="section-title")
            yield Label(_("Reporting State (ISO 3166-1 alpha-3 code, e.g. JOR)"), classes="sub-label")
            yield Input(meta.get("state", ""), id="state", max_length=3, placeholder="JOR")
            yield Static("", id="state-name", classes="q-help")
            yield Label(_("Meeting"), classes="sub-label")
            yield Select([(_("Biennial Meeting of States"), "BMS"), (_("Review Conference"), "RevCon")], value=meeting.get("type", "BMS"), id="type", allow_blank=False)
            with Horizontal(classes="pair"):
                yield Input(str(meeting.get("number", "")), id="number", type="integer", placeholder=_("number, e.g. 9"))
                yield Input(str(meeting.get("year", "")), id="year", type="integer", placeholder=_("year, e.g. 2026"))
            yield Label(_("Period covered (YYYY-MM-DD)"), classes="sub-label")
            with Horizontal(classes="pair"):
                yield Input(period.get("from", ""), id="from", placeholder=_("from"), max_length=10)
                yield Input(period.get("to", ""), id="to", placeholder=_("to"), max_length=10)
            yield Static("", id="new-errors", classes="error", markup=False)
            yield Button(_("Create the report"), id="create", variant="primary")
        yield Footer()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "state":
            code = event.value.strip().upper()
            name = state_name(code, self.app.lang) if len(code) == 3 else ""  # type: ignore[attr-defined]
            self.query_one("#state-name", Static).update(name if name != code else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "to":
            self.query_one("#create", Button).press()
        else:
            self.focus_next()

    def _metadata(self) -> dict:
        value = lambda i: self.query_one(f"#{i}", Input).value.strip()  # noqa: E731
        meeting: dict = {"type": self.query_one("#type", Select).value}
        for key in ("number", "year"):
            if value(key).lstrip("-").isdigit():
                meeting[key] = int(value(key))
        return {"state": value("state").upper(), "meeting": meeting, "period": {"from": value("from"), "to": value("to")}}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        w: WizardApp = self.app  # type: ignore[assignment]
        report = {"schema_version": w.template.version, "metadata": self._metadata()}
        problems = [p for p in validate(report, w.lang) if p.pointer.startswith("/metadata")]
        if problems:
            self.query_one("#new-errors", Static).update("\n".join(f"⚠ {p.label}: {p.message}" for p in problems))
            return
        w.report = report
        w.store.save(report, {"section": "metadata"})
        w.switch_screen(MainScreen.in_language(w.lang)("metadata"))

    def action_switch_language(self) -> None:
        w: WizardApp = self.app  # type: ignore[assignment]
        w.lang = "en" if w.lang == "ar" else "ar"
        w.switch_screen(NewReportScreen())


class WizardApp(App):
    CSS_PATH = str(data_dir("templates") / "wizard.tcss")
    TITLE = "poa-report wizard"
    ENABLE_COMMAND_PALETTE = False
    # Textual's own Ctrl+Q quits at once, before any screen sees the key: ask first.
    BINDINGS = [Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True)]

    def action_request_quit(self) -> None:
        if isinstance(self.screen, MainScreen):
            self.screen.action_quit_wizard()
        elif not isinstance(self.screen, ModalScreen):
            self.exit()  # the new-report form: nothing has been written yet

    def __init__(self, path: str, lang: str = "en"):
        super().__init__()
        self.template = load_template()
        self.store = ReportStore(path)
        self.lang = lang
        self.report: dict = {}
        self.problems: list[Problem] = []
        self.position: dict = {}
        self.opened = self.store.open(lang)  # raises LoadError before any screen is drawn

    def on_mount(self) -> None:
        opened = self.opened
        self.report, self.position = opened.report, opened.position
        _ = gettext_for(self.lang)
        if opened.new and not opened.recovered:
            self.push_screen(NewReportScreen())
            return
        self.push_screen(MainScreen.in_language(self.lang)(self.position.get("section")))
        if opened.recovered:
            self.notify(_("Unsaved changes from an earlier session were recovered from the draft. F2 saves them; "
                          "quitting without saving discards them."), timeout=10)

    def switch_language(self, section_key: str | None) -> None:
        self.lang = "en" if self.lang == "ar" else "ar"
        self.switch_screen(MainScreen.in_language(self.lang)(section_key))
