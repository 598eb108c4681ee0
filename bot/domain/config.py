"""The services file: the support services, their channels and on-call, SLAs and routing words.

An administrator edits it (YAML); ``load_services_config`` validates it and turns every mistake
into one ``ConfigError`` naming the key and what is wrong.
"""

from __future__ import annotations

import re
from datetime import timedelta
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.domain.calendars import ALWAYS, CalendarConfig, TimeZoneName
from bot.domain.catalogue import CatalogueItem, Key, check_catalogue
from bot.domain.durations import parse_duration
from bot.domain.errors import ConfigError
from bot.domain.governance import AdminsConfig, UsergroupId
from bot.domain.knowledge import KnowledgeConfig
from bot.domain.models import Language, Priority, TicketType
from bot.domain.resolution import ResolutionNote
from bot.domain.resolution_categories import ResolutionCategories
from bot.domain.retention import RetentionConfig
from bot.domain.saved_replies import SavedReplies
from bot.domain.slack_ids import CHANNEL_REF, EMOJI_NAME, USER_ID, explain_mismatch

Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
UserId = Annotated[str, Field(pattern=USER_ID)]
ChannelRef = Annotated[str, Field(pattern=CHANNEL_REF)]  # an id (C…, G…) or a #name

DEFAULT_TYPE_SERVICES: dict[TicketType, str] = {
    TicketType.INCIDENT: "service_desk",
    TicketType.SERVICE_REQUEST: "internal_it",
    TicketType.PROBLEM: "internal_it",
    TicketType.INFORMATION_REQUEST: "service_desk",
    TicketType.IMPROVEMENT_REQUEST: "app_dev",
    TicketType.TRAINING_REQUEST: "service_desk",
    TicketType.EMERGENCY: "infra_network",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedName(_Strict):
    fr: str = Field(min_length=1, max_length=60)
    en: str = Field(min_length=1, max_length=60)

    def in_language(self, language: Language) -> str:
        return self.fr if language is Language.FR else self.en


FRENCH_ARTICLES: dict[str, str] = {"le": "le", "la": "la", "l’": "l’", "l'": "l’", "les": "les"}
"""The articles a service's French name may take (``l'`` typed with a straight apostrophe is
read as ``l’``)."""
VOWELS = frozenset("aeiouyàâäéèêëîïôöûùüœæ")
"""The letters French elides before (« d’Infrastructure », « l’Infrastructure »)."""


class ServiceName(str):
    """A service's name as a text puts it in a sentence: the name, and the article French puts
    before it (``le``, ``la``, ``l’``, ``les``; ``None`` when the services file gives none:
    the name is then written bare, « d’ » before a vowel). ``t()`` reads the article from the
    value itself, so two services files loaded in one process never mix their articles."""

    article: str | None

    def __new__(cls, text: str, article: str | None = None) -> ServiceName:
        name = super().__new__(cls, text)
        name.article = article
        return name

    def respelled(self, text: str) -> ServiceName:
        """The same service written otherwise (escaped for Slack), keeping its article."""
        return ServiceName(text, self.article)


def _french_article(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in FRENCH_ARTICLES:
        return FRENCH_ARTICLES[value.strip().lower()]
    if isinstance(value, str):
        raise ValueError(f"{value!r} is not a French article: write le, la, l’ or les")
    return value


class ServiceArticle(_Strict):
    """``article: {fr: le}``: the article of the service's French name (English names take
    none)."""

    fr: Annotated[str, BeforeValidator(_french_article)]


class OncallLevel(_Strict):
    """People paged together: named, or the members of Slack user groups (an on-call rotation
    a scheduling tool keeps in a group), as last synced."""

    users: list[UserId] = Field(default_factory=list)
    usergroups: list[UsergroupId] = Field(default_factory=list)
    after: Duration = timedelta(0)

    @model_validator(mode="after")
    def _someone(self) -> OncallLevel:
        if not self.users and not self.usergroups:
            raise ValueError(
                "an on-call level needs at least one user id (users) or user group "
                "(usergroups); remove the level if nobody is on it"
            )
        return self


class ServiceConfig(_Strict):
    name: LocalizedName
    article: ServiceArticle | None = None  # « les membres du Centre de support »; None: bare
    channel: ChannelRef
    language: Language = Language.EN
    agents: list[UserId] = Field(default_factory=list)
    oncall: list[OncallLevel] = Field(default_factory=list)
    repage_every: Duration = timedelta(minutes=5)
    page_p1: bool = False  # page on-call for every P1 ticket, not only emergencies
    calendar: str | None = None  # its clocks' opening hours (``calendars``); None: 24/7
    usergroups: list[UsergroupId] = Field(default_factory=list)  # Slack groups of its agents
    channel_members_are_agents: bool = False  # members of its channel work it too
    ack_assigns: bool = True  # acknowledging a page takes the ticket
    private: bool = False  # security or HR cases: a private channel, seen by its people only
    resolution_note: ResolutionNote | None = None  # asked on resolve; None: not asked
    saved_replies: SavedReplies = Field(default_factory=dict)  # bot/domain/saved_replies.py
    resolution_categories: ResolutionCategories | None = None  # None: the built-in list

    @field_validator("oncall")
    @classmethod
    def _levels_in_order(cls, levels: list[OncallLevel]) -> list[OncallLevel]:
        afters = [level.after for level in levels]
        if afters != sorted(afters):
            raise ValueError("levels must be listed in order of their 'after' delay")
        return levels

    @model_validator(mode="after")
    def _article_fits_name(self) -> ServiceConfig:
        """``l’`` before a vowel (or h), ``le``/``la`` never before a vowel: « l’Infrastructure »,
        not « le Infrastructure »; a typo in either would print in every French message."""
        if self.article is None:
            return self
        article, first = self.article.fr, self.name.fr[:1].lower()
        if article == "l’" and first.isalpha() and first not in VOWELS and first != "h":
            raise ValueError(
                f"article.fr: l’ goes before a vowel or an h, not {self.name.fr!r}: write le or la"
            )
        if article in ("le", "la") and first in VOWELS:
            raise ValueError(f"article.fr: before {self.name.fr!r} French writes l’, not {article}")
        return self

    @model_validator(mode="after")
    def _private_channel_by_id(self) -> ServiceConfig:
        if self.private and self.channel.startswith("#"):
            raise ValueError(
                "channel: a private service needs its channel's id (G… or C…), not a name"
            )
        return self

    @field_validator("repage_every")
    @classmethod
    def _positive_repage(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("must be longer than 0s")
        return value


class SlaTarget(_Strict):
    response: Duration
    resolution: Duration
    remind_every: Duration | None = None  # reminders of a late ticket; default: ``response``
    calendar: str | None = None  # overrides the service's calendar for this priority

    @model_validator(mode="after")
    def _response_first(self) -> SlaTarget:
        if self.response > self.resolution:
            raise ValueError("the response target must not be longer than the resolution target")
        if self.response <= timedelta(0):
            raise ValueError("the response target must be longer than 0s")
        if self.remind_every is not None and self.remind_every < timedelta(minutes=1):
            raise ValueError("remind_every must be at least 1m")
        return self

    @property
    def reminder_cadence(self) -> timedelta:
        """How often a late ticket's owner is reminded: ``remind_every``, else the response
        target (P1 every 15 min, P3 every 4 h, ... with the default targets)."""
        return self.remind_every or self.response


class SchedulerConfig(_Strict):
    tick: Duration = timedelta(seconds=30)

    @field_validator("tick")
    @classmethod
    def _positive_tick(cls, value: timedelta) -> timedelta:
        if value < timedelta(seconds=1):
            raise ValueError("must be at least 1s")
        return value


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


_ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DAY_NAMES: dict[str, str] = {
    **dict(zip(_ENGLISH_DAYS, WEEKDAYS, strict=True)),
    **dict(zip(_FRENCH_DAYS, WEEKDAYS, strict=True)),
}


def _weekday(value: Any) -> Any:
    """``Monday``, ``mon``, ``lundi`` -> ``mon`` (APScheduler's ``day_of_week`` spelling)."""
    if isinstance(value, str):
        word = value.strip().lower()
        return _DAY_NAMES.get(word, word)
    return value


class DigestConfig(_Strict):
    """The weekly digest posted in each service channel (``digest:`` in the services file)."""

    enabled: bool = True
    day: Annotated[Weekday, BeforeValidator(_weekday)] = "mon"
    hour: int = Field(default=9, ge=0, le=23)
    minute: int = Field(default=0, ge=0, le=59)
    timezone: TimeZoneName = "UTC"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class ProblemsConfig(_Strict):
    """Recurring incidents and storms (``bot/problems.py``, ``bot/storm.py``).

    ``threshold`` similar open incidents of one service filed within ``window`` make Guichet
    suggest a problem; ``notices_per_minute`` paces the direct messages sent in bulk (the fix
    of a problem told to every requester), well under Slack's rate limits.
    """

    enabled: bool = True
    threshold: int = Field(default=3, ge=2, le=50)
    window: Duration = timedelta(hours=2)
    notices_per_minute: int = Field(default=120, ge=1, le=1000)

    @field_validator("window")
    @classmethod
    def _sensible_window(cls, value: timedelta) -> timedelta:
        if value < timedelta(minutes=1) or value > timedelta(days=30):
            raise ValueError("must be between 1m and 30d")
        return value


def _emoji_name(value: Any) -> Any:
    """``:ticket:`` as Slack shows it is ``ticket``."""
    return value.strip().strip(":") if isinstance(value, str) else value


DEFAULT_SLA: dict[Priority, SlaTarget] = {
    Priority.P1: SlaTarget(response=timedelta(minutes=15), resolution=timedelta(hours=4)),
    Priority.P2: SlaTarget(response=timedelta(hours=1), resolution=timedelta(hours=8)),
    Priority.P3: SlaTarget(response=timedelta(hours=4), resolution=timedelta(days=2)),
    Priority.P4: SlaTarget(response=timedelta(days=1), resolution=timedelta(days=5)),
    Priority.P5: SlaTarget(response=timedelta(days=2), resolution=timedelta(days=10)),
}


class ServicesConfig(_Strict):
    default_service: str
    language: Language = Language.EN
    ticket_reaction: Annotated[str, BeforeValidator(_emoji_name)] = Field(
        default="ticket", pattern=EMOJI_NAME
    )
    scheduler: SchedulerConfig = SchedulerConfig()
    digest: DigestConfig = DigestConfig()
    problems: ProblemsConfig = ProblemsConfig()
    knowledge: KnowledgeConfig = KnowledgeConfig()
    services: dict[str, ServiceConfig] = Field(min_length=1)
    types: dict[TicketType, str] = Field(default_factory=dict)
    sla: dict[Priority, SlaTarget] = Field(default_factory=dict)
    keywords: dict[str, list[str]] = Field(default_factory=dict)
    calendars: dict[str, CalendarConfig] = Field(default_factory=dict)
    catalogue: dict[Key, CatalogueItem] = Field(default_factory=dict)  # bot/domain/catalogue.py
    admins: AdminsConfig = AdminsConfig()
    retention: RetentionConfig = RetentionConfig()  # bot/domain/retention.py

    @model_validator(mode="before")
    @classmethod
    def _services_speak_the_file_language(cls, raw: Any) -> Any:
        """A service without its own ``language`` posts in the file's: ``language: fr`` at the
        top (said to be the service channels' language) left every channel in English."""
        if not isinstance(raw, dict) or raw.get("language") not in set(Language):
            return raw  # unset, or wrong: said once, at the top
        services = raw.get("services")
        if not isinstance(services, dict):
            return raw
        filled = {
            key: {"language": raw["language"], **service} if isinstance(service, dict) else service
            for key, service in services.items()
        }
        return {**raw, "services": filled}

    @model_validator(mode="after")
    def _known_services(self) -> ServicesConfig:
        named = [(f"services.{sid}.calendar", s.calendar) for sid, s in self.services.items()]
        named += [(f"sla.{priority}.calendar", t.calendar) for priority, t in self.sla.items()]
        for key, calendar in named:
            if calendar is not None and calendar != ALWAYS and calendar not in self.calendars:
                calendars = ", ".join([ALWAYS, *sorted(self.calendars)])
                raise ValueError(f"{key}: unknown calendar {calendar!r} (known: {calendars})")
        known = set(self.services)
        if self.default_service not in known:
            raise ValueError(_unknown("default_service", self.default_service, known))
        for ticket_type, service in self.types.items():
            if service not in known:
                raise ValueError(_unknown(f"types.{ticket_type}", service, known))
        for service in self.keywords:
            if service not in known:
                raise ValueError(_unknown(f"keywords.{service}", service, known))
        if problems := check_catalogue(self.catalogue, known):
            raise ValueError("; ".join(problems))
        return self

    def service_for_type(self, ticket_type: TicketType) -> str:
        """The service a type goes to when its text says nothing more."""
        configured = self.types.get(ticket_type)
        if configured:
            return configured
        fallback = DEFAULT_TYPE_SERVICES[ticket_type]
        return fallback if fallback in self.services else self.default_service

    @property
    def type_services(self) -> dict[TicketType, str]:
        return {ticket_type: self.service_for_type(ticket_type) for ticket_type in TicketType}

    def sla_for(self, priority: Priority) -> SlaTarget:
        return self.sla.get(priority, DEFAULT_SLA[priority])

    def service(self, service_id: str) -> ServiceConfig:
        return self.services[service_id]

    @property
    def usergroups(self) -> frozenset[str]:
        """Every Slack user group a roster names (services', their on-call levels' and
        admins')."""
        named = {group for service in self.services.values() for group in service.usergroups}
        named |= {
            group
            for service in self.services.values()
            for level in service.oncall
            for group in level.usergroups
        }
        return frozenset(named | set(self.admins.usergroups))

    def service_name(self, service_id: str, language: Language) -> ServiceName:
        """The service's name in ``language``, with its French article (its id, bare, when the
        file no longer lists it)."""
        service = self.services.get(service_id)
        if service is None:
            return ServiceName(service_id)
        article = service.article.fr if service.article and language is Language.FR else None
        return ServiceName(service.name.in_language(language), article)


def _unknown(key: str, value: str, known: set[str]) -> str:
    return f"{key}: unknown service {value!r} (known: {', '.join(sorted(known))})"


BUNDLED_CONFIG = "default_services.yml"


def read_config_text(
    path: str | Path | None, package: str, bundled: str, label: str
) -> tuple[str, str]:
    """The text of the file at ``path`` (or of ``package``'s bundled file when ``None``) and how
    to name it in errors. Raises ``ConfigError`` when it cannot be read."""
    if path is None:
        return resources.files(package).joinpath(bundled).read_text(encoding="utf-8"), (
            f"bundled {label}"
        )
    source = f"{label} {path}"
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ConfigError(f"{source}: cannot be read ({error.strerror or error})") from None
    return utf8_text(data, source), source


def utf8_text(data: bytes, source: str) -> str:
    """``data`` as UTF-8 text; ``ConfigError`` naming the line of the first byte that is not
    (a file saved as Latin-1 or Windows-1252 by an editor: « Sécurité » breaks it)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(
            f"{source}: line {line} is not UTF-8 (byte 0x{data[error.start]:02x}): save the file "
            "as UTF-8"
        ) from None


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key given twice in one mapping (valid YAML syntax, but never what the admin meant)."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping: plain YAML keeps the last
    one silently, so a service pasted twice (or two ``agents:`` lines) would drop the first
    without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                continue  # unhashable: the base loader says so itself
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKey(
                    None,
                    None,
                    f"{key!r} is given twice in the same block (lines {seen[key]} and {line}): "
                    "keep one",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def parse_yaml_mapping(text: str, source: str) -> dict[str, Any]:
    """The YAML mapping in ``text``; ``ConfigError`` naming the line when it is malformed or
    gives a key twice in one mapping."""
    try:
        raw: Any = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        if isinstance(error, _DuplicateKey):
            raise ConfigError(f"{source}: {error.problem}") from None
        where = getattr(error, "problem_mark", None)
        position = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ConfigError(f"{source}: malformed YAML{position}: {problem}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: expected a mapping of settings at the top level")
    return raw


def load_services_config(path: str | Path | None = None) -> ServicesConfig:
    """Read and validate the services file at ``path``, or the bundled default when ``None``."""
    text, source = read_config_text(path, __package__, BUNDLED_CONFIG, "services file")
    return parse_services_config(text, source, Path(path).parent if path is not None else None)


def parse_services_config(
    text: str, source: str = "services file", base: Path | None = None
) -> ServicesConfig:
    """Validate the services file's ``text``; relative folders in it are read from ``base``."""
    raw = parse_yaml_mapping(text, source)
    try:
        return ServicesConfig.model_validate(raw, context={"base": base})
    except ValidationError as error:
        raise ConfigError(f"{source}: {describe_validation_error(error)}") from None


def _setting_names(model: Any, seen: set[Any] | None = None) -> set[str]:
    """Every key a model of the services file (and the models inside it) reads."""
    seen = set() if seen is None else seen
    if not isinstance(model, type) or not issubclass(model, BaseModel) or model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for field in model.model_fields.values():
        pending: list[Any] = [field.annotation]
        while pending:
            annotation = pending.pop()
            names |= _setting_names(annotation, seen)
            pending.extend(get_args(annotation))
    return names


def _unknown_setting(key: str) -> str:
    """``unknown setting``, with the known key it is probably a typo of."""
    typed = key.rsplit(".", 1)[-1]
    close = get_close_matches(typed, sorted(_setting_names(ServicesConfig)), n=1, cutoff=0.75)
    return f"unknown setting (did you mean {close[0]}?)" if close else "unknown setting"


def _explained(problem: Any, key: str) -> str:
    """Pydantic's message about ``problem``, in the words of someone editing the file."""
    kind, message = problem["type"], problem["msg"].removeprefix("Value error, ")
    context = problem.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_setting(key)
    if kind == "missing":
        return "required setting is missing"
    if problem.get("input", "") is None and kind.endswith("_type"):
        if key.endswith("channel"):
            return 'has no value (in YAML # starts a comment: write a #name in quotes, "#it-help")'
        return "has no value: write one after the colon, or remove the line"
    if kind == "string_pattern_mismatch":
        return explain_mismatch(str(context.get("pattern")), problem["input"]) or message
    if kind in ("bool_parsing", "bool_type"):
        return f"write true or false, not {problem['input']!r}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"write a whole number, not {problem['input']!r}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"write a block of settings (key: value lines), not {problem['input']!r}"
    if kind in ("enum", "literal_error") and isinstance(problem.get("input"), str):
        allowed = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        close = get_close_matches(problem["input"], allowed, n=1, cutoff=0.6)
        return f"{message} (did you mean {close[0]}?)" if close else str(message)
    if kind == "list_type":
        return f"write a list, like [{problem['input']}], not {problem['input']!r}"
    return str(message)


def describe_validation_error(error: ValidationError) -> str:
    """One line per problem: ``key.path: what is wrong``."""
    lines = []
    for problem in error.errors(include_url=False):
        parts = [str(part) for part in problem["loc"]]
        key = ".".join(p for p in parts if not p.startswith("function") and p != "[key]")
        message = _explained(problem, key)
        if message.startswith(f"{key}: ") or not key:
            lines.append(message)
        else:
            lines.append(f"{key}: {message}")
    return "; ".join(lines)
