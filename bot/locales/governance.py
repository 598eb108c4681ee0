"""Who may do what: acknowledging takes a ticket, a reopened ticket goes back to its assignee."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
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
    "governance.audit.column.at": {Language.FR: "date (UTC)", Language.EN: "time (UTC)"},
    "governance.audit.column.actor": {Language.FR: "personne", Language.EN: "person"},
    "governance.audit.column.outcome": {Language.FR: "issue", Language.EN: "outcome"},
    "governance.audit.column.action": {Language.FR: "action", Language.EN: "action"},
    "governance.audit.column.ticket": {Language.FR: "ticket", Language.EN: "ticket"},
    "governance.audit.column.surface": {Language.FR: "depuis", Language.EN: "from"},
    "governance.audit.column.before": {Language.FR: "avant", Language.EN: "before"},
    "governance.audit.column.after": {Language.FR: "après", Language.EN: "after"},
    "governance.audit.column.note": {Language.FR: "note", Language.EN: "note"},
    "governance.audit.outcome.done": {Language.FR: "fait", Language.EN: "done"},
    "governance.audit.outcome.refused": {Language.FR: "refusé", Language.EN: "refused"},
    "governance.audit.not_admin": {
        Language.FR: "Le journal d’audit est réservé aux administrateurs de Guichet.",
        Language.EN: "The audit log is for Guichet’s admins only.",
    },
    "governance.audit.bad_period": {
        Language.FR: "« {word} » n’est pas une période : écrivez par exemple `/ticket audit 7j`, "
        "`/ticket audit 30j` ou `/ticket audit mois` (365 jours au plus).",
        Language.EN: "“{word}” is not a period: write for example `/ticket audit 7d`, "
        "`/ticket audit 30d` or `/ticket audit month` (365 days at most).",
    },
    "governance.audit.empty": {
        Language.FR: "Rien dans le journal d’audit depuis le {start}.",
        Language.EN: "Nothing in the audit log since {start}.",
    },
    "governance.audit.title": {
        Language.FR: "Journal d’audit du {start} au {end}",
        Language.EN: "Audit log from {start} to {end}",
    },
    "governance.audit.comment": {
        Language.FR: Plural(
            one="Journal d’audit de Guichet du {start} au {end} : {count} ligne.",
            other="Journal d’audit de Guichet du {start} au {end} : {count} lignes.",
        ),
        Language.EN: Plural(
            one="Guichet’s audit log from {start} to {end}: {count} line.",
            other="Guichet’s audit log from {start} to {end}: {count} lines.",
        ),
    },
    "governance.audit.truncated": {
        Language.FR: Plural(
            one="Seule la première ligne ({count}) est dans le fichier : demandez une période "
            "plus courte.",
            other="Seules les {count} premières lignes sont dans le fichier : demandez une "
            "période plus courte.",
        ),
        Language.EN: Plural(
            one="Only the first line ({count}) is in the file: ask for a shorter period.",
            other="Only the first {count} lines are in the file: ask for a shorter period.",
        ),
    },
    "governance.audit.sent": {
        Language.FR: Plural(
            one="Journal d’audit envoyé dans vos messages directs : {count} ligne.",
            other="Journal d’audit envoyé dans vos messages directs : {count} lignes.",
        ),
        Language.EN: Plural(
            one="Audit log sent to your direct messages: {count} line.",
            other="Audit log sent to your direct messages: {count} lines.",
        ),
    },
    "governance.audit.failed": {
        Language.FR: "Le fichier n’a pas pu être envoyé ({error}). Réessayez dans un instant.",
        Language.EN: "The file could not be sent ({error}). Try again in a moment.",
    },
    "governance.button.edit": {Language.FR: "Modifier", Language.EN: "Edit"},
    "governance.button.unassign": {Language.FR: "Désassigner", Language.EN: "Unassign"},
    "governance.edit.title": {Language.FR: "Modifier le ticket", Language.EN: "Edit the ticket"},
    "governance.edit.submit": {Language.FR: "Enregistrer", Language.EN: "Save"},
    "governance.edit.label_title": {Language.FR: "Titre", Language.EN: "Title"},
    "governance.edit.label_description": {Language.FR: "Description", Language.EN: "Description"},
    "governance.edit.empty_title": {
        Language.FR: "Le titre ne peut pas être vide.",
        Language.EN: "The title cannot be empty.",
    },
    "governance.history.edited": {
        Language.FR: "modifié par {actor} (« {before} » → « {after} »)",
        Language.EN: "edited by {actor} (“{before}” → “{after}”)",
    },
    "governance.history.unassigned": {
        Language.FR: "retiré à {before} par {actor}",
        Language.EN: "taken off {before} by {actor}",
    },
    "governance.resolve.title": {
        Language.FR: "Résoudre le ticket",
        Language.EN: "Resolve the ticket",
    },
    "governance.resolve.submit": {Language.FR: "Résoudre", Language.EN: "Resolve"},
    "governance.resolve.note": {
        Language.FR: "Comment {ticket_id} a-t-il été réglé ?",
        Language.EN: "How was {ticket_id} solved?",
    },
    "governance.resolve.placeholder": {
        Language.FR: "Ce qui a été fait, en quelques mots : le demandeur le lira.",
        Language.EN: "What was done, in a few words: the requester will read it.",
    },
    "governance.resolve.category": {Language.FR: "Catégorie", Language.EN: "Category"},
    "governance.resolve.required": {
        Language.FR: "Ce service demande comment le ticket a été réglé.",
        Language.EN: "This service asks how the ticket was solved.",
    },
    "governance.resolve.shown": {
        Language.FR: "*Comment il a été réglé* : {category}{note}",
        Language.EN: "*How it was solved*: {category}{note}",
    },
    "governance.category.fixed": {Language.FR: "Réparé ou corrigé", Language.EN: "Fixed"},
    "governance.category.workaround": {Language.FR: "Contournement", Language.EN: "Workaround"},
    "governance.category.configuration": {
        Language.FR: "Configuration ou accès",
        Language.EN: "Configuration or access",
    },
    "governance.category.explained": {
        Language.FR: "Réponse ou explication",
        Language.EN: "Answered or explained",
    },
    "governance.category.not_reproduced": {
        Language.FR: "Non reproduit",
        Language.EN: "Could not reproduce",
    },
    "governance.category.duplicate": {Language.FR: "Doublon", Language.EN: "Duplicate"},
    "governance.privacy.usage": {
        Language.FR: "Écrivez `/ticket privacy export @personne` pour recevoir ses données "
        "(un fichier JSON), ou `/ticket privacy erase @personne` pour l’effacer.",
        Language.EN: "Write `/ticket privacy export @person` to receive their data (a JSON file), "
        "or `/ticket privacy erase @person` to erase them.",
    },
    "governance.privacy.erase_usage": {
        Language.FR: "Écrivez `/ticket privacy erase @personne` (une mention, choisie dans la "
        "liste que Slack propose après @) : un formulaire vous demande de confirmer l’effacement.",
        Language.EN: "Write `/ticket privacy erase @person` (a mention, picked from the list "
        "Slack offers after @): a form asks you to confirm the erasure.",
    },
    "governance.privacy.nothing": {
        Language.FR: "Guichet ne garde rien sur {person} : aucun fichier à envoyer.",
        Language.EN: "Guichet keeps nothing about {person}: no file to send.",
    },
    "governance.privacy.not_admin": {
        Language.FR: "Les commandes de confidentialité sont réservées aux administrateurs de "
        "Guichet.",
        Language.EN: "The privacy commands are for Guichet’s admins only.",
    },
    "governance.privacy.title": {
        Language.FR: "Données de {person}",
        Language.EN: "Data of {person}",
    },
    "governance.privacy.comment": {
        Language.FR: "Tout ce que Guichet garde sur {person} : {tickets}, {lines}.",
        Language.EN: "Everything Guichet keeps about {person}: {tickets}, {lines}.",
    },
    "governance.privacy.tickets": {
        Language.FR: Plural(one="{count} ticket", other="{count} tickets"),
        Language.EN: Plural(one="{count} ticket", other="{count} tickets"),
    },
    "governance.privacy.lines": {
        Language.FR: Plural(
            one="{count} ligne du journal d’audit", other="{count} lignes du journal d’audit"
        ),
        Language.EN: Plural(one="{count} audit line", other="{count} audit lines"),
    },
    "governance.privacy.sent": {
        Language.FR: "Données de {person} envoyées dans vos messages directs.",
        Language.EN: "Data of {person} sent to your direct messages.",
    },
    "governance.person.former": {
        Language.FR: "_un ancien salarié_",
        Language.EN: "_a former employee_",
    },  # an erased person, where a ticket names them (handlers/kit/people.py)
    "governance.person.anonymous": {
        Language.FR: "_une personne anonymisée_",
        Language.EN: "_an anonymised person_",
    },  # the people of a ticket anonymised by the retention rules
    "governance.erase.title": {Language.FR: "Effacer une personne", Language.EN: "Erase a person"},
    "governance.erase.submit": {Language.FR: "Effacer", Language.EN: "Erase"},
    "governance.erase.confirm": {
        Language.FR: "{person} deviendra « un ancien salarié » dans tous les tickets, "
        "leur historique, les copies de ses messages, ses notes de satisfaction et le journal "
        "d’audit, ainsi que dans les approbations, les articles et les suggestions ; ses "
        "mentions et son nom quittent les textes. Les chiffres restent. Cela ne peut pas être "
        "défait.",
        Language.EN: "{person} will become “a former employee” in every ticket, its history, "
        "the copies of their messages, their ratings and the audit log, and in approvals, "
        "articles and suggestions; their mentions and name leave the texts. The figures stay. "
        "This cannot be undone.",
    },
    "governance.erase.done": {  # the person's data, not the person: no gender to agree with
        Language.FR: Plural(
            one="Les données de {person} sont effacées : {count} ticket et {lines}.",
            other="Les données de {person} sont effacées : {count} tickets et {lines}.",
        ),
        Language.EN: Plural(
            one="{person} is erased: {count} ticket and {lines}.",
            other="{person} is erased: {count} tickets and {lines}.",
        ),
    },
    "governance.erase.elsewhere": {  # the kinds of document erased outside the tickets
        Language.FR: "Et ailleurs : {kinds}.",
        Language.EN: "And elsewhere: {kinds}.",
    },
    "governance.erase.kind.approvals": {
        Language.FR: "approbations ({count})",
        Language.EN: "approvals ({count})",
    },
    "governance.erase.kind.deflections": {
        Language.FR: "suggestions montrées ({count})",
        Language.EN: "suggestions shown ({count})",
    },
    "governance.erase.kind.articles": {
        Language.FR: "articles ({count})",
        Language.EN: "articles ({count})",
    },
    "governance.erase.kind.suggestions": {
        Language.FR: "suggestions de problème ({count})",
        Language.EN: "problem suggestions ({count})",
    },
    "governance.erase.kind.outbox": {
        Language.FR: "messages en attente ({count})",
        Language.EN: "messages waiting ({count})",
    },
    "governance.erase.kind.usergroups": {
        Language.FR: "groupes d’utilisateurs ({count})",
        Language.EN: "user groups ({count})",
    },
    "governance.erase.nothing": {
        Language.FR: "Guichet ne garde plus rien de {person} : rien à effacer.",
        Language.EN: "Guichet keeps nothing of {person} any more: nothing to erase.",
    },
}
