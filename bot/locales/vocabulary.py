"""Names of ticket types, levels, statuses and priorities."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    # --- vocabulary --------------------------------------------------------------------------
    "type.incident": {Language.FR: "Incident", Language.EN: "Incident"},
    "type.service_request": {Language.FR: "Demande de service", Language.EN: "Service request"},
    "type.problem": {Language.FR: "Problème", Language.EN: "Problem"},
    "type.information_request": {
        Language.FR: "Demande d’information",
        Language.EN: "Information request",
    },
    "type.improvement_request": {
        Language.FR: "Demande d’amélioration",
        Language.EN: "Improvement request",
    },
    "type.training_request": {Language.FR: "Demande de formation", Language.EN: "Training request"},
    "type.emergency": {Language.FR: "Urgence", Language.EN: "Emergency"},
    "type_hint.incident": {
        Language.FR: "Quelque chose ne fonctionne pas",
        Language.EN: "Something does not work",
    },
    "type_hint.service_request": {
        Language.FR: "Installation, compte, accès à une ressource",
        Language.EN: "Install, account, access to a resource",
    },
    "type_hint.problem": {
        Language.FR: "Un souci récurrent à analyser",
        Language.EN: "A recurring issue to investigate",
    },
    "type_hint.information_request": {
        Language.FR: "Une question sur une règle ou une procédure",
        Language.EN: "A question about a policy or procedure",
    },
    "type_hint.improvement_request": {
        Language.FR: "Proposer une amélioration ou une fonctionnalité",
        Language.EN: "Suggest an improvement or a feature",
    },
    "type_hint.training_request": {
        Language.FR: "Une formation ou de l’aide sur un outil",
        Language.EN: "Training or help with a tool",
    },
    "type_hint.emergency": {
        Language.FR: "Panne majeure, faille de sécurité : action immédiate",
        Language.EN: "Major outage, security breach: act now",
    },
    "level.high": {Language.FR: "Élevé", Language.EN: "High"},
    "level.medium": {Language.FR: "Moyen", Language.EN: "Medium"},
    "level.low": {Language.FR: "Faible", Language.EN: "Low"},
    "impact_hint.high": {
        Language.FR: "Élevé : toute une équipe ou un site",
        Language.EN: "High: a whole team or site",
    },
    "impact_hint.medium": {
        Language.FR: "Moyen : plusieurs personnes",
        Language.EN: "Medium: several people",
    },
    "impact_hint.low": {Language.FR: "Faible : moi seulement", Language.EN: "Low: just me"},
    "urgency_hint.high": {
        Language.FR: "Élevée : je suis bloqué",
        Language.EN: "High: I am blocked",
    },
    "urgency_hint.medium": {
        Language.FR: "Moyenne : je contourne, mais c’est pénible",
        Language.EN: "Medium: I have a workaround, but it hurts",
    },
    "urgency_hint.low": {
        Language.FR: "Faible : cela peut attendre",
        Language.EN: "Low: it can wait",
    },
    "status.new": {Language.FR: "Nouveau", Language.EN: "New"},
    "status.in_progress": {Language.FR: "En cours", Language.EN: "In progress"},
    "status.waiting_on_requester": {
        Language.FR: "En attente du demandeur",
        Language.EN: "Waiting on requester",
    },
    "status.resolved": {Language.FR: "Résolu", Language.EN: "Resolved"},
    "status.closed": {Language.FR: "Clos", Language.EN: "Closed"},
    "status.cancelled": {Language.FR: "Annulé", Language.EN: "Cancelled"},
    "priority.P1": {Language.FR: "P1 · critique", Language.EN: "P1 · critical"},
    "priority.P2": {Language.FR: "P2 · haute", Language.EN: "P2 · high"},
    "priority.P3": {Language.FR: "P3 · moyenne", Language.EN: "P3 · medium"},
    "priority.P4": {Language.FR: "P4 · basse", Language.EN: "P4 · low"},
    "priority.P5": {Language.FR: "P5 · planifiée", Language.EN: "P5 · planning"},
}
