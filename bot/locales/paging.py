"""Reminders, on-call pages and their acknowledgement, paging failures."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    # --- stale-ticket reminders -------------------------------------------------------------------
    # {date}: the due time, a Slack date token (the reader's zone). A reminder stays in the thread
    # as sent, and on a business calendar the hours since it fell due are not late ones: since
    # when, never a wall-clock count ("2 d 14 h late" on a Monday after a closed weekend).
    "paging.reminder.response": {
        Language.FR: "⏰ *{ticket_id}* « {title} » ({priority}) attend toujours d’être pris en "
        "charge : *en retard depuis {date}*.",
        Language.EN: "⏰ *{ticket_id}* “{title}” ({priority}) is still waiting for someone to "
        "take it: *overdue since {date}*.",
    },
    "paging.reminder.resolution": {
        Language.FR: "⏰ *{ticket_id}* « {title} » ({priority}) a dépassé son objectif de "
        "résolution : *en retard depuis {date}*.",
        Language.EN: "⏰ *{ticket_id}* “{title}” ({priority}) is past its resolution target: "
        "*overdue since {date}*.",
    },
    "paging.reminder.response_now": {
        Language.FR: "⏰ *{ticket_id}* « {title} » ({priority}) attend toujours d’être pris en "
        "charge : *son délai de réponse vient d’expirer* ({date}).",
        Language.EN: "⏰ *{ticket_id}* “{title}” ({priority}) is still waiting for someone to "
        "take it: *its response target has just passed* ({date}).",
    },
    "paging.reminder.resolution_now": {
        Language.FR: "⏰ *{ticket_id}* « {title} » ({priority}) a dépassé son objectif de "
        "résolution : *l’échéance vient de passer* ({date}).",
        Language.EN: "⏰ *{ticket_id}* “{title}” ({priority}) is past its resolution target: "
        "*it fell due just now* ({date}).",
    },
    "paging.reminder.while_paging": {
        Language.FR: "⏰ *{ticket_id}* « {title} » ({priority}) a dépassé son objectif de "
        "réponse ({date}) sans que personne ait acquitté : les appels continuent jusqu’à ce "
        "que quelqu’un le fasse.",
        Language.EN: "⏰ *{ticket_id}* “{title}” ({priority}) passed its response target "
        "({date}) with nobody acknowledging it: the paging goes on until someone does.",
    },
    "paging.reminder.while_paging_fallback": {
        Language.FR: "Relance : {ticket_id} a dépassé son objectif de réponse, les appels "
        "continuent",
        Language.EN: "Reminder: {ticket_id} passed its response target, still paging",
    },
    "paging.reminder.answered": {
        Language.FR: "✅ *{ticket_id}* « {title} » ({priority}), en retard depuis "
        "{date} : {change}.",
        Language.EN: "✅ *{ticket_id}* “{title}” ({priority}), overdue since {date}: {change}.",
    },
    "paging.reminder.fallback": {
        Language.FR: "Relance : {ticket_id} en retard depuis {date}",
        Language.EN: "Reminder: {ticket_id} overdue since {date}",
    },
    "paging.reminder.fallback_now": {
        Language.FR: "Relance : {ticket_id} vient de dépasser son objectif",
        Language.EN: "Reminder: {ticket_id} has just passed its target",
    },
    # --- on-call pages ----------------------------------------------------------------------------
    "paging.page.header": {
        Language.FR: "🚨 Astreinte : {ticket_id} · {type}",
        Language.EN: "🚨 On-call page: {ticket_id} · {type}",
    },
    "paging.page.oncall": {
        Language.FR: "Vous êtes d’astreinte pour *{service}* (niveau {level}). Acquittez pour "
        "prendre l’alerte : les appels continuent tant que personne ne l’a fait.",
        Language.EN: "You are on call for *{service}* (level {level}). Acknowledge to take it: "
        "paging goes on until someone does.",
    },
    "paging.page.oncall_no_take": {
        Language.FR: "Vous êtes d’astreinte pour *{service}* (niveau {level}). Acquittez pour "
        "arrêter les appels : cela signale que vous vous en occupez, sans vous attribuer le "
        "ticket (il reste dans la file de son équipe). Les appels continuent tant que personne "
        "n’a acquitté.",
        Language.EN: "You are on call for *{service}* (level {level}). Acknowledge to stop the "
        "paging: it says you are on it, without giving you the ticket (it stays in its team’s "
        "queue). Paging goes on until someone does.",
    },
    # {number}: the reader's own count, not the ticket's; {since}: a time (a page stays as sent
    # until it is answered: no duration that would be false a minute later)
    "paging.page.repeat": {
        Language.FR: "Appel n° {number} pour vous : personne n’a acquitté depuis {since}.",
        Language.EN: "Page #{number} to you: nobody has acknowledged since {since}.",
    },
    "paging.page.escalated": {  # the first page of a level above the first
        Language.FR: "L’alerte remonte jusqu’à vous : personne n’a acquitté depuis {since} "
        "({below}).",
        Language.EN: "Escalated to you: nobody has acknowledged since {since} ({below}).",
    },
    "paging.page.escalated_unreachable": {  # nobody on the levels below could be paged
        Language.FR: "L’alerte remonte jusqu’à vous tout de suite : je n’ai pu appeler personne "
        "en dessous ({below}).",
        Language.EN: "Escalated to you at once: I could not page anyone below you ({below}).",
    },
    "paging.page.escalated_unconfirmed": {  # pages below given up, every answer lost
        Language.FR: "L’alerte remonte jusqu’à vous tout de suite : je ne sais pas si mes "
        "appels aux niveaux inférieurs sont arrivés ({below}).",
        Language.EN: "Escalated to you at once: I cannot tell whether my pages reached anyone "
        "below you ({below}).",
    },
    "paging.page.level_separator": {Language.FR: " ; ", Language.EN: "; "},
    "paging.page.level_users": {  # one level below the reader's, in paging.page.escalated
        Language.FR: "niveau {level} : {users}",
        Language.EN: "level {level}: {users}",
    },
    "paging.page.channel": {
        Language.FR: "{mention} 🚨 *{ticket_id}* « {title} » demande quelqu’un tout de suite. "
        "Personne n’est d’astreinte pour *{service}* : j’appelle ce canal jusqu’à ce que "
        "quelqu’un acquitte.",
        Language.EN: "{mention} 🚨 *{ticket_id}* “{title}” needs someone now. Nobody is on call "
        "for *{service}*, so I am paging this channel until someone acknowledges.",
    },
    "paging.page.fallback": {
        Language.FR: "🚨 {ticket_id} attend l’acquittement de l’astreinte : {title}",
        Language.EN: "🚨 {ticket_id} needs an on-call acknowledgement: {title}",
    },
    "paging.page.acknowledged": {
        Language.FR: "✅ *{ticket_id}* acquitté par {user} à {time}.",
        Language.EN: "✅ *{ticket_id}* acknowledged by {user} at {time}.",
    },
    "paging.page.ended": {
        Language.FR: "⏹️ *{ticket_id}* : {change}. Plus besoin d’acquitter.",
        Language.EN: "⏹️ *{ticket_id}*: {change}. No acknowledgement needed any more.",
    },
    "paging.page.last_level": {
        Language.FR: "🚨 *{ticket_id}* : les appels ont atteint le dernier niveau d’astreinte "
        "(niveau {level} : {users}). Plus personne au-dessus : je rappelle ce niveau toutes les "
        "{every} jusqu’à ce que quelqu’un acquitte.",
        Language.EN: "🚨 *{ticket_id}*: paging has reached the last on-call level (level "
        "{level}: {users}). There is nobody above: I will page this level again every {every} "
        "until someone acknowledges.",
    },
    "paging.button.open": {Language.FR: "Voir le ticket", Language.EN: "Open ticket"},
    "paging.button.acknowledge": {Language.FR: "Acquitter", Language.EN: "Acknowledge"},
    # --- the App Home of someone being paged (handlers/home/pages.py) ----------------------------
    "paging.home.title": {
        Language.FR: "*🚨 On vous appelle* : personne n’a encore acquitté.",
        Language.EN: "*🚨 You are being paged*: nobody has acknowledged yet.",
    },
    "paging.home.row": {
        Language.FR: Plural(
            one="{service} · niveau {level} · appels depuis {since} · {count} appel pour vous",
            other="{service} · niveau {level} · appels depuis {since} · {count} appels pour vous",
        ),
        Language.EN: Plural(
            one="{service} · level {level} · paging since {since} · {count} page to you",
            other="{service} · level {level} · paging since {since} · {count} pages to you",
        ),
    },
    # --- pressing Acknowledge ---------------------------------------------------------------------
    "paging.ack.already": {
        Language.FR: "{ticket_id} a déjà été acquitté par {user} à {time}.",
        Language.EN: "{ticket_id} was already acknowledged by {user} at {time}.",
    },
    "paging.ack.not_allowed": {
        Language.FR: "Seules les personnes d’astreinte et les membres de {service} peuvent "
        "acquitter {ticket_id}.",
        Language.EN: "Only the on-call staff and members of {service} can acknowledge {ticket_id}.",
    },
    "paging.ack.not_paging": {
        Language.FR: "{ticket_id} n’appelle personne : il n’y a rien à acquitter.",
        Language.EN: "{ticket_id} is not paging anyone: there is nothing to acknowledge.",
    },
    "paging.dm.acknowledged_by_you": {  # the requester, on call, acknowledged their own
        Language.FR: "Vous avez acquitté votre urgence *{ticket_id}* « {title} » : les appels "
        "d’astreinte sont arrêtés.",
        Language.EN: "You acknowledged your emergency *{ticket_id}* “{title}”: on-call paging "
        "has stopped.",
    },
    "paging.dm.acknowledged": {
        Language.FR: "{user} a pris en compte votre urgence *{ticket_id}* « {title} » et s’en "
        "occupe.",
        Language.EN: "{user} acknowledged your emergency *{ticket_id}* “{title}” and is on it.",
    },
    # --- a person decides what is an emergency (bot/paging/emergency_calls.py) --------------------
    "paging.emergency.suspected": {
        Language.FR: "⚠️ Guichet n’a appelé personne : ce ticket a été créé sans formulaire et "
        "son texte ressemble à une urgence ({evidence}). Si c’en est une, déclarez-la : "
        "l’astreinte sera appelée.",
        Language.EN: "⚠️ Guichet paged nobody: this ticket was filed without a form and its text "
        "reads like an emergency ({evidence}). If it is one, declare it and on-call will be "
        "paged.",
    },
    "paging.emergency.evidence_word": {  # each word quoted in the note above
        Language.FR: "« {word} »",
        Language.EN: "“{word}”",
    },
    "paging.emergency.declare": {
        Language.FR: "C’est une urgence",
        Language.EN: "This is an emergency",
    },
    "paging.emergency.confirm_title": {
        Language.FR: "Déclarer une urgence ?",
        Language.EN: "Declare an emergency?",
    },
    "paging.emergency.confirm_text": {
        Language.FR: "{ticket_id} deviendra une urgence (P1) et l’astreinte sera appelée "
        "jusqu’à ce que quelqu’un acquitte.",
        Language.EN: "{ticket_id} will become an emergency (P1) and on-call will be paged until "
        "someone acknowledges.",
    },
    "paging.emergency.confirm_text_taken": {
        Language.FR: "{ticket_id} deviendra une urgence (P1). Quelqu’un l’a déjà pris en "
        "charge : l’astreinte ne sera pas appelée.",
        Language.EN: "{ticket_id} will become an emergency (P1). Someone already has it, so "
        "on-call will not be paged.",
    },
    "paging.emergency.confirm_declare": {
        Language.FR: "Déclarer l’urgence",
        Language.EN: "Declare the emergency",
    },
    "paging.emergency.confirm_yes": {
        Language.FR: "Appeler l’astreinte",
        Language.EN: "Page on-call",
    },
    "paging.emergency.confirm_no": {Language.FR: "Annuler", Language.EN: "Cancel"},
    "paging.emergency.not_allowed": {
        Language.FR: "Seuls les membres de {service} peuvent décider que {ticket_id} est une "
        "urgence ou n’en est pas une.",
        Language.EN: "Only members of {service} can decide whether {ticket_id} is an emergency.",
    },
    "paging.emergency.already": {
        Language.FR: "{ticket_id} est déjà une urgence.",
        Language.EN: "{ticket_id} is already an emergency.",
    },
    "paging.emergency.no_longer": {
        Language.FR: "{ticket_id} n’est plus une urgence : quelqu’un en a déjà décidé.",
        Language.EN: "{ticket_id} is no longer an emergency: someone has already decided.",
    },
    "paging.emergency.dismiss": {
        Language.FR: "Pas une urgence : incident…",
        Language.EN: "Not an emergency: incident…",
    },
    "paging.emergency.dismiss_option": {
        Language.FR: "Pas une urgence : incident {priority}",
        Language.EN: "Not an emergency: incident {priority}",
    },
    "paging.emergency.dismissed_page": {
        Language.FR: "✅ *{ticket_id}* n’est pas une urgence, a dit {user} à {time} : c’est un "
        "incident {priority}. Les appels sont arrêtés.",
        Language.EN: "✅ *{ticket_id}* is not an emergency, {user} said at {time}: it is an "
        "incident, {priority}. Paging stopped.",
    },
    "paging.dm.emergency_declared": {
        Language.FR: "{user} a déclaré votre ticket *{ticket_id}* « {title} » comme une urgence : "
        "l’astreinte est appelée.",
        Language.EN: "{user} declared your ticket *{ticket_id}* “{title}” an emergency: on-call "
        "is being paged.",
    },
    "paging.dm.emergency_declared_taken": {
        Language.FR: "{user} a déclaré votre ticket *{ticket_id}* « {title} » comme une urgence ; "
        "{assignee} s’en occupe déjà.",
        Language.EN: "{user} declared your ticket *{ticket_id}* “{title}” an emergency; "
        "{assignee} is already on it.",
    },
    "paging.dm.not_emergency": {
        Language.FR: "{user} a estimé que *{ticket_id}* « {title} » n’est pas une urgence : "
        "c’est désormais un incident de priorité {priority}, toujours suivi par {service}.",
        Language.EN: "{user} decided that *{ticket_id}* “{title}” is not an emergency: it is now "
        "an incident with priority {priority}, still handled by {service}.",
    },
    # --- delivery failures, told to the service channel -------------------------------------------
    "paging.failure.page": {
        Language.FR: "⚠️ Je n’ai pas pu appeler {user} pour *{ticket_id}* ({reason}). "
        "Joignez cette personne autrement.",
        Language.EN: "⚠️ I could not page {user} for *{ticket_id}* ({reason}). Please reach "
        "them another way.",
    },
    "paging.failure.page_unconfirmed": {
        Language.FR: "⚠️ Je ne sais pas si mon appel à {user} pour *{ticket_id}* lui est "
        "parvenu ({reason}) : il l’a peut-être reçu, ou non. Joignez cette personne autrement.",
        Language.EN: "⚠️ I cannot tell whether my page to {user} for *{ticket_id}* reached them "
        "({reason}): it may have, or not. Please reach them another way.",
    },
    "paging.failure.reminder": {
        Language.FR: "⚠️ Je n’ai pas pu envoyer la relance de *{ticket_id}* à {user} ({reason}).",
        Language.EN: "⚠️ I could not deliver the reminder about *{ticket_id}* to {user} ({reason}).",
    },
    "paging.failure.reminder_unconfirmed": {
        Language.FR: "⚠️ Je ne sais pas si la relance de *{ticket_id}* est arrivée à {user} "
        "({reason}).",
        Language.EN: "⚠️ I cannot tell whether the reminder about *{ticket_id}* reached {user} "
        "({reason}).",
    },
    # --- the ticket view (Open ticket) ------------------------------------------------------------
    "paging.view.title": {Language.FR: "Ticket {ticket_id}", Language.EN: "Ticket {ticket_id}"},
}
