"""The service catalogue: "What do you need?", an item's form, its errors and its answers."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    "catalogue.picker.title": {Language.FR: "Nouvelle demande", Language.EN: "New request"},
    "catalogue.picker.label": {
        Language.FR: "*De quoi avez-vous besoin ?*",
        Language.EN: "*What do you need?*",
    },
    "catalogue.picker.placeholder": {
        Language.FR: "Choisissez ou tapez pour chercher",
        Language.EN: "Choose, or type to search",
    },
    "catalogue.picker.other_group": {Language.FR: "Autre", Language.EN: "Other"},
    "catalogue.picker.other": {
        Language.FR: "Autre chose (formulaire libre)",
        Language.EN: "Something else (free form)",
    },
    "catalogue.picker.suggested": {
        Language.FR: "D’après votre texte, Guichet propose *{item}*. Si ce n’est pas cela, "
        "choisissez autre chose ci-dessus.",
        Language.EN: "From your text, Guichet suggests *{item}*. If that is not it, choose "
        "something else above.",
    },
    "catalogue.form.submit": {Language.FR: "Envoyer", Language.EN: "Send"},
    "catalogue.form.goes_to": {
        Language.FR: "Cette demande va à l’équipe *{service}*.",
        Language.EN: "This request goes to the *{service}* team.",
    },
    "catalogue.field.checked": {Language.FR: "Oui", Language.EN: "Yes"},
    "catalogue.answer.yes": {Language.FR: "oui", Language.EN: "yes"},
    "catalogue.answer.no": {Language.FR: "non", Language.EN: "no"},
    "catalogue.answers.title": {
        Language.FR: "*Demande : {item}*",
        Language.EN: "*Request: {item}*",
    },
    "catalogue.answers.line": {
        Language.FR: "*{label} :* {value}",
        Language.EN: "*{label}:* {value}",
    },
    # a form's files, named for whoever is not their uploader (their link opens for the
    # requester alone): the bot copies each one into the card's thread
    "catalogue.answers.files_in_this_thread": {
        Language.FR: Plural(
            one="{files} _(copie dans ce fil)_",
            other="{files} _({count} copies dans ce fil)_",
        ),
        Language.EN: Plural(
            one="{files} _(copy in this thread)_",
            other="{files} _({count} copies in this thread)_",
        ),
    },
    "catalogue.answers.files_in_ticket_thread": {
        Language.FR: Plural(
            one="{files} _(copie dans le fil du ticket)_",
            other="{files} _({count} copies dans le fil du ticket)_",
        ),
        Language.EN: Plural(
            one="{files} _(copy in the ticket’s thread)_",
            other="{files} _({count} copies in the ticket’s thread)_",
        ),
    },
    "catalogue.answers.plain": {
        Language.FR: "{label} : {value}",
        Language.EN: "{label}: {value}",
    },
    "catalogue.error.required": {
        Language.FR: "Ce champ est obligatoire.",
        Language.EN: "This field is required.",
    },
    "catalogue.error.not_a_number": {
        Language.FR: "Écrivez un nombre.",
        Language.EN: "Write a number.",
    },
    "catalogue.error.whole_number": {
        Language.FR: "Écrivez un nombre entier.",
        Language.EN: "Write a whole number.",
    },
    "catalogue.error.too_small": {
        Language.FR: "Le minimum est {min}.",
        Language.EN: "The minimum is {min}.",
    },
    "catalogue.error.too_large": {
        Language.FR: "Le maximum est {max}.",
        Language.EN: "The maximum is {max}.",
    },
    "catalogue.error.too_long": {
        Language.FR: Plural(
            one="{length} caractère : {max} au plus.",
            other="{length} caractères : {max} au plus.",
            by="length",
        ),
        Language.EN: Plural(
            one="{length} character: {max} at most.",
            other="{length} characters: {max} at most.",
            by="length",
        ),
    },
    "catalogue.error.too_many_files": {
        Language.FR: Plural(
            one="{max} fichier au plus.", other="{max} fichiers au plus.", by="max"
        ),
        Language.EN: Plural(one="{max} file at most.", other="{max} files at most.", by="max"),
    },
    "catalogue.error.not_a_date": {
        Language.FR: "Choisissez une date.",
        Language.EN: "Choose a date.",
    },
    "catalogue.error.unknown_option": {
        Language.FR: "Ce choix n’est pas proposé.",
        Language.EN: "This choice is not offered.",
    },
    "catalogue.error.gone": {
        Language.FR: "Cette demande n’est plus au catalogue : fermez le formulaire et "
        "recommencez avec `/ticket`.",
        Language.EN: "This request is no longer in the catalogue: close the form and start "
        "again with `/ticket`.",
    },
    "catalogue.approval.ask": {
        Language.FR: "{requester} demande *{item}* ({ticket_id}). Votre approbation est "
        "demandée (étape {step} sur {steps}) :",
        Language.EN: "{requester} asks for *{item}* ({ticket_id}). Your approval is needed "
        "(step {step} of {steps}):",
    },
    "catalogue.approval.ask_one": {
        Language.FR: "{requester} demande *{item}* ({ticket_id}). Votre approbation est demandée :",
        Language.EN: "{requester} asks for *{item}* ({ticket_id}). Your approval is needed:",
    },
    "catalogue.approval.fallback": {
        Language.FR: "{requester} demande *{item}* ({ticket_id}) et les personnes sollicitées "
        "d’abord n’ont pas répondu à temps : votre approbation est demandée à leur place "
        "(étape {step} sur {steps}) :",
        Language.EN: "{requester} asks for *{item}* ({ticket_id}) and the people asked first "
        "did not answer in time: your approval is needed in their place (step {step} of "
        "{steps}):",
    },
    "catalogue.approval.fallback_one": {
        Language.FR: "{requester} demande *{item}* ({ticket_id}) et les personnes sollicitées "
        "d’abord n’ont pas répondu à temps : votre approbation est demandée à leur place :",
        Language.EN: "{requester} asks for *{item}* ({ticket_id}) and the people asked first "
        "did not answer in time: your approval is needed in their place:",
    },
    "catalogue.approval.fallback_too": {  # a fallback approver who was asked first too
        Language.FR: "{requester} demande *{item}* ({ticket_id}) et personne n’a décidé à "
        "temps : d’autres personnes sont maintenant sollicitées aussi, et votre approbation est "
        "toujours demandée (étape {step} sur {steps}) :",
        Language.EN: "{requester} asks for *{item}* ({ticket_id}) and nobody has decided in time: "
        "more people are now being asked too, and your approval is still needed (step {step} of "
        "{steps}):",
    },
    "catalogue.approval.fallback_too_one": {
        Language.FR: "{requester} demande *{item}* ({ticket_id}) et personne n’a décidé à "
        "temps : d’autres personnes sont maintenant sollicitées aussi, et votre approbation est "
        "toujours demandée :",
        Language.EN: "{requester} asks for *{item}* ({ticket_id}) and nobody has decided in time: "
        "more people are now being asked too, and your approval is still needed:",
    },
    "catalogue.approval.fallback_still": {  # ... and nobody else to ask
        Language.FR: "Rappel : {requester} attend toujours une décision sur *{item}* "
        "({ticket_id}) et personne n’a décidé à temps : votre approbation est toujours "
        "demandée (étape {step} sur {steps}) :",
        Language.EN: "Reminder: {requester} is still waiting for a decision on *{item}* "
        "({ticket_id}) and nobody has decided in time: your approval is still needed (step "
        "{step} of {steps}):",
    },
    "catalogue.approval.fallback_still_one": {
        Language.FR: "Rappel : {requester} attend toujours une décision sur *{item}* "
        "({ticket_id}) et personne n’a décidé à temps : votre approbation est toujours "
        "demandée :",
        Language.EN: "Reminder: {requester} is still waiting for a decision on *{item}* "
        "({ticket_id}) and nobody has decided in time: your approval is still needed:",
    },
    "catalogue.approval.reminder": {
        Language.FR: "Rappel : {requester} attend toujours votre décision sur *{item}* "
        "({ticket_id}, étape {step} sur {steps}).",
        Language.EN: "Reminder: {requester} is still waiting for your decision on *{item}* "
        "({ticket_id}, step {step} of {steps}).",
    },
    "catalogue.approval.reminder_one": {  # a one-step approval: no "step 1 of 1"
        Language.FR: "Rappel : {requester} attend toujours votre décision sur *{item}* "
        "({ticket_id}).",
        Language.EN: "Reminder: {requester} is still waiting for your decision on *{item}* "
        "({ticket_id}).",
    },
    "catalogue.approval.approve": {Language.FR: "Approuver", Language.EN: "Approve"},
    "catalogue.approval.reject": {Language.FR: "Refuser", Language.EN: "Reject"},
    "catalogue.approval.reject_title": {
        Language.FR: "Refuser la demande",
        Language.EN: "Reject the request",
    },
    "catalogue.approval.reject_reason": {
        Language.FR: "Pourquoi refusez-vous {ticket_id} ? (le demandeur le lira)",
        Language.EN: "Why do you reject {ticket_id}? (the requester will read it)",
    },
    "catalogue.approval.done_approved": {
        Language.FR: "Vous avez approuvé {ticket_id}.",
        Language.EN: "You approved {ticket_id}.",
    },
    "catalogue.approval.done_rejected": {
        Language.FR: "Vous avez refusé {ticket_id}.",
        Language.EN: "You rejected {ticket_id}.",
    },
    "catalogue.approval.decided_approved": {
        Language.FR: "{ticket_id} est déjà décidé : {user} l’a approuvé.",
        Language.EN: "{ticket_id} is already decided: {user} approved it.",
    },
    "catalogue.approval.decided_rejected": {
        Language.FR: "{ticket_id} est déjà décidé : {user} l’a refusé.",
        Language.EN: "{ticket_id} is already decided: {user} rejected it.",
    },
    "catalogue.approval.outcome_approved": {
        Language.FR: "Décidé : {user} a approuvé cette demande.",
        Language.EN: "Decided: {user} approved this request.",
    },
    "catalogue.approval.outcome_rejected": {
        Language.FR: "Décidé : {user} a refusé cette demande.",
        Language.EN: "Decided: {user} rejected this request.",
    },
    "catalogue.approval.superseded": {
        Language.FR: "↪️ Votre décision sur *{ticket_id}* est demandée dans le dernier message : "
        "ses boutons y sont.",
        Language.EN: "↪️ Your decision on *{ticket_id}* is now asked for in the latest message, "
        "which has the buttons.",
    },
    "catalogue.approval.gone": {
        Language.FR: "{ticket_id} n’attend aucune approbation.",
        Language.EN: "{ticket_id} is not waiting for approval.",
    },
    "catalogue.approval.withdrawn": {
        Language.FR: "{ticket_id} a été retiré par le demandeur : plus rien à décider, rien "
        "n’a changé.",
        Language.EN: "{ticket_id} was withdrawn by the requester: nothing to decide, nothing "
        "changed.",
    },
    "catalogue.approval.outcome_withdrawn": {
        Language.FR: "↩️ Retiré par le demandeur : plus rien à décider sur *{ticket_id}*.",
        Language.EN: "↩️ Withdrawn by the requester: nothing left to decide on *{ticket_id}*.",
    },
    "catalogue.approval.refused": {
        Language.FR: "Vous ne faites pas partie des approbateurs de {ticket_id} : rien n’a changé.",
        Language.EN: "You are not an approver of {ticket_id}: nothing changed.",
    },
    "catalogue.modal.awaiting_title": {
        Language.FR: "Demande enregistrée",
        Language.EN: "Request recorded",
    },
    "catalogue.modal.awaiting_body": {
        Language.FR: "Votre demande *{ticket_id}* est enregistrée. Elle doit d’abord être "
        "approuvée : elle ne part à *{service}* qu’ensuite. Je vous dirai en message direct qui "
        "doit l’approuver, puis ce qui aura été décidé.",
        Language.EN: "Your request *{ticket_id}* is recorded. It must be approved first: it goes "
        "to *{service}* only then. I will tell you by direct message who must approve it, then "
        "what they decide.",
    },
    "catalogue.requester.waiting": {
        Language.FR: "Votre demande *{item}* ({ticket_id}) est enregistrée et attend "
        "l’approbation de {approvers}. {decision}",
        Language.EN: "Your request *{item}* ({ticket_id}) is recorded and waits for approval "
        "by {approvers}. {decision}",
    },
    "catalogue.requester.decision_of_one": {  # one approver: « sa décision »
        Language.FR: "Je vous préviendrai de sa décision.",
        Language.EN: "I will tell you their decision.",
    },
    "catalogue.requester.decision_of_several": {
        Language.FR: "Je vous préviendrai de leur décision.",
        Language.EN: "I will tell you their decision.",
    },
    "catalogue.requester.reply_while_waiting": {
        Language.FR: "{ticket_id} attend encore l’approbation de {approvers} : aucune équipe ne "
        "le voit avant, donc votre message n’a été transmis à personne. Une fois la demande "
        "approuvée, ce que vous écrirez ici parviendra à l’équipe.",
        Language.EN: "{ticket_id} is still waiting for approval by {approvers}: no team sees it "
        "before then, so your message was passed on to nobody. Once it is approved, what you "
        "write here reaches the team.",
    },
    "catalogue.requester.step_approved": {
        Language.FR: "{user} a approuvé votre demande *{item}* ({ticket_id}) ; elle attend "
        "maintenant l’approbation de {approvers}.",
        Language.EN: "{user} approved your request *{item}* ({ticket_id}); it now waits for "
        "approval by {approvers}.",
    },
    "catalogue.requester.fallback": {
        Language.FR: "Personne ne s’est encore prononcé sur votre demande *{item}* ({ticket_id}) "
        ": je l’ai aussi soumise à d’autres personnes, elle attend maintenant l’approbation de "
        "{approvers}. {decision}",
        Language.EN: "Nobody has decided on your request *{item}* ({ticket_id}) yet: I have asked "
        "more people as well, and it now waits for approval by {approvers}. {decision}",
    },
    "catalogue.requester.approved": {
        Language.FR: "{user} a approuvé votre demande *{item}* ({ticket_id}) : elle part à "
        "l’équipe.",
        Language.EN: "{user} approved your request *{item}* ({ticket_id}): it goes to the team.",
    },
    "catalogue.requester.rejected": {
        Language.FR: "{user} a refusé votre demande *{item}* ({ticket_id}) : {reason}",
        Language.EN: "{user} rejected your request *{item}* ({ticket_id}): {reason}",
    },
    "catalogue.card.pending": {
        Language.FR: "⏳ En attente d’approbation (pas encore transmis à l’équipe)",
        Language.EN: "⏳ Waiting for approval (not sent to the team yet)",
    },
    "catalogue.card.withdrawn": {
        Language.FR: "↩️ Demande retirée par le demandeur",
        Language.EN: "↩️ Request withdrawn by the requester",
    },
    "catalogue.card.rejected": {
        Language.FR: "⛔ Demande refusée",
        Language.EN: "⛔ Request rejected",
    },
    "catalogue.export.item": {Language.FR: "Demande du catalogue", Language.EN: "Catalogue item"},
}
