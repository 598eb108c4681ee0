"""The ticket's conversation: replies relayed between requester and team."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    "conversation.relay.thread_root": {
        Language.FR: "💬 Échanges sur votre ticket *{ticket_id}* « {title} ». Les messages de "
        "l’équipe arrivent dans ce fil ; répondez dans ce fil pour leur écrire.",
        Language.EN: "💬 Conversation about your ticket *{ticket_id}* “{title}”. The team’s "
        "messages arrive in this thread; reply in this thread to write to them.",
    },
    "conversation.relay.to_requester": {
        Language.FR: "{user} ({ticket_id}) :\n{text}",
        Language.EN: "{user} ({ticket_id}):\n{text}",
    },
    "conversation.relay.to_team": {
        Language.FR: "💬 {user}, demandeur de {ticket_id}, répond :\n{text}",
        Language.EN: "💬 {user}, who filed {ticket_id}, replies:\n{text}",
    },
    "conversation.relay.attached": {
        Language.FR: "📎 {files}",
        Language.EN: "📎 {files}",
    },
    "conversation.relay.files": {
        Language.FR: Plural(
            one="_(+ {count} fichier joint, non transmis : demandez-le si besoin)_",
            other="_(+ {count} fichiers joints, non transmis : demandez-les si besoin)_",
        ),
        Language.EN: Plural(
            one="_(+ {count} attached file, not relayed: ask for it if needed)_",
            other="_(+ {count} attached files, not relayed: ask for them if needed)_",
        ),
    },
    "conversation.article.to_requester": {
        Language.FR: "{user} ({ticket_id}) vous envoie un article qui devrait vous aider :",
        Language.EN: "{user} ({ticket_id}) sent you an article that should help:",
    },
    "conversation.article.to_team": {
        Language.FR: "📚 {user} a envoyé l’article « {title} » au demandeur.",
        Language.EN: "📚 {user} sent the article “{title}” to the requester.",
    },
}
