"""Filing a ticket: the form, its checks, filing from a message, the /ticket help."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    # --- the filing modal -------------------------------------------------------------------------
    "filing.modal.title": {Language.FR: "Nouveau ticket", Language.EN: "New ticket"},
    "filing.modal.submit": {Language.FR: "Envoyer", Language.EN: "Submit"},
    "filing.modal.intro": {
        Language.FR: "Décrivez votre demande : elle sera envoyée au bon service.",
        Language.EN: "Describe your request: it will be sent to the right team.",
    },
    "filing.modal.suggested": {
        Language.FR: "Service pressenti : *{service}* ({reasons})",
        Language.EN: "Likely team: *{service}* ({reasons})",
    },
    "filing.modal.suggested_no_reason": {
        Language.FR: "Service pressenti : *{service}*",
        Language.EN: "Likely team: *{service}*",
    },
    "filing.modal.type": {Language.FR: "Type de demande", Language.EN: "Request type"},
    "filing.modal.title_field": {Language.FR: "Titre", Language.EN: "Title"},
    "filing.modal.title_placeholder": {
        Language.FR: "Ex. : le VPN se coupe toutes les heures",
        Language.EN: "E.g. my VPN drops every hour",
    },
    "filing.modal.description": {Language.FR: "Description", Language.EN: "Description"},
    "filing.modal.description_placeholder": {
        Language.FR: "Ce qui se passe, depuis quand, les messages d’erreur… (sinon, le titre en "
        "tiendra lieu)",
        Language.EN: "What happens, since when, any error messages… (otherwise, the title is used)",
    },
    "filing.modal.source": {
        Language.FR: "Message d’origine : {link}",
        Language.EN: "Original message: {link}",
    },
    "filing.modal.impact": {Language.FR: "Impact", Language.EN: "Impact"},
    "filing.modal.urgency": {Language.FR: "Degré d’urgence", Language.EN: "Urgency"},
    "filing.modal.filed_title": {Language.FR: "Ticket envoyé", Language.EN: "Ticket filed"},
    "filing.modal.filed_body": {
        Language.FR: "Votre ticket *{ticket_id}* est enregistré et envoyé à *{service}*. Je vous "
        "tiens au courant en message direct.",
        Language.EN: "Your ticket *{ticket_id}* is recorded and sent to *{service}*. "
        "I will keep you posted by direct message.",
    },
    "filing.modal.source_link": {Language.FR: "voir le message", Language.EN: "see the message"},
    "filing.from_message.card_title": {
        Language.FR: "Déjà un ticket",
        Language.EN: "Already a ticket",
    },
    "filing.from_message.card_body": {
        Language.FR: "Ce message est la fiche du ticket *{ticket_id}* « {title} », {status} : "
        "inutile d’en créer un autre. Tapez `/ticket show {ticket_id}` pour le voir en entier.",
        Language.EN: "This message is the card of ticket *{ticket_id}* “{title}”, {status}: no "
        "need for another one. Type `/ticket show {ticket_id}` to see all of it.",
    },
    "filing.from_message.card_open": {
        Language.FR: "<{link}|Ouvrir le ticket>",
        Language.EN: "<{link}|Open the ticket>",
    },
    "filing.modal.source_existing": {
        Language.FR: "⚠️ Ce message a déjà donné le ticket *{ticket_id}*. N’envoyez ce "
        "formulaire que s’il s’agit d’une autre demande.",
        Language.EN: "⚠️ Ticket *{ticket_id}* was already made from this message. Submit this "
        "form only if it is a different request.",
    },
    "filing.trigger_expired": {
        Language.FR: "Le formulaire n’a pas pu s’ouvrir à temps. Retapez `/ticket`.",
        Language.EN: "The form could not open in time. Please type `/ticket` again.",
    },
    # --- validation errors (shown under the field) ------------------------------------------------
    "filing.error.type_missing": {
        Language.FR: "Choisissez un type de demande.",
        Language.EN: "Pick a request type.",
    },
    "filing.error.title_missing": {
        Language.FR: "Donnez un titre à votre demande.",
        Language.EN: "Give your request a title.",
    },
    "filing.error.title_too_long": {
        Language.FR: Plural(
            one="Le titre doit faire au plus {max} caractère (il en fait {length}).",
            other="Le titre doit faire au plus {max} caractères (il en fait {length}).",
            by="max",
        ),
        Language.EN: Plural(
            one="The title must be at most {max} character long (it has {length}).",
            other="The title must be at most {max} characters long (it has {length}).",
            by="max",
        ),
    },
    "filing.error.description_too_long": {
        Language.FR: Plural(
            one="La description doit faire au plus {max} caractère (elle en fait {length}).",
            other="La description doit faire au plus {max} caractères (elle en fait {length}).",
            by="max",
        ),
        Language.EN: Plural(
            one="The description must be at most {max} character long (it has {length}).",
            other="The description must be at most {max} characters long (it has {length}).",
            by="max",
        ),
    },
    "filing.error.impact_missing": {
        Language.FR: "Indiquez qui est touché.",
        Language.EN: "Say who is affected.",
    },
    "filing.error.urgency_missing": {
        Language.FR: "Indiquez l’urgence.",
        Language.EN: "Say how urgent it is.",
    },
    # --- filing from a message --------------------------------------------------------------------
    "filing.from_message.untitled": {
        Language.FR: "Message Slack sans texte",
        Language.EN: "Slack message without text",
    },
    "filing.from_message.filed": {
        Language.FR: "🎫 {user} a transformé ce message en ticket *{ticket_id}* ({priority}), "
        "confié à *{service}*. La suite se passe en message direct avec {user}.",
        Language.EN: "🎫 {user} turned this message into ticket *{ticket_id}* ({priority}), "
        "sent to *{service}*. Follow-ups happen by direct message with {user}.",
    },
    "filing.from_message.exists": {
        Language.FR: "Ce message est déjà le ticket *{ticket_id}* ({status}, *{service}*), "
        "ouvert par {user}. `/ticket show {ticket_id}` pour le suivre.",
        Language.EN: "This message is already ticket *{ticket_id}* ({status}, *{service}*), "
        "filed by {user}. `/ticket show {ticket_id}` to follow it.",
    },
    "filing.from_message.exists_elsewhere": {  # told someone who may not see the ticket
        Language.FR: "Ce message est déjà le ticket *{ticket_id}* ({status}, *{service}*), ouvert "
        "par {user} : c’est {user} qui en reçoit les nouvelles en message direct.",
        Language.EN: "This message is already ticket *{ticket_id}* ({status}, *{service}*), filed "
        "by {user}: {user} gets its updates by direct message.",
    },
    "filing.from_message.unreadable": {
        Language.FR: "Je ne peux pas lire ce message, donc pas en faire un ticket. "
        "Invitez-moi dans ce canal, ou utilisez `/ticket`.",
        Language.EN: "I cannot read that message, so I cannot make it a ticket. "
        "Invite me to this channel, or use `/ticket`.",
    },
    "filing.from_message.form_failed": {
        Language.FR: "Le formulaire n’a pas pu s’ouvrir à temps. Réessayez le raccourci.",
        Language.EN: "The form could not open in time. Please try the shortcut again.",
    },
    # --- direct messages to the requester ---------------------------------------------------------
    "filing.dm.filed": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est enregistré ({priority}) et "
        "a été transmis à *{service}* dans {channel}. Je vous préviens à chaque étape.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is recorded ({priority}) and was "
        "sent to *{service}* in {channel}. I will tell you about every step.",
    },
    "filing.dm.post_failed": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est bien enregistré, mais je n’ai "
        "pas pu le publier dans le canal de *{service}*. L’incident est signalé aux "
        "administrateurs ; citez *{ticket_id}* si vous contactez le centre de support.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is recorded, but I could not post it "
        "in *{service}*’s channel. The administrators have been alerted; quote *{ticket_id}* "
        "if you contact the service desk.",
    },
    "filing.dm.filed_late": {
        Language.FR: "Votre ticket *{ticket_id}* « {title} » est enregistré ({priority}). Slack "
        "ne répond pas pour l’instant : je le publierai pour *{service}* dans {channel} dès qu’il "
        "répondra, et je vous préviendrai alors.",
        Language.EN: "Your ticket *{ticket_id}* “{title}” is recorded ({priority}). Slack is not "
        "answering right now: I will post it for *{service}* in {channel} as soon as it does, "
        "and tell you then.",
    },
    "filing.card.undeliverable": {
        Language.FR: ":warning: Le ticket *{ticket_id}* « {title} » de {requester} n’a pas pu "
        "être publié dans {channel} ({reason}). Il est enregistré mais personne du service "
        "*{service}* ne le voit : vérifiez le canal (existe-t-il, Guichet y est-il invité ?), "
        "puis traitez-le avec `/ticket show {ticket_id}`.",
        Language.EN: ":warning: Ticket *{ticket_id}* “{title}” from {requester} could not be "
        "posted in {channel} ({reason}). It is recorded, but nobody in *{service}* sees it: check "
        "the channel (does it exist, is Guichet in it?), then handle it with `/ticket show "
        "{ticket_id}`.",
    },
    # --- the /ticket command ----------------------------------------------------------------------
    "filing.help.text": {
        Language.FR: "*Guichet : le support informatique dans Slack*\n"
        "• `/ticket` : ouvrir le formulaire d’un nouveau ticket\n"
        "• `/ticket mon VPN se coupe toutes les heures` : le formulaire prérempli\n"
        "• `/ticket list` : mes tickets ouverts, et ceux qui me sont attribués\n"
        "• `/ticket show INC-42` : le détail et l’historique d’un ticket\n"
        "• `/ticket stats [service] [7j|30j]` : les chiffres du support\n"
        "• `/ticket kb [mots]` : chercher dans les articles (pour les lire ou les modifier)\n"
        "• `/ticket export [service] [30j]` : les tickets en CSV (agents)\n"
        "• `/ticket help` : cette aide",
        Language.EN: "*Guichet: IT support in Slack*\n"
        "• `/ticket`: open the form for a new ticket\n"
        "• `/ticket my VPN drops every hour`: the form, pre-filled\n"
        "• `/ticket list`: my open tickets, and those assigned to me\n"
        "• `/ticket show INC-42`: a ticket’s details and history\n"
        "• `/ticket stats [service] [7d|30d]`: the helpdesk’s figures\n"
        "• `/ticket kb [words]`: search the articles (to read or edit them)\n"
        "• `/ticket export [service] [30d]`: tickets as CSV (agents)\n"
        "• `/ticket help`: this help",
    },
    "filing.help.admin": {
        Language.FR: "*Pour les administrateurs*\n"
        "• `/ticket audit [30j] [INC-12] [@personne]` : le journal d’audit en CSV\n"
        "• `/ticket privacy export @personne` : ses données en JSON\n"
        "• `/ticket privacy erase @personne` : effacer ses données, après confirmation",
        Language.EN: "*For admins*\n"
        "• `/ticket audit [30d] [INC-12] [@person]`: the audit log as CSV\n"
        "• `/ticket privacy export @person`: their data as JSON\n"
        "• `/ticket privacy erase @person`: erase their data, after confirmation",
    },
    "filing.typo": {
        Language.FR: "Vouliez-vous dire `/ticket {command}` ? Pour ouvrir un ticket, décrivez "
        "votre demande en quelques mots : `/ticket <votre demande>` (par exemple "
        "`/ticket mon VPN se coupe toutes les heures`), ou `/ticket` seul pour le formulaire vide.",
        Language.EN: "Did you mean `/ticket {command}`? To file a ticket, say what you need in a "
        "few words: `/ticket <your request>` (for example `/ticket my VPN drops every hour`), or "
        "`/ticket` alone for the empty form.",
    },
    # --- the command line: python -m bot history import / routing check (bot/app/) --------------
    "filing.cli.file_error": {
        Language.FR: "guichet : {path} : {error}",
        Language.EN: "guichet: {path}: {error}",
    },
    "filing.cli.line": {
        Language.FR: "ligne {line} : {reason}",
        Language.EN: "line {line}: {reason}",
    },
    "filing.cli.reason.no_title": {Language.FR: "pas de titre", Language.EN: "no title"},
    "filing.cli.reason.no_service": {Language.FR: "pas de service", Language.EN: "no service"},
    "filing.cli.reason.too_long": {
        Language.FR: "titre ou description trop long",
        Language.EN: "title or description too long",
    },
    "filing.cli.reason.unknown_type": {
        Language.FR: "type inconnu « {detail} » (attendu : {expected})",
        Language.EN: "unknown type “{detail}” (expected one of: {expected})",
    },
    "filing.cli.reason.unknown_service": {
        Language.FR: "service « {detail} » absent du fichier des services (connus : {expected})",
        Language.EN: "service “{detail}” is not in the services file (known: {expected})",
    },
    "filing.cli.reason.private_service": {
        Language.FR: "service privé « {detail} » : ses tickets n’apprennent rien à Guichet",
        Language.EN: "private service “{detail}”: its tickets teach Guichet nothing",
    },
    "filing.cli.summary": {
        Language.FR: "Lignes lues : {read} ; apprises : {learned} (nouvelles ou changées : {new}, "
        "déjà connues : {known}) ; ignorées : {skipped}.",
        Language.EN: "Lines read: {read}; learned: {learned} (new or changed: {new}, already "
        "known: {known}); skipped: {skipped}.",
    },
    "filing.cli.summary_dry": {
        Language.FR: "Lignes lues : {read} ; utilisables : {learned} ; ignorées : {skipped}.",
        Language.EN: "Lines read: {read}; usable: {learned}; skipped: {skipped}.",
    },
    "filing.cli.kind.no_title": {Language.FR: "sans titre", Language.EN: "no title"},
    "filing.cli.kind.no_service": {Language.FR: "sans service", Language.EN: "no service"},
    "filing.cli.kind.too_long": {Language.FR: "trop longues", Language.EN: "too long"},
    "filing.cli.kind.unknown_type": {Language.FR: "type inconnu", Language.EN: "unknown type"},
    "filing.cli.kind.private_service": {
        Language.FR: "service privé",
        Language.EN: "private service",
    },
    "filing.cli.kind.unknown_service": {
        Language.FR: "service inconnu",
        Language.EN: "unknown service",
    },
    "filing.cli.skipped": {
        Language.FR: "  ignorées ({reason}) : {count}",
        Language.EN: "  skipped ({reason}): {count}",
    },
    "filing.cli.dry_run": {
        Language.FR: Plural(
            one="Essai à blanc : rien n’a été enregistré ({learned} ligne serait apprise).",
            other="Essai à blanc : rien n’a été enregistré ({learned} lignes seraient apprises).",
            by="learned",
        ),
        Language.EN: Plural(
            one="Dry run: nothing was stored ({learned} line would be learned).",
            other="Dry run: nothing was stored ({learned} lines would be learned).",
            by="learned",
        ),
    },
    "filing.cli.no_database": {
        Language.FR: "guichet : MONGODB_URI n’est pas défini : un import en mémoire serait "
        "perdu. Définissez MONGODB_URI, ou essayez avec --dry-run.",
        Language.EN: "guichet: MONGODB_URI is not set: an import into memory would be lost. "
        "Set MONGODB_URI, or try it with --dry-run.",
    },
    "filing.cli.store_down": {
        Language.FR: "guichet : la base de données ne répond pas ({error}). Ce qui est déjà "
        "enregistré ne sera pas compté deux fois : relancez la même commande pour terminer "
        "l’import.",
        Language.EN: "guichet: the database is not answering ({error}). What is already stored "
        "will not be counted twice: run the same command again to finish the import.",
    },
    "filing.cli.store_refused": {
        Language.FR: "guichet : la base de données a refusé une écriture ({error}). Relancer la "
        "même commande n’y changera rien : corrigez la ligne ou la base, puis relancez (ce qui "
        "est déjà enregistré ne sera pas compté deux fois).",
        Language.EN: "guichet: the database refused a write ({error}). Running the same command "
        "again will not help: mend the line or the database, then run it again (what is already "
        "stored will not be counted twice).",
    },
    "filing.cli.written": {
        Language.FR: Plural(
            one="{count} prédiction écrite dans {path} (lignes d’historique apprises : {learned}).",
            other="{count} prédictions écrites dans {path} (lignes d’historique apprises : "
            "{learned}).",
        ),
        Language.EN: Plural(
            one="{count} prediction written to {path} (history lines learned from: {learned}).",
            other="{count} predictions written to {path} (history lines learned from: {learned}).",
        ),
    },
    "filing.cli.accuracy": {
        Language.FR: "{what} juste : {right}/{total} = {percent} %",
        Language.EN: "{what} right: {right}/{total} = {percent}%",
    },
    "filing.cli.what.service": {Language.FR: "Service", Language.EN: "Service"},
    "filing.cli.what.type": {Language.FR: "Type", Language.EN: "Type"},
    "filing.cli.confusion": {
        Language.FR: "Matrice de confusion des services (lignes : attendu, colonnes : choisi) :",
        Language.EN: "Service confusion matrix (rows: expected, columns: chosen):",
    },
    "filing.cli.worst": {
        Language.FR: "Confusions les plus fréquentes :",
        Language.EN: "Most frequent confusions:",
    },
    "filing.cli.worst_line": {
        Language.FR: "  {count} × {expected} → {chosen}",
        Language.EN: "  {count} × {expected} → {chosen}",
    },
}
