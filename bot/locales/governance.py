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
    "governance.audit.column.code": {Language.FR: "code de l’action", Language.EN: "action code"},
    "governance.audit.outcome.done": {Language.FR: "fait", Language.EN: "done"},
    "governance.audit.outcome.refused": {Language.FR: "refusé", Language.EN: "refused"},
    # why a refusal was refused (the error's class, stored as the note), for the reader
    "governance.audit.reason.NotAllowed": {Language.FR: "pas autorisé", Language.EN: "not allowed"},
    "governance.audit.reason.NotAnAdmin": {
        Language.FR: "pas administrateur de Guichet",
        Language.EN: "not a Guichet admin",
    },
    "governance.audit.reason.NotAnAgent": {
        Language.FR: "pas agent d’un service",
        Language.EN: "not an agent of a service",
    },
    "governance.audit.reason.TicketNotFound": {
        Language.FR: "ticket introuvable",
        Language.EN: "ticket not found",
    },
    "governance.audit.reason.TicketEnded": {
        Language.FR: "ticket déjà terminé",
        Language.EN: "ticket already ended",
    },
    "governance.audit.reason.AwaitingApproval": {
        Language.FR: "demande en attente d’approbation",
        Language.EN: "request awaiting approval",
    },
    "governance.audit.reason.AlreadyClaimed": {
        Language.FR: "déjà pris en charge",
        Language.EN: "already claimed",
    },
    "governance.audit.reason.IllegalTransition": {
        Language.FR: "changement de statut impossible",
        Language.EN: "status change not possible",
    },
    "governance.audit.reason.NotVisible": {
        Language.FR: "ticket qui ne lui est pas visible",
        Language.EN: "a ticket they cannot see",
    },
    "governance.audit.reason.NotTheRequester": {
        Language.FR: "pas le demandeur du ticket",
        Language.EN: "not the ticket’s requester",
    },
    "governance.audit.reason.EmergencyPriority": {
        Language.FR: "priorité d’une urgence (P1 ; « Pas une urgence » pour la changer)",
        Language.EN: "an emergency’s priority (P1; “Not an emergency” changes it)",
    },
    "governance.audit.reason.StaleTicket": {
        Language.FR: "ticket changé avant le clic",
        Language.EN: "ticket changed before the click",
    },
    "governance.audit.reason.WrongStatus": {
        Language.FR: "statut du ticket ne le permet pas",
        Language.EN: "the ticket’s status does not allow it",
    },
    "governance.audit.reason.NoChange": {
        Language.FR: "rien à changer",
        Language.EN: "nothing to change",
    },
    "governance.audit.reason.CannotWork": {
        Language.FR: "ne peut pas traiter ce ticket",
        Language.EN: "cannot work this ticket",
    },
    "governance.audit.reason.AlreadyRated": {
        Language.FR: "déjà noté",
        Language.EN: "already rated",
    },
    "governance.audit.reason.AlreadyFiled": {
        Language.FR: "déjà ouvert",
        Language.EN: "already filed",
    },
    "governance.audit.reason.NotPaging": {
        Language.FR: "plus d’appel en cours",
        Language.EN: "no page running",
    },
    "governance.audit.reason.AlreadyAcknowledged": {
        Language.FR: "appel déjà acquitté",
        Language.EN: "page already acknowledged",
    },
    "governance.audit.reason.SuggestionNotFound": {
        Language.FR: "suggestion introuvable",
        Language.EN: "suggestion not found",
    },
    "governance.audit.reason.AlreadyDecided": {
        Language.FR: "déjà décidé",
        Language.EN: "already decided",
    },
    "governance.audit.reason.NotLinked": {Language.FR: "pas lié", Language.EN: "not linked"},
    "governance.audit.reason.CannotLink": {
        Language.FR: "déjà lié, ou plus un incident",
        Language.EN: "already linked, or no longer an incident",
    },
    "governance.audit.reason.TypeHeldByLinks": {
        Language.FR: "type imposé par les tickets liés",
        Language.EN: "type held by linked tickets",
    },
    "governance.audit.reason.LinksAcrossPrivacy": {
        Language.FR: "liens avec un service privé",
        Language.EN: "links across a private service",
    },
    "governance.audit.reason.CannotMerge": {
        Language.FR: "fusion impossible",
        Language.EN: "cannot merge",
    },
    "governance.audit.reason.NoteRequired": {
        Language.FR: "note de résolution requise",
        Language.EN: "resolution note required",
    },
    "governance.audit.reason.EditRefused": {
        Language.FR: "modification refusée",
        Language.EN: "edit refused",
    },
    "governance.audit.reason.UnknownSavedReply": {
        Language.FR: "réponse enregistrée inconnue",
        Language.EN: "unknown saved reply",
    },
    "governance.audit.reason.ArticleNotFound": {
        Language.FR: "article introuvable",
        Language.EN: "article not found",
    },
    "governance.audit.reason.BadReportRequest": {
        Language.FR: "demande de rapport invalide",
        Language.EN: "invalid report request",
    },
    "governance.audit.reason.bad_value": {
        Language.FR: "valeur invalide (forgée ou tronquée)",
        Language.EN: "invalid value (forged or cut)",
    },
    # where an audit line came from, when its interaction has no name of its own
    "governance.audit.surface.system": {
        Language.FR: "Guichet (automatique)",
        Language.EN: "Guichet (automatic)",
    },
    "governance.audit.surface.command": {
        Language.FR: "commande {name}",
        Language.EN: "{name} command",
    },
    "governance.audit.surface.block_actions": {
        Language.FR: "bouton ou menu {name}",
        Language.EN: "button or menu {name}",
    },
    "governance.audit.surface.view_submission": {
        Language.FR: "formulaire {name}",
        Language.EN: "form {name}",
    },
    "governance.audit.surface.event": {
        Language.FR: "évènement Slack {name}",
        Language.EN: "Slack event {name}",
    },
    "governance.audit.surface.shortcut": {
        Language.FR: "raccourci {name}",
        Language.EN: "shortcut {name}",
    },
    "governance.audit.surface.message_action": {
        Language.FR: "raccourci de message {name}",
        Language.EN: "message shortcut {name}",
    },
    "governance.audit.column.surface_code": {
        Language.FR: "code de l’origine",
        Language.EN: "from code",
    },
    "governance.audit.column.reason_code": {
        Language.FR: "code du refus",
        Language.EN: "refusal code",
    },
    # the audit log's actions, named for its reader (bot/governance/audit_actions.py)
    "governance.audit.action.created": {Language.FR: "ticket ouvert", Language.EN: "ticket filed"},
    "governance.audit.action.posted": {Language.FR: "carte publiée", Language.EN: "card posted"},
    "governance.audit.action.post_failed": {
        Language.FR: "carte non publiée",
        Language.EN: "card not posted",
    },
    "governance.audit.action.claimed": {Language.FR: "prise en charge", Language.EN: "claimed"},
    "governance.audit.action.assigned": {Language.FR: "attribution", Language.EN: "assigned"},
    "governance.audit.action.status": {
        Language.FR: "changement de statut",
        Language.EN: "status changed",
    },
    "governance.audit.action.priority": {
        Language.FR: "changement de priorité",
        Language.EN: "priority changed",
    },
    "governance.audit.action.reassigned": {
        Language.FR: "transmis à un autre service",
        Language.EN: "sent to another team",
    },
    "governance.audit.action.info_added": {
        Language.FR: "informations ajoutées",
        Language.EN: "information added",
    },
    "governance.audit.action.confirmed": {
        Language.FR: "solution confirmée",
        Language.EN: "solution confirmed",
    },
    "governance.audit.action.reopened": {
        Language.FR: "rouvert (pas réglé)",
        Language.EN: "reopened (not solved)",
    },
    "governance.audit.action.rated": {Language.FR: "note de satisfaction", Language.EN: "rating"},
    "governance.audit.action.reminded": {Language.FR: "relance", Language.EN: "reminder"},
    "governance.audit.action.paged": {
        Language.FR: "appel d’astreinte",
        Language.EN: "on-call page",
    },
    "governance.audit.action.page_unconfirmed": {
        Language.FR: "appel d’astreinte non confirmé",
        Language.EN: "on-call page unconfirmed",
    },
    "governance.audit.action.acknowledged": {
        Language.FR: "acquittement",
        Language.EN: "acknowledged",
    },
    "governance.audit.action.linked": {
        Language.FR: "lié à un problème",
        Language.EN: "linked to a problem",
    },
    "governance.audit.action.unlinked": {
        Language.FR: "délié d’un problème",
        Language.EN: "unlinked from a problem",
    },
    "governance.audit.action.incidents_linked": {
        Language.FR: "incidents liés au problème",
        Language.EN: "incidents linked to the problem",
    },
    "governance.audit.action.incident_unlinked": {
        Language.FR: "incident délié du problème",
        Language.EN: "incident unlinked from the problem",
    },
    "governance.audit.action.held": {
        Language.FR: "mis en attente avec des incidents similaires",
        Language.EN: "held with similar incidents",
    },
    "governance.audit.action.conversation_opened": {
        Language.FR: "conversation ouverte avec le demandeur",
        Language.EN: "conversation opened with the requester",
    },
    "governance.audit.action.relayed_to_requester": {
        Language.FR: "message transmis au demandeur",
        Language.EN: "message relayed to the requester",
    },
    "governance.audit.action.relayed_to_team": {
        Language.FR: "réponse du demandeur transmise à l’équipe",
        Language.EN: "requester’s reply relayed to the team",
    },
    "governance.audit.action.internal_note": {
        Language.FR: "note interne",
        Language.EN: "internal note",
    },
    "governance.audit.action.relay_to_requester_failed": {
        Language.FR: "message non transmis au demandeur",
        Language.EN: "message not relayed to the requester",
    },
    "governance.audit.action.relay_to_team_failed": {
        Language.FR: "réponse non transmise à l’équipe",
        Language.EN: "reply not relayed to the team",
    },
    "governance.audit.action.dm_failed": {
        Language.FR: "message au demandeur non remis",
        Language.EN: "message to the requester not delivered",
    },
    "governance.audit.action.article_sent": {
        Language.FR: "article envoyé au demandeur",
        Language.EN: "article sent to the requester",
    },
    "governance.audit.action.emergency_declared": {
        Language.FR: "déclaré urgence",
        Language.EN: "declared an emergency",
    },
    "governance.audit.action.not_emergency": {
        Language.FR: "pas une urgence",
        Language.EN: "not an emergency",
    },
    "governance.audit.action.approval_requested": {
        Language.FR: "approbation demandée",
        Language.EN: "approval requested",
    },
    "governance.audit.action.approved": {Language.FR: "approuvé", Language.EN: "approved"},
    "governance.audit.action.rejected": {
        Language.FR: "refusé par l’approbateur",
        Language.EN: "rejected by the approver",
    },
    "governance.audit.action.approval_reminded": {
        Language.FR: "relance d’approbation",
        Language.EN: "approval reminder",
    },
    "governance.audit.action.approval_fallback": {
        Language.FR: "approbation demandée au suppléant",
        Language.EN: "approval asked of the fallback",
    },
    "governance.audit.action.files_shared": {
        Language.FR: "fichiers partagés",
        Language.EN: "files shared",
    },
    "governance.audit.action.edited": {
        Language.FR: "titre ou description modifiés",
        Language.EN: "title or description edited",
    },
    "governance.audit.action.unassigned": {
        Language.FR: "retrait de l’attribution",
        Language.EN: "unassigned",
    },
    "governance.audit.action.saved_reply_sent": {
        Language.FR: "réponse enregistrée envoyée",
        Language.EN: "saved reply sent",
    },
    "governance.audit.action.merged": {
        Language.FR: "fusionné dans un autre ticket (doublon)",
        Language.EN: "merged into another ticket (duplicate)",
    },
    "governance.audit.action.absorbed": {
        Language.FR: "doublon fusionné dans ce ticket",
        Language.EN: "duplicate merged into this ticket",
    },
    "governance.audit.action.absorb_undone": {
        Language.FR: "fusion abandonnée",
        Language.EN: "merge called off",
    },
    "governance.audit.action.type_changed": {
        Language.FR: "changement de type",
        Language.EN: "type changed",
    },
    "governance.audit.action.article_published": {
        Language.FR: "article publié",
        Language.EN: "article published",
    },
    "governance.audit.action.article_edited": {
        Language.FR: "article modifié",
        Language.EN: "article edited",
    },
    "governance.audit.action.article_retired": {
        Language.FR: "article retiré",
        Language.EN: "article retired",
    },
    "governance.audit.action.suggestion_accepted": {
        Language.FR: "suggestion de problème acceptée",
        Language.EN: "problem suggestion accepted",
    },
    "governance.audit.action.suggestion_dismissed": {
        Language.FR: "suggestion de problème écartée",
        Language.EN: "problem suggestion dismissed",
    },
    "governance.audit.action.privacy_export": {
        Language.FR: "export des données d’une personne",
        Language.EN: "export of a person’s data",
    },
    "governance.audit.action.privacy_erase": {
        Language.FR: "effacement d’une personne",
        Language.EN: "erasure of a person",
    },
    "governance.audit.action.audit_export": {
        Language.FR: "export du journal d’audit",
        Language.EN: "audit log export",
    },
    "governance.audit.action.thread_reply": {
        Language.FR: "réponse dans le fil d’un ticket",
        Language.EN: "reply in a ticket’s thread",
    },
    "governance.audit.action./ticket": {
        Language.FR: "commande /ticket",
        Language.EN: "/ticket command",
    },
    "governance.audit.action.message": {Language.FR: "message", Language.EN: "message"},
    "governance.audit.action.reaction_added": {
        Language.FR: "réaction sur un message",
        Language.EN: "reaction on a message",
    },
    "governance.audit.action.ticket_from_message": {
        Language.FR: "raccourci « Create a ticket »",
        Language.EN: "“Create a ticket” shortcut",
    },
    "governance.audit.action.file_ticket": {
        Language.FR: "formulaire de ticket",
        Language.EN: "ticket form",
    },
    "governance.audit.action.catalogue_picker": {
        Language.FR: "choix dans le catalogue",
        Language.EN: "catalogue choice",
    },
    "governance.audit.action.catalogue_pick": {
        Language.FR: "choix dans le catalogue",
        Language.EN: "catalogue choice",
    },
    "governance.audit.action.catalogue_request": {
        Language.FR: "formulaire de demande du catalogue",
        Language.EN: "catalogue request form",
    },
    "governance.audit.action.ticket_claim": {
        Language.FR: "bouton « Je prends »",
        Language.EN: "Claim button",
    },
    "governance.audit.action.ticket_ack": {
        Language.FR: "bouton « Acquitter »",
        Language.EN: "Acknowledge button",
    },
    "governance.audit.action.ticket_assign": {
        Language.FR: "bouton « Attribuer… »",
        Language.EN: "Assign… button",
    },
    "governance.audit.action.ticket_assign_form": {
        Language.FR: "formulaire d’attribution",
        Language.EN: "assign form",
    },
    "governance.audit.action.ticket_status": {
        Language.FR: "menu du statut",
        Language.EN: "status menu",
    },
    "governance.audit.action.ticket_priority": {
        Language.FR: "menu de la priorité",
        Language.EN: "priority menu",
    },
    "governance.audit.action.ticket_reassign": {
        Language.FR: "menu « Transmettre à un autre service »",
        Language.EN: "Send to another team menu",
    },
    "governance.audit.action.ticket_type": {Language.FR: "menu du type", Language.EN: "type menu"},
    "governance.audit.action.ticket_edit": {
        Language.FR: "bouton « Modifier »",
        Language.EN: "Edit button",
    },
    "governance.audit.action.ticket_edit_form": {
        Language.FR: "formulaire de modification",
        Language.EN: "edit form",
    },
    "governance.audit.action.ticket_unassign": {
        Language.FR: "bouton « Retirer l’attribution »",
        Language.EN: "Unassign button",
    },
    "governance.audit.action.ticket_resolve_form": {
        Language.FR: "formulaire de résolution",
        Language.EN: "resolve form",
    },
    "governance.audit.action.ticket_add_info": {
        Language.FR: "bouton « Ajouter des informations »",
        Language.EN: "Add information button",
    },
    "governance.audit.action.ticket_add_info_form": {
        Language.FR: "formulaire d’informations",
        Language.EN: "add-information form",
    },
    "governance.audit.action.ticket_cancel": {
        Language.FR: "bouton « Annuler le ticket » (ou « Retirer la demande »)",
        Language.EN: "Cancel ticket (or Withdraw the request) button",
    },
    "governance.audit.action.ticket_solved": {
        Language.FR: "bouton « Oui, c’est réglé »",
        Language.EN: "Yes, it is solved button",
    },
    "governance.audit.action.ticket_not_solved": {
        Language.FR: "bouton « Non, pas encore »",
        Language.EN: "No, not yet button",
    },
    "governance.audit.action.ticket_rate": {
        Language.FR: "note de satisfaction",
        Language.EN: "rating",
    },
    "governance.audit.action.ticket_open": {
        Language.FR: "bouton « Voir le ticket »",
        Language.EN: "Open ticket button",
    },
    "governance.audit.action.ticket_view": {
        Language.FR: "vue du ticket",
        Language.EN: "ticket view",
    },
    "governance.audit.action.ticket_declare_emergency": {
        Language.FR: "bouton « C’est une urgence »",
        Language.EN: "This is an emergency button",
    },
    "governance.audit.action.ticket_not_emergency": {
        Language.FR: "menu « Pas une urgence »",
        Language.EN: "Not an emergency menu",
    },
    "governance.audit.action.problem_create": {
        Language.FR: "bouton « Créer un problème »",
        Language.EN: "Create a problem button",
    },
    "governance.audit.action.problem_dismiss": {
        Language.FR: "bouton « Sans rapport »",
        Language.EN: "Not related button",
    },
    "governance.audit.action.recurrence_link": {
        Language.FR: "bouton « Lier à » (récurrence possible)",
        Language.EN: "Link to button (possible recurrence)",
    },
    "governance.audit.action.incident_unlink": {
        Language.FR: "bouton « Délier »",
        Language.EN: "Unlink button",
    },
    "governance.audit.action.request_approve": {
        Language.FR: "bouton « Approuver »",
        Language.EN: "Approve button",
    },
    "governance.audit.action.request_reject": {
        Language.FR: "bouton « Refuser »",
        Language.EN: "Reject button",
    },
    "governance.audit.action.request_reject_form": {
        Language.FR: "formulaire de refus",
        Language.EN: "reject form",
    },
    "governance.audit.action.home_new_ticket": {
        Language.FR: "bouton « Nouveau ticket » de l’accueil",
        Language.EN: "Home’s New ticket button",
    },
    "governance.audit.action.home_ticket_details": {
        Language.FR: "détails d’un ticket depuis l’accueil",
        Language.EN: "ticket details from Home",
    },
    "governance.audit.action.home_knowledge": {
        Language.FR: "base de connaissances depuis l’accueil",
        Language.EN: "knowledge base from Home",
    },
    "governance.audit.action.knowledge_answered": {
        Language.FR: "bouton « Cela répond à ma question »",
        Language.EN: "This answered my question button",
    },
    "governance.audit.action.knowledge_read": {
        Language.FR: "lecture d’un article",
        Language.EN: "article read",
    },
    "governance.audit.action.knowledge_need_help": {
        Language.FR: "bouton « J’ai encore besoin d’aide »",
        Language.EN: "I still need help button",
    },
    "governance.audit.action.knowledge_file_ticket": {
        Language.FR: "ticket depuis les suggestions",
        Language.EN: "ticket from the suggestions",
    },
    "governance.audit.action.knowledge_save": {
        Language.FR: "bouton « Enregistrer comme article »",
        Language.EN: "Save as an article button",
    },
    "governance.audit.action.knowledge_save_form": {
        Language.FR: "formulaire d’article",
        Language.EN: "article form",
    },
    "governance.audit.action.knowledge_reply": {
        Language.FR: "bouton « Répondre avec un article »",
        Language.EN: "Reply with an article button",
    },
    "governance.audit.action.knowledge_reply_form": {
        Language.FR: "formulaire de réponse par un article",
        Language.EN: "reply-with-an-article form",
    },
    "governance.audit.action.knowledge_edit": {
        Language.FR: "bouton « Modifier » d’un article",
        Language.EN: "article’s Edit button",
    },
    "governance.audit.action.knowledge_edit_form": {
        Language.FR: "formulaire de modification d’article",
        Language.EN: "article edit form",
    },
    "governance.audit.action.knowledge_retire": {
        Language.FR: "bouton « Retirer » d’un article",
        Language.EN: "article’s Retire button",
    },
    "governance.audit.action.knowledge_browse_form": {
        Language.FR: "recherche dans la base de connaissances",
        Language.EN: "knowledge base search",
    },
    "governance.audit.action.privacy_erase_confirm": {
        Language.FR: "confirmation d’effacement",
        Language.EN: "erasure confirmation",
    },
    "governance.audit.action.ticket_saved_reply": {
        Language.FR: "bouton « Réponse enregistrée »",
        Language.EN: "Saved reply button",
    },
    "governance.audit.action.ticket_saved_reply_form": {
        Language.FR: "formulaire de réponse enregistrée",
        Language.EN: "saved reply form",
    },
    "governance.audit.action.ticket_merge": {
        Language.FR: "bouton « Fusionner dans… »",
        Language.EN: "Merge into… button",
    },
    "governance.audit.action.ticket_merge_form": {
        Language.FR: "formulaire de fusion",
        Language.EN: "merge form",
    },
    "governance.audit.action.unknown": {Language.FR: "inconnue", Language.EN: "unknown"},
    "governance.audit.not_admin": {
        Language.FR: "Le journal d’audit est réservé aux administrateurs de Guichet.",
        Language.EN: "The audit log is for Guichet’s admins only.",
    },
    "governance.audit.bad_period": {
        Language.FR: "« {word} » n’est pas une période : écrivez par exemple `/ticket audit 7j`, "
        "`/ticket audit 30j` ou `/ticket audit mois` (365 jours au plus).",
        Language.EN: "“{word}” is not a period: write for example `/ticket audit 7d`, "
        "`/ticket audit 30d` or `/ticket audit month` (365 days at most).",
    },
    "governance.audit.bad_word": {
        Language.FR: "« {word} » n’est ni une période, ni un ticket, ni une personne : écrivez par "
        "exemple `/ticket audit 7j`, `/ticket audit 90j INC-12` ou `/ticket audit mois @marie` "
        "({limit} au plus).",
        Language.EN: "“{word}” is not a period, a ticket or a person: write for example "
        "`/ticket audit 7d`, `/ticket audit 90d INC-12` or `/ticket audit month @marie` "
        "({limit} at most).",
    },
    "governance.audit.too_long": {
        Language.FR: "{asked}, c’est plus que les {limit} que l’on peut demander au journal "
        "d’audit : écrivez par exemple `/ticket audit {max}j`.",
        Language.EN: "{asked} is more than the {limit} the audit log can be asked for: write for "
        "example `/ticket audit {max}d`.",
    },
    "governance.audit.days": {  # a period of the audit log
        Language.FR: Plural(one="{count} jour", other="{count} jours"),
        Language.EN: Plural(one="{count} day", other="{count} days"),
    },
    "governance.audit.only_ticket": {
        Language.FR: "Seulement les lignes du ticket {ticket_id}.",
        Language.EN: "Only the lines of ticket {ticket_id}.",
    },
    "governance.audit.only_person": {
        Language.FR: "Seulement les lignes où figure {person}.",
        Language.EN: "Only the lines {person} appears in.",
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
            one="Journal d’audit de Guichet du {start} au {end} : {count} ligne.",
            other="Journal d’audit de Guichet du {start} au {end} : {count} lignes.",
        ),
        Language.EN: Plural(
            one="Guichet’s audit log from {start} to {end}: {count} line.",
            other="Guichet’s audit log from {start} to {end}: {count} lines.",
        ),
    },
    "governance.audit.truncated": {
        Language.FR: Plural(
            one="Seule la première ligne ({count}) est dans le fichier : demandez une période "
            "plus courte.",
            other="Seules les {count} premières lignes sont dans le fichier : demandez une "
            "période plus courte.",
        ),
        Language.EN: Plural(
            one="Only the first line ({count}) is in the file: ask for a shorter period.",
            other="Only the first {count} lines are in the file: ask for a shorter period.",
        ),
    },
    "governance.audit.sent": {
        Language.FR: Plural(
            one="Journal d’audit envoyé dans vos messages directs : {count} ligne.",
            other="Journal d’audit envoyé dans vos messages directs : {count} lignes.",
        ),
        Language.EN: Plural(
            one="Audit log sent to your direct messages: {count} line.",
            other="Audit log sent to your direct messages: {count} lines.",
        ),
    },
    "governance.audit.failed": {
        Language.FR: "Le fichier n’a pas pu être envoyé ({error}). Réessayez dans un instant.",
        Language.EN: "The file could not be sent ({error}). Please try again in a moment.",
    },
    "governance.button.edit": {Language.FR: "Modifier", Language.EN: "Edit"},
    "governance.button.unassign": {Language.FR: "Retirer l’attribution", Language.EN: "Unassign"},
    "governance.edit.title": {Language.FR: "Modifier le ticket", Language.EN: "Edit the ticket"},
    "governance.edit.submit": {Language.FR: "Enregistrer", Language.EN: "Save"},
    "governance.edit.label_title": {Language.FR: "Titre", Language.EN: "Title"},
    "governance.edit.label_description": {Language.FR: "Description", Language.EN: "Description"},
    "governance.edit.empty_title": {
        Language.FR: "Le titre ne peut pas être vide.",
        Language.EN: "The title cannot be empty.",
    },
    "governance.history.edited": {
        Language.FR: "modifié par {actor} (« {before} » → « {after} »)",
        Language.EN: "edited by {actor} (“{before}” → “{after}”)",
    },
    "governance.history.unassigned": {
        Language.FR: "retiré à {before} par {actor}",
        Language.EN: "unassigned from {before} by {actor}",
    },
    "governance.resolve.title": {
        Language.FR: "Résoudre le ticket",
        Language.EN: "Resolve the ticket",
    },
    "governance.resolve.submit": {Language.FR: "Résoudre", Language.EN: "Resolve"},
    "governance.resolve.note": {
        Language.FR: "Comment {ticket_id} a-t-il été réglé ?",
        Language.EN: "How was {ticket_id} solved?",
    },
    "governance.resolve.placeholder": {
        Language.FR: "Ce qui a été fait, en quelques mots : le demandeur le lira.",
        Language.EN: "What was done, in a few words: the requester will read it.",
    },
    "governance.resolve.category": {Language.FR: "Catégorie", Language.EN: "Category"},
    "governance.resolve.required": {
        Language.FR: "Pour ce service, dites en quelques mots comment le ticket a été réglé.",
        Language.EN: "For this team, say in a few words how the ticket was solved.",
    },
    "governance.resolve.shown": {
        Language.FR: "*Comment il a été réglé* : {category}{note}",
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
        Language.EN: "{person}’s data",
    },
    "governance.privacy.comment": {
        Language.FR: "Tout ce que Guichet garde sur {person} : {tickets}, {lines}.",
        Language.EN: "Everything Guichet keeps about {person}: {tickets}, {lines}.",
    },
    "governance.privacy.also": {  # the other collections the export holds documents of
        Language.FR: "Et aussi : {kinds}.",
        Language.EN: "And also: {kinds}.",
    },
    "governance.privacy.kind.approvals": {
        Language.FR: "des approbations",
        Language.EN: "approvals",
    },
    "governance.privacy.kind.deflections": {
        Language.FR: "des questions posées avant un ticket",
        Language.EN: "questions asked before a ticket",
    },
    "governance.privacy.kind.articles": {
        Language.FR: "des articles écrits",
        Language.EN: "articles written",
    },
    "governance.privacy.kind.article_history": {
        Language.FR: "des modifications d’articles",
        Language.EN: "article changes",
    },
    "governance.privacy.kind.suggestions": {
        Language.FR: "des décisions sur des suggestions de problème",
        Language.EN: "decisions on problem suggestions",
    },
    "governance.privacy.kind.outbox": {
        Language.FR: "des messages envoyés ou à envoyer",
        Language.EN: "messages sent or still to be sent",
    },
    "governance.privacy.kind.usergroups": {
        Language.FR: "des groupes d’utilisateurs",
        Language.EN: "user groups",
    },
    "governance.retention.deleted_card": {  # replaces the card of a ticket retention deleted
        Language.FR: "🗑️ Ticket *{ticket_id}* supprimé : la durée de conservation des tickets "
        "clos est écoulée.",
        Language.EN: "🗑️ Ticket *{ticket_id}* deleted: the retention period for closed tickets "
        "is over.",
    },
    "governance.retention.report": {  # to each admin, the day after
        Language.FR: "🗄️ Conservation des données, le {day} (UTC) : {done}. Les durées sont "
        "celles de `retention:` dans le fichier des services.",
        Language.EN: "🗄️ Data retention on {day} (UTC): {done}. The periods are those of "
        "`retention:` in the services file.",
    },
    "governance.retention.report.anonymised": {
        Language.FR: Plural(
            one="{count} ticket clos anonymisé", other="{count} tickets clos anonymisés"
        ),
        Language.EN: Plural(
            one="{count} closed ticket anonymised", other="{count} closed tickets anonymised"
        ),
    },
    "governance.retention.report.deleted": {
        Language.FR: Plural(
            one="{count} ticket clos supprimé", other="{count} tickets clos supprimés"
        ),
        Language.EN: Plural(
            one="{count} closed ticket deleted", other="{count} closed tickets deleted"
        ),
    },
    "governance.retention.report.audit": {
        Language.FR: Plural(
            one="{count} ligne du journal d’audit supprimée",
            other="{count} lignes du journal d’audit supprimées",
        ),
        Language.EN: Plural(one="{count} audit line deleted", other="{count} audit lines deleted"),
    },
    "governance.retention.report.deflections": {
        Language.FR: Plural(
            one="{count} question posée avant un ticket supprimée",
            other="{count} questions posées avant un ticket supprimées",
        ),
        Language.EN: Plural(
            one="{count} question asked before a ticket deleted",
            other="{count} questions asked before a ticket deleted",
        ),
    },
    "governance.privacy.kind.dm_erasures": {
        Language.FR: "des messages directs et des copies de fichiers que Guichet doit encore "
        "supprimer",
        Language.EN: "direct messages and copies of files Guichet still has to delete",
    },
    "governance.privacy.kind.file_copies": {  # where the bot copied their files in Slack
        Language.FR: "les fils des tickets où Guichet a copié ses fichiers",
        Language.EN: "the tickets’ threads where Guichet copied their files",
    },
    "governance.privacy.kind.relays": {  # where the bot relayed their replies to the team
        Language.FR: "les fils des tickets où Guichet a relayé ses réponses",
        Language.EN: "the tickets’ threads where Guichet relayed their replies",
    },
    "governance.privacy.kind.requester_relays": {  # where the bot relayed an agent's replies
        Language.FR: "les fils de messages directs des demandeurs où Guichet a relayé ses réponses",
        Language.EN: "the requesters’ direct message threads where Guichet relayed their replies",
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
        Language.EN: "{person}’s data sent to your direct messages.",
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
        Language.FR: "{person} deviendra « un ancien salarié » dans tous les tickets, "
        "leur historique, les copies de ses messages, ses notes de satisfaction et le journal "
        "d’audit, ainsi que dans les approbations, les articles et les suggestions ; ses "
        "mentions et son nom quittent les textes. Les messages directs que Guichet lui a envoyés "
        "et les copies de ses fichiers que Guichet a partagées dans les fils des tickets sont "
        "supprimés de Slack ; les fichiers envoyés depuis son compte restent (une app ne peut "
        "pas les supprimer). Ses réponses que Guichet a relayées (à l’équipe dans les fils des "
        "tickets, aux demandeurs en message direct) sont remplacées par une ligne disant "
        "qu’elles ont été retirées. Les chiffres restent. Cela ne peut pas être défait.",
        Language.EN: "{person} will become “a former employee” in every ticket, its history, "
        "the copies of their messages, their ratings and the audit log, and in approvals, "
        "articles and suggestions; their mentions and name leave the texts. The direct messages "
        "Guichet sent them and the copies of their files Guichet shared in tickets’ threads "
        "are deleted from Slack; the files uploaded from their account stay (an app cannot "
        "delete them). Their replies Guichet relayed (to the team in tickets’ threads, to "
        "requesters by direct message) are replaced by a line saying they were removed. The "
        "figures stay. This cannot be undone.",
    },
    "governance.erase.done": {  # the person's data, not the person: no gender to agree with
        Language.FR: Plural(
            one="Les données de {person} sont effacées : {count} ticket et {lines}.",
            other="Les données de {person} sont effacées : {count} tickets et {lines}.",
        ),
        Language.EN: Plural(
            one="{person}’s data is erased: {count} ticket and {lines}.",
            other="{person}’s data is erased: {count} tickets and {lines}.",
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
        Language.FR: "questions posées avant un ticket ({count})",
        Language.EN: "questions asked before a ticket ({count})",
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
    "governance.erase.kind.outbox_sent": {
        Language.FR: "traces de messages envoyés ({count})",
        Language.EN: "records of messages sent ({count})",
    },
    "governance.erase.kind.usergroups": {
        Language.FR: "groupes d’utilisateurs ({count})",
        Language.EN: "user groups ({count})",
    },
    "governance.erase.dms": {  # the bot's own DMs to the erased person, deleted (chat.delete)
        Language.FR: Plural(
            one="{count} message direct que Guichet lui avait envoyé est supprimé de Slack.",
            other="{count} messages directs que Guichet lui avait envoyés sont supprimés de Slack.",
        ),
        Language.EN: Plural(
            one="{count} direct message Guichet had sent them is deleted from Slack.",
            other="{count} direct messages Guichet had sent them are deleted from Slack.",
        ),
    },
    "governance.erase.dms_rest": {
        Language.FR: "Les autres seront supprimés dans les minutes qui viennent.",
        Language.EN: "The others will be deleted in the next few minutes.",
    },
    "governance.erase.dms_later": {
        Language.FR: "Les messages directs que Guichet lui avait envoyés n’ont pas encore pu être "
        "supprimés de Slack : Guichet réessaiera de lui-même.",
        Language.EN: "The direct messages Guichet had sent them could not be deleted from Slack "
        "yet: Guichet will try again by itself.",
    },
    "governance.erase.files": {  # the bot's copies of their files in the tickets' threads
        Language.FR: Plural(
            one="{count} copie de ses fichiers que Guichet avait partagée dans le fil d’un "
            "ticket est supprimée de Slack ; l’original, envoyé depuis son compte, reste (une "
            "app ne peut pas le supprimer).",
            other="{count} copies de ses fichiers que Guichet avait partagées dans les fils des "
            "tickets sont supprimées de Slack ; les originaux, envoyés depuis son compte, "
            "restent (une app ne peut pas les supprimer).",
        ),
        Language.EN: Plural(
            one="{count} copy of their files Guichet had shared in a ticket’s thread is "
            "deleted from Slack; the original, uploaded from their account, stays (an app "
            "cannot delete it).",
            other="{count} copies of their files Guichet had shared in tickets’ threads are "
            "deleted from Slack; the originals, uploaded from their account, stay (an app "
            "cannot delete them).",
        ),
    },
    "governance.erase.files_rest": {
        Language.FR: "Les autres copies seront supprimées dans les minutes qui viennent.",
        Language.EN: "The other copies will be deleted in the next few minutes.",
    },
    "governance.erase.files_later": {
        Language.FR: "Les copies de ses fichiers que Guichet avait partagées dans les fils des "
        "tickets n’ont pas encore pu être supprimées de Slack : Guichet réessaiera de lui-même. "
        "Les originaux, envoyés depuis son compte, restent (une app ne peut pas les supprimer).",
        Language.EN: "The copies of their files Guichet had shared in tickets’ threads could "
        "not be deleted from Slack yet: Guichet will try again by itself. The originals, "
        "uploaded from their account, stay (an app cannot delete them).",
    },
    "governance.erase.relays": {  # the bot's relays of their DM-thread replies, redacted
        Language.FR: Plural(
            one="{count} réponse de sa part, relayée par Guichet dans le fil d’un ticket, est "
            "remplacée par une ligne disant qu’elle a été retirée.",
            other="{count} réponses de sa part, relayées par Guichet dans les fils des tickets, "
            "sont remplacées par une ligne disant qu’elles ont été retirées.",
        ),
        Language.EN: Plural(
            one="{count} reply of theirs Guichet had relayed in a ticket’s thread is replaced "
            "by a line saying it was removed.",
            other="{count} replies of theirs Guichet had relayed in tickets’ threads are "
            "replaced by a line saying they were removed.",
        ),
    },
    "governance.erase.relays_rest": {
        Language.FR: "Les autres seront remplacées dans les minutes qui viennent.",
        Language.EN: "The others will be replaced in the next few minutes.",
    },
    "governance.erase.relays_later": {
        Language.FR: "Ses réponses que Guichet avait relayées dans les fils des tickets n’ont "
        "pas encore pu être retirées de Slack : Guichet réessaiera de lui-même.",
        Language.EN: "Their replies Guichet had relayed in tickets’ threads could not be "
        "removed from Slack yet: Guichet will try again by itself.",
    },
    "governance.erase.requester_relays": {  # an agent's replies relayed to requesters, redacted
        Language.FR: Plural(
            one="{count} réponse de sa part, relayée par Guichet au demandeur d’un ticket en "
            "message direct, est remplacée par une ligne disant qu’elle a été retirée.",
            other="{count} réponses de sa part, relayées par Guichet aux demandeurs des tickets "
            "en message direct, sont remplacées par une ligne disant qu’elles ont été retirées.",
        ),
        Language.EN: Plural(
            one="{count} reply of theirs Guichet had relayed to a ticket’s requester by direct "
            "message is replaced by a line saying it was removed.",
            other="{count} replies of theirs Guichet had relayed to tickets’ requesters by direct "
            "message are replaced by a line saying they were removed.",
        ),
    },
    "governance.erase.requester_relays_rest": {
        Language.FR: "Les autres seront remplacées dans les minutes qui viennent.",
        Language.EN: "The others will be replaced in the next few minutes.",
    },
    "governance.erase.requester_relays_later": {
        Language.FR: "Ses réponses que Guichet avait relayées aux demandeurs en message direct "
        "n’ont pas encore pu être retirées de Slack : Guichet réessaiera de lui-même.",
        Language.EN: "Their replies Guichet had relayed to requesters by direct message could "
        "not be removed from Slack yet: Guichet will try again by itself.",
    },
    "governance.erase.relay_removed": {  # what a relay of an erased person's reply becomes
        Language.FR: "💬 Message d’un ancien salarié, retiré : ses données personnelles ont été "
        "effacées.",
        Language.EN: "💬 Message from a former employee, removed: their personal data was erased.",
    },
    "governance.erase.nothing": {
        Language.FR: "Guichet ne garde plus rien sur {person} : rien à effacer.",
        Language.EN: "Guichet no longer keeps anything about {person}: nothing to erase.",
    },
}
