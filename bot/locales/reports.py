"""Reports: /ticket stats, /ticket export and the weekly digest."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    # --- numbers and dates --------------------------------------------------------------------
    "report.date": {
        Language.FR: "{day:02d}/{month:02d}/{year}",
        Language.EN: "{year}-{month:02d}-{day:02d}",
    },
    "report.none": {Language.FR: "pas de données", Language.EN: "no data"},
    "weekday.mon": {Language.FR: "lun.", Language.EN: "Mon"},
    "weekday.tue": {Language.FR: "mar.", Language.EN: "Tue"},
    "weekday.wed": {Language.FR: "mer.", Language.EN: "Wed"},
    "weekday.thu": {Language.FR: "jeu.", Language.EN: "Thu"},
    "weekday.fri": {Language.FR: "ven.", Language.EN: "Fri"},
    "weekday.sat": {Language.FR: "sam.", Language.EN: "Sat"},
    "weekday.sun": {Language.FR: "dim.", Language.EN: "Sun"},
    # --- the figures (/ticket stats and the digest) -------------------------------------------
    "stats.header": {
        Language.FR: "📊 Statistiques · {scope} · {days} derniers jours",
        Language.EN: "📊 Statistics · {scope} · last {days} days",
    },
    "stats.all_services": {Language.FR: "tous les services", Language.EN: "all services"},
    "stats.period": {
        Language.FR: "Tickets créés du {start} au {end}.",
        Language.EN: "Tickets filed from {start} to {end}.",
    },
    "stats.empty": {
        Language.FR: "Aucun ticket n’a été créé sur cette période.",
        Language.EN: "No tickets were filed in this period.",
    },
    "stats.tickets": {Language.FR: "*Tickets*\n{count}", Language.EN: "*Tickets*\n{count}"},
    "stats.mtta": {
        Language.FR: "*Délai moyen de prise en charge (MTTA)*\n{value}",
        Language.EN: "*Mean time to acknowledge (MTTA)*\n{value}",
    },
    "stats.mttr": {
        Language.FR: "*Délai moyen de résolution (MTTR)*\n{value}",
        Language.EN: "*Mean time to resolve (MTTR)*\n{value}",
    },
    "stats.over": {
        Language.FR: "{value} · sur {count} tickets",
        Language.EN: "{value} · over {count} tickets",
    },
    "stats.sla": {
        Language.FR: "*Objectifs (SLA) manqués*\n{value}",
        Language.EN: "*SLA targets missed*\n{value}",
    },
    "stats.sla_value": {
        Language.FR: "{rate} · {breached} sur {total} (réponse : {response}, résolution : "
        "{resolution})",
        Language.EN: "{rate} · {breached} of {total} (response: {response}, resolution: "
        "{resolution})",
    },
    "stats.satisfaction": {
        Language.FR: "*Satisfaction*\n{value}",
        Language.EN: "*Satisfaction*\n{value}",
    },
    "stats.satisfaction_value": {
        Language.FR: "{average} / 5 · {rated} tickets notés",
        Language.EN: "{average} / 5 · {rated} tickets rated",
    },
    "stats.by_type": {Language.FR: "*Par type* : {counts}", Language.EN: "*By type*: {counts}"},
    "stats.by_status": {
        Language.FR: "*Par statut* : {counts}",
        Language.EN: "*By status*: {counts}",
    },
    "stats.problems": {
        Language.FR: "*Problèmes principaux* ({open} ouverts)",
        Language.EN: "*Top problems* ({open} open)",
    },
    "stats.problem_line": {
        Language.FR: "• *{ticket_id}* {title} · {status} · tickets liés : {linked}",
        Language.EN: "• *{ticket_id}* {title} · {status} · linked tickets: {linked}",
    },
    "stats.no_problems": {
        Language.FR: "Aucun ticket de type problème.",
        Language.EN: "No problem tickets.",
    },
    "stats.definitions": {
        Language.FR: "MTTA : de l’ouverture à la première réponse (prise en charge, affectation, "
        "changement de statut ou acquittement). MTTR : de l’ouverture à la résolution. Un "
        "objectif est manqué quand la réponse ou la résolution arrive après son échéance (ou "
        "n’est toujours pas là, échéance passée). Les tickets annulés ne comptent ni dans les "
        "délais ni dans les objectifs.",
        Language.EN: "MTTA: filed to first response (claim, assignment, status change or "
        "acknowledgement). MTTR: filed to resolved. A target is missed when the response or the "
        "resolution came after its due time (or has not come and the due time has passed). "
        "Cancelled tickets count in neither the times nor the targets.",
    },
    "stats.truncated": {
        Language.FR: "⚠️ Seuls les {count} premiers tickets de la période ont été comptés.",
        Language.EN: "⚠️ Only the first {count} tickets of the period were counted.",
    },
    # --- arguments and refusals ---------------------------------------------------------------
    "stats.usage": {
        Language.FR: "`/ticket stats [service] [7j|30j]` : les chiffres des tickets créés sur "
        "la période (7 jours par défaut), de tous les services ou d’un seul.\n"
        "`/ticket export [service] [7j|30j]` : ces tickets dans un fichier CSV (30 jours par "
        "défaut ; pour les agents).\nServices : {services}.",
        Language.EN: "`/ticket stats [service] [7d|30d]`: the figures of the tickets filed in "
        "the period (7 days by default), of all services or one.\n"
        "`/ticket export [service] [7d|30d]`: those tickets in a CSV file (30 days by default; "
        "for agents).\nServices: {services}.",
    },
    "stats.bad_period": {
        Language.FR: "« {word} » n’est pas une période : écrivez un nombre de jours de 1 à "
        "365, comme `7j` ou `30j`.",
        Language.EN: "“{word}” is not a period: write a number of days from 1 to 365, such as "
        "`7d` or `30d`.",
    },
    "stats.bad_service": {
        Language.FR: "Je ne connais pas de service « {word} ».",
        Language.EN: "There is no service “{word}”.",
    },
    "stats.twice": {
        Language.FR: "Une seule période, s’il vous plaît (« {word} » en est une deuxième).",
        Language.EN: "One period only, please (“{word}” is a second one).",
    },
    "stats.not_allowed": {
        Language.FR: "Les statistiques de *{service}* sont réservées aux personnes qui y "
        "travaillent (ses agents, son astreinte et les membres de son canal). "
        "`/ticket stats` seul donne les chiffres de l’ensemble des services.",
        Language.EN: "The statistics of *{service}* are for the people who work it (its "
        "agents, on-call staff and channel members). `/ticket stats` alone gives the figures "
        "of all services.",
    },
    # --- /ticket export -----------------------------------------------------------------------
    "export.not_agent": {
        Language.FR: "Les exports sont réservés aux personnes qui travaillent dans un service "
        "du support (ses agents, son astreinte et les membres de son canal). Pour voir vos "
        "propres tickets, tapez `/ticket list`.",
        Language.EN: "Exports are for the people who work a support service (its agents, "
        "on-call staff and channel members). To see your own tickets, type `/ticket list`.",
    },
    "export.not_allowed": {
        Language.FR: "Vous ne travaillez pas dans *{service}* : vous ne pouvez pas exporter ses "
        "tickets. `/ticket export` seul exporte ceux des services où vous travaillez.",
        Language.EN: "You do not work *{service}*, so you cannot export its tickets. "
        "`/ticket export` alone exports those of the services you work.",
    },
    "export.empty": {
        Language.FR: "Aucun ticket de {services} n’a été créé ces {days} derniers jours : "
        "rien à exporter.",
        Language.EN: "No tickets of {services} were filed in the last {days} days: nothing to "
        "export.",
    },
    "export.sent": {
        Language.FR: "📎 Je vous ai envoyé l’export en message direct : {count} tickets de "
        "{services}, créés ces {days} derniers jours.",
        Language.EN: "📎 I sent you the export by direct message: {count} tickets of "
        "{services}, filed in the last {days} days.",
    },
    "export.comment": {
        Language.FR: "Les tickets de {services} créés du {start} au {end} : {count}. Heures "
        "en UTC.",
        Language.EN: "The tickets of {services} filed from {start} to {end}: {count}. Times in "
        "UTC.",
    },
    "export.title": {
        Language.FR: "Tickets Guichet du {start} au {end}",
        Language.EN: "Guichet tickets from {start} to {end}",
    },
    "export.truncated": {
        Language.FR: "⚠️ Le fichier ne contient que les {count} premiers tickets.",
        Language.EN: "⚠️ The file holds only the first {count} tickets.",
    },
    "export.failed": {
        Language.FR: "Je n’ai pas pu vous envoyer le fichier ({error}). Réessayez dans un instant.",
        Language.EN: "I could not send you the file ({error}). Please try again in a moment.",
    },
    "export.breach_none": {Language.FR: "non", Language.EN: "no"},
    "export.breach_response": {Language.FR: "réponse", Language.EN: "response"},
    "export.breach_resolution": {Language.FR: "résolution", Language.EN: "resolution"},
    "export.breach_both": {
        Language.FR: "réponse et résolution",
        Language.EN: "response and resolution",
    },
    "export.column.id": {Language.FR: "Numéro", Language.EN: "ID"},
    "export.column.type": {Language.FR: "Type", Language.EN: "Type"},
    "export.column.title": {Language.FR: "Titre", Language.EN: "Title"},
    "export.column.service": {Language.FR: "Service", Language.EN: "Service"},
    "export.column.priority": {Language.FR: "Priorité", Language.EN: "Priority"},
    "export.column.status": {Language.FR: "Statut", Language.EN: "Status"},
    "export.column.requester": {Language.FR: "Demandeur", Language.EN: "Requester"},
    "export.column.assignee": {Language.FR: "Responsable", Language.EN: "Assignee"},
    "export.column.created": {Language.FR: "Créé (UTC)", Language.EN: "Created (UTC)"},
    "export.column.first_response": {
        Language.FR: "Première réponse (UTC)",
        Language.EN: "First response (UTC)",
    },
    "export.column.resolved": {Language.FR: "Résolu (UTC)", Language.EN: "Resolved (UTC)"},
    "export.column.sla_breached": {
        Language.FR: "Objectif SLA manqué",
        Language.EN: "SLA breached",
    },
    "export.column.satisfaction": {Language.FR: "Satisfaction", Language.EN: "Satisfaction"},
    "export.column.problem": {Language.FR: "Problème lié", Language.EN: "Problem ID"},
    # --- the weekly digest --------------------------------------------------------------------
    "digest.header": {
        Language.FR: "📊 Bilan de la semaine · {service}",
        Language.EN: "📊 Weekly digest · {service}",
    },
    "digest.period": {
        Language.FR: "Tickets créés du {first} au {last} inclus.",
        Language.EN: "Tickets filed from {first} to {last} inclusive.",
    },
    "digest.fallback": {
        Language.FR: "Bilan de la semaine de {service} : {count} tickets",
        Language.EN: "Weekly digest of {service}: {count} tickets",
    },
    "digest.chart_title": {
        Language.FR: "Tickets créés par jour · {service} · {first} – {last}",
        Language.EN: "Tickets filed per day · {service} · {first} – {last}",
    },
    "digest.chart_axis": {Language.FR: "Tickets", Language.EN: "Tickets"},
    "digest.chart_comment": {
        Language.FR: "Tickets créés par jour et par type, du {first} au {last}.",
        Language.EN: "Tickets filed per day and by type, from {first} to {last}.",
    },
    "digest.chart_alt": {
        Language.FR: "Histogramme empilé des tickets créés chaque jour par type : {days}.",
        Language.EN: "Stacked bar chart of the tickets filed each day by type: {days}.",
    },
}
