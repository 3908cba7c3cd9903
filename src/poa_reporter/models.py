"""pydantic v2 models of a national report.

The answer types (the schema's ``$defs``) are written out here because views
rely on their fields; the sections and the report are assembled from the
schema's question list, so no question is listed twice. ``tests/test_models.py``
proves the models accept and reject the same documents as the schema.
"""
from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictFloat,
                      StrictStr, create_model, model_validator)

from poa_reporter.template import Template, load_template


def _real_date(value: str) -> str:
    dt.date.fromisoformat(value)
    return value


def _unique(items: list) -> list:
    seen = []
    for item in items:
        if item in seen:
            raise ValueError("items must be unique")
        seen.append(item)
    return items


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)

    @model_validator(mode="before")
    @classmethod
    def _absent_not_null(cls, data: Any) -> Any:
        # optional fields may be left out, never set to null (as in the schema)
        if isinstance(data, dict):
            nulls = [k for k, v in data.items() if v is None]
            if nulls:
                raise ValueError(f"null is not allowed for {', '.join(map(str, nulls))}")
        return data

    def dump(self) -> dict:
        """Back to the JSON data it was read from (unset fields stay absent)."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)


def _integral(value: int | float) -> int | float:
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("must be a whole number")
    return value


# JSON Schema counts 1.0 as an integer; so do the models
JsonInt = Annotated[Union[StrictInt, StrictFloat], AfterValidator(_integral)]
Date = Annotated[StrictStr, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_real_date)]
Count = Annotated[JsonInt, Field(ge=0, le=10**12)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=20000)]
YesNo = Literal["yes", "no", "not_applicable"]
Reference = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
StateCode = Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")]
AssistanceArea = Literal[
    "legislation", "national_coordination", "stockpile_management", "surplus_destruction", "marking",
    "record_keeping", "tracing", "transfer_border_controls", "brokering", "collection_ddr", "law_enforcement",
    "data_sdg_16_4_2", "gender", "public_awareness", "reporting_capacity", "other"]
AssistanceType = Literal["financial", "technical_expertise", "equipment", "training"]
Region = Literal["africa", "americas", "asia", "europe", "oceania"]


def UniqueList(item: Any, min_length: int = 0, max_length: int | None = None):  # noqa: N802 - a type factory
    return Annotated[list[item], Field(min_length=min_length, max_length=max_length), AfterValidator(_unique)]


class LocalizedText(Model):
    ar: Optional[Text] = None
    en: Optional[Text] = None
    fr: Optional[Text] = None
    es: Optional[Text] = None
    ru: Optional[Text] = None
    zh: Optional[Text] = None

    @model_validator(mode="after")
    def _one_language(self):
        if not self.model_fields_set:
            raise ValueError("give the text in at least one language")
        return self

    def get(self, lang: str, fallback: bool = True) -> str:
        value = getattr(self, lang, None)
        if value or not fallback:
            return value or ""
        return self.en or next(v for v in (getattr(self, k) for k in self.model_fields_set) if v)


class YesNoDetails(Model):
    answer: YesNo
    details: Optional[LocalizedText] = None


class Period(Model):
    from_: Date = Field(alias="from")
    to: Date
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Contact(Model):
    name: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    title: Optional[Annotated[StrictStr, Field(max_length=200)]] = None
    organisation: Optional[Annotated[StrictStr, Field(max_length=300)]] = None
    email: Optional[Annotated[StrictStr, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]] = None
    phone: Optional[Annotated[StrictStr, Field(max_length=50, pattern=r"^\+?[0-9 ()./-]{4,50}$")]] = None


class Money(Model):
    amount: Annotated[Union[StrictInt, StrictFloat], Field(ge=0, le=1e13)]
    currency: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")]


LawScope = Literal["production", "export", "import", "transit", "retransfer", "brokering", "possession", "other"]


class Law(Model):
    title_original: Annotated[StrictStr, Field(min_length=1, max_length=1000)]
    title_en: Optional[Annotated[StrictStr, Field(max_length=1000)]] = None
    description: Optional[LocalizedText] = None
    scope: Optional[UniqueList(LawScope)] = None
    date: Optional[Date] = None
    url: Optional[Annotated[StrictStr, Field(max_length=2000, pattern=r"^https?://[^\s]+$")]] = None


class NationalTarget(Model):
    area: AssistanceArea
    target: LocalizedText
    baseline: Optional[LocalizedText] = None
    indicator: Optional[LocalizedText] = None
    deadline: Optional[Date] = None
    progress: Optional[LocalizedText] = None


class AssistanceNeed(Model):
    id: Reference
    areas: UniqueList(AssistanceArea, 1)
    types: UniqueList(AssistanceType, 1)
    title: LocalizedText
    description: Optional[LocalizedText] = None
    objectives: Optional[LocalizedText] = None
    budget: Optional[Money] = None
    timeframe: Optional[Period] = None
    implementing_partner: Optional[Annotated[StrictStr, Field(max_length=300)]] = None
    contact: Optional[Contact] = None
    endorsed: Optional[StrictBool] = None
    shareable: Optional[StrictBool] = None
    status: Optional[Literal["open", "matched", "funded", "closed"]] = None

    @property
    def may_share(self) -> bool:
        """Needs are private unless the State said they may be shared with donors."""
        return self.shareable is True


class AssistanceOffer(Model):
    id: Reference
    donor: Annotated[StrictStr, Field(min_length=1, max_length=300)]
    areas: UniqueList(AssistanceArea, 1)
    types: UniqueList(AssistanceType, 1)
    regions: Optional[UniqueList(Region)] = None
    states: Optional[UniqueList(StateCode)] = None
    budget_min: Optional[Money] = None
    budget_max: Optional[Money] = None
    description: Optional[LocalizedText] = None
    contact: Optional[Contact] = None


class AssistanceReceived(Model):
    source: Annotated[StrictStr, Field(min_length=1, max_length=300)]
    areas: Optional[UniqueList(AssistanceArea)] = None
    types: Optional[UniqueList(AssistanceType)] = None
    description: Optional[LocalizedText] = None
    date: Optional[Date] = None


class Sdg1642(Model):
    seized: Optional[Count] = None
    found: Optional[Count] = None
    surrendered: Optional[Count] = None
    traced: Optional[Count] = None

    @property
    def traced_ratio(self) -> float | None:
        """The SDG 16.4.2 proportion, derived (never typed in the report)."""
        total = (self.seized or 0) + (self.found or 0) + (self.surrendered or 0)
        return None if not total or self.traced is None else self.traced / total


DEF_MODELS: dict[str, Any] = {
    "yes_no": YesNo, "localized_text": LocalizedText, "yes_no_details": YesNoDetails, "count": Count,
    "date": Date, "period": Period, "contact": Contact, "money": Money, "law": Law,
    "national_target": NationalTarget, "assistance_area": AssistanceArea, "assistance_type": AssistanceType,
    "region": Region, "state_code": StateCode, "assistance_need": AssistanceNeed,
    "assistance_offer": AssistanceOffer, "assistance_received": AssistanceReceived, "sdg_16_4_2": Sdg1642,
}


def _annotation(template: Template, node: dict, name: str) -> Any:
    """The pydantic type for an inline schema node (questions of the sections)."""
    if "$ref" in node:
        return DEF_MODELS[node["$ref"].rsplit("/", 1)[-1]]
    if "const" in node:
        return Literal[node["const"]]
    typ = node.get("type")
    if typ == "string" and "enum" in node:
        return Literal[tuple(node["enum"])]
    if typ == "string":
        return Annotated[StrictStr, Field(min_length=node.get("minLength"), max_length=node.get("maxLength"), pattern=node.get("pattern"))]
    if typ == "boolean":
        return StrictBool
    if typ == "integer":
        return Annotated[JsonInt, Field(ge=node.get("minimum"), le=node.get("maximum"))]
    if typ == "array":
        item = _annotation(template, node["items"], name)
        if node.get("uniqueItems"):
            return UniqueList(item, node.get("minItems", 0), node.get("maxItems"))
        return Annotated[list[item], Field(min_length=node.get("minItems", 0), max_length=node.get("maxItems"))]
    if typ == "object":
        return _object_model(template, node, name)
    raise TypeError(f"schema node {name!r} has no model mapping")


def _object_model(template: Template, node: dict, name: str) -> type[Model]:
    required = set(node.get("required", ()))
    fields = {}
    for key, child in node["properties"].items():
        annotation = _annotation(template, child, f"{name}_{key}")
        fields[key] = (annotation, ...) if key in required else (Optional[annotation], None)
    return create_model(name, __base__=Model, **fields)


@cache
def report_model() -> type[Model]:
    template = load_template()
    return _object_model(template, template.schema, "NationalReport")


def parse_report(data: dict) -> Model:
    """A validated report model (raises ``pydantic.ValidationError``)."""
    return report_model().model_validate(data)
