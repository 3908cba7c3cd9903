"""One editor widget per answer type, generated from the schema.

Every editor knows the JSON Pointer it edits and posts ``FieldChanged`` with
the new JSON value (``None``: unanswered). Editors never touch the report
themselves: the screen that holds them applies the change.
"""
from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, SelectionList, Static, TextArea

from poa_reporter.i18n import pick, tr
from poa_reporter.template import Template, join_pointer


class FieldChanged(Message):
    def __init__(self, pointer: str, value: Any):
        super().__init__()
        self.pointer, self.value = pointer, value


def _id(pointer: str) -> str:
    return "f" + "".join(c if c.isalnum() else "_" for c in pointer)


class YesNoEditor(RadioSet):
    """yes / no / not applicable; the value is the answer string."""

    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, **kw):
        self.pointer = pointer
        self.values = list(node["enum"])
        buttons = [RadioButton(pick(node["x-choices"][v], lang), value=(v == value)) for v in self.values]
        super().__init__(*buttons, id=_id(pointer), classes="yesno", **kw)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.pointer, self.values[event.index]))


class LocalizedTextEditor(TextArea):
    """Free text in the interface language; the other languages' text is kept as it is."""

    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, **kw):
        self.pointer, self.lang = pointer, lang
        self.others = {k: v for k, v in (value or {}).items() if k != lang}
        super().__init__((value or {}).get(lang, ""), id=_id(pointer), classes="text", soft_wrap=True, compact=True, **kw)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = self.text.strip()
        value = dict(self.others, **({self.lang: self.text} if text else {}))
        self.post_message(FieldChanged(self.pointer, value or None))


class ScalarInput(Input):
    """Counts, numbers, dates and plain text in one line."""

    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, kind: str = "text", **kw):
        self.pointer, self.kind = pointer, kind
        input_type = {"count": "integer", "integer": "integer", "number": "number"}.get(kind, "text")
        placeholder = node.get("x-format-hint", "")
        super().__init__("" if value is None else str(value), type=input_type, placeholder=placeholder,
                         id=_id(pointer), classes=f"scalar {kind}", compact=True, **kw)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = self.value.strip()
        if not text:
            value = None
        elif self.kind in ("count", "integer"):
            try:
                value = int(text)
            except ValueError:
                return
        elif self.kind == "number":
            try:
                number = float(text)
            except ValueError:
                return
            value = int(number) if number.is_integer() and "." not in text else number
        elif self.kind == "state_code":
            value = text.upper()
        else:
            value = text
        self.post_message(FieldChanged(self.pointer, value))


class ChoiceSelect(Select):
    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, **kw):
        self.pointer = pointer
        choices = node.get("x-choices") or {v: {"en": str(v)} for v in node["enum"]}
        options = [(pick(choices.get(v, {"en": str(v)}), lang), v) for v in node["enum"]]
        super().__init__(options, prompt=tr(lang, "(not answered)"), value=value if value in node["enum"] else Select.NULL,
                         id=_id(pointer), compact=True, **kw)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL or event.value is Select.BLANK else event.value
        self.post_message(FieldChanged(self.pointer, value))


class BooleanSelect(ChoiceSelect):
    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, **kw):
        yes_no = template.defs["yes_no"]["x-choices"]
        super().__init__(template, {"enum": [True, False], "x-choices": {True: yes_no["yes"], False: yes_no["no"]}},
                         pointer, value, lang, **kw)


class MultiChoice(SelectionList):
    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, **kw):
        self.pointer = pointer
        choices = template.choices_of(node) or {}
        chosen = set(value or [])
        super().__init__(*[(pick(label, lang), v, v in chosen) for v, label in choices.items()], id=_id(pointer), classes="multi", **kw)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        order = [o.value for o in (self.get_option_at_index(i) for i in range(self.option_count))]
        chosen = [v for v in order if v in self.selected]
        self.post_message(FieldChanged(self.pointer, chosen or None))


class YesNoDetailsEditor(Vertical):
    """The answer, and the details box shown when details are expected (or already given)."""

    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, **kw):
        super().__init__(classes="yesno-details", **kw)
        self.template, self.node, self.pointer, self.lang = template, node, pointer, lang
        self.value = dict(value or {})
        self.expected = node.get("x-details-expected-when", ["yes"])

    def compose(self):
        answer = self.template.resolve(self.node["properties"]["answer"])
        yield YesNoEditor(self.template, answer, join_pointer(self.pointer, "answer"), self.value.get("answer"), self.lang)
        yield Label(tr(self.lang, "Details:"), classes="sub-label details")
        yield LocalizedTextEditor(self.template, {}, join_pointer(self.pointer, "details"), self.value.get("details"), self.lang)

    def on_mount(self) -> None:
        self._show_details()

    def _show_details(self) -> None:
        show = self.value.get("answer") in self.expected or bool(self.value.get("details"))
        for widget in (self.query_one(LocalizedTextEditor), self.query_one(".details")):
            widget.display = show

    def on_field_changed(self, event: FieldChanged) -> None:
        if event.pointer == self.pointer:
            return  # our own message, on its way up
        event.stop()
        key = event.pointer.rsplit("/", 1)[-1]
        if event.value is None:
            self.value.pop(key, None)
        else:
            self.value[key] = event.value
        self._show_details()
        self.post_message(FieldChanged(self.pointer, dict(self.value) if "answer" in self.value else (self.value or None)))


class GroupEditor(Vertical):
    """An object of fields (contact, period, money, meeting, SDG counts): one editor per field."""

    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, **kw):
        super().__init__(classes="group", **kw)
        self.template, self.node, self.pointer, self.lang = template, node, pointer, lang
        self.value = dict(value or {})

    def compose(self):
        for key, child in self.template.children(self.node):
            label = child.get("x-label")
            yield Label(pick(label, self.lang) if label else key, classes="sub-label", markup=False)
            yield editor_for(self.template, child, join_pointer(self.pointer, key), self.value.get(key), self.lang)

    def on_field_changed(self, event: FieldChanged) -> None:
        if event.pointer == self.pointer:
            return  # our own message, on its way up
        event.stop()
        key = event.pointer[len(self.pointer) + 1:].split("/", 1)[0]
        if event.value is None:
            self.value.pop(key, None)
        else:
            self.value[key] = event.value
        self.post_message(FieldChanged(self.pointer, dict(self.value) or None))


def editor_for(template: Template, node: dict, pointer: str, value: Any, lang: str) -> Widget:
    node = template.resolve(node)
    kind = template.kind_of(node)
    if kind == "yes_no":
        return YesNoEditor(template, node, pointer, value, lang)
    if kind == "yes_no_details":
        return YesNoDetailsEditor(template, node, pointer, value, lang)
    if kind == "text":
        return LocalizedTextEditor(template, node, pointer, value, lang)
    if kind == "single_choice":
        return ChoiceSelect(template, node, pointer, value, lang)
    if kind == "multiple_choice":
        return MultiChoice(template, node, pointer, value, lang)
    if kind == "boolean":
        return BooleanSelect(template, node, pointer, value, lang)
    if kind == "table":
        from poa_reporter.wizard.tables import TableEditor

        return TableEditor(template, node, pointer, value, lang)
    if kind in ("group", "contact", "period", "money"):
        return GroupEditor(template, node, pointer, value, lang)
    scalar = {"count": "count", "date": "date", "state_code": "state_code"}.get(kind) or (
        node.get("type") if node.get("type") in ("integer", "number") else "text")
    return ScalarInput(template, node, pointer, value, lang, kind=scalar)


class Note(Static):
    pass
