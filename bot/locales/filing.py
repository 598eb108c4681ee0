"""Filing a ticket: the form, its errors, the channel message, the /ticket answers, DMs."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    # --- the filing modal ---------------------------------------------------------------------
    "modal.title": {Language.FR: "Nouveau ticket", Language.EN: "New ticket"},
    "modal.submit": {Language.FR: "Envoyer", Language.EN: "Submit"},
    "modal.cancel": {Language.FR: "Annuler", Language.EN: "Cancel"},
    "modal.intro": {
        Language.FR: "Décrivez votre demande : elle sera envoyée au bon service.",
        Language.EN: "Describe your request: it will be sent to the right team.",
    },
    "modal.suggested": {
        Language.FR: "Service pressenti : *{service}* ({reasons})",
        Language.EN: "Likely team: *{service}* ({reasons})",
    },
    "modal.suggested_no_reason": {
        Language.FR: "Service pressenti : *{service}*",
        Language.EN: "Likely team: *{service}*",
    },
    "modal.type": {Language.FR: "Type de demande", Language.EN: "Request type"},
    "modal.title_field": {Language.FR: "Titre", Language.EN: "Title"},
    "modal.title_placeholder": {
        Language.FR: "Ex. : le VPN se coupe toutes les heures",
        Language.EN: "E.g. my VPN drops every hour",
    },
    "modal.description": {Language.FR: "Description", Language.EN: "Description"},
    "modal.description_placeholder": {
        Language.FR: "Ce qui se passe, depuis quand, les messages d’erreur…",
        Language.EN: "What happens, since when, any error messages…",
    },
    "modal.source": {
        Language.FR: "Message d’origine : {link}",
        Language.EN: "Original message: {link}",
    },
    "modal.impact": {Language.FR: "Impact", Language.EN: "Impact"},
    "modal.urgency": {Language.FR: "Urgence", Language.EN: "Urgency"},
    "modal.filed_title": {Language.FR: "Ticket envoyé", Language.EN: "Ticket filed"},
    "modal.filed_close": {Language.FR: "Fermer", Language.EN: "Close"},
    "modal.filed_body": {
        Language.FR: "Votre ticket *{ticket_id}* est enregistré et envoyé à *{service}*. "
        "Je vous tiens au courant en message privé.",
        Language.EN: "Your ticket *{ticket_id}* is recorded and sent to *{service}*. "
        "I will keep you posted by direct message.",
    },
    # --- validation errors (shown under the field) --------------------------------------------
    "error.type_missing": {
        Language.FR: "Choisissez un type de demande.",
        Language.EN: "Pick a request type.",
    },
    "error.title_missing": {
        Language.FR: "Donnez un titre à votre demande.",
        Language.EN: "Give your request a title.",
    },
    "error.title_too_long": {
        Language.FR: "Le titre doit faire au plus {max} caractères (il en fait {length}).",
        Language.EN: "The title must be at most {max} characters long (it has {length}).",
    },
    "error.description_missing": {
        Language.FR: "Décrivez la situation en quelques mots.",
        Language.EN: "Describe the situation in a few words.",
    },
    "error.description_too_long": {
        Language.FR: "La description doit faire au plus {max} caractères (elle en fait {length}).",
        Language.EN: "The description must be at most {max} characters long (it has {length}).",
    },
    "error.impact_missing": {
        Language.FR: "Indiquez qui est touché.",
        Language.EN: "Say who is affected.",
    },
    "error.urgency_missing": {
        Language.FR: "Indiquez l’urgence.",
        Language.EN: "Say how urgent it is.",
    },
    "error.store_unavailable": {
        Language.FR: "La base des tickets ne répond pas. Rien n’a été enregistré : "
        "réessayez dans une minute.",
        Language.EN: "The ticket database is not answering. Nothing was saved: "
        "please try again in a minute.",
    },
    "error.unexpected": {
        Language.FR: "Quelque chose s’est mal passé de notre côté. Réessayez ; si cela "
        "persiste, prévenez le centre de support.",
        Language.EN: "Something went wrong on our side. Please try again; if it keeps "
        "happening, tell the service desk.",
    },
    # --- the ticket in its service channel ----------------------------------------------------
    "ticket.header": {
        Language.FR: "{ticket_id} · {type}",
        Language.EN: "{ticket_id} · {type}",
    },
    "ticket.field.type": {Language.FR: "*Type*\n{value}", Language.EN: "*Type*\n{value}"},
    "ticket.field.priority": {
        Language.FR: "*Priorité*\n{value}",
        Language.EN: "*Priority*\n{value}",
    },
    "ticket.field.requester": {
        Language.FR: "*Demandeur*\n{value}",
        Language.EN: "*Requester*\n{value}",
    },
    "ticket.field.status": {Language.FR: "*Statut*\n{value}", Language.EN: "*Status*\n{value}"},
    "ticket.field.assignee": {
        Language.FR: "*Pris en charge par*\n{value}",
        Language.EN: "*Assignee*\n{value}",
    },
    "ticket.field.service": {
        Language.FR: "*Service*\n{value}",
        Language.EN: "*Team*\n{value}",
    },
    "ticket.unassigned": {Language.FR: "_personne_", Language.EN: "_nobody yet_"},
    "ticket.reasons": {
        Language.FR: "Orienté ici pour : {reasons}",
        Language.EN: "Routed here for: {reasons}",
    },
    "ticket.reasons_default": {
        Language.FR: "Orienté ici selon le type de demande",
        Language.EN: "Routed here by request type",
    },
    "ticket.filed_at": {
        Language.FR: "Ouvert le {date}",
        Language.EN: "Filed {date}",
    },
    "ticket.last_change": {
        Language.FR: "Dernier changement : {change}",
        Language.EN: "Last change: {change}",
    },
    "ticket.fallback": {
        Language.FR: "{ticket_id} · {title} ({priority}) de {requester}",
        Language.EN: "{ticket_id} · {title} ({priority}) from {requester}",
    },
    "button.claim": {Language.FR: "Je prends", Language.EN: "Claim"},
    # --- actions ------------------------------------------------------------------------------
    "claim.done": {
        Language.FR: "{user} a pris en charge {ticket_id}.",
        Language.EN: "{user} claimed {ticket_id}.",
    },
    "claim.already": {
        Language.FR: "{ticket_id} est déjà pris en charge par {user}.",
        Language.EN: "{ticket_id} is already claimed by {user}.",
    },
    "claim.closed": {
        Language.FR: "{ticket_id} est {status} : il ne peut plus être pris en charge.",
        Language.EN: "{ticket_id} is {status}: it can no longer be claimed.",
    },
    "claim.not_allowed": {
        Language.FR: "Seuls les membres de {service} peuvent prendre en charge {ticket_id}.",
        Language.EN: "Only members of {service} can claim {ticket_id}.",
    },
    "history.created": {Language.FR: "ouvert par {actor}", Language.EN: "filed by {actor}"},
    "history.claimed": {
        Language.FR: "pris en charge par {actor}",
        Language.EN: "claimed by {actor}",
    },
    "history.status": {
        Language.FR: "statut {before} → {after} par {actor}",
        Language.EN: "status {before} → {after} by {actor}",
    },
    "history.posted": {
        Language.FR: "publié dans {after}",
        Language.EN: "posted in {after}",
    },
    "history.post_failed": {
        Language.FR: "publication impossible ({note})",
        Language.EN: "could not be posted ({note})",
    },
    # --- direct messages to the requester -----------------------------------------------------
    "dm.filed": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est enregistré ({priority}) et "
        "a été transmis à *{service}* dans {channel}. Je vous préviens à chaque étape.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is recorded ({priority}) and was "
        "sent to *{service}* in {channel}. I will tell you about every step.",
    },
    "dm.post_failed": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est bien enregistré, mais je n’ai "
        "pas pu le publier dans le canal de *{service}*. L’incident est signalé aux "
        "administrateurs ; citez *{ticket_id}* si vous contactez le centre de support.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is recorded, but I could not post it "
        "in *{service}*’s channel. The administrators have been alerted; quote *{ticket_id}* "
        "if you contact the service desk.",
    },
    "dm.claimed": {
        Language.FR: "{user} a pris en charge votre ticket *{ticket_id}* « {title} ».",
        Language.EN: "{user} is now working on your ticket *{ticket_id}* “{title}”.",
    },
    # --- the /ticket command ------------------------------------------------------------------
    "help.text": {
        Language.FR: "*Guichet : le support informatique dans Slack*\n"
        "• `/ticket` : ouvrir le formulaire d’un nouveau ticket\n"
        "• `/ticket mon VPN se coupe toutes les heures` : le formulaire prérempli\n"
        "• `/ticket list` : mes tickets ouverts\n"
        "• `/ticket show INC-42` : le détail et l’historique d’un ticket\n"
        "• `/ticket stats [service] [7j|30j]` : les chiffres du support\n"
        "• `/ticket export [service] [30j]` : les tickets en CSV (agents)\n"
        "• `/ticket help` : cette aide",
        Language.EN: "*Guichet: IT support in Slack*\n"
        "• `/ticket`: open the form for a new ticket\n"
        "• `/ticket my VPN drops every hour`: the form, pre-filled\n"
        "• `/ticket list`: my open tickets\n"
        "• `/ticket show INC-42`: a ticket’s details and history\n"
        "• `/ticket stats [service] [7d|30d]`: the helpdesk’s figures\n"
        "• `/ticket export [service] [30d]`: tickets as CSV (agents)\n"
        "• `/ticket help`: this help",
    },
    "command.show_usage": {
        Language.FR: "Indiquez le numéro du ticket, par exemple `/ticket show INC-42`.",
        Language.EN: "Give the ticket id, for example `/ticket show INC-42`.",
    },
    "command.not_found": {
        Language.FR: "Je ne trouve pas de ticket *{ticket_id}*.",
        Language.EN: "I cannot find a ticket *{ticket_id}*.",
    },
    "command.not_visible": {
        Language.FR: "Le ticket *{ticket_id}* n’est visible que par son demandeur et son service.",
        Language.EN: "Ticket *{ticket_id}* is visible only to its requester and its team.",
    },
    "list.title": {Language.FR: "*Vos tickets ouverts*", Language.EN: "*Your open tickets*"},
    "list.empty": {
        Language.FR: "Vous n’avez aucun ticket ouvert. `/ticket` pour en créer un.",
        Language.EN: "You have no open tickets. Type `/ticket` to file one.",
    },
    "list.line": {
        Language.FR: "*{ticket_id}* · {title} · {status} · {priority} · {service}",
        Language.EN: "*{ticket_id}* · {title} · {status} · {priority} · {service}",
    },
    "list.more": {
        Language.FR: "… et {count} de plus.",
        Language.EN: "… and {count} more.",
    },
    "show.history": {Language.FR: "*Historique*", Language.EN: "*History*"},
    "show.description": {Language.FR: "*Description*", Language.EN: "*Description*"},
    "trigger_expired": {
        Language.FR: "Le formulaire n’a pas pu s’ouvrir à temps. Retapez `/ticket`.",
        Language.EN: "The form could not open in time. Please type `/ticket` again.",
    },
}
