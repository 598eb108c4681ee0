"""Who may do what: acknowledging takes a ticket, a reopened ticket goes back to its assignee."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    "governance.history.acknowledged_taken": {
        Language.FR: "acquitté et pris en charge par {actor}",
        Language.EN: "acknowledged and taken by {actor}",
    },
    "governance.history.reopened_queue": {
        Language.FR: "rouvert par {actor} : pas réglé ; de retour dans la file, sans personne",
        Language.EN: "reopened by {actor}: not solved; back in the queue, with nobody on it",
    },
    "governance.thread.reopened_queue": {
        Language.FR: "{user} indique que *{ticket_id}* n’est pas réglé : personne ne l’avait "
        "en charge, il revient dans la file (nouveau).",
        Language.EN: "{user} says *{ticket_id}* is not solved: nobody had it, so it is back in "
        "the queue (new).",
    },
}
