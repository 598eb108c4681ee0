"""The service catalogue of the services file: what people can ask for, and the form of each.

An item (``catalogue.<id>``) names a request in French and English, the service it goes to, its
ticket type and its fields. Every limit below is Slack's (Block Kit: option text 75 characters,
option value 150, 100 options per select, 3,000 characters per text input, 100 blocks per
modal), so a catalogue that loads is a catalogue Slack will draw: a mistake stops start-up with
one line naming the key, never a form that fails to open in front of someone.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.domain.approvals import ApprovalConfig
from bot.domain.models import Language, Level, TicketType
from bot.domain.slack_ids import ITEM_KEY

OPTION_TEXT_MAX = 75  # Block Kit option text (an item's name in the picker, a choice's label)
OPTIONS_MAX = 100  # options of a static select; option groups of one too
TEXT_INPUT_MAX = 3000  # plain_text_input max_length
LABEL_MAX = 2000  # input block label and hint
FILES_MAX = 10  # file_input's max_files
ITEMS_MAX = 1000  # past 50 the menu is searched as people type; a services file stays readable
FIELDS_MAX = 40  # a modal holds 100 blocks: the item's fields plus the picker, intro, ...
OTHER_ITEM = "something_else"  # the picker's "Something else": today's free form

FieldKind = Literal[
    "short_text",
    "long_text",
    "number",
    "date",
    "select",
    "multi_select",
    "users",
    "channels",
    "checkbox",
    "file",
]
CHOICE_KINDS: frozenset[str] = frozenset({"select", "multi_select"})
TEXT_KINDS: frozenset[str] = frozenset({"short_text", "long_text"})
Key = Annotated[str, Field(pattern=ITEM_KEY)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OptionText(_Strict):
    """A name people pick from a menu: Slack shows at most 75 characters of an option."""

    fr: str = Field(min_length=1, max_length=OPTION_TEXT_MAX)
    en: str = Field(min_length=1, max_length=OPTION_TEXT_MAX)

    def in_language(self, language: Language) -> str:
        return self.fr if language is Language.FR else self.en


class LongText(_Strict):
    """A label, a help text or a description (Slack's input labels and hints: 2,000)."""

    fr: str = Field(min_length=1, max_length=LABEL_MAX)
    en: str = Field(min_length=1, max_length=LABEL_MAX)

    def in_language(self, language: Language) -> str:
        return self.fr if language is Language.FR else self.en


class CatalogueField(_Strict):
    """One question of an item's form."""

    type: FieldKind
    label: LongText
    help: LongText | None = None
    required: bool = True
    max_length: int | None = Field(default=None, ge=1, le=TEXT_INPUT_MAX)  # texts
    min: float | None = None  # numbers
    max: float | None = None
    decimals: bool = False
    options: dict[Key, OptionText] = Field(default_factory=dict)  # selects
    max_files: int | None = Field(default=None, ge=1, le=FILES_MAX)  # files
    filetypes: list[Annotated[str, Field(pattern=r"^[a-z0-9]{1,10}$")]] = Field(
        default_factory=list
    )

    @model_validator(mode="after")
    def _settings_fit_the_type(self) -> CatalogueField:
        if self.type in CHOICE_KINDS:
            if not self.options:
                raise ValueError(f"a {self.type} field needs options")
            if len(self.options) > OPTIONS_MAX:
                raise ValueError(f"at most {OPTIONS_MAX} options (Slack's limit for a menu)")
        elif self.options:
            raise ValueError("options: only select and multi_select fields have options")
        if self.type != "number" and (self.min is not None or self.max is not None):
            raise ValueError("min and max: only number fields have them")
        if self.type != "number" and self.decimals:
            raise ValueError("decimals: only number fields have it")
        if self.type != "file" and (self.max_files is not None or self.filetypes):
            raise ValueError("max_files and filetypes: only file fields have them")
        if self.type not in TEXT_KINDS and self.max_length is not None:
            raise ValueError("max_length: only short_text and long_text fields have it")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is greater than max ({self.max:g})")
        if self.type == "checkbox" and self.required:
            return self.model_copy(update={"required": False})  # unticked is an answer
        return self

    @property
    def files_limit(self) -> int:
        """How many files a file field takes (Slack's file_input: 10 at most)."""
        return self.max_files or FILES_MAX

    @property
    def text_limit(self) -> int:
        """The longest text a text field takes."""
        return self.max_length or (150 if self.type == "short_text" else 2800)


class CatalogueItem(_Strict):
    """Something people can ask for (``catalogue.<id>`` in the services file)."""

    name: OptionText
    description: LongText | None = None
    service: str
    type: TicketType = TicketType.SERVICE_REQUEST
    impact: Level = Level.MEDIUM
    urgency: Level = Level.MEDIUM
    keywords: list[str] = Field(default_factory=list)  # extra words /ticket <text> matches
    fields: dict[Key, CatalogueField] = Field(default_factory=dict, max_length=FIELDS_MAX)
    approval: ApprovalConfig | None = None  # bot/domain/approvals.py

    @model_validator(mode="after")
    def _threshold_on_a_number(self) -> CatalogueItem:
        when = self.approval.when if self.approval else None
        if when is not None:
            spec = self.fields.get(when.field)
            if spec is None or spec.type != "number":
                raise ValueError(f"approval.when.field: {when.field!r} is not a number field")
        return self


def check_catalogue(catalogue: dict[str, CatalogueItem], services: set[str]) -> list[str]:
    """What is wrong with the catalogue as a whole, one line per mistake (the services file's
    validator raises them): unknown services, too many items for one menu."""
    problems = [
        f"catalogue.{item_id}.service: unknown service {item.service!r} "
        f"(known: {', '.join(sorted(services))})"
        for item_id, item in catalogue.items()
        if item.service not in services
    ]
    if OTHER_ITEM in catalogue:
        problems.append(f"catalogue.{OTHER_ITEM}: this id is kept for “Something else”")
    if len(catalogue) > ITEMS_MAX:
        problems.append(f"catalogue: {len(catalogue)} items; at most {ITEMS_MAX}")
    return problems
