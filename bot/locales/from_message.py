"""Filing from a Slack message: the message shortcut and the ticket reaction."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    "from_message.untitled": {
        Language.FR: "Message Slack sans texte",
        Language.EN: "Slack message without text",
    },
    "from_message.filed": {
        Language.FR: "🎫 {user} a transformé ce message en ticket *{ticket_id}* ({priority}), "
        "confié à *{service}*. La suite se passe en message privé avec {user}.",
        Language.EN: "🎫 {user} turned this message into ticket *{ticket_id}* ({priority}), "
        "sent to *{service}*. Follow-ups happen by direct message with {user}.",
    },
    "from_message.exists": {
        Language.FR: "Ce message est déjà le ticket *{ticket_id}* ({status}, *{service}*), "
        "ouvert par {user}. `/ticket show {ticket_id}` pour le suivre.",
        Language.EN: "This message is already ticket *{ticket_id}* ({status}, *{service}*), "
        "filed by {user}. `/ticket show {ticket_id}` to follow it.",
    },
    "from_message.unreadable": {
        Language.FR: "Je ne peux pas lire ce message, donc pas en faire un ticket. "
        "Invitez-moi dans ce canal, ou utilisez `/ticket`.",
        Language.EN: "I cannot read that message, so I cannot make it a ticket. "
        "Invite me to this channel, or use `/ticket`.",
    },
    "from_message.form_failed": {
        Language.FR: "Le formulaire n’a pas pu s’ouvrir à temps. Réessayez le raccourci.",
        Language.EN: "The form could not open in time. Please try the shortcut again.",
    },
    "modal.source_link": {Language.FR: "voir le message", Language.EN: "see the message"},
    "modal.source_existing": {
        Language.FR: "⚠️ Ce message a déjà donné le ticket *{ticket_id}*. N’envoyez ce "
        "formulaire que s’il s’agit d’une autre demande.",
        Language.EN: "⚠️ Ticket *{ticket_id}* was already made from this message. Submit this "
        "form only if it is a different request.",
    },
    "ticket.origin": {
        Language.FR: "Depuis un message Slack : {link}",
        Language.EN: "From a Slack message: {link}",
    },
}
