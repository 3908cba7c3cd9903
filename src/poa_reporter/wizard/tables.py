"""Table answers (laws, targets, assistance needs and offers): a list of rows,
each edited in a form of its own."""
from __future__ import annotations

import copy
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Label, Static

from poa_reporter.answers import as_text
from poa_reporter.i18n import gettext_for, pick, tr
from poa_reporter.template import Template, split_pointer
from poa_reporter.wizard.editors import FieldChanged, editor_for


class RowEditor(ModalScreen):
    """A form for one row; returns the row, or None when cancelled."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s,f2", "keep", "Keep row")]

    def __init__(self, template: Template, row_node: dict, row: dict, lang: str, title: str):
        super().__init__(classes="rtl" if lang == "ar" else "")
        self.template, self.row_node, self.lang, self.title = template, row_node, lang, title
        self.row = copy.deepcopy(row)

    def compose(self) -> ComposeResult:
        _ = gettext_for(self.lang)
        with Vertical(id="row-dialog"):
            yield Label(self.title, id="row-title")
            with VerticalScroll(id="row-form"):
                for key, child in self.template.children(self.row_node):
                    label = pick(child.get("x-label"), self.lang) or key
                    required = key in self.row_node.get("required", ())
                    yield Label(label + (" *" if required else ""), classes="sub-label", markup=False)
                    yield editor_for(self.template, child, "/" + key, self.row.get(key), self.lang)
            yield Static("", id="row-error", classes="error", markup=False)
            with Horizontal(id="row-buttons"):
                yield Button(_("Keep row"), id="keep", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_field_changed(self, event: FieldChanged) -> None:
        event.stop()
        key = split_pointer(event.pointer)[0]
        if event.value is None:
            self.row.pop(key, None)
        else:
            self.row[key] = event.value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_keep() if event.button.id == "keep" else self.action_cancel()

    def action_keep(self) -> None:
        missing = [pick(self.template.resolve(self.row_node["properties"][k]).get("x-label"), self.lang) or k
                   for k in self.row_node.get("required", ()) if k not in self.row]
        if missing:
            self.query_one("#row-error", Static).update(tr(self.lang, "Required: {fields}").format(fields=", ".join(missing)))
            return
        self.dismiss(self.row)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TableEditor(Vertical):
    def __init__(self, template: Template, node: dict, pointer: str, value: Any, lang: str, **kw):
        super().__init__(classes="table-editor", **kw)
        self.template, self.node, self.pointer, self.lang = template, node, pointer, lang
        self.row_node = template.resolve(node["items"])
        self.rows: list[dict] = copy.deepcopy(value or [])
        self.columns = self.row_node.get("x-columns") or [k for k, _ in template.children(self.row_node)][:4]

    def compose(self) -> ComposeResult:
        _ = gettext_for(self.lang)
        table = DataTable(cursor_type="row", zebra_stripes=True, classes="rows")
        yield table
        with Horizontal(classes="table-buttons"):
            yield Button(_("Add row"), classes="add", compact=True)
            yield Button(_("Edit"), classes="edit", compact=True)
            yield Button(_("Delete"), classes="delete", compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in self.columns:
            node = self.template.resolve(self.row_node["properties"][key])
            table.add_column(pick(node.get("x-label"), self.lang) or key, key=key)
        self._refresh()

    def _refresh(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(*[as_text(self.template, self.row_node["properties"][k], row.get(k), self.lang)[:40] for k in self.columns])
        table.styles.height = min(len(self.rows), 6) + 2  # header, rows, horizontal scroll bar

    def _changed(self) -> None:
        self._refresh()
        self.post_message(FieldChanged(self.pointer, copy.deepcopy(self.rows) or None))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.has_class("add"):
            self.open_row(None)
        elif self.rows:
            index = min(self.query_one(DataTable).cursor_row, len(self.rows) - 1)
            if event.button.has_class("edit"):
                self.open_row(index)
            else:
                del self.rows[index]
                self._changed()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_row(event.cursor_row)

    def open_row(self, index: int | None) -> None:
        _ = gettext_for(self.lang)
        row = self.rows[index] if index is not None else {}
        title = (_("Row {n}").format(n=index + 1) if index is not None else _("New row"))

        def done(result: dict | None) -> None:
            if result is None:
                return
            if index is None:
                self.rows.append(result)
            else:
                self.rows[index] = result
            self._changed()

        self.app.push_screen(RowEditor(self.template, self.row_node, row, self.lang, title), done)
