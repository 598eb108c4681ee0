"""The test workspace: its people, its channels, the bot's secrets, and the settings that point
the bot at the Slack emulator."""

from __future__ import annotations

from pathlib import Path

from bot.app.settings import Settings
from sandbox.emulator import SlackEmulator

SIGNING_SECRET = "test-signing-secret"
TOKEN = "xoxb-test"
SERVICES_FILE = Path(__file__).parent.parent / "data" / "services.yml"

# People of the test workspace
EMPLOYEE_FR = "U0MARIE"
EMPLOYEE_EN = "U0JOHN"
DESK_AGENT = "U0DESKAGENT"
DESK_MEMBER = "U0DESKMEMBER"
OUTSIDER = "U0OUTSIDER"
INFRA_ONCALL_1 = "U0INFRA1"  # infra_network's on-call level 1 (tests/data/services.yml)
INFRA_ONCALL_2 = "U0INFRA2"  # ... and level 2, paged after 10 min
SECURITY_ONCALL = "U0SECONCALL"
ADMIN = "U0ADMIN"  # an admin by name (tests/data/services.yml, admins.users)
GROUP_ADMIN = "U0GROUPADMIN"  # an admin through the S0ADMINS user group
INTERNAL_GROUP = "S0INTERNAL"  # internal_it's agents: a Slack user group
INTERNAL_AGENT = "U0INTERNAL1"  # ... whose member it is at start-up
INTERNAL_NEWCOMER = "U0INTERNAL2"  # ... who joins it later
CHANNELS = {
    "service_desk": "C0DESK",
    "internal_it": "C0INTERNAL",
    "app_dev": "C0APPDEV",
    "security": "C0SECURITY",
    "infra_network": "C0INFRA",
}


def settings_for(
    slack: SlackEmulator, socket_mode: bool = False, slack_api_timeout: int = 30
) -> Settings:
    return Settings(
        slack_api_timeout=slack_api_timeout,
        slack_bot_token=TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=slack.app_token if socket_mode else None,
        slack_api_url=slack.base_url,
        _env_file=None,
    )


def populate(slack: SlackEmulator) -> None:
    slack.add_user(EMPLOYEE_FR, "marie", locale="fr-FR")
    slack.add_user(EMPLOYEE_EN, "john", locale="en-US")
    slack.add_user(DESK_AGENT, "deskagent", locale="fr-FR")
    slack.add_user(DESK_MEMBER, "deskmember", locale="en-GB")
    slack.add_user(OUTSIDER, "outsider", locale="en-US")
    slack.add_user(INFRA_ONCALL_1, "infra1", locale="fr-FR")
    slack.add_user(INFRA_ONCALL_2, "infra2", locale="en-US")
    slack.add_user(SECURITY_ONCALL, "seconcall", locale="en-US")
    slack.add_user(ADMIN, "admin", locale="en-US")
    slack.add_user(GROUP_ADMIN, "groupadmin", locale="fr-FR")
    slack.add_user(INTERNAL_AGENT, "internal1", locale="en-US")
    slack.add_user(INTERNAL_NEWCOMER, "internal2", locale="en-US")
    slack.set_usergroup(INTERNAL_GROUP, [INTERNAL_AGENT])
    slack.set_usergroup("S0ADMINS", [GROUP_ADMIN])
    for service, channel in CHANNELS.items():
        members = [DESK_MEMBER] if service == "service_desk" else []
        private = service == "security"  # a private service (tests/data/services.yml)
        slack.add_channel(channel, name=f"it-{service}", members=members, is_private=private)
