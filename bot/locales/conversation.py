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
    # the files of a requester's DM-thread reply, named for the team: their links open in that
    # DM only, and the bot copies each one into the card's thread (working.thread.requester_files)
    "conversation.relay.copied": {
        Language.FR: Plural(
            one="📎 {files} _(copie dans ce fil)_",
            other="📎 {files} _({count} copies dans ce fil)_",
        ),
        Language.EN: Plural(
            one="📎 {files} _(copy in this thread)_",
            other="📎 {files} _({count} copies in this thread)_",
        ),
    },
    # a team's files relayed to the requester from a private service's channel: their links
    # open for that channel's members only, so they are named, and how to get them said
    "conversation.relay.private_files": {
        Language.FR: Plural(
            one="📎 {files} _(joint dans le canal privé de l’équipe, que vous ne pouvez pas "
            "ouvrir : répondez ici pour en demander une copie)_",
            other="📎 {files} _({count} fichiers joints dans le canal privé de l’équipe, que "
            "vous ne pouvez pas ouvrir : répondez ici pour en demander une copie)_",
        ),
        Language.EN: Plural(
            one="📎 {files} _(attached in the team’s private channel, which you cannot open: "
            "reply here to ask for a copy)_",
            other="📎 {files} _({count} files attached in the team’s private channel, which you "
            "cannot open: reply here to ask for a copy)_",
        ),
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
    "conversation.dm_reply.not_posted": {
        Language.FR: "{ticket_id} n’est encore arrivé dans le canal d’aucune équipe : votre "
        "message n’a donc été transmis à personne. Écrivez de nouveau ici quand je vous dirai "
        "qu’il est publié, ou citez *{ticket_id}* si vous contactez le centre de support.",
        Language.EN: "{ticket_id} has not reached any team’s channel yet, so your message was "
        "passed on to nobody. Write here again once I tell you it is posted, or quote "
        "*{ticket_id}* if you contact the service desk.",
    },
    "conversation.dm_reply.never_posted": {
        Language.FR: "{ticket_id} est terminé sans être jamais arrivé dans le canal d’une "
        "équipe : votre message n’a été transmis à personne. Pour une nouvelle demande, "
        "tapez `/ticket`.",
        Language.EN: "{ticket_id} ended without ever reaching a team’s channel: your message "
        "was passed on to nobody. For a new request, type `/ticket`.",
    },
    "conversation.dm_reply.press_solved": {  # « oui c bon merci » under « is it solved? »
        Language.FR: "👉 C’est réglé ? Appuyez sur *{button}* dans le message ci-dessus pour "
        "fermer {ticket_id} (votre message a aussi été transmis à l’équipe).",
        Language.EN: "👉 Solved? Press *{button}* in the message above to close {ticket_id} "
        "(your message was passed on to the team too).",
    },
    "conversation.dm_reply.press_not_solved": {  # « non toujours pas » under « is it solved? »
        Language.FR: "👉 Pas encore réglé ? Appuyez sur *{button}* dans le message ci-dessus : "
        "{ticket_id} repassera en cours (votre message a aussi été transmis à l’équipe).",
        Language.EN: "👉 Not solved yet? Press *{button}* in the message above: {ticket_id} goes "
        "back in progress (your message was passed on to the team too).",
    },
    "conversation.dm_reply.elsewhere": {
        Language.FR: "📨 Transmis à l’équipe de {ticket_id}. Ses réponses arrivent dans "
        "{thread} ; ce que vous écrivez ici lui parvient aussi.",
        Language.EN: "📨 Passed on to the team handling {ticket_id}. Their answers arrive in "
        "{thread}; what you write here reaches them too.",
    },
    "conversation.dm_reply.thread_link": {
        Language.FR: "<{link}|le fil d’échanges sur {ticket_id}>",
        Language.EN: "<{link}|the conversation thread for {ticket_id}>",
    },
    "conversation.dm_reply.thread_named": {
        Language.FR: "le fil de mon message « 💬 Échanges sur votre ticket {ticket_id} »",
        Language.EN: "the thread of my message “💬 Conversation about your ticket {ticket_id}”",
    },
    # --- a DM to Guichet naming one of its writer's tickets ("any news on INC-4?") -----------
    "conversation.own_ticket.text": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est *{status}*, confié à "
        "*{service}*{assignee}. Pour écrire à l’équipe, répondez dans {where} : votre message "
        "lui est transmis.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is *{status}*, with *{service}*"
        "{assignee}. To write to the team, reply in {where}: your message is passed on to them.",
    },
    "conversation.own_ticket.ended": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est *{status}*. Pour écrire à "
        "l’équipe à son sujet, répondez dans {where} ; pour un nouveau problème, tapez "
        "`/ticket`.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is *{status}*. To write to the team "
        "about it, reply in {where}; for a new problem, type `/ticket`.",
    },
    "conversation.own_ticket.assignee": {
        Language.FR: " (pris en charge par {assignee})",
        Language.EN: " ({assignee} is on it)",
    },
    "conversation.own_ticket.thread_link": {
        Language.FR: "<{link}|le fil d’échanges sur ce ticket>",
        Language.EN: "<{link}|this ticket’s conversation thread>",
    },
    "conversation.own_ticket.which": {  # « mon ticket ? » with several open
        Language.FR: Plural(
            one="Vous avez {count} ticket ouvert : {tickets}. Écrivez-moi son numéro "
            "(« {example} ») pour savoir où il en est, ou tapez `/ticket list`.",
            other="Vous avez {count} tickets ouverts : {tickets}. Écrivez-moi le numéro de "
            "celui qui vous intéresse (« {example} ») pour savoir où il en est, ou tapez "
            "`/ticket list`.",
        ),
        Language.EN: Plural(
            one="You have {count} open ticket: {tickets}. Write me its id (“{example}”) to "
            "know where it stands, or type `/ticket list`.",
            other="You have {count} open tickets: {tickets}. Write me the id of the one you "
            "mean (“{example}”) to know where it stands, or type `/ticket list`.",
        ),
    },
    "conversation.own_ticket.which_item": {
        Language.FR: "*{ticket_id}* « {title} »",
        Language.EN: "*{ticket_id}* “{title}”",
    },
    "conversation.own_ticket.files": {  # files sent with a DM naming one's own ticket
        Language.FR: Plural(
            one="📎 Votre fichier n’a été transmis à personne d’ici : pour l’envoyer à "
            "l’équipe, envoyez-le de nouveau en réponse dans {where}.",
            other="📎 Vos {count} fichiers n’ont été transmis à personne d’ici : pour les "
            "envoyer à l’équipe, envoyez-les de nouveau en réponse dans {where}.",
        ),
        Language.EN: Plural(
            one="📎 Your file was passed on to nobody from here: to send it to the team, send "
            "it again as a reply in {where}.",
            other="📎 Your {count} files were passed on to nobody from here: to send them to "
            "the team, send them again as a reply in {where}.",
        ),
    },
    "conversation.own_ticket.any_message": {
        Language.FR: "le fil de n’importe lequel de mes messages à son sujet",
        Language.EN: "the thread of any of my messages about it",
    },
    "conversation.article.to_requester": {
        Language.FR: "{user} ({ticket_id}) vous envoie un article qui devrait vous aider :",
        Language.EN: "{user} ({ticket_id}) sent you an article that should help:",
    },
    "conversation.article.to_team": {
        Language.FR: "📚 {user} a envoyé l’article « {title} » au demandeur.",
        Language.EN: "📚 {user} sent the article “{title}” to the requester.",
    },
    "conversation.saved_reply.button": {
        Language.FR: "Réponse enregistrée",
        Language.EN: "Saved reply",
    },
    "conversation.saved_reply.modal_title": {
        Language.FR: "Réponse enregistrée",
        Language.EN: "Saved reply",
    },
    "conversation.saved_reply.submit": {Language.FR: "Envoyer", Language.EN: "Send"},
    "conversation.saved_reply.choice": {Language.FR: "Réponse", Language.EN: "Reply"},
    "conversation.saved_reply.text": {
        Language.FR: "Texte envoyé au demandeur (modifiable)",
        Language.EN: "Text sent to the requester (you may edit it)",
    },
    "conversation.saved_reply.written_in_fr": {
        Language.FR: "En français. Le demandeur de {ticket_id} le reçoit en message direct, "
        "dans le fil de son ticket.",
        Language.EN: "In French. The requester of {ticket_id} gets it by direct message, "
        "in their ticket’s thread.",
    },
    "conversation.saved_reply.written_in_en": {
        Language.FR: "En anglais. Le demandeur de {ticket_id} le reçoit en message direct, "
        "dans le fil de son ticket.",
        Language.EN: "In English. The requester of {ticket_id} gets it by direct message, "
        "in their ticket’s thread.",
    },
    "conversation.saved_reply.none": {
        Language.FR: "Aucune réponse enregistrée pour {service} "
        "(`saved_replies:` dans le fichier des services).",
        Language.EN: "{service} has no saved replies (`saved_replies:` in the services file).",
    },
    "conversation.saved_reply.unknown": {
        Language.FR: "Cette réponse enregistrée n’existe pas (ou plus) pour {service} : rien "
        "n’a été envoyé.",
        Language.EN: "{service} does not have this saved reply (any more): nothing was sent.",
    },
    "conversation.saved_reply.empty": {
        Language.FR: "Le texte ne peut pas être vide.",
        Language.EN: "The text cannot be empty.",
    },
    "conversation.saved_reply.sent_title": {
        Language.FR: "Réponse enregistrée",
        Language.EN: "Saved reply",
    },
    "conversation.saved_reply.sending": {
        Language.FR: "Envoi de « {title} » au demandeur…",
        Language.EN: "Sending “{title}” to the requester…",
    },
    "conversation.saved_reply.sent": {
        Language.FR: "« {title} » a été envoyée au demandeur de {ticket_id}.",
        Language.EN: "“{title}” was sent to the requester of {ticket_id}.",
    },
    "conversation.saved_reply.queued": {
        Language.FR: "Slack ne la prend pas pour l’instant : « {title} » partira dès que possible "
        "(l’historique de {ticket_id} le dira).",
        Language.EN: "Slack cannot take it right now: “{title}” will be sent as soon as possible "
        "({ticket_id}’s history will say so).",
    },
    "conversation.saved_reply.gone": {
        Language.FR: "{ticket_id} est terminé : la réponse n’est pas partie.",
        Language.EN: "{ticket_id} has ended: the reply was not sent.",
    },
    "conversation.saved_reply.failed": {
        Language.FR: "La réponse n’a pas pu être envoyée : {reason}",
        Language.EN: "The reply could not be sent: {reason}",
    },
    "conversation.saved_reply.to_requester": {
        Language.FR: "{user} ({ticket_id}) vous répond :",
        Language.EN: "{user} ({ticket_id}) replied:",
    },
    "conversation.saved_reply.to_team": {
        Language.FR: "💬 {user} a envoyé la réponse enregistrée « {title} » au demandeur.",
        Language.EN: "💬 {user} sent the saved reply “{title}” to the requester.",
    },
    "conversation.merge.merged": {
        Language.FR: "{user} a fusionné votre ticket *{ticket_id}* dans *{other}*, qui traite du "
        "même problème : l’équipe le suit là-bas. *{ticket_id}* est clos comme doublon.",
        Language.EN: "{user} merged your ticket *{ticket_id}* into *{other}*, which is about the "
        "same problem: the team is handling it there. *{ticket_id}* is closed as a duplicate.",
    },
    "conversation.merge.absorbed": {
        Language.FR: "{user} a fusionné *{other}*, une demande sur le même problème, dans votre "
        "ticket *{ticket_id}* : rien ne change pour vous, il reste ouvert.",
        Language.EN: "{user} merged *{other}*, a request about the same problem, into your "
        "ticket *{ticket_id}*: nothing changes for you, it stays open.",
    },
}
