"""The audit log's CSV: headers in the reader's language, its spreadsheet's separator, UTC times,
formulas shown as text."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone

from bot.domain.audit import AuditEntry, Outcome
from bot.domain.knowledge import ArticleAction
from bot.domain.models import HistoryAction, Language, SuggestionState
from bot.governance.audit_actions import action_name, has_name
from bot.governance.audit_csv import audit_csv
from handlers.kit import ids


def test_lines_are_read_back_as_written_and_never_as_formulas() -> None:
    paris = timezone(timedelta(hours=1))
    entries = [
        AuditEntry(
            id="a1",
            at=datetime(2026, 3, 2, 10, 30, tzinfo=paris),
            actor="U0AGENT",
            action="status",
            outcome=Outcome.DONE,
            surface="block_actions:ticket_status",
            ticket_id="INC-7",
            before="new",
            after='=HYPERLINK("http://evil")',
        ),
        AuditEntry(
            id="a2",
            at=datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
            actor="U0OUT",
            action="ticket_claim",
            outcome=Outcome.REFUSED,
        ),
    ]
    data = audit_csv(entries, Language.FR)
    assert data.startswith("\ufeff".encode())
    # French spreadsheets split at « ; » (Excel opens a comma file in one column), as the export
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "date (UTC)", "personne", "issue", "action", "ticket", "depuis", "avant", "après", "note",
        "code de l’action", "code de l’origine", "code du refus",
    ]  # fmt: skip
    assert rows[1] == [
        "2026-03-02 09:30:00",
        "U0AGENT",
        "fait",
        "changement de statut",
        "INC-7",
        "menu du statut",
        "new",
        '\'=HYPERLINK("http://evil")',
        "",
        "status",
        "block_actions:ticket_status",
        "",
    ]
    refused_claim = "bouton «\u00a0Je prends\u00a0»"  # French spacing, as in every text
    assert rows[2][:5] == ["2026-03-02 11:00:00", "U0OUT", "refusé", refused_claim, ""]
    assert rows[2][5] == "Guichet (automatique)" and rows[2][9] == "ticket_claim"
    assert rows[2][10] == "system"


def test_an_english_reader_gets_commas_and_a_title_with_separators_stays_one_cell() -> None:
    entry = AuditEntry(
        id="a3",
        at=datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
        actor="U0AGENT",
        action="edited",
        outcome=Outcome.DONE,
        ticket_id="INC-8",
        after='Printer; "jammed", floor 2',
    )
    english = audit_csv([entry], Language.EN).decode("utf-8-sig")
    assert english.splitlines()[0].startswith("time (UTC),person,")
    (row,) = list(csv.reader(io.StringIO(english)))[1:]
    assert row[7] == 'Printer; "jammed", floor 2'
    french = audit_csv([entry], Language.FR).decode("utf-8-sig")
    (row,) = list(csv.reader(io.StringIO(french), delimiter=";"))[1:]
    assert row[7] == 'Printer; "jammed", floor 2' and len(row) == 12


def test_every_action_the_log_can_hold_is_named_in_both_languages() -> None:
    """Each change (a ticket's history, an article's, a problem suggestion's), each admin
    command, and each button, menu, form or command a refusal can name: a new one without a
    name would reach the French reader as an English code."""
    codes = {action.value for action in HistoryAction}
    codes |= {f"article_{action.value}" for action in ArticleAction}
    codes |= {f"suggestion_{state.value}" for state in SuggestionState if state.value != "pending"}
    codes |= {"privacy_export", "privacy_erase", "audit_export", "thread_reply", "unknown"}
    unrefused = {  # views that only show something: nothing submitted, nothing refused
        "HOME_CALLBACK", "NOTICE_CALLBACK", "FILED_CALLBACK", "DETAILS_CALLBACK",
        "ARTICLE_VIEW_CALLBACK",
    }  # fmt: skip
    codes |= {  # what a request names: its button or menu, its form, its command
        value
        for name, value in vars(ids).items()
        if isinstance(value, str)
        and (name.startswith(("ACTION_", "COMMAND")) or name.endswith("_CALLBACK"))
        and name not in unrefused
    } - {ids.ACTION_RATE_PREFIX}
    codes |= {f"{ids.ACTION_RATE_PREFIX}{stars}" for stars in range(1, 6)}
    unnamed = sorted(code for code in codes if not has_name(code))
    assert not unnamed, f"actions with no name: {unnamed}"  # the key has both languages (i18n)
    assert action_name("ticket_rate_4", Language.FR) == "note de satisfaction"
    assert action_name("claimed", Language.EN) == "claimed"
    assert action_name("some_new_button", Language.FR) == "some_new_button"  # shown, not hidden


def test_where_a_line_came_from_and_why_it_was_refused_are_named_for_the_reader() -> None:
    """The « depuis » and « note » columns of a refusal read French under French headers; the
    stored codes are the last two columns."""
    entries = [
        AuditEntry(
            id="a1",
            at=datetime(2026, 3, 2, 11, 0, tzinfo=UTC),
            actor="U0OUT",
            action="ticket_claim",
            outcome=Outcome.REFUSED,
            surface="block_actions:ticket_claim",
            ticket_id="INC-7",
            note="NotAllowed",
        ),
        AuditEntry(
            id="a2",
            at=datetime(2026, 3, 2, 11, 1, tzinfo=UTC),
            actor="U0OUT",
            action="knowledge_edit",
            outcome=Outcome.REFUSED,
            surface="command:/ticket",
            note="ArticleNotFound vpn-setup",
        ),
        AuditEntry(
            id="a3",
            at=datetime(2026, 3, 2, 11, 2, tzinfo=UTC),
            actor="guichet",
            action="reminded",
            outcome=Outcome.DONE,
            surface="system",
            ticket_id="INC-7",
            note="NotAllowed is what the agent wrote",  # a person's note: as written
        ),
    ]
    text = audit_csv(entries, Language.FR).decode("utf-8-sig")
    _, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [(r[5], r[8], r[10], r[11]) for r in rows] == [
        (
            "bouton «\u00a0Je prends\u00a0»",
            "pas autorisé",
            "block_actions:ticket_claim",
            "NotAllowed",
        ),
        (
            "commande /ticket",
            "article introuvable (vpn-setup)",
            "command:/ticket",
            "ArticleNotFound",
        ),
        ("Guichet (automatique)", "NotAllowed is what the agent wrote", "system", ""),
    ]


def test_every_refusal_the_bot_can_record_has_a_name() -> None:
    """A refusal's note is its error's class: each has a name in the log (FR and EN), or the
    reader meets a code."""
    import bot.app.build  # noqa: F401  (every use case, and so every error, imported)
    from bot.domain.errors import GuichetError
    from bot.locales.i18n import MESSAGES

    never_refusals = {"ConfigError", "StoreUnavailable", "StoreRejected", "DeliveryFailed"}
    never_refusals |= {"DeliveryDeferred", "ReplyGone"}
    found: set[str] = set()
    todo = list(GuichetError.__subclasses__())
    while todo:
        error = todo.pop()
        if error.__name__ in never_refusals:
            continue  # nor what derives from it (a token Slack refused: start-up stops)
        found.add(error.__name__)
        todo += error.__subclasses__()
    missing = sorted(
        name for name in found - never_refusals if f"governance.audit.reason.{name}" not in MESSAGES
    )
    assert missing == []


def test_the_longest_audit_period_is_what_retention_keeps() -> None:
    from bot.governance.audit import longest_period

    assert longest_period(timedelta(days=730)) == 730
    assert longest_period(timedelta(days=90)) == 365  # as every other period
    assert longest_period(None) == 3650  # nothing deletes the lines
