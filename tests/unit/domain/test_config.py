"""The services file and the environment: valid files load, mistakes name their key."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app.settings import load_settings
from bot.domain.config import load_services_config, parse_services_config
from bot.domain.durations import format_duration, parse_duration
from bot.domain.errors import ConfigError
from bot.domain.models import Language, Priority, TicketType

MINIMAL = """
default_service: service_desk
services:
  service_desk:
    name: {fr: "Centre de support", en: "Service desk"}
    channel: C0DESK
"""


@pytest.mark.parametrize(
    "text,expected",
    [
        ("30s", timedelta(seconds=30)),
        ("15m", timedelta(minutes=15)),
        ("4h", timedelta(hours=4)),
        ("2d", timedelta(days=2)),
        (" 1w ", timedelta(weeks=1)),
        (0, timedelta(0)),
        ("0s", timedelta(0)),
    ],
)
def test_durations(text: str | int, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "10", "ten minutes", "5x", "-3m", "1.5h", "m5", True])
def test_bad_durations(text: object) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)  # type: ignore[arg-type]


def test_a_number_without_its_unit_is_refused_not_read_as_seconds() -> None:
    """``repage_every: 5`` meant five minutes, and paged every five seconds."""
    with pytest.raises(ValueError) as caught:
        parse_duration(5)
    assert str(caught.value) == (
        "5 has no unit: write 5s, 5m, 5h or 5d (seconds, minutes, hours or days)"
    )
    message = _error(MINIMAL + "    repage_every: 5\n")
    assert message == (
        "services file x.yml: services.service_desk.repage_every: 5 has no unit: write 5s, 5m, "
        "5h or 5d (seconds, minutes, hours or days)"
    )


def test_format_duration_round_trips() -> None:
    for text in ["30s", "15m", "90m", "4h", "2d"]:
        assert format_duration(parse_duration(text)) == text


def test_bundled_file_covers_every_service_and_type() -> None:
    config = load_services_config(None)
    assert set(config.services) == {
        "service_desk",
        "internal_it",
        "app_dev",
        "security",
        "infra_network",
    }
    assert set(config.types) == set(TicketType)
    assert config.service_for_type(TicketType.EMERGENCY) == "infra_network"
    assert config.sla_for(Priority.P1).response == timedelta(minutes=15)
    assert config.scheduler.tick == timedelta(seconds=30)
    assert config.service("security").name.in_language(Language.FR) == "Sécurité informatique"


def test_minimal_file_falls_back_to_defaults() -> None:
    config = parse_services_config(MINIMAL)
    assert config.ticket_reaction == "ticket"
    # types pointing at services the file does not define fall back to the default service
    assert config.service_for_type(TicketType.EMERGENCY) == "service_desk"
    assert config.sla_for(Priority.P5).resolution == timedelta(days=10)


def _error(text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_services_config(text, "services file x.yml")
    return str(caught.value)


def test_malformed_yaml_names_the_line() -> None:
    message = _error("services: [unclosed\n  foo: bar")
    assert message.startswith("services file x.yml: malformed YAML at line")


def test_not_a_mapping() -> None:
    assert "mapping" in _error("- just\n- a list")


def test_unknown_default_service() -> None:
    message = _error(MINIMAL.replace("default_service: service_desk", "default_service: helpme"))
    assert "default_service: unknown service 'helpme'" in message


def test_unknown_service_in_types_and_keywords() -> None:
    assert "types.incident: unknown service 'nope'" in _error(
        MINIMAL + "types:\n  incident: nope\n"
    )
    assert "keywords.nope: unknown service" in _error(MINIMAL + "keywords:\n  nope: [vpn]\n")


def test_unknown_type() -> None:
    assert "types.outage" in _error(MINIMAL + "types:\n  outage: service_desk\n")


def test_bad_duration_names_its_key() -> None:
    text = MINIMAL + "    oncall:\n      - users: [U0AAA]\n        after: soon\n"
    message = _error(text)
    assert "services.service_desk.oncall.0.after" in message
    assert "'soon' is not a duration" in message


def test_bad_scheduler_tick() -> None:
    assert "scheduler.tick" in _error(MINIMAL + "scheduler: {tick: 0s}\n")


def test_problems_settings_and_their_defaults() -> None:
    bundled = load_services_config(None).problems
    assert (bundled.threshold, bundled.window, bundled.notices_per_minute) == (
        3,
        timedelta(hours=2),
        120,
    )
    config = parse_services_config(MINIMAL)
    assert config.problems.enabled and config.problems.threshold == 3
    custom = parse_services_config(MINIMAL + "problems: {threshold: 5, window: 30m}\n")
    assert custom.problems.threshold == 5 and custom.problems.window == timedelta(minutes=30)
    off = parse_services_config(MINIMAL + "problems: {enabled: false}\n")
    assert not off.problems.enabled


@pytest.mark.parametrize(
    "setting,key",
    [
        ("{threshold: 1}", "problems.threshold"),
        ("{threshold: many}", "problems.threshold"),
        ("{window: 0s}", "problems.window"),
        ("{window: 90d}", "problems.window"),
        ("{window: soon}", "problems.window"),
        ("{notices_per_minute: 0}", "problems.notices_per_minute"),
        ("{treshold: 3}", "problems.treshold: unknown setting"),
    ],
)
def test_bad_problems_settings_name_their_key(setting: str, key: str) -> None:
    assert key in _error(MINIMAL + f"problems: {setting}\n")


def test_unknown_setting_is_refused() -> None:
    assert "servces: unknown setting" in _error(MINIMAL + "servces: {}\n")


def test_bad_channel_and_user_ids() -> None:
    assert "services.service_desk.channel" in _error(MINIMAL.replace("C0DESK", "desk channel"))
    assert "services.service_desk.agents.0" in _error(MINIMAL + "    agents: [bob]\n")


def test_a_key_given_twice_is_refused_with_both_lines() -> None:
    """Plain YAML keeps the last of two equal keys: a service pasted twice under another's name
    (or two ``agents:`` lines) silently lost the first."""
    twice = MINIMAL + (
        "  service_desk:\n"
        '    name: {fr: "Centre de support", en: "Service desk"}\n'
        "    channel: C0OTHER\n"
    )
    message = _error(twice)
    assert message == (
        "services file x.yml: 'service_desk' is given twice in the same block (lines 4 and 7): "
        "keep one"
    )
    message = _error(MINIMAL + "    agents: [U0AAA]\n    agents: [U0BBB]\n")
    assert "'agents' is given twice in the same block (lines 7 and 8)" in message


def test_equal_keys_in_different_blocks_are_fine() -> None:
    text = (
        MINIMAL + "    oncall:\n      - users: [U0AAA]\n      - users: [U0BBB]\n        after: 5m\n"
    )
    assert len(parse_services_config(text).service("service_desk").oncall) == 2


@pytest.mark.parametrize(
    "typo,message",
    [
        (
            "    agent: [U0AAA]\n",
            "services.service_desk.agent: unknown setting (did you mean agents?)",
        ),
        ("keyword: {}\n", "keyword: unknown setting (did you mean keywords?)"),
        (
            "    chanel: C0X\n",
            "services.service_desk.chanel: unknown setting (did you mean channel?)",
        ),
        ("nothing_like_it: 1\n", "nothing_like_it: unknown setting"),
    ],
)
def test_an_unknown_setting_names_the_one_it_is_probably_a_typo_of(typo: str, message: str) -> None:
    assert _error(MINIMAL + typo) == f"services file x.yml: {message}"


@pytest.mark.parametrize(
    "value,expected",
    [
        (
            "marie@example.com",
            "'marie@example.com' is not a Slack user id: write the member id, "
            "like U0123ABCD (in Slack: the person's profile, ⋮, Copy member ID)",
        ),
        ("S0TEAM", "'S0TEAM' is a user group's id, not a person's: name it under usergroups"),
        ("https://acme.slack.com/team/U0MARIE", "is a link: write only the id at its end, U0MARIE"),
    ],
)
def test_a_user_id_of_the_wrong_shape_says_what_to_write(value: str, expected: str) -> None:
    message = _error(MINIMAL + f"    agents: ['{value}']\n")
    assert message.startswith("services file x.yml: services.service_desk.agents.0: ")
    assert expected in message and "pattern" not in message


@pytest.mark.parametrize("value", ["it-help", "c0desk", "Desk channel"])
def test_a_channel_of_the_wrong_shape_says_what_to_write(value: str) -> None:
    message = _error(MINIMAL.replace("C0DESK", repr(value)))
    assert message == (
        f"services file x.yml: services.service_desk.channel: {value!r} is not a channel: write "
        "its id, like C0123ABCD (the channel's details, at the bottom), or its name with # in "
        "lower case, like #it-help"
    )
    linked = _error(MINIMAL.replace("C0DESK", "https://acme.slack.com/archives/C0DESK"))
    assert linked.endswith("is a link: write only the id at its end, C0DESK")


def test_an_oncall_level_with_nobody_and_a_list_written_as_a_word() -> None:
    empty = _error(MINIMAL + "    oncall:\n      - users: []\n")
    assert empty == (
        "services file x.yml: services.service_desk.oncall.0: an on-call level needs at least "
        "one user id (users) or user group (usergroups); remove the level if nobody is on it"
    )
    word = _error(MINIMAL + "    agents: U0AAA\n")
    assert word.endswith("services.service_desk.agents: write a list, like [U0AAA], not 'U0AAA'")


@pytest.mark.parametrize(
    "line,message",
    [
        (
            "    private: yes please\n",
            "services.service_desk.private: write true or false, not 'yes please'",
        ),
        ("problems: {threshold: three}\n", "problems.threshold: write a whole number, not 'three'"),
        ("digest: weekly\n", "digest: write a block of settings (key: value lines), not 'weekly'"),
    ],
)
def test_a_value_of_the_wrong_type_says_what_to_write(line: str, message: str) -> None:
    assert _error(MINIMAL + line) == f"services file x.yml: {message}"


def test_a_service_posts_in_the_file_language_unless_it_says_its_own() -> None:
    """``language: fr`` at the top is the service channels' language (so the bundled file
    says): every service without its own was English."""
    text = (
        "language: fr\n"
        + MINIMAL
        + (
            "  infra_network:\n"
            '    name: {fr: "Infrastructure", en: "Infrastructure"}\n'
            "    channel: C0INFRA\n"
            "    language: en\n"
        )
    )
    config = parse_services_config(text)
    assert config.service("service_desk").language is Language.FR
    assert config.service("infra_network").language is Language.EN
    assert parse_services_config(MINIMAL).service("service_desk").language is Language.EN


def test_a_wrong_file_language_is_said_once_and_a_near_choice_is_named() -> None:
    message = _error("language: francais\n" + MINIMAL)
    assert message == "services file x.yml: language: Input should be 'fr' or 'en'"
    item = (
        "catalogue:\n"
        "  pc:\n"
        "    name: {fr: PC, en: PC}\n"
        "    description: {fr: PC, en: PC}\n"
        "    service: service_desk\n"
        "    type: service_requst\n"
    )
    assert _error(MINIMAL + item).endswith("(did you mean service_request?)")


def test_a_key_left_without_a_value_says_so() -> None:
    """``channel: #it-help`` unquoted is a comment in YAML: the channel was ``None`` and the
    line said "Input should be a valid string"."""
    assert _error(MINIMAL.replace("C0DESK", "#it-help")) == (
        "services file x.yml: services.service_desk.channel: has no value (in YAML # starts a "
        'comment: write a #name in quotes, "#it-help")'
    )
    assert _error(MINIMAL + "    agents:\n") == (
        "services file x.yml: services.service_desk.agents: has no value: write one after the "
        "colon, or remove the line"
    )


def test_the_ticket_reaction_may_be_written_as_slack_shows_it() -> None:
    assert parse_services_config(MINIMAL + "ticket_reaction: ':ticket:'\n").ticket_reaction == (
        "ticket"
    )
    assert _error(MINIMAL + "ticket_reaction: Ticket Please\n") == (
        "services file x.yml: ticket_reaction: 'Ticket Please' is not an emoji's name: write it "
        "as Slack does between the colons, in lower case, like ticket"
    )


def test_a_group_and_an_approver_of_the_wrong_shape() -> None:
    group = _error(MINIMAL + "    usergroups: [it-team]\n")
    assert group.endswith(
        "services.service_desk.usergroups.0: 'it-team' is not a Slack user group id: write the "
        "group's id, like S0123ABCD"
    )
    admins = _error(MINIMAL + "admins: {users: [Paul]}\n")
    assert admins.endswith(
        "admins.users.0: 'Paul' is not a Slack user id: write the member id, "
        "like U0123ABCD (in Slack: the person's profile, ⋮, Copy member ID)"
    )


def test_an_articles_folder_that_does_not_exist_says_where_it_was_looked_for(
    tmp_path: Path,
) -> None:
    services = tmp_path / "services.yml"
    services.write_text(MINIMAL + "knowledge: {folder: articels}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_services_config(services)
    assert str(caught.value) == (
        f"services file {services}: knowledge.folder: no such folder: {tmp_path}/articels "
        "('articels', read from the services file's folder): create it, or correct the path"
    )
    (tmp_path / "vpn.md").write_text("---\ntitle: VPN\n---\n", encoding="utf-8")
    services.write_text(MINIMAL + "knowledge: {folder: vpn.md}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"vpn\.md is a file: name the folder that holds"):
        load_services_config(services)


def test_a_file_saved_in_latin_1_names_the_line_instead_of_a_traceback(tmp_path: Path) -> None:
    services = tmp_path / "services.yml"
    services.write_bytes(MINIMAL.replace("Centre de support", "Sécurité").encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_services_config(services)
    assert str(caught.value) == (
        f"services file {services}: line 5 is not UTF-8 (byte 0xe9): save the file as UTF-8"
    )
    services.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))  # a BOM, as Notepad writes
    assert load_services_config(services).default_service == "service_desk"


def test_an_env_file_saved_in_latin_1_names_the_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _environment(monkeypatch, tmp_path)
    (tmp_path / ".env").write_bytes(
        "SLACK_BOT_TOKEN=xoxb-1\n# clé\nSLACK_SIGNING_SECRET=s\n".encode("latin-1")
    )
    assert _settings_error() == (
        f"{tmp_path}/.env: line 2 is not UTF-8 (byte 0xe9): save the file as UTF-8"
    )


def test_sla_response_longer_than_resolution() -> None:
    assert "sla.P1" in _error(MINIMAL + "sla:\n  P1: {response: 5h, resolution: 4h}\n")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_services_config(tmp_path / "missing.yml")


def test_settings_require_slack_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    with pytest.raises(ConfigError, match="SLACK_BOT_TOKEN is not set"):
        load_settings()


def test_settings_reject_bad_values(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "not-a-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("PORT", "70000")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "SLACK_BOT_TOKEN does not look like a Slack bot token" in str(caught.value)
    assert "PORT" in str(caught.value)


def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **values: str) -> None:
    """Only ``values`` set (apart from what the process needs), in an empty folder."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("SLACK_", "MONGODB_", "GUICHET_", "LOG_")) or name == "PORT":
            monkeypatch.delenv(name)
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def _settings_error() -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings()
    return str(caught.value)


