"""The conversation between a ticket's channel thread and its requester's DM thread."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    "relay.thread_root": {
        Language.FR: "💬 Échanges sur votre ticket *{ticket_id}* « {title} ». Les messages de "
        "l’équipe arrivent dans ce fil ; répondez dans ce fil pour leur écrire.",
        Language.EN: "💬 Conversation about your ticket *{ticket_id}* “{title}”. The team’s "
        "messages arrive in this thread; reply in this thread to write to them.",
    },
    "relay.to_requester": {
        Language.FR: "{user} ({ticket_id}) :\n{text}",
        Language.EN: "{user} ({ticket_id}):\n{text}",
    },
    "relay.to_team": {
        Language.FR: "💬 {user}, demandeur de {ticket_id}, répond :\n{text}",
        Language.EN: "💬 {user}, who filed {ticket_id}, replies:\n{text}",
    },
    "relay.files": {
        Language.FR: "_(+ {count} fichier(s) joint(s), non transmis : demandez-les si besoin)_",
        Language.EN: "_(+ {count} attached file(s), not relayed: ask for them if needed)_",
    },
    "history.conversation_opened": {
        Language.FR: "conversation ouverte avec le demandeur en message privé",
        Language.EN: "conversation opened with the requester by direct message",
    },
    "history.relayed_to_requester": {
        Language.FR: "message de {actor} transmis au demandeur",
        Language.EN: "message from {actor} relayed to the requester",
    },
    "history.relayed_to_team": {
        Language.FR: "réponse du demandeur {actor} transmise à l’équipe",
        Language.EN: "reply from the requester {actor} relayed to the team",
    },
    "history.internal_note": {
        Language.FR: "note interne de {actor}",
        Language.EN: "internal note by {actor}",
    },
    "history.relay_to_requester_failed": {
        Language.FR: "message de {actor} non transmis au demandeur ({note})",
        Language.EN: "message from {actor} could not reach the requester ({note})",
    },
    "history.relay_to_team_failed": {
        Language.FR: "réponse de {actor} non transmise à l’équipe ({note})",
        Language.EN: "reply from {actor} could not reach the team ({note})",
    },
}
