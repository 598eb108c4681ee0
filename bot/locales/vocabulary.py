"""Words every surface uses: types, levels, statuses, durations, dates, buttons."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    # --- types, levels, statuses, priorities ------------------------------------------------------
    "vocabulary.type.incident": {Language.FR: "Incident", Language.EN: "Incident"},
    "vocabulary.type.service_request": {
        Language.FR: "Demande de service",
        Language.EN: "Service request",
    },
    "vocabulary.type.problem": {Language.FR: "Problème", Language.EN: "Problem"},
    "vocabulary.type.information_request": {
        Language.FR: "Demande d’information",
        Language.EN: "Information request",
    },
    "vocabulary.type.improvement_request": {
        Language.FR: "Demande d’amélioration",
        Language.EN: "Improvement request",
    },
    "vocabulary.type.training_request": {
        Language.FR: "Demande de formation",
        Language.EN: "Training request",
    },
    "vocabulary.type.emergency": {Language.FR: "Urgence", Language.EN: "Emergency"},
    "vocabulary.type_hint.incident": {
        Language.FR: "Quelque chose ne fonctionne pas",
        Language.EN: "Something does not work",
    },
    "vocabulary.type_hint.service_request": {
        Language.FR: "Installation, compte, accès à une ressource",
        Language.EN: "Install, account, access to a resource",
    },
    "vocabulary.type_hint.problem": {
        Language.FR: "Un souci récurrent à analyser",
        Language.EN: "A recurring issue to investigate",
    },
    "vocabulary.type_hint.information_request": {
        Language.FR: "Une question sur une règle ou une procédure",
        Language.EN: "A question about a policy or procedure",
    },
    "vocabulary.type_hint.improvement_request": {
        Language.FR: "Proposer une amélioration ou une fonctionnalité",
        Language.EN: "Suggest an improvement or a feature",
    },
    "vocabulary.type_hint.training_request": {
        Language.FR: "Une formation ou de l’aide sur un outil",
        Language.EN: "Training or help with a tool",
    },
    "vocabulary.type_hint.emergency": {
        Language.FR: "Panne majeure, faille de sécurité : action immédiate",
        Language.EN: "Major outage, security breach: act now",
    },
    "vocabulary.level.high": {Language.FR: "Élevé", Language.EN: "High"},
    "vocabulary.level.medium": {Language.FR: "Moyen", Language.EN: "Medium"},
    "vocabulary.level.low": {Language.FR: "Faible", Language.EN: "Low"},
    "vocabulary.urgency_level.high": {Language.FR: "Élevée", Language.EN: "High"},
    "vocabulary.urgency_level.medium": {Language.FR: "Moyenne", Language.EN: "Medium"},
    "vocabulary.urgency_level.low": {Language.FR: "Faible", Language.EN: "Low"},
    "vocabulary.impact_hint.high": {
        Language.FR: "Toute une équipe ou un site",
        Language.EN: "A whole team or site",
    },
    "vocabulary.impact_hint.medium": {
        Language.FR: "Plusieurs personnes",
        Language.EN: "Several people",
    },
    "vocabulary.impact_hint.low": {
        Language.FR: "Moi seulement",
        Language.EN: "Just me",
    },
    "vocabulary.urgency_hint.high": {
        Language.FR: "Tout est bloqué pour moi",
        Language.EN: "I am blocked",
    },
    "vocabulary.urgency_hint.medium": {
        Language.FR: "Je contourne, mais c’est pénible",
        Language.EN: "I have a workaround, but it hurts",
    },
    "vocabulary.urgency_hint.low": {
        Language.FR: "Cela peut attendre",
        Language.EN: "It can wait",
    },
    "vocabulary.status.new": {Language.FR: "Nouveau", Language.EN: "New"},
    "vocabulary.status.in_progress": {Language.FR: "En cours", Language.EN: "In progress"},
    "vocabulary.status.waiting_on_requester": {
        Language.FR: "En attente du demandeur",
        Language.EN: "Waiting on requester",
    },
    "vocabulary.status.resolved": {Language.FR: "Résolu", Language.EN: "Resolved"},
    "vocabulary.status.closed": {Language.FR: "Clos", Language.EN: "Closed"},
    "vocabulary.status.cancelled": {Language.FR: "Annulé", Language.EN: "Cancelled"},
    "vocabulary.status.awaiting_approval": {  # a catalogue request its approvers have not decided
        Language.FR: "En attente d’approbation",
        Language.EN: "Awaiting approval",
    },
    "vocabulary.priority.P1": {Language.FR: "P1 · critique", Language.EN: "P1 · critical"},
    "vocabulary.priority.P2": {Language.FR: "P2 · haute", Language.EN: "P2 · high"},
    "vocabulary.priority.P3": {Language.FR: "P3 · moyenne", Language.EN: "P3 · medium"},
    "vocabulary.priority.P4": {Language.FR: "P4 · basse", Language.EN: "P4 · low"},
    "vocabulary.priority.P5": {Language.FR: "P5 · planifiée", Language.EN: "P5 · planning"},
    # --- how late, how long, which day ------------------------------------------------------------
    "vocabulary.duration.moment": {
        Language.FR: "moins d’une minute",
        Language.EN: "less than a minute",
    },
    "vocabulary.duration.minutes": {Language.FR: "{minutes} min", Language.EN: "{minutes} min"},
    "vocabulary.duration.hours": {
        Language.FR: "{hours} h {minutes} min",
        Language.EN: "{hours} h {minutes} min",
    },
    "vocabulary.duration.whole_hours": {Language.FR: "{hours} h", Language.EN: "{hours} h"},
    "vocabulary.duration.days": {
        Language.FR: "{days} j {hours} h",
        Language.EN: "{days} d {hours} h",
    },
    "vocabulary.duration.whole_days": {Language.FR: "{days} j", Language.EN: "{days} d"},
    "vocabulary.weekday.mon": {Language.FR: "lun.", Language.EN: "Mon"},
    "vocabulary.weekday.tue": {Language.FR: "mar.", Language.EN: "Tue"},
    "vocabulary.weekday.wed": {Language.FR: "mer.", Language.EN: "Wed"},
    "vocabulary.weekday.thu": {Language.FR: "jeu.", Language.EN: "Thu"},
    "vocabulary.weekday.fri": {Language.FR: "ven.", Language.EN: "Fri"},
    "vocabulary.weekday.sat": {Language.FR: "sam.", Language.EN: "Sat"},
    "vocabulary.weekday.sun": {Language.FR: "dim.", Language.EN: "Sun"},
    # --- common buttons ---------------------------------------------------------------------------
    "vocabulary.cancel": {Language.FR: "Annuler", Language.EN: "Cancel"},
    "vocabulary.close": {Language.FR: "Fermer", Language.EN: "Close"},
}