def test_a_misspelt_setting_is_named_with_the_one_meant(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Misspelt, GUICHET_CONFIG left the bot running on the bundled services file (channels
    that do not exist) without a word."""
    _environment(monkeypatch, tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    monkeypatch.setenv("GUICHET_CONFG", "./services.yml")
    assert _settings_error() == (
        "GUICHET_CONFG (in the environment) is not a setting Guichet reads: did you mean "
        "GUICHET_CONFIG?"
    )
    monkeypatch.delenv("GUICHET_CONFG")
    (tmp_path / ".env").write_text("SLACK_BOT_TOKN=xoxb-2\nLOGLEVEL=debug\n", encoding="utf-8")
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    assert _settings_error() == (
        "LOGLEVEL (in .env) is not a setting Guichet reads: did you mean LOG_LEVEL?; "
        "SLACK_BOT_TOKN (in .env) is not a setting Guichet reads: did you mean SLACK_BOT_TOKEN?"
    )


def test_names_far_from_a_setting_or_of_a_setting_already_set_are_left_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _environment(
        monkeypatch,
        tmp_path,
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_SIGNING_SECRET="s",
        SLACK_WEBHOOK_URL="https://hooks.example.com/x",
        SLACK_API_TOKEN="xoxp-other-tool",
        MONGODB_URL="mongodb://other-app",
        MONGODB_URI="mongodb://db:27017",
    )
    assert load_settings().slack_app_token is None


def test_a_missing_setting_says_where_it_was_looked_for(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _environment(monkeypatch, tmp_path, SLACK_SIGNING_SECRET="s")
    assert _settings_error() == (
        f"SLACK_BOT_TOKEN is not set (not in the environment, and there is no {tmp_path}/.env; "
        "see .env.example)"
    )
    (tmp_path / ".env").write_text("# nothing yet\n", encoding="utf-8")
    assert _settings_error() == (
        f"SLACK_BOT_TOKEN is not set (neither in the environment nor in {tmp_path}/.env; see "
        ".env.example)"
    )


@pytest.mark.parametrize(
    "name,value,message",
    [
        (
            "SLACK_APP_TOKEN",
            "xoxb-2",
            "SLACK_APP_TOKEN does not look like an app-level token (xapp-...): generate one under "
            "Basic Information, App-Level Tokens, with the scope connections:write (or unset it "
            "to receive Slack's requests over HTTP)",
        ),
        (
            "SLACK_BOT_TOKEN",
            "xoxp-1-2-3",
            "SLACK_BOT_TOKEN is a user token (xoxp-...), which acts as the person who installed "
            "the app: copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions "
            "page",
        ),
        (
            "SLACK_BOT_TOKEN",
            "xapp-1-2-3",
            "SLACK_BOT_TOKEN does not look like a Slack bot token (xoxb-...): copy the Bot User "
            "OAuth Token from the app's OAuth & Permissions page",
        ),
        (
            "SLACK_SIGNING_SECRET",
            "xoxb-1-2-3",
            "SLACK_SIGNING_SECRET is a token, not the signing secret: copy the Signing Secret from "
            "the app's Basic Information page, App Credentials",
        ),
        ("PORT", "http", "PORT must be a whole number between 1 and 65535, not 'http'"),
        ("PORT", "0", "PORT must be a whole number between 1 and 65535, not '0'"),
        (
            "MONGODB_DB",
            "help.desk",
            "MONGODB_DB 'help.desk' is not a database name Guichet accepts: letters, digits, _ and "
            "- only (at most 63)",
        ),
    ],
)
def test_a_value_of_the_wrong_shape_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str, message: str
) -> None:
    _environment(monkeypatch, tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    monkeypatch.setenv(name, value)
    assert _settings_error() == message


def test_settings_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("MONGODB_URI", "SLACK_API_URL", "PORT", "GUICHET_CONFIG", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    settings = load_settings()
    assert settings.port == 3000
    assert settings.mongodb_uri is None
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.mongodb_db == "guichet"


def test_the_digest_defaults_and_settings() -> None:
    from bot.domain.config import DigestConfig

    assert parse_services_config(MINIMAL).digest == DigestConfig()
    assert DigestConfig().day == "mon" and DigestConfig().hour == 9
    text = MINIMAL + "digest: {day: Vendredi, hour: 17, minute: 30, timezone: Europe/Paris}\n"
    digest = parse_services_config(text).digest
    assert (digest.day, digest.hour, digest.minute, digest.timezone) == (
        "fri",
        17,
        30,
        "Europe/Paris",
    )
    assert str(digest.zone) == "Europe/Paris"
    assert parse_services_config(MINIMAL + "digest: {day: sunday}\n").digest.day == "sun"
    assert not parse_services_config(MINIMAL + "digest: {enabled: false}\n").digest.enabled


@pytest.mark.parametrize(
    "digest,message",
    [
        ("{day: someday}", "digest.day"),
        ("{hour: 24}", "digest.hour"),
        ("{minute: -1}", "digest.minute"),
        ("{timezone: Mars/Olympus}", "digest.timezone: unknown time zone 'Mars/Olympus'"),
        ("{every: week}", "digest.every: unknown setting"),
    ],
)
def test_digest_mistakes_name_their_key(digest: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_services_config(MINIMAL + f"digest: {digest}\n")
    assert message in str(raised.value)


def test_the_shipped_services_files_have_a_digest() -> None:
    assert load_services_config().digest.timezone == "Europe/Paris"
    root = Path(__file__).parent.parent.parent.parent
    assert load_services_config(root / "tests" / "data" / "services.yml").digest.day == "mon"


def test_every_key_the_services_file_reads_is_in_the_readme() -> None:
    """README is the services file's reference: a key the code reads and README never names
    (the catalogue's impact, urgency, decimals and max_length were) is one no admin finds."""
    from bot.domain.config import ServicesConfig, _setting_names

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    unnamed = [
        key
        for key in sorted(_setting_names(ServicesConfig))
        if f"`{key}`" not in readme and f"{key}:" not in readme
    ]
    assert unnamed == []
