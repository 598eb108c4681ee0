"""Figures: /ticket stats, /ticket export and the weekly digest."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    # --- the figures (/ticket stats and the digest) -----------------------------------------------
    "reports.stats.header": {
        Language.FR: "📊 Statistiques · {scope} · {period}",
        Language.EN: "📊 Statistics · {scope} · {period}",
    },
    # --- a period of days, inside the texts above and below (``{period}``) ---------------------
    "reports.period.header": {
        Language.FR: Plural(one="dernier jour", other="{count} derniers jours"),
        Language.EN: Plural(one="last day", other="last {count} days"),
    },
    "reports.period.in": {
        Language.FR: Plural(one="au cours du dernier jour", other="ces {count} derniers jours"),
        Language.EN: Plural(one="in the last day", other="in the last {count} days"),
    },
    "reports.period.over": {
        Language.FR: Plural(one="sur le dernier jour", other="sur les {count} derniers jours"),
        Language.EN: Plural(one="over the last day", other="over the last {count} days"),
    },
    "reports.stats.all_services": {Language.FR: "tous les services", Language.EN: "all services"},
    "reports.stats.period": {
        Language.FR: "Tickets créés du {start} au {end}.",
        Language.EN: "Tickets filed from {start} to {end}.",
    },
    "reports.stats.empty": {
        Language.FR: "Aucun ticket n’a été créé sur cette période.",
        Language.EN: "No tickets were filed in this period.",
    },
    "reports.stats.tickets": {Language.FR: "*Tickets*\n{count}", Language.EN: "*Tickets*\n{count}"},
    "reports.stats.mtta": {
        Language.FR: "*Délai moyen de prise en charge (MTTA)*\n{value}",
        Language.EN: "*Mean time to acknowledge (MTTA)*\n{value}",
    },
    "reports.stats.mttr": {
        Language.FR: "*Délai moyen de résolution (MTTR)*\n{value}",
        Language.EN: "*Mean time to resolve (MTTR)*\n{value}",
    },
    "reports.stats.over": {
        Language.FR: Plural(
            one="{value} · sur {count} ticket", other="{value} · sur {count} tickets"
        ),
        Language.EN: Plural(
            one="{value} · over {count} ticket", other="{value} · over {count} tickets"
        ),
    },
    "reports.stats.sla": {
        Language.FR: "*Objectifs (SLA) manqués*\n{value}",
        Language.EN: "*SLA targets missed*\n{value}",
    },
    "reports.stats.sla_value": {
        Language.FR: "{rate} · {breached} sur {total} (réponse : {response}, résolution : "
        "{resolution})",
        Language.EN: "{rate} · {breached} of {total} (response: {response}, resolution: "
        "{resolution})",
    },
    "reports.stats.business_time": {
        Language.FR: "⏱️ MTTA, MTTR et objectifs comptés en heures ouvrées, sur le calendrier du "
        "service qui avait le ticket (24 h/24 pour les P1 et les urgences).",
        Language.EN: "⏱️ MTTA, MTTR and targets count opening hours, on the calendar of the "
        "service that had the ticket (around the clock for P1 tickets and emergencies).",
    },
    "reports.stats.satisfaction": {
        Language.FR: "*Satisfaction*\n{value}",
        Language.EN: "*Satisfaction*\n{value}",
    },
    "reports.stats.satisfaction_value": {
        Language.FR: Plural(
            one="{average} / 5 · {rated} ticket noté",
            other="{average} / 5 · {rated} tickets notés",
            by="rated",
        ),
        Language.EN: Plural(
            one="{average} / 5 · {rated} ticket rated",
            other="{average} / 5 · {rated} tickets rated",
            by="rated",
        ),
    },
    "reports.stats.by_type": {
        Language.FR: "*Par type* : {counts}",
        Language.EN: "*By type*: {counts}",
    },
    "reports.stats.by_status": {
        Language.FR: "*Par statut* : {counts}",
        Language.EN: "*By status*: {counts}",
    },
    "reports.stats.problems": {
        Language.FR: Plural(
            one="*Problèmes principaux* ({open} ouvert)",
            other="*Problèmes principaux* ({open} ouverts)",
            by="open",
        ),
        Language.EN: Plural(
            one="*Top problems* ({open} open)", other="*Top problems* ({open} open)", by="open"
        ),
    },
    "reports.stats.problem_line": {
        Language.FR: "• *{ticket_id}* {title} · {status} · tickets liés : {linked}",
        Language.EN: "• *{ticket_id}* {title} · {status} · linked tickets: {linked}",
    },
    "reports.stats.no_problems": {
        Language.FR: "Aucun ticket de type problème.",
        Language.EN: "No problem tickets.",
    },
    "reports.stats.unlisted_problems": {
        Language.FR: Plural(
            one="{count} ticket de type problème d’un service où vous ne travaillez pas, non "
            "listé.",
            other="{count} tickets de type problème de services où vous ne travaillez pas, non "
            "listés.",
        ),
        Language.EN: Plural(
            one="{count} problem ticket of a service you do not work in, not listed.",
            other="{count} problem tickets of services you do not work in, not listed.",
        ),
    },
    "reports.stats.definitions": {
        Language.FR: "MTTA : de l’ouverture (ou de l’approbation d’une demande du catalogue) à "
        "la première réponse (prise en charge, attribution, changement de statut ou "
        "acquittement). MTTR : de l’ouverture (ou de l’approbation) à la dernière résolution, "
        "sans le temps passé à attendre le demandeur ni résolu avant une réouverture, comme "
        "l’horloge de son objectif le compte. Un objectif est manqué quand la réponse ou la "
        "résolution arrive après son échéance (ou n’est toujours pas là, échéance passée). Les "
        "tickets annulés et les demandes en attente d’approbation ne comptent ni dans les "
        "délais ni dans les objectifs.",
        Language.EN: "MTTA: filed (or, for a catalogue request, approved) to first response "
        "(claim, assignment, status change or acknowledgement). MTTR: filed (or approved) to "
        "the last resolution, without the time spent waiting on the requester or resolved "
        "before a reopening, as the clock of its target counts it. A target is missed when the "
        "response or the resolution came after its due time (or has not come and the due time "
        "has passed). Cancelled tickets and requests awaiting approval count in neither the "
        "times nor the targets.",
    },
    "reports.stats.truncated": {
        Language.FR: Plural(
            one="⚠️ Seul le premier ticket de la période a été compté ({count}).",
            other="⚠️ Seuls les {count} premiers tickets de la période ont été comptés.",
        ),
        Language.EN: Plural(
            one="⚠️ Only the first ticket of the period was counted ({count}).",
            other="⚠️ Only the first {count} tickets of the period were counted.",
        ),
    },
    "reports.stats.usage": {
        Language.FR: "`/ticket stats [service] [7j|30j]` : les chiffres des tickets créés sur "
        "la période (7 jours par défaut), de tous les services ou d’un seul.\n"
        "`/ticket export [service] [7j|30j]` : ces tickets dans un fichier CSV (30 jours par "
        "défaut ; pour les agents).\nServices : {services}.",
        Language.EN: "`/ticket stats [service] [7d|30d]`: figures for the tickets filed in the "
        "period (7 days by default), for all services or one.\n"
        "`/ticket export [service] [7d|30d]`: those tickets in a CSV file (30 days by default; "
        "for agents).\n"
        "Services: {services}.",
    },
    "reports.stats.bad_period": {
        Language.FR: "« {word} » n’est pas une période : écrivez un nombre de jours de 1 à "
        "365, comme `7j` ou `30j`.",
        Language.EN: "“{word}” is not a period: write a number of days from 1 to 365, such as "
        "`7d` or `30d`.",
    },
    "reports.stats.bad_service": {
        Language.FR: "Je ne connais pas de service « {word} ».",
        Language.EN: "There is no service “{word}”.",
    },
    "reports.stats.twice": {
        Language.FR: "Une seule période, s’il vous plaît (« {word} » en est une deuxième).",
        Language.EN: "One period only, please (“{word}” is a second one).",
    },
    "reports.stats.not_allowed": {
        Language.FR: "Les statistiques de *{service}* sont réservées aux personnes qui y "
        "travaillent (agents, groupes et astreinte) et aux administrateurs. "
        "`/ticket stats` seul donne les chiffres de l’ensemble des services.",
        Language.EN: "*{service}*’s statistics are for the people who work in it (its agents, "
        "user groups and on-call staff) and the admins. `/ticket stats` alone gives the figures "
        "of all services.",
    },
    "reports.none": {Language.FR: "pas de données", Language.EN: "no data"},
    # --- /ticket export ---------------------------------------------------------------------------
    "reports.export.not_agent": {
        Language.FR: "Les exports sont réservés aux personnes qui travaillent dans un service "
        "du support (ses agents, ses groupes et son astreinte) et aux administrateurs. "
        "Pour voir vos propres tickets, tapez `/ticket list`.",
        Language.EN: "Exports are for the people who work in a support service (its agents, user "
        "groups and on-call staff) and the admins. To see your own tickets, type `/ticket list`.",
    },
    "reports.export.not_allowed": {
        Language.FR: "Vous ne travaillez pas dans *{service}* : vous ne pouvez pas en "
        "exporter les tickets. `/ticket export` seul exporte ceux des services où vous travaillez.",
        Language.EN: "You do not work in *{service}*, so you cannot export its tickets. `/ticket "
        "export` alone exports those of the services you work in.",
    },
    "reports.export.empty": {
        Language.FR: "Aucun ticket de {services} n’a été créé {period} : rien à exporter.",
        Language.EN: "No tickets for {services} were filed {period}: nothing to export.",
    },
    "reports.export.sent": {
        Language.FR: Plural(
            one="📎 Je vous ai envoyé l’export en message direct : {count} ticket de "
            "{services}, créé {period}.",
            other="📎 Je vous ai envoyé l’export en message direct : {count} tickets de "
            "{services}, créés {period}.",
        ),
        Language.EN: Plural(
            one="📎 I sent you the export by direct message: {count} ticket for {services}, filed "
            "{period}.",
            other="📎 I sent you the export by direct message: {count} tickets for {services}, "
            "filed {period}.",
        ),
    },
    "reports.export.comment": {
        Language.FR: "Les tickets de {services} créés du {start} au {end} : {count}. Heures "
        "en UTC.",
        Language.EN: "Tickets for {services} filed from {start} to {end}: {count}. Times in UTC.",
    },
    "reports.export.title": {
        Language.FR: "Tickets Guichet du {start} au {end}",
        Language.EN: "Guichet tickets from {start} to {end}",
    },
    "reports.export.truncated": {
        Language.FR: Plural(
            one="⚠️ Le fichier ne contient que le premier ticket ({count}).",
            other="⚠️ Le fichier ne contient que les {count} premiers tickets.",
        ),
        Language.EN: Plural(
            one="⚠️ The file holds only the first ticket ({count}).",
            other="⚠️ The file holds only the first {count} tickets.",
        ),
    },
    "reports.export.failed": {
        Language.FR: "Je n’ai pas pu vous envoyer le fichier ({error}). Réessayez dans un instant.",
        Language.EN: "I could not send you the file ({error}). Please try again in a moment.",
    },
    "reports.export.breach_none": {Language.FR: "non", Language.EN: "no"},
    "reports.export.met_yes": {Language.FR: "oui", Language.EN: "yes"},
    "reports.export.met_no": {Language.FR: "non", Language.EN: "no"},
    "reports.export.column.response_due": {
        Language.FR: "Réponse attendue (UTC)",
        Language.EN: "Response due (UTC)",
    },
    "reports.export.column.response_met": {
        Language.FR: "Objectif de réponse tenu",
        Language.EN: "Response target met",
    },
    "reports.export.column.resolution_due": {
        Language.FR: "Résolution attendue (UTC)",
        Language.EN: "Resolution due (UTC)",
    },
    "reports.export.column.resolution_met": {
        Language.FR: "Objectif de résolution tenu",
        Language.EN: "Resolution target met",
    },
    "reports.export.breach_response": {Language.FR: "réponse", Language.EN: "response"},
    "reports.export.breach_resolution": {Language.FR: "résolution", Language.EN: "resolution"},
    "reports.export.breach_both": {
        Language.FR: "réponse et résolution",
        Language.EN: "response and resolution",
    },
    "reports.export.column.id": {Language.FR: "Numéro", Language.EN: "ID"},
    "reports.export.column.type": {Language.FR: "Type", Language.EN: "Type"},
    "reports.export.column.title": {Language.FR: "Titre", Language.EN: "Title"},
    "reports.export.column.service": {Language.FR: "Service", Language.EN: "Service"},
    "reports.export.column.priority": {Language.FR: "Priorité", Language.EN: "Priority"},
    "reports.export.column.status": {Language.FR: "Statut", Language.EN: "Status"},
    "reports.export.column.requester": {Language.FR: "Demandeur", Language.EN: "Requester"},
    "reports.export.column.assignee": {Language.FR: "Responsable", Language.EN: "Assignee"},
    "reports.export.column.created": {Language.FR: "Créé (UTC)", Language.EN: "Created (UTC)"},
    "reports.export.column.first_response": {
        Language.FR: "Première réponse (UTC)",
        Language.EN: "First response (UTC)",
    },
    "reports.export.column.resolved": {Language.FR: "Résolu (UTC)", Language.EN: "Resolved (UTC)"},
    "reports.export.column.sla_breached": {
        Language.FR: "Objectif SLA manqué",
        Language.EN: "SLA breached",
    },
    "reports.export.column.satisfaction": {
        Language.FR: "Satisfaction",
        Language.EN: "Satisfaction",
    },
    "reports.export.column.problem": {Language.FR: "Problème lié", Language.EN: "Problem ID"},
    "reports.export.column.merged_into": {
        Language.FR: "Fusionné dans",
        Language.EN: "Merged into",
    },
    # --- the weekly digest ------------------------------------------------------------------------
    "reports.digest.header": {
        Language.FR: "📊 Bilan de la semaine · {service}",
        Language.EN: "📊 Weekly digest · {service}",
    },
    "reports.digest.period": {
        Language.FR: "Tickets créés du {first} au {last} inclus.",
        Language.EN: "Tickets filed from {first} to {last} inclusive.",
    },
    "reports.digest.fallback": {
        Language.FR: Plural(
            one="Bilan de la semaine de {service} : {count} ticket",
            other="Bilan de la semaine de {service} : {count} tickets",
        ),
        Language.EN: Plural(
            one="Weekly digest for {service}: {count} ticket",
            other="Weekly digest for {service}: {count} tickets",
        ),
    },
    "reports.digest.chart_title": {
        Language.FR: "Tickets créés par jour · {service} · {first} – {last}",
        Language.EN: "Tickets filed per day · {service} · {first} – {last}",
    },
    "reports.digest.chart_axis": {Language.FR: "Tickets", Language.EN: "Tickets"},
    "reports.digest.chart_comment": {
        Language.FR: "Tickets créés par jour et par type, du {first} au {last}.",
        Language.EN: "Tickets filed per day and by type, from {first} to {last}.",
    },
    "reports.digest.chart_alt": {
        Language.FR: "Histogramme empilé des tickets créés chaque jour par type : {days}.",
        Language.EN: "Stacked bar chart of the tickets filed each day by type: {days}.",
    },
}
