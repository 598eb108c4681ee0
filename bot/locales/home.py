"""The App Home tab."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    "home.header": {
        Language.FR: "Guichet · support informatique",
        Language.EN: "Guichet · IT support",
    },
    "home.intro": {
        Language.FR: "Ouvrez un ticket ici, avec `/ticket`, avec le raccourci de message « Create "
        "a ticket », ou en réagissant :{reaction}: à un message.",
        Language.EN: "File a ticket here, with `/ticket`, with the message shortcut “Create a "
        "ticket”, or by reacting :{reaction}: to a message.",
    },
    "home.button.new": {Language.FR: "Nouveau ticket", Language.EN: "New ticket"},
    "home.button.details": {Language.FR: "Détails", Language.EN: "Details"},
    "home.button.knowledge": {
        Language.FR: "📚 Base de connaissances",
        Language.EN: "📚 Knowledge base",
    },
    "home.open.title": {Language.FR: "*Vos tickets ouverts*", Language.EN: "*Your open tickets*"},
    "home.open.empty": {
        Language.FR: "Aucun ticket ouvert.",
        Language.EN: "No open tickets.",
    },
    "home.open.more": {
        Language.FR: "… et d’autres : `/ticket list` les montre tous.",
        Language.EN: "… and more: `/ticket list` shows them all.",
    },
    "home.recent.title": {
        Language.FR: "*Récemment terminés*",
        Language.EN: "*Recently finished*",
    },
    "home.assigned.title": {
        Language.FR: "*Pris en charge par vous* (les plus pressants d’abord)",
        Language.EN: "*Assigned to you* (most pressing first)",
    },
    "home.assigned.empty": {
        Language.FR: "Rien ne vous est attribué.",
        Language.EN: "Nothing is assigned to you.",
    },
    "home.assigned.more": {
        Language.FR: "… et d’autres, moins pressants.",
        Language.EN: "… and less pressing ones.",
    },
    "home.queue.title": {
        Language.FR: "*En attente de prise en charge* (les plus pressants d’abord) · {services}",
        Language.EN: "*Waiting to be claimed* (most pressing first) · {services}",
    },
    "home.queue.empty": {
        Language.FR: "La file est vide.",
        Language.EN: "The queue is empty.",
    },
    "home.queue.more": {
        Language.FR: "… et d’autres, moins pressants, dans les canaux des services.",
        Language.EN: "… and less pressing ones, in the services’ channels.",
    },
    "home.agent_tip": {
        Language.FR: "Vos réponses dans le fil d’un ticket parviennent au demandeur en message "
        "direct ; commencez par `{marker}` pour une note interne, non transmise.",
        Language.EN: "Your replies in a ticket’s thread reach its requester by direct message; "
        "start with `{marker}` for an internal note, which is not relayed.",
    },
    "home.cut": {
        Language.FR: "… la suite ne tient pas ici.",
        Language.EN: "… the rest does not fit here.",
    },
    "home.row.requester": {Language.FR: "de {user}", Language.EN: "from {user}"},
    "home.row.assignee": {Language.FR: "suivi par {user}", Language.EN: "with {user}"},
    "home.row.filed": {Language.FR: "ouvert le {date}", Language.EN: "filed {date}"},
    "home.form_failed": {
        Language.FR: "Le formulaire n’a pas pu s’ouvrir à temps. Appuyez de nouveau sur le bouton.",
        Language.EN: "The form could not open in time. Please press the button again.",
    },
    "home.row.linked": {Language.FR: "🔗 {parent_id}", Language.EN: "🔗 {parent_id}"},
    "home.row.linked_count": {
        Language.FR: Plural(one="🔗 {count} incident lié", other="🔗 {count} incidents liés"),
        Language.EN: Plural(one="🔗 {count} linked incident", other="🔗 {count} linked incidents"),
    },
    "home.row.due": {Language.FR: "⏱️ échéance {due}", Language.EN: "⏱️ due {due}"},
    "home.row.overdue": {
        Language.FR: "🔴 *en retard de {late}*",
        Language.EN: "🔴 *overdue by {late}*",
    },
    "home.row.overdue_since": {  # a time, not a count that goes stale on a tab left open
        Language.FR: "🔴 *en retard depuis {due}*",
        Language.EN: "🔴 *overdue since {due}*",
    },
    "home.row.paused": {Language.FR: "⏸️ en pause", Language.EN: "⏸️ paused"},
    "home.row.paused_late": {
        Language.FR: "⏸️ en pause, *en retard depuis {due}*",
        Language.EN: "⏸️ paused, *overdue since {due}*",
    },
}
