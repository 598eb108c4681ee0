"""When Guichet itself fails: the database away or refusing a write, an unexpected error."""

from __future__ import annotations

from bot.domain.models import Language

TEXTS: dict[str, dict[Language, str]] = {
    "operations.error.store_unavailable": {
        Language.FR: "La base des tickets ne répond pas. Rien n’a été enregistré : "
        "réessayez dans une minute.",
        Language.EN: "The ticket database is not answering. Nothing was saved: "
        "please try again in a minute.",
    },
    "operations.error.store_rejected": {
        Language.FR: "La base des tickets a refusé d’enregistrer ceci. Rien n’a été enregistré, "
        "et réessayer n’y changera rien : prévenez le centre de support.",
        Language.EN: "The ticket database refused to save this. Nothing was saved, and trying "
        "again will not help: please tell the service desk.",
    },
    "operations.error.unexpected": {
        Language.FR: "Quelque chose s’est mal passé de notre côté. Réessayez ; si cela "
        "persiste, prévenez le centre de support.",
        Language.EN: "Something went wrong on our side. Please try again; if it keeps "
        "happening, tell the service desk.",
    },
    "operations.busy": {
        Language.FR: "Guichet est très sollicité en ce moment. Rien n’a été enregistré : "
        "réessayez dans quelques secondes.",
        Language.EN: "Guichet is very busy right now. Nothing was saved: please try again "
        "in a few seconds.",
    },
    "operations.error.modal_title": {Language.FR: "Un souci", Language.EN: "Something went wrong"},
    "operations.error.modal_close": {Language.FR: "Fermer", Language.EN: "Close"},
}
