"""Problems: suggestions, linked incidents, what requesters are told."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    # --- the problem Guichet files from a suggestion ----------------------------------------------
    "problems.title": {Language.FR: "Récurrent : {title}", Language.EN: "Recurring: {title}"},
    "problems.description": {
        Language.FR: Plural(
            one="Problème ouvert à partir de {count} incident :",
            other="Problème ouvert à partir de {count} incidents similaires :",
            many="Problème ouvert à partir de {count} d’incidents similaires :",
        ),
        Language.EN: Plural(
            one="Problem opened from {count} incident:",
            other="Problem opened from {count} similar incidents:",
        ),
    },
    "problems.description.line": {
        Language.FR: "• {ticket_id} — {title}",
        Language.EN: "• {ticket_id} — {title}",
    },
    "problems.description.more": {
        Language.FR: Plural(one="• … et {count} autre", other="• … et {count} autres"),
        Language.EN: Plural(one="• … and {count} more", other="• … and {count} more"),
    },
    # --- the suggestion in the service channel ----------------------------------------------------
    "problems.suggestion.header": {
        Language.FR: "🔁 Incidents similaires",
        Language.EN: "🔁 Similar incidents",
    },
    "problems.suggestion.text": {
        Language.FR: Plural(
            one="*{count} incident* pour *{service}* en moins de {window}. Créez un problème pour "
            "le suivre : son demandeur saura que c’est un problème connu et sera prévenu de "
            "sa résolution.",
            other="*{count} incidents* semblables pour *{service}* en moins de {window} : ont-ils "
            "la même cause ? Créez un problème pour les suivre ensemble : leurs demandeurs "
            "sauront que c’est un problème connu et seront prévenus de sa résolution.",
        ),
        Language.EN: Plural(
            one="*{count} incident* for *{service}* within {window}. Create a problem to follow "
            "it: its requester will know it is a known issue and hear when it is fixed.",
            other="*{count} similar incidents* for *{service}* within {window}: do they share a "
            "cause? Create a problem to follow them together: their requesters will know it "
            "is a known issue and hear when it is fixed.",
        ),
    },
    "problems.duplicate.thread": {
        Language.FR: Plural(
            one="🔁 *{ticket_id}* ressemble à un doublon : {user} a déjà signalé la même chose "
            "({earlier}, {count} ticket encore ouvert).",
            other="🔁 *{ticket_id}* ressemble à un doublon : {user} a déjà signalé la même "
            "chose ({earlier}, {count} tickets encore ouverts).",
        ),
        Language.EN: Plural(
            one="🔁 *{ticket_id}* looks like a duplicate: {user} already reported the same "
            "thing ({earlier}, {count} ticket still open).",
            other="🔁 *{ticket_id}* looks like a duplicate: {user} already reported the same "
            "thing ({earlier}, {count} tickets still open).",
        ),
    },
    "problems.suggestion.held": {
        Language.FR: Plural(
            one="{count} de plus, arrivé depuis, attend ici votre décision (il n’est pas "
            "publié dans le canal).",
            other="{count} de plus, arrivés depuis, attendent ici votre décision (ils ne "
            "sont pas publiés dans le canal).",
        ),
        Language.EN: Plural(
            one="{count} more has arrived since and is waiting here for your decision (it is not "
            "posted in the channel).",
            other="{count} more have arrived since and are waiting here for your decision (they "
            "are not posted in the channel).",
        ),
    },
    "problems.suggestion.line_private": {
        Language.FR: "*{ticket_id}* · transmis entre-temps à un service privé",
        Language.EN: "*{ticket_id}* · sent to a private team meanwhile",
    },
    "problems.suggestion.line": {
        Language.FR: "*{ticket_id}* · {title} · {requester}",
        Language.EN: "*{ticket_id}* · {title} · {requester}",
    },
    "problems.suggestion.more": {
        Language.FR: Plural(one="… et {count} autre", other="… et {count} autres"),
        Language.EN: Plural(one="… and {count} more", other="… and {count} more"),
    },
    "problems.suggestion.fallback": {
        Language.FR: Plural(
            one="{count} incident : un problème à suivre ?",
            other="{count} incidents similaires : une cause commune ?",
        ),
        Language.EN: Plural(
            one="{count} incident: a problem to follow?",
            other="{count} similar incidents: a shared cause?",
        ),
    },
    "problems.suggestion.accepted": {
        Language.FR: Plural(
            one="✅ {user} a ouvert le problème *{problem_id}* : {count} incident y est lié.",
            other="✅ {user} a ouvert le problème *{problem_id}* : {count} incidents y sont liés.",
        ),
        Language.EN: Plural(
            one="✅ {user} opened problem *{problem_id}*: {count} incident is linked to it.",
            other="✅ {user} opened problem *{problem_id}*: {count} incidents are linked to it.",
        ),
    },
    "problems.suggestion.accepting": {
        Language.FR: "⏳ {user} ouvre un problème pour ces incidents…",
        Language.EN: "⏳ {user} is opening a problem for these incidents…",
    },
    "problems.suggestion.dismissed": {
        Language.FR: "✖️ Sans rapport, selon {user} : chaque incident est traité à part.",
        Language.EN: "✖️ Not related, says {user}: each incident is handled on its own.",
    },
    "problems.button.problem_create": {
        Language.FR: "Créer un problème",
        Language.EN: "Create a problem",
    },
    "problems.button.problem_dismiss": {Language.FR: "Sans rapport", Language.EN: "Not related"},
    "problems.button.unlink": {Language.FR: "Délier", Language.EN: "Unlink"},
    # --- the linked incidents, in a problem's thread ----------------------------------------------
    "problems.linked.header": {
        Language.FR: "🔗 Liés à *{parent_id}* ({count}) :",
        Language.EN: "🔗 Linked to *{parent_id}* ({count}):",
    },
    "problems.linked.line": {
        Language.FR: "*{ticket_id}* · {title} · {requester}",
        Language.EN: "*{ticket_id}* · {title} · {requester}",
    },
    "problems.linked.unlinked": {
        Language.FR: "~*{ticket_id}* · {title}~ — délié : traité à part.",
        Language.EN: "~*{ticket_id}* · {title}~ — unlinked: handled on its own.",
    },
    "problems.linked.header_fixed": {
        Language.FR: "✅ *{parent_id}* est résolu : ces incidents l’ont été avec lui ({count}) :",
        Language.EN: "✅ *{parent_id}* is fixed: these incidents were resolved with it ({count}):",
    },
    # a reply whose incidents were all unlinked (released, "not solved"): counted by its lines
    "problems.linked.header_none": {
        Language.FR: Plural(
            one="🔗 Cet incident n’est plus lié à *{parent_id}* :",
            other="🔗 Ces {count} incidents ne sont plus liés à *{parent_id}* :",
        ),
        Language.EN: Plural(
            one="🔗 This incident is no longer linked to *{parent_id}*:",
            other="🔗 These {count} incidents are no longer linked to *{parent_id}*:",
        ),
    },
    "problems.linked.header_fixed_none": {
        Language.FR: Plural(
            one="✅ *{parent_id}* est résolu ; cet incident ne lui est plus lié :",
            other="✅ *{parent_id}* est résolu ; ces {count} incidents ne lui sont plus liés :",
        ),
        Language.EN: Plural(
            one="✅ *{parent_id}* is fixed; this incident is no longer linked to it:",
            other="✅ *{parent_id}* is fixed; these {count} incidents are no longer linked to it:",
        ),
    },
    "problems.linked.fallback_none": {
        Language.FR: Plural(
            one="{count} incident délié de {parent_id}",
            other="{count} incidents déliés de {parent_id}",
        ),
        Language.EN: Plural(
            one="{count} incident unlinked from {parent_id}",
            other="{count} incidents unlinked from {parent_id}",
        ),
    },
    "problems.linked.fixed": {
        Language.FR: "*{ticket_id}* · {title} · {requester} — résolu avec *{parent_id}*.",
        Language.EN: "*{ticket_id}* · {title} · {requester} — resolved with *{parent_id}*.",
    },
    "problems.linked.ended": {
        Language.FR: "*{ticket_id}* · {title} · {requester} — {status}.",
        Language.EN: "*{ticket_id}* · {title} · {requester} — {status}.",
    },
    "problems.linked.fallback_fixed": {
        Language.FR: Plural(
            one="{count} incident résolu avec {parent_id}",
            other="{count} incidents résolus avec {parent_id}",
        ),
        Language.EN: Plural(
            one="{count} incident resolved with {parent_id}",
            other="{count} incidents resolved with {parent_id}",
        ),
    },
    "problems.linked.fallback": {
        Language.FR: Plural(
            one="{count} incident lié à {parent_id}", other="{count} incidents liés à {parent_id}"
        ),
        Language.EN: Plural(
            one="{count} incident linked to {parent_id}",
            other="{count} incidents linked to {parent_id}",
        ),
    },
    "problems.recurrence.problem": {
        Language.FR: "🔁 Récurrence possible : *{ticket_id}* ressemble au problème *{parent_id}* "
        "« {title} », résolu il y a {ago} ({when}). Le correctif a-t-il tenu ?",
        Language.EN: "🔁 Possible recurrence: *{ticket_id}* looks like problem *{parent_id}* "
        "“{title}”, fixed {ago} ago ({when}). Did the fix hold?",
    },
    "problems.recurrence.emergency": {
        Language.FR: "🔁 Récurrence possible : *{ticket_id}* ressemble à l’urgence *{parent_id}* "
        "« {title} », résolue il y a {ago} ({when}). Le correctif a-t-il tenu ?",
        Language.EN: "🔁 Possible recurrence: *{ticket_id}* looks like emergency *{parent_id}* "
        "“{title}”, fixed {ago} ago ({when}). Did the fix hold?",
    },
    "problems.recurrence.reopen.problem": {
        Language.FR: "Si c’est la même cause, rouvrez *{parent_id}* : les prochains "
        "signalements le rejoindront.",
        Language.EN: "If it is the same cause, reopen *{parent_id}*: the next reports will "
        "join it.",
    },
    "problems.recurrence.reopen.emergency": {
        Language.FR: "Si c’est la même panne, rouvrez *{parent_id}* : les prochains "
        "signalements la rejoindront.",
        Language.EN: "If it is the same outage, reopen *{parent_id}*: the next reports will "
        "join it.",
    },
    # the possible-recurrence reply, redrawn once its problem (or emergency) was reopened
    "problems.recurrence.reopened.problem": {
        Language.FR: "🔁 Récurrence possible : *{ticket_id}* ressemble au problème *{parent_id}* "
        "« {title} », rouvert depuis. Si c’est la même cause, liez-les : son demandeur saura "
        "que c’est un problème connu et sera prévenu de sa résolution.",
        Language.EN: "🔁 Possible recurrence: *{ticket_id}* looks like problem *{parent_id}* "
        "“{title}”, reopened since. If it is the same cause, link them: its requester will hear "
        "that it is a known issue and be told when it is fixed.",
    },
    "problems.recurrence.reopened.emergency": {
        Language.FR: "🔁 Récurrence possible : *{ticket_id}* ressemble à l’urgence *{parent_id}* "
        "« {title} », rouverte depuis. Si c’est la même panne, liez-les : son demandeur saura "
        "que c’est un problème connu et sera prévenu de sa résolution.",
        Language.EN: "🔁 Possible recurrence: *{ticket_id}* looks like emergency *{parent_id}* "
        "“{title}”, reopened since. If it is the same outage, link them: its requester will "
        "hear that it is a known issue and be told when it is fixed.",
    },
    "problems.recurrence.linked_by": {
        Language.FR: "🔗 *{ticket_id}* a été lié à *{parent_id}* « {title} » par {user}.",
        Language.EN: "🔗 *{ticket_id}* was linked to *{parent_id}* “{title}” by {user}.",
    },
    "problems.recurrence.linked": {
        Language.FR: "🔗 *{ticket_id}* est lié à *{parent_id}* « {title} ».",
        Language.EN: "🔗 *{ticket_id}* is linked to *{parent_id}* “{title}”.",
    },
    "problems.recurrence.over": {
        Language.FR: "🔁 Récurrence possible : *{ticket_id}* ressemblait à *{parent_id}* "
        "« {title} ».",
        Language.EN: "🔁 Possible recurrence: *{ticket_id}* looked like *{parent_id}* “{title}”.",
    },
    "problems.button.link": {Language.FR: "Lier à {parent_id}", Language.EN: "Link to {parent_id}"},
    "problems.linked.failure": {
        Language.FR: "⚠️ Je n’ai pas pu prévenir {user} au sujet de *{ticket_id}* ({reason}).",
        Language.EN: "⚠️ I could not tell {user} about *{ticket_id}* ({reason}).",
    },
    # --- what requesters are told -----------------------------------------------------------------
    "problems.dm.known_issue": {
        Language.FR: "🔎 Votre ticket *{ticket_id}* « {title} » est un problème connu : "
        "*{problem_id}* « {problem_title} », suivi par *{service}*. Inutile de "
        "relancer : je vous préviens dès qu’il est réglé.",
        Language.EN: "🔎 Your ticket *{ticket_id}* “{title}” is a known issue: *{problem_id}* "
        "“{problem_title}”, followed by *{service}*. No need to chase it: I "
        "will tell you as soon as it is fixed.",
    },
    "problems.dm.known_issue_taken": {
        Language.FR: "🔎 Votre ticket *{ticket_id}* « {title} » est un problème connu : "
        "*{problem_id}* « {problem_title} », déjà pris en charge par {assignee} "
        "(*{service}*). Inutile de relancer : je vous préviens dès qu’il est réglé.",
        Language.EN: "🔎 Your ticket *{ticket_id}* “{title}” is a known issue: *{problem_id}* "
        "“{problem_title}”, already being worked on by {assignee} (*{service}*). No need to "
        "chase it: I will tell you as soon as it is fixed.",
    },
    "problems.dm.grouped": {
        Language.FR: "📥 Votre ticket *{ticket_id}* « {title} » est enregistré ({priority}). "
        "D’autres personnes signalent la même chose : ces signalements sont examinés ensemble "
        "par *{service}*. Je vous préviens de la suite.",
        Language.EN: "📥 Your ticket *{ticket_id}* “{title}” is recorded ({priority}). Others "
        "are reporting the same thing: *{service}* is looking at these reports together. I "
        "will tell you what comes next.",
    },
    "problems.dm.separated": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est finalement traité à part : il "
        "a été transmis à *{service}* dans {channel}. Je vous préviens à chaque étape.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is handled on its own after all: it was "
        "sent to *{service}* in {channel}. I will keep you posted.",
    },
    "problems.dm.fixed": {
        Language.FR: "✅ Le problème à l’origine de votre ticket *{ticket_id}* « {title} » est "
        "résolu (*{problem_id}*), et votre ticket avec lui. Est-ce réglé pour vous ?",
        Language.EN: "✅ The problem behind your ticket *{ticket_id}* “{title}” is fixed "
        "(*{problem_id}*), and your ticket is resolved with it. Is it solved for you?",
    },
    # --- refusals ---------------------------------------------------------------------------------
    "problems.not_found": {
        Language.FR: "Cette suggestion n’existe plus.",
        Language.EN: "This suggestion no longer exists.",
    },
    "problems.not_allowed": {
        Language.FR: "Seuls les membres de {service} peuvent répondre à cette suggestion.",
        Language.EN: "Only members of {service} can answer this suggestion.",
    },
    "problems.already_accepted": {
        Language.FR: "{user} a déjà ouvert le problème *{problem_id}* pour ces incidents.",
        Language.EN: "{user} already opened problem *{problem_id}* for these incidents.",
    },
    "problems.already_dismissed": {
        Language.FR: "{user} a déjà jugé ces incidents sans rapport.",
        Language.EN: "{user} already said these incidents are not related.",
    },
    "problems.link.already": {
        Language.FR: "*{ticket_id}* est déjà lié à *{problem_id}*.",
        Language.EN: "*{ticket_id}* is already linked to *{problem_id}*.",
    },
    "problems.link.private": {
        Language.FR: "*{ticket_id}* ne peut pas être lié à *{problem_id}* : l’un des deux "
        "relève désormais d’un service privé, dont les cas ne rejoignent que ses propres "
        "problèmes.",
        Language.EN: "*{ticket_id}* cannot be linked to *{problem_id}*: one of them now belongs "
        "to a private service, whose cases only join its own problems.",
    },
    "problems.link.cannot": {
        Language.FR: "*{ticket_id}* ne peut plus être lié à *{problem_id}* : ce n’est plus un "
        "incident.",
        Language.EN: "*{ticket_id}* can no longer be linked to *{problem_id}*: it is no longer "
        "an incident.",
    },
    "problems.not_linked": {
        Language.FR: "*{ticket_id}* n’est plus lié à un problème.",
        Language.EN: "*{ticket_id}* is no longer linked to a problem.",
    },
}
