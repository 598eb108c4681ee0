"""The ticket itself: its card, its history, the list and show commands."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    # --- the ticket in its service channel --------------------------------------------------------
    "tickets.card.text_removed": {
        Language.FR: "_Titre et description effacés : le délai de conservation est passé._",
        Language.EN: "_Title and description removed: the retention period is over._",
    },
    "tickets.card.header": {
        Language.FR: "{ticket_id} · {type}",
        Language.EN: "{ticket_id} · {type}",
    },
    "tickets.card.field.type": {Language.FR: "*Type*\n{value}", Language.EN: "*Type*\n{value}"},
    "tickets.card.field.priority": {
        Language.FR: "*Priorité*\n{value}",
        Language.EN: "*Priority*\n{value}",
    },
    "tickets.card.field.requester": {
        Language.FR: "*Demandeur*\n{value}",
        Language.EN: "*Requester*\n{value}",
    },
    "tickets.card.field.status": {
        Language.FR: "*Statut*\n{value}",
        Language.EN: "*Status*\n{value}",
    },
    "tickets.card.field.assignee": {
        Language.FR: "*Pris en charge par*\n{value}",
        Language.EN: "*Assignee*\n{value}",
    },
    "tickets.card.field.service": {
        Language.FR: "*Service*\n{value}",
        Language.EN: "*Team*\n{value}",
    },
    "tickets.card.unassigned": {Language.FR: "_personne_", Language.EN: "_nobody yet_"},
    "tickets.card.reasons": {
        Language.FR: "Orienté ici pour : {reasons}",
        Language.EN: "Routed here for: {reasons}",
    },
    "tickets.card.reasons_moved": {
        Language.FR: "Confié à ce service par une personne (Guichet l’avait orienté vers "
        "{service})",
        Language.EN: "Sent to this team by a person (Guichet had routed it to {service})",
    },
    "tickets.card.reasons_default": {
        Language.FR: "Orienté ici selon le type de demande",
        Language.EN: "Routed here by request type",
    },
    "tickets.card.unsure": {
        Language.FR: "🤔 Guichet n’était pas sûr du service et l’a confié au service par "
        "défaut : s’il n’est pas pour vous, « {reroute} » l’envoie au bon.",
        Language.EN: "🤔 Guichet was unsure which team this is for and sent it to the default "
        "team: if it is not yours, “{reroute}” sends it to the right one.",
    },
    "tickets.card.filed_at": {
        Language.FR: "Ouvert le {date}",
        Language.EN: "Filed {date}",
    },
    "tickets.card.last_change": {
        Language.FR: "Dernier changement : {change}",
        Language.EN: "Last change: {change}",
    },
    "tickets.card.fallback": {
        Language.FR: "{ticket_id} · {title} ({priority}) de {requester}",
        Language.EN: "{ticket_id} · {title} ({priority}) from {requester}",
    },
    "tickets.card.origin": {
        Language.FR: "Depuis un message Slack : {link}",
        Language.EN: "From a Slack message: {link}",
    },
    "tickets.card.linked_to": {
        Language.FR: "🔗 Lié à *{parent_id}* : sa résolution résoudra aussi celui-ci.",
        Language.EN: "🔗 Linked to *{parent_id}*: resolving it resolves this one too.",
    },
    "tickets.card.linked_to_ended": {  # resolved (with it or on its own), closed or cancelled
        Language.FR: "🔗 Lié à *{parent_id}*.",
        Language.EN: "🔗 Linked to *{parent_id}*.",
    },
    "tickets.card.field.linked": {
        Language.FR: "*Incidents liés*\n{count}",
        Language.EN: "*Linked incidents*\n{count}",
    },
    "tickets.card.linked_list": {
        Language.FR: "🔗 Incidents liés : {ids}",
        Language.EN: "🔗 Linked incidents: {ids}",
    },
    "tickets.card.linked_more": {
        Language.FR: Plural(one="et {count} autre", other="et {count} autres"),
        Language.EN: Plural(one="and {count} more", other="and {count} more"),
    },
    "tickets.card.storm_mode": {
        Language.FR: "🌩️ Mode tempête : les nouveaux incidents semblables sont liés ici "
        "automatiquement (réponses dans le fil).",
        Language.EN: "🌩️ Storm mode: new similar incidents are linked here automatically (replies "
        "in the thread).",
    },
    "tickets.card.paging_active": {
        Language.FR: "🚨 L’astreinte est appelée jusqu’à ce que quelqu’un acquitte.",
        Language.EN: "🚨 On-call is being paged until someone acknowledges.",
    },
    "tickets.card.paging_acked": {
        Language.FR: "✅ Acquitté par {user} à {time}",
        Language.EN: "✅ Acknowledged by {user} at {time}",
    },
    "tickets.card.field.satisfaction": {
        Language.FR: "*Satisfaction*\n{value}",
        Language.EN: "*Satisfaction*\n{value}",
    },
    # --- its history ------------------------------------------------------------------------------
    "tickets.history.files_shared": {
        Language.FR: "{actor} a partagé des fichiers : {note}",
        Language.EN: "{actor} shared files: {note}",
    },
    "tickets.history.approval_requested": {
        Language.FR: "{actor} a demandé l’approbation de {after}",
        Language.EN: "{actor} asked {after} for approval",
    },
    "tickets.history.approved": {
        Language.FR: "{actor} a approuvé (étape {after})",
        Language.EN: "{actor} approved (step {after})",
    },
    "tickets.history.rejected": {
        Language.FR: "{actor} a refusé (étape {after}) : {note}",
        Language.EN: "{actor} rejected (step {after}): {note}",
    },
    "tickets.history.approval_reminded": {
        Language.FR: "{actor} a relancé {after} pour l’approbation",
        Language.EN: "{actor} reminded {after} to approve",
    },
    "tickets.history.approval_fallback": {
        Language.FR: "{actor} a aussi demandé l’approbation de {after} (suppléance)",
        Language.EN: "{actor} also asked {after} for approval (fallback)",
    },
    "tickets.history.conversation_opened": {
        Language.FR: "conversation ouverte avec le demandeur en message direct",
        Language.EN: "conversation opened with the requester by direct message",
    },
    "tickets.history.relayed_to_requester": {
        Language.FR: "message de {actor} transmis au demandeur",
        Language.EN: "message from {actor} relayed to the requester",
    },
    "tickets.history.article_sent": {
        Language.FR: "article {after} envoyé au demandeur par {actor}",
        Language.EN: "article {after} sent to the requester by {actor}",
    },
    "tickets.history.merged": {
        Language.FR: "fusionné dans {after} par {actor} (doublon ; clos)",
        Language.EN: "merged into {after} by {actor} (duplicate; closed)",
    },
    "tickets.history.absorbed": {
        Language.FR: "{after} fusionné dans ce ticket par {actor}",
        Language.EN: "{after} merged into this ticket by {actor}",
    },
    "tickets.history.absorb_undone": {
        Language.FR: "fusion de {after} abandonnée : il avait changé entre-temps",
        Language.EN: "merge of {after} called off: it had changed in the meantime",
    },
    "tickets.history.saved_reply_sent": {
        Language.FR: "réponse enregistrée {after} envoyée au demandeur par {actor}",
        Language.EN: "saved reply {after} sent to the requester by {actor}",
    },
    "tickets.history.relayed_to_team": {
        Language.FR: "réponse du demandeur {actor} transmise à l’équipe",
        Language.EN: "reply from the requester {actor} relayed to the team",
    },
    "tickets.history.internal_note": {
        Language.FR: "note interne de {actor}",
        Language.EN: "internal note by {actor}",
    },
    "tickets.history.relay_to_requester_failed": {
        Language.FR: "message de {actor} non transmis au demandeur ({note})",
        Language.EN: "message from {actor} could not reach the requester ({note})",
    },
    "tickets.history.dm_failed": {
        Language.FR: "message au demandeur non remis ({after} : {note})",
        Language.EN: "message to the requester never delivered ({after}: {note})",
    },
    "tickets.requester_notice.filed": {
        Language.FR: "ticket enregistré",
        Language.EN: "ticket filed",
    },
    "tickets.requester_notice.post_failed": {
        Language.FR: "carte non publiée",
        Language.EN: "card not posted",
    },
    "tickets.requester_notice.filed_late": {
        Language.FR: "ticket enregistré, carte en attente",
        Language.EN: "ticket filed, card waiting",
    },
    "tickets.requester_notice.claimed": {Language.FR: "pris en charge", Language.EN: "claimed"},
    "tickets.requester_notice.assigned": {Language.FR: "attribué", Language.EN: "assigned"},
    "tickets.requester_notice.status_changed": {
        Language.FR: "changement de statut",
        Language.EN: "status changed",
    },
    "tickets.requester_notice.resolved": {Language.FR: "résolu", Language.EN: "resolved"},
    "tickets.requester_notice.closed": {
        Language.FR: "clos, note demandée",
        Language.EN: "closed, rating requested",
    },
    "tickets.requester_notice.reopened": {Language.FR: "rouvert", Language.EN: "reopened"},
    "tickets.requester_notice.reassigned": {
        Language.FR: "transféré à une autre équipe",
        Language.EN: "sent to another team",
    },
    "tickets.requester_notice.acknowledged": {
        Language.FR: "urgence prise en compte",
        Language.EN: "emergency acknowledged",
    },
    "tickets.requester_notice.emergency_declared": {
        Language.FR: "urgence déclarée",
        Language.EN: "emergency declared",
    },
    "tickets.requester_notice.not_emergency": {
        Language.FR: "pas une urgence",
        Language.EN: "not an emergency",
    },
    "tickets.requester_notice.unassigned": {
        Language.FR: "retiré à la personne qui l’avait",
        Language.EN: "unassigned",
    },
    "tickets.requester_notice.type_changed": {
        Language.FR: "type changé",
        Language.EN: "type changed",
    },
    "tickets.history.relay_to_team_failed": {
        Language.FR: "réponse de {actor} non transmise à l’équipe ({note})",
        Language.EN: "reply from {actor} could not reach the team ({note})",
    },
    "tickets.history.created": {Language.FR: "ouvert par {actor}", Language.EN: "filed by {actor}"},
    "tickets.history.claimed": {
        Language.FR: "pris en charge par {actor}",
        Language.EN: "claimed by {actor}",
    },
    "tickets.history.status": {
        Language.FR: "statut {before} → {after} par {actor}",
        Language.EN: "status {before} → {after} by {actor}",
    },
    "tickets.history.posted": {
        Language.FR: "publié dans {after}",
        Language.EN: "posted in {after}",
    },
    "tickets.history.post_failed": {
        Language.FR: "publication impossible ({note})",
        Language.EN: "could not be posted ({note})",
    },
    "tickets.history.linked": {
        Language.FR: "lié à {after} par {actor}",
        Language.EN: "linked to {after} by {actor}",
    },
    "tickets.history.unlinked": {
        Language.FR: "délié de {before} par {actor}",
        Language.EN: "unlinked from {before} by {actor}",
    },
    "tickets.history.incidents_linked": {
        Language.FR: Plural(
            one="{count} incident lié par {actor} : {note}",
            other="{count} incidents liés par {actor} : {note}",
        ),
        Language.EN: Plural(
            one="{count} incident linked by {actor}: {note}",
            other="{count} incidents linked by {actor}: {note}",
        ),
    },
    "tickets.history.incident_unlinked": {
        Language.FR: "{after} délié par {actor}",
        Language.EN: "{after} unlinked by {actor}",
    },
    "tickets.history.held": {
        Language.FR: "mis en attente avec des incidents similaires ({after})",
        Language.EN: "held with similar incidents ({after})",
    },
    "tickets.history.status_with": {
        Language.FR: "statut {before} → {after} par {actor}, avec {note}",
        Language.EN: "status {before} → {after} by {actor}, with {note}",
    },
    "tickets.history.reminded": {
        Language.FR: "relance envoyée à {after}",
        Language.EN: "reminder sent to {after}",
    },
    "tickets.history.paged": {
        Language.FR: "astreinte appelée : {after} (niveau {note})",
        Language.EN: "on-call paged: {after} (level {note})",
    },
    "tickets.history.page_unconfirmed": {
        Language.FR: "appel d’astreinte à {after} non confirmé ({note}) : il est peut-être arrivé",
        Language.EN: "on-call page to {after} unconfirmed ({note}): it may have arrived",
    },
    "tickets.history.acknowledged": {
        Language.FR: "acquitté par {actor}",
        Language.EN: "acknowledged by {actor}",
    },
    "tickets.history.emergency_declared": {
        Language.FR: "déclaré urgence par {actor}",
        Language.EN: "declared an emergency by {actor}",
    },
    "tickets.history.not_emergency": {
        Language.FR: "pas une urgence selon {actor} : incident, {before} → {after}",
        Language.EN: "not an emergency, said {actor}: incident, {before} → {after}",
    },
    "tickets.history.assigned": {
        Language.FR: "confié à {after} par {actor}",
        Language.EN: "assigned to {after} by {actor}",
    },
    "tickets.history.priority": {
        Language.FR: "priorité {before} → {after} par {actor}",
        Language.EN: "priority {before} → {after} by {actor}",
    },
    "tickets.history.type_changed": {
        Language.FR: "type {before} → {after} par {actor}",
        Language.EN: "type {before} → {after} by {actor}",
    },
    "tickets.history.reassigned": {
        # named as services: the loader elides « de {from_service} » (d’Infrastructure)
        Language.FR: "transmis de {from_service} à {to_service} par {actor}",
        Language.EN: "sent from {from_service} to {to_service} by {actor}",
    },
    "tickets.dm.private_channel": {  # where a private service works, in a requester's DM
        # (and on the card a ticket moved to it left in its former channel)
        Language.FR: "son canal privé",
        Language.EN: "its private channel",
    },
    "tickets.history.info_added_files": {  # files added, no text (the files' own line follows)
        Language.FR: "fichiers ajoutés par {actor}",
        Language.EN: "files added by {actor}",
    },
    "tickets.history.info_added": {
        Language.FR: "informations ajoutées par {actor} : « {note} »",
        Language.EN: "information added by {actor}: “{note}”",
    },
    "tickets.history.confirmed": {
        Language.FR: "solution confirmée par {actor} : clos",
        Language.EN: "solution confirmed by {actor}: closed",
    },
    "tickets.history.reopened": {
        Language.FR: "rouvert par {actor} : pas réglé",
        Language.EN: "reopened by {actor}: not solved",
    },
    "tickets.history.rated": {
        Language.FR: "noté {after}/5 par {actor}",
        Language.EN: "rated {after}/5 by {actor}",
    },
    # --- /ticket list and /ticket show ------------------------------------------------------------
    "tickets.list.title": {
        Language.FR: "*Vos tickets ouverts*",
        Language.EN: "*Your open tickets*",
    },
    "tickets.list.empty": {
        Language.FR: "Vous n’avez aucun ticket ouvert. Tapez `/ticket` pour en ouvrir un.",
        Language.EN: "You have no open tickets. Type `/ticket` to file one.",
    },
    "tickets.list.none": {
        Language.FR: "Vous n’avez aucun ticket ouvert.",
        Language.EN: "None of the tickets you filed is open.",
    },
    "tickets.list.assigned_title": {
        Language.FR: "*Pris en charge par vous* (les plus pressants d’abord)",
        Language.EN: "*Assigned to you* (most pressing first)",
    },
    "tickets.list.line": {
        Language.FR: "*{ticket_id}* · {title} · {status} · {priority} · {service}",
        Language.EN: "*{ticket_id}* · {title} · {status} · {priority} · {service}",
    },
    "tickets.list.more": {
        Language.FR: "… et {count} de plus.",
        Language.EN: "… and {count} more.",
    },
    "tickets.show.usage": {
        Language.FR: "Indiquez le numéro du ticket, par exemple `/ticket show INC-42`.",
        Language.EN: "Give the ticket id, for example `/ticket show INC-42`.",
    },
    "tickets.show.not_an_id": {
        Language.FR: "« {written} » n’est pas un numéro de ticket : écrivez-le comme il est "
        "affiché, par exemple `/ticket show INC-42` (`/ticket list` donne les vôtres).",
        Language.EN: "“{written}” is not a ticket id: write it as it is shown, for example "
        "`/ticket show INC-42` (`/ticket list` gives yours).",
    },
    "tickets.show.history": {Language.FR: "*Historique*", Language.EN: "*History*"},
    "tickets.show.description": {Language.FR: "*Description*", Language.EN: "*Description*"},
    "tickets.ended.by": {
        Language.FR: "{ticket_id} a été passé à *{status}* par {user} à {time} : votre clic "
        "n’a rien changé et personne n’a été prévenu.",
        Language.EN: "{ticket_id} was set to *{status}* by {user} at {time}: your click "
        "changed nothing and nobody was told.",
    },
    "tickets.ended.merged": {
        Language.FR: "{ticket_id} a été fusionné dans *{other}* par {user} à {time} : "
        "votre clic n’a rien changé et personne n’a été prévenu.",
        Language.EN: "{ticket_id} was merged into *{other}* by {user} at {time}: your click "
        "changed nothing and nobody was told.",
    },
    "tickets.ended.its_requester": {
        Language.FR: "la personne qui l’a ouvert",
        Language.EN: "its requester",
    },
    "tickets.ended.plain": {
        Language.FR: "{ticket_id} est *{status}* : votre clic n’a rien changé.",
        Language.EN: "{ticket_id} is *{status}*: your click changed nothing.",
    },
    "tickets.not_found": {
        Language.FR: "Je ne trouve pas de ticket *{ticket_id}*.",
        Language.EN: "I cannot find ticket *{ticket_id}*.",
    },
    "tickets.not_visible": {
        Language.FR: "Le ticket *{ticket_id}* n’est visible que par son demandeur et son service.",
        Language.EN: "Ticket *{ticket_id}* is visible only to its requester and its team.",
    },
    # The next deadline on the card and in the requester's DMs (bot/domain/deadlines.py).
    "tickets.deadline.clock.response": {Language.FR: "Réponse", Language.EN: "Response"},
    "tickets.deadline.clock.resolution": {Language.FR: "Résolution", Language.EN: "Resolution"},
    "tickets.deadline.running": {
        Language.FR: "⏱️ {clock} attendue {due}, dans {left}",
        Language.EN: "⏱️ {clock} due {due}, in {left}",
    },
    "tickets.deadline.running_business": {  # the calendar closes before the due time
        Language.FR: "⏱️ {clock} attendue {due}, reste {left} en heures ouvrées",
        Language.EN: "⏱️ {clock} due {due}, {left} of opening hours left",
    },
    "tickets.deadline.closed": {
        Language.FR: "⏸️ {clock} attendue {due} : horloge arrêtée hors des heures "
        "d’ouverture jusqu’à {resumes}, reste {left}",
        Language.EN: "⏸️ {clock} due {due}: the clock is stopped outside opening hours "
        "until {resumes}, {left} left",
    },
    "tickets.deadline.at_opening": {  # its open time ran out as the calendar closed
        Language.FR: "⏱️ {clock} attendue {due}, à l’ouverture (plus aucune heure ouvrée d’ici là)",
        Language.EN: "⏱️ {clock} due {due}, at the opening (no opening hours left before then)",
    },
    "tickets.deadline.overdue": {
        Language.FR: "🔴 *{clock} en retard de {late}* (attendue {due})",
        Language.EN: "🔴 *{clock} overdue by {late}* (due {due})",
    },
    # The same, on what stays in Slack as drawn (the card, DMs): times, never a countdown.
    "tickets.deadline.running_at": {
        Language.FR: "⏱️ {clock} attendue {due}",
        Language.EN: "⏱️ {clock} due {due}",
    },
    "tickets.deadline.closed_at": {
        Language.FR: "⏸️ {clock} attendue {due} : horloge arrêtée hors des heures d’ouverture "
        "jusqu’à {resumes}, puis {left} à courir",
        Language.EN: "⏸️ {clock} due {due}: the clock is stopped outside opening hours until "
        "{resumes}, then {left} to run",
    },
    "tickets.deadline.overdue_since": {
        Language.FR: "🔴 *{clock} en retard depuis {due}*",
        Language.EN: "🔴 *{clock} overdue since {due}*",
    },
    "tickets.deadline.waiting": {
        Language.FR: "⏸️ Horloge de résolution en pause : le ticket attend le demandeur "
        "(reste {left})",
        Language.EN: "⏸️ Resolution clock paused while the ticket waits on the requester "
        "({left} left)",
    },
    "tickets.deadline.waiting_late": {
        Language.FR: "⏸️ Horloge de résolution en pause : le ticket attend le demandeur "
        "(*en retard depuis {due}*)",
        Language.EN: "⏸️ Resolution clock paused while the ticket waits on the requester "
        "(*overdue since {due}*)",
    },
}
