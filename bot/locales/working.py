"""Working a ticket: claim, assign, status, information, rating, refusals."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    # --- controls on the ticket's channel message -------------------------------------------------
    "working.button.claim": {Language.FR: "Je prends", Language.EN: "Claim"},
    "working.button.assign": {Language.FR: "Attribuer…", Language.EN: "Assign…"},
    "working.button.add_info": {
        Language.FR: "Ajouter des informations",
        Language.EN: "Add information",
    },
    "working.button.cancel_ticket": {
        Language.FR: "Annuler le ticket",
        Language.EN: "Cancel ticket",
    },
    "working.button.solved": {Language.FR: "Oui, c’est réglé", Language.EN: "Yes, it is solved"},
    "working.button.not_solved": {Language.FR: "Non, pas encore", Language.EN: "No, not yet"},
    "working.select.status": {Language.FR: "Changer le statut", Language.EN: "Change status"},
    "working.select.priority": {Language.FR: "Changer la priorité", Language.EN: "Change priority"},
    "working.select.reassign": {
        Language.FR: "Transmettre à un autre service",
        Language.EN: "Send to another team",
    },
    "working.select.type": {Language.FR: "Changer le type", Language.EN: "Change type"},
    # --- claiming ---------------------------------------------------------------------------------
    "working.claim.done": {
        Language.FR: "{user} a pris en charge {ticket_id}.",
        Language.EN: "{user} claimed {ticket_id}.",
    },
    "working.claim.already": {
        Language.FR: "{ticket_id} est déjà pris en charge par {user}.",
        Language.EN: "{ticket_id} is already claimed by {user}.",
    },
    "working.claim.closed": {
        Language.FR: "{ticket_id} est {status} : il ne peut plus être pris en charge.",
        Language.EN: "{ticket_id} is {status}: it can no longer be claimed.",
    },
    "working.claim.not_allowed": {
        Language.FR: "Seuls les membres de {service} peuvent prendre en charge {ticket_id}.",
        Language.EN: "Only members of {service} can claim {ticket_id}.",
    },
    # --- the assign form --------------------------------------------------------------------------
    "working.assign.title": {Language.FR: "Attribuer le ticket", Language.EN: "Assign ticket"},
    "working.assign.submit": {Language.FR: "Attribuer", Language.EN: "Assign"},
    "working.assign.intro": {
        Language.FR: "À qui confier *{ticket_id}* « {title} » ?",
        Language.EN: "Who should work on *{ticket_id}* “{title}”?",
    },
    "working.assign.label": {Language.FR: "Personne", Language.EN: "Person"},
    "working.assign.missing": {
        Language.FR: "Choisissez une personne.",
        Language.EN: "Pick a person.",
    },
    "working.assign.not_a_person": {
        Language.FR: "Choisissez une personne, pas un bot.",
        Language.EN: "Pick a person, not a bot.",
    },
    "working.assign.cannot_work": {
        Language.FR: "Cette personne ne fait pas partie de {service} : choisissez un membre de "
        "son canal ou l’un de ses agents.",
        Language.EN: "This person is not part of {service}: pick a member of its channel or one "
        "of its agents.",
    },
    # --- the add-information form -----------------------------------------------------------------
    "working.info.title": {Language.FR: "Ajouter des informations", Language.EN: "Add information"},
    "working.info.submit": {Language.FR: "Ajouter", Language.EN: "Add"},
    "working.info.intro": {
        Language.FR: "Ce que vous ajoutez à *{ticket_id}* « {title} » est transmis à l’équipe "
        "qui le traite.",
        Language.EN: "What you add to *{ticket_id}* “{title}” goes to the team working on it.",
    },
    "working.info.label": {Language.FR: "Informations", Language.EN: "Information"},
    "working.info.placeholder": {
        Language.FR: "Un message d’erreur, ce qui a changé, ce que vous avez essayé…",
        Language.EN: "An error message, what changed, what you tried…",
    },
    "working.info.empty": {
        Language.FR: "Écrivez ce que vous voulez ajouter, ou joignez un fichier.",
        Language.EN: "Write what you want to add, or attach a file.",
    },
    "working.info.files_label": {
        Language.FR: "Fichiers ou captures d’écran",
        Language.EN: "Files or screenshots",
    },
    "working.info.files_hint": {
        Language.FR: "Une capture d’écran : prenez-la, puis glissez-la ici ou collez-la. "
        "L’équipe reçoit un lien vers chaque fichier.",
        Language.EN: "A screenshot: take it, then drag it here or paste it. The team gets a "
        "link to each file.",
    },
    # --- the requester's buttons ------------------------------------------------------------------
    "working.confirm.cancel_title": {
        Language.FR: "Annuler {ticket_id} ?",
        Language.EN: "Cancel {ticket_id}?",
    },
    "working.confirm.cancel_text": {
        Language.FR: "L’équipe arrêtera de travailler sur votre demande.",
        Language.EN: "The team will stop working on your request.",
    },
    "working.confirm.cancel_yes": {Language.FR: "Oui, annuler", Language.EN: "Yes, cancel it"},
    "working.confirm.cancel_no": {Language.FR: "Non, le garder", Language.EN: "No, keep it"},
    "working.button.withdraw": {
        Language.FR: "Retirer la demande",
        Language.EN: "Withdraw the request",
    },
    "working.confirm.withdraw_title": {
        Language.FR: "Retirer {ticket_id} ?",
        Language.EN: "Withdraw {ticket_id}?",
    },
    "working.confirm.withdraw_text": {
        Language.FR: "Vos approbateurs ne seront plus sollicités et la demande sera annulée.",
        Language.EN: "Your approvers will no longer be asked, and the request will be cancelled.",
    },
    "working.confirm.withdraw_yes": {
        Language.FR: "Oui, la retirer",
        Language.EN: "Yes, withdraw it",
    },
    "working.confirm.withdraw_no": {Language.FR: "Non, la garder", Language.EN: "No, keep it"},
    "working.rating.scale": {
        Language.FR: "1 = pas du tout satisfaisante · 5 = très satisfaisante",
        Language.EN: "1 = not satisfied at all · 5 = very satisfied",
    },
    "working.answered.ticket_cancel": {
        Language.FR: "🚫 Vous avez annulé *{ticket_id}*.",
        Language.EN: "🚫 You cancelled *{ticket_id}*.",
    },
    "working.answered.ticket_withdrawn": {
        Language.FR: "↩️ Vous avez retiré votre demande *{ticket_id}* : vos approbateurs ne "
        "sont plus sollicités.",
        Language.EN: "↩️ You withdrew your request *{ticket_id}*: your approvers are no longer "
        "asked.",
    },
    "working.answered.ticket_not_solved_queue": {  # nobody had it: back in the queue
        Language.FR: "↩️ Vous avez indiqué que *{ticket_id}* n’est pas résolu : il est rouvert.",
        Language.EN: "↩️ You said *{ticket_id}* is not solved: it is open again.",
    },
    "working.answered.ticket_solved": {
        Language.FR: "✅ Vous avez confirmé que *{ticket_id}* est résolu : il est clos.",
        Language.EN: "✅ You confirmed *{ticket_id}* is solved: it is closed.",
    },
    "working.answered.ticket_not_solved": {
        Language.FR: "↩️ Vous avez indiqué que *{ticket_id}* n’est pas résolu : l’équipe le "
        "reprend.",
        Language.EN: "↩️ You said *{ticket_id}* is not solved: the team is back on it.",
    },
    "working.rating.thanks": {
        Language.FR: "Merci ! Vous avez donné {rating}/5 à *{ticket_id}*.",
        Language.EN: "Thank you! You rated *{ticket_id}* {rating}/5.",
    },
    # --- direct messages to the requester ---------------------------------------------------------
    "working.dm.claimed": {
        Language.FR: "{user} a pris en charge votre ticket *{ticket_id}* « {title} ».",
        Language.EN: "{user} is now working on your ticket *{ticket_id}* “{title}”.",
    },
    "working.dm.assigned": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est confié à {assignee}.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is now assigned to {assignee}.",
    },
    "working.dm.unassigned": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » n’a plus personne pour le suivre "
        "pour l’instant : {user} l’a remis dans la file de *{service}*, la prochaine personne "
        "disponible le reprendra. Je vous préviendrai.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” has nobody on it for now: {user} put it "
        "back in *{service}*’s queue, and the next available person will pick it up. I will let "
        "you know.",
    },
    "working.dm.status_changed": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est maintenant *{status}* "
        "(par {user}).",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is now *{status}* (by {user}).",
    },
    "working.dm.waiting_on_you": {
        Language.FR: "{user} attend une réponse de votre part sur votre ticket *{ticket_id}* "
        "« {title} » : répondez dans le fil de ce message ou avec *Ajouter des informations* "
        "ci-dessous ; l’équipe reçoit votre réponse dans le ticket.",
        Language.EN: "{user} needs an answer from you on your ticket *{ticket_id}* “{title}”: "
        "reply in this message’s thread or with *Add information* below; the team gets your reply "
        "in the ticket.",
    },
    "working.dm.resolved": {
        Language.FR: "{user} a marqué votre ticket *{ticket_id}* « {title} » comme résolu. "
        "Votre problème est-il réglé ?",
        Language.EN: "{user} marked your ticket *{ticket_id}* “{title}” as resolved. "
        "Is your problem solved?",
    },
    "working.dm.retired_superseded": {
        Language.FR: "↪️ *{ticket_id}* est maintenant {status} : ses boutons sont dans le "
        "dernier message.",
        Language.EN: "↪️ *{ticket_id}* is now {status}: its buttons are in the latest message.",
    },
    "working.dm.retired_queued": {
        Language.FR: "↪️ *{ticket_id}* attend dans la file de *{service}* que quelqu’un le "
        "prenne : ses boutons sont dans le dernier message.",
        Language.EN: "↪️ *{ticket_id}* waits in *{service}*’s queue for someone to take it: "
        "its buttons are in the latest message.",
    },
    "working.dm.retired_merged": {
        Language.FR: "🔗 *{ticket_id}* a été fusionné dans *{other}*, qui traite du même "
        "problème : il est suivi là-bas, plus rien à faire ici.",
        Language.EN: "🔗 *{ticket_id}* was merged into *{other}*, which is about the same problem: "
        "it is handled there, nothing left to do here.",
    },
    "working.dm.retired_rejected": {
        Language.FR: "⛔ La demande *{ticket_id}* a été refusée : plus rien à faire ici.",
        Language.EN: "⛔ Request *{ticket_id}* was rejected: nothing left to do here.",
    },
    "working.dm.retired_done": {
        Language.FR: "☑️ *{ticket_id}* est maintenant {status} : plus rien à faire ici.",
        Language.EN: "☑️ *{ticket_id}* is now {status}: nothing left to do here.",
    },
    "working.dm.closed": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est clos. Qu’avez-vous pensé de "
        "l’aide reçue ?",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is closed. How satisfied are you with "
        "the help you got?",
    },
    "working.dm.closed_by_you": {  # the "is it solved?" DM they answered "yes" in
        Language.FR: "✅ Vous avez confirmé que votre ticket *{ticket_id}* « {title} » est résolu "
        ": il est clos. Qu’avez-vous pensé de l’aide reçue ?",
        Language.EN: "✅ You confirmed your ticket *{ticket_id}* “{title}” is solved: it is "
        "closed. How satisfied are you with the help you got?",
    },
    "working.dm.reopened": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est rouvert : l’équipe est "
        "prévenue et s’y remet. Vous pouvez ajouter des précisions ci-dessous.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is open again: the team has been told "
        "and is back on it. You can add details below.",
    },
    "working.dm.reopened_queue": {  # nobody had it: nobody is "back on it" yet
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est rouvert : il attend dans la "
        "file de *{service}* que quelqu’un le prenne. Vous pouvez ajouter des précisions "
        "ci-dessous.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is open again: it waits in "
        "*{service}*’s queue for someone to take it. You can add details below.",
    },
    "working.dm.reopened_by_you": {  # the "is it solved?" DM they answered "no" in
        Language.FR: "↩️ Vous avez indiqué que votre ticket *{ticket_id}* « {title} » n’est pas "
        "résolu : il est rouvert, l’équipe est prévenue et s’y remet. Vous pouvez ajouter des "
        "précisions ci-dessous.",
        Language.EN: "↩️ You said your ticket *{ticket_id}* “{title}” is not solved: it is open "
        "again, the team has been told and is back on it. You can add details below.",
    },
    "working.dm.reopened_by_you_queue": {  # ... and nobody had it: back in the queue
        Language.FR: "↩️ Vous avez indiqué que votre ticket *{ticket_id}* « {title} » n’est pas "
        "résolu : il est rouvert et attend dans la file de *{service}* que quelqu’un le "
        "prenne. Vous pouvez ajouter des précisions ci-dessous.",
        Language.EN: "↩️ You said your ticket *{ticket_id}* “{title}” is not solved: it is open "
        "again and waits in *{service}*’s queue for someone to take it. You can add details "
        "below.",
    },
    "working.dm.type_changed": {
        Language.FR: "{user} a reclassé votre ticket *{ticket_id}* « {title} » : son type "
        "est désormais *{type}*. Il garde son numéro, {ticket_id}.",
        Language.EN: "{user} reclassified your ticket *{ticket_id}* “{title}”: its type is now "
        "*{type}*. It keeps its number, {ticket_id}.",
    },
    "working.dm.reassigned": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » a été transmis à *{service}* "
        "({channel}) par {user}.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” was sent to *{service}* ({channel}) by "
        "{user}.",
    },
    # --- DMs to the assignee someone else took a ticket off ---------------------------------
    "working.former_assignee.unassigned": {
        Language.FR: ":arrow_right_hook: {user} vous a retiré *{ticket_id}* « {title} » : le "
        "ticket revient dans la file de *{service}*, vous n’avez plus à vous en occuper. Si "
        "c’est une erreur, reprenez-le avec *Je prends* sur sa fiche.",
        Language.EN: ":arrow_right_hook: {user} unassigned you from *{ticket_id}* “{title}”: it "
        "is back in *{service}*’s queue, no longer yours to work. If that is a mistake, take it "
        "again with *Claim* on its card.",
    },
    "working.former_assignee.given": {
        Language.FR: ":arrow_right_hook: {user} a confié *{ticket_id}* « {title} » à {assignee} : "
        "vous n’avez plus à vous en occuper.",
        Language.EN: ":arrow_right_hook: {user} gave *{ticket_id}* “{title}” to {assignee}: it "
        "is no longer yours to work.",
    },
    "working.former_assignee.taken": {
        Language.FR: ":arrow_right_hook: {user} a pris en charge *{ticket_id}* « {title} » à "
        "votre place : vous n’avez plus à vous en occuper.",
        Language.EN: ":arrow_right_hook: {user} took *{ticket_id}* “{title}” over from you: it "
        "is no longer yours to work.",
    },
    # --- replies in the ticket's channel thread ---------------------------------------------------
    "working.thread.assigned": {
        Language.FR: "{assignee}, {user} vous a confié *{ticket_id}*.",
        Language.EN: "{assignee}, {user} assigned *{ticket_id}* to you.",
    },
    "working.thread.reopened": {
        Language.FR: "{mention}{user} indique que *{ticket_id}* n’est pas réglé : le ticket "
        "repasse en cours.",
        Language.EN: "{mention}{user} says *{ticket_id}* is not solved: it is back in progress.",
    },
    "working.thread.information": {
        Language.FR: "{mention}{user} a ajouté des informations :\n{note}",
        Language.EN: "{mention}{user} added information:\n{note}",
    },
    # information with files: their names (the requester's own links open for them alone;
    # the bot copies each file into this thread: working.thread.requester_files)
    "working.thread.information_files": {
        Language.FR: Plural(
            one="{mention}{user} a ajouté des informations :\n{note}\n📎 {files} "
            "_(copie dans ce fil)_",
            other="{mention}{user} a ajouté des informations :\n{note}\n📎 {files} "
            "_({count} copies dans ce fil)_",
        ),
        Language.EN: Plural(
            one="{mention}{user} added information:\n{note}\n📎 {files} _(copy in this thread)_",
            other="{mention}{user} added information:\n{note}\n📎 {files} "
            "_({count} copies in this thread)_",
        ),
    },
    "working.thread.files_added": {  # files alone, no text
        Language.FR: Plural(
            one="{mention}{user} a joint un fichier : {files} _(copie dans ce fil)_",
            other="{mention}{user} a joint {count} fichiers : {files} _(copies dans ce fil)_",
        ),
        Language.EN: Plural(
            one="{mention}{user} attached a file: {files} _(copy in this thread)_",
            other="{mention}{user} attached {count} files: {files} _(copies in this thread)_",
        ),
    },
    "working.thread.requester_files": {  # the copies of a form's files, in the ticket's thread
        Language.FR: Plural(
            one="📎 Le fichier que {user} a joint à *{ticket_id}*, copié ici pour que "
            "l’équipe puisse l’ouvrir :",
            other="📎 Les {count} fichiers que {user} a joints à *{ticket_id}*, copiés ici pour "
            "que l’équipe puisse les ouvrir :",
        ),
        Language.EN: Plural(
            one="📎 The file {user} attached to *{ticket_id}*, copied here so the team can "
            "open it:",
            other="📎 The {count} files {user} attached to *{ticket_id}*, copied here so the "
            "team can open them:",
        ),
    },
    "working.thread.requester_files_not_copied": {  # a copy given up (deleted, refused...)
        Language.FR: Plural(
            one="⚠️ Le fichier joint à *{ticket_id}* n’a pas pu être copié dans ce fil "
            "(supprimé depuis, trop lourd ou illisible pour le bot) : redemandez-le au "
            "demandeur si besoin.",
            other="⚠️ Les {count} fichiers joints à *{ticket_id}* n’ont pas pu être copiés dans "
            "ce fil (supprimés depuis, trop lourds ou illisibles pour le bot) : redemandez-les "
            "au demandeur si besoin.",
        ),
        Language.EN: Plural(
            one="⚠️ The file attached to *{ticket_id}* could not be copied into this thread "
            "(deleted since, too large or unreadable for the bot): ask the requester for it "
            "again if needed.",
            other="⚠️ The {count} files attached to *{ticket_id}* could not be copied into this "
            "thread (deleted since, too large or unreadable for the bot): ask the requester for "
            "them again if needed.",
        ),
    },
    "working.thread.cancelled": {
        Language.FR: "{mention}{user} a annulé *{ticket_id}*.",
        Language.EN: "{mention}{user} cancelled *{ticket_id}*.",
    },
    "working.moved": {
        Language.FR: "➡️ *{ticket_id}* a été transmis à *{service}* ({channel}) par {actor}.",
        Language.EN: "➡️ *{ticket_id}* was sent to *{service}* ({channel}) by {actor}.",
    },
    # --- refusals ---------------------------------------------------------------------------------
    "working.merge.button": {Language.FR: "Fusionner dans…", Language.EN: "Merge into…"},
    "working.merge.title": {Language.FR: "Fusionner un doublon", Language.EN: "Merge a duplicate"},
    "working.merge.submit": {Language.FR: "Fusionner", Language.EN: "Merge"},
    "working.merge.intro": {
        Language.FR: "*{ticket_id}* « {title} » est un doublon ? Il sera clos, avec un lien vers "
        "le ticket qui reste ouvert ; son fil et son historique sont gardés, et les deux "
        "demandeurs sont prévenus.",
        Language.EN: "Is *{ticket_id}* “{title}” a duplicate? It will be closed, with a link to "
        "the ticket that stays open; its thread and history are kept, and both requesters are "
        "told.",
    },
    "working.merge.label": {
        Language.FR: "Ticket qui reste ouvert",
        Language.EN: "Ticket that stays open",
    },
    "working.merge.hint": {
        Language.FR: "Son identifiant, par exemple INC-12. {ticket_id} y sera fusionné.",
        Language.EN: "Its id, for example INC-12. {ticket_id} will be merged into it.",
    },
    "working.merge.placeholder": {Language.FR: "INC-12", Language.EN: "INC-12"},
    "working.merge.itself": {
        Language.FR: "Un ticket ne peut pas être fusionné dans lui-même.",
        Language.EN: "A ticket cannot be merged into itself.",
    },
    "working.merge.target_ended": {
        Language.FR: "{target} est terminé (clos ou annulé) : choisissez un ticket encore ouvert.",
        Language.EN: "{target} has ended (closed or cancelled): choose a ticket that is still "
        "open.",
    },
    "working.merge.across_privacy": {
        Language.FR: "{target} est d’un autre service, et l’un des deux est privé : les cas "
        "d’un service privé restent avec ses membres, aucune fusion ne les fait passer à une "
        "autre équipe. Choisissez un ticket du même service.",
        Language.EN: "{target} is another service’s, and one of the two is private: a private "
        "service’s cases stay with its people, and no merge takes them to another team. Choose "
        "a ticket of the same service.",
    },
    "working.merge.card_merged": {
        Language.FR: "🔗 Doublon de *{other}* : fusionné dedans, la suite se passe là-bas",
        Language.EN: "🔗 Duplicate of *{other}*: merged into it, handled there",
    },
    "working.merge.card_absorbed": {
        Language.FR: Plural(
            one="🔗 {count} doublon fusionné ici : {ids}",
            other="🔗 {count} doublons fusionnés ici : {ids}",
        ),
        Language.EN: Plural(
            one="🔗 {count} duplicate merged here: {ids}",
            other="🔗 {count} duplicates merged here: {ids}",
        ),
    },
    "working.notice.title": {Language.FR: "Rien n’a changé", Language.EN: "Nothing changed"},
    "working.not_allowed": {
        Language.FR: "Seuls les membres de {service} peuvent travailler sur {ticket_id}.",
        Language.EN: "Only members of {service} can work on {ticket_id}.",
    },
    "working.not_allowed_requester": {
        Language.FR: "Seuls les membres de {service} peuvent travailler sur {ticket_id}. Vous "
        "l’avez ouvert : vous pouvez ajouter des informations ou l’annuler avec les boutons de "
        "mon message direct.",
        Language.EN: "Only members of {service} can work on {ticket_id}. You filed it: you can "
        "add information or cancel it with the buttons in my direct message.",
    },
    "working.awaiting_approval": {
        Language.FR: "{ticket_id} attend encore l’accord de ses approbateurs : rien ne peut y "
        "être fait avant leur décision. Rien n’a changé.",
        Language.EN: "{ticket_id} is still awaiting its approvers: nothing can be done on it "
        "before they decide. Nothing changed.",
    },
    "working.not_requester": {
        Language.FR: "Seule la personne qui a ouvert {ticket_id} peut faire cela.",
        Language.EN: "Only the person who filed {ticket_id} can do that.",
    },
    "working.stale": {
        Language.FR: "{ticket_id} a changé avant votre clic : {change}. Il est maintenant "
        "*{status}*, pris en charge par {assignee}. Votre action n’a rien modifié.",
        Language.EN: "{ticket_id} changed before your click: {change}. It is now *{status}*, "
        "assigned to {assignee}. Your action changed nothing.",
    },
    "working.illegal": {
        Language.FR: "{ticket_id} ne peut pas passer de *{current}* à *{wanted}* : rien n’a été "
        "modifié.",
        Language.EN: "{ticket_id} cannot go from *{current}* to *{wanted}*: nothing was changed.",
    },
    "working.wrong_status": {
        Language.FR: "{ticket_id} est *{status}* : ce n’est plus possible, rien n’a été modifié.",
        Language.EN: "{ticket_id} is *{status}*: that is no longer possible, nothing was changed.",
    },
    "working.same_assignee": {
        Language.FR: "{ticket_id} est déjà confié à {value}.",
        Language.EN: "{ticket_id} is already assigned to {value}.",
    },
    "working.same_status": {  # {value}: a status inside a sentence (their own change set it)
        Language.FR: "{ticket_id} est déjà *{value}* : rien n’a été modifié.",
        Language.EN: "{ticket_id} is already *{value}*: nothing was changed.",
    },
    "working.same_priority": {
        Language.FR: "{ticket_id} est déjà en priorité {value}.",
        Language.EN: "{ticket_id} already has priority {value}.",
    },
    "working.same_service": {
        Language.FR: "{ticket_id} est déjà chez {value}.",
        Language.EN: "{ticket_id} is already with {value}.",
    },
    "working.same_type": {
        Language.FR: "{ticket_id} est déjà du type « {value} ».",
        Language.EN: "{ticket_id} already has the type “{value}”.",
    },
    "working.emergency_priority": {
        Language.FR: "{ticket_id} est une urgence, et une urgence est P1 : pour lui donner une "
        "autre priorité, choisissez « Pas une urgence : incident… » sur sa fiche (il devient un "
        "incident de cette priorité et les appels en cours s’arrêtent).",
        Language.EN: "{ticket_id} is an emergency, and an emergency is P1: to give it another "
        "priority, choose “Not an emergency: incident…” on its card (it becomes an incident of "
        "that priority and any paging stops).",
    },
    "working.type_linked_to": {
        Language.FR: "{ticket_id} est lié à {problem_id} : son type ne change pas tant qu’il y "
        "est lié (pour l’en délier : bouton « Délier » dans le fil de {problem_id}).",
        Language.EN: "{ticket_id} is linked to {problem_id}: its type cannot change while it is "
        "linked (to unlink it: the Unlink button in {problem_id}’s thread).",
    },
    "working.type_has_links": {
        Language.FR: Plural(
            one="{ticket_id} a {count} incident lié : son type ne change pas tant qu’il en a.",
            other="{ticket_id} a {count} incidents liés : son type ne change pas tant qu’il en a.",
        ),
        Language.EN: Plural(
            one="{ticket_id} has {count} linked incident: its type cannot change while it has any.",
            other="{ticket_id} has {count} linked incidents: its type cannot change while it has "
            "any.",
        ),
    },
    "working.move_linked_to": {
        Language.FR: "{ticket_id} ne peut pas être transmis à {service} tant qu’il est lié à "
        "{problem_id} : les cas d’un service privé ne sont jamais liés à ceux d’une autre équipe. "
        "Déliez-le d’abord (bouton « Délier » dans le fil de {problem_id}).",
        Language.EN: "{ticket_id} cannot be sent to {service} while it is linked to {problem_id}: "
        "a private service’s cases are never linked with another team’s. Unlink it first (the "
        "Unlink button in {problem_id}’s thread).",
    },
    "working.move_has_links": {
        Language.FR: Plural(
            one="{ticket_id} ne peut pas être transmis à {service} tant que {count} incident "
            "d’une autre équipe y est lié : les cas d’un service privé ne sont jamais liés à ceux "
            "d’une autre équipe. Déliez-le d’abord (bouton « Délier » dans le fil de {ticket_id}).",
            other="{ticket_id} ne peut pas être transmis à {service} tant que {count} incidents "
            "d’autres équipes y sont liés : les cas d’un service privé ne sont jamais liés à ceux "
            "d’une autre équipe. Déliez-les d’abord (boutons « Délier » dans le fil de "
            "{ticket_id}).",
        ),
        Language.EN: Plural(
            one="{ticket_id} cannot be sent to {service} while {count} incident of another team "
            "is linked to it: a private service’s cases are never linked with another team’s. "
            "Unlink it first (the Unlink button in {ticket_id}’s thread).",
            other="{ticket_id} cannot be sent to {service} while {count} incidents of other teams "
            "are linked to it: a private service’s cases are never linked with another team’s. "
            "Unlink them first (the Unlink buttons in {ticket_id}’s thread).",
        ),
    },
    "working.cannot_work": {
        Language.FR: "{user} ne fait pas partie de {service}.",
        Language.EN: "{user} is not part of {service}.",
    },
    "working.already_rated": {
        Language.FR: "Vous avez déjà donné {rating}/5 à {ticket_id}. Merci !",
        Language.EN: "You already rated {ticket_id} {rating}/5. Thank you!",
    },
    "working.bad_value": {
        Language.FR: "Ce bouton n’est plus valable : utilisez le dernier message du ticket.",
        Language.EN: "This button is no longer valid: use the ticket’s latest message.",
    },
    "working.form_expired": {
        Language.FR: "Le formulaire n’a pas pu s’ouvrir à temps. Réessayez.",
        Language.EN: "The form could not open in time. Please try again.",
    },
}
