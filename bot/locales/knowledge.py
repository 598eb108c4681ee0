"""The knowledge base: suggested articles before a ticket, and what they lead to."""

from __future__ import annotations

from bot.domain.models import Language
from bot.locales.plurals import Plural

TEXTS: dict[str, dict[Language, str | Plural]] = {
    "knowledge.suggest.intro_one": {  # one article shown
        Language.FR: "📚 Cet article répond peut-être à votre question :",
        Language.EN: "📚 This article may answer your question:",
    },
    "knowledge.suggest.intro": {  # several
        Language.FR: "📚 Ces articles répondent peut-être à votre question :",
        Language.EN: "📚 These articles may answer your question:",
    },
    "knowledge.suggest.answered": {
        Language.FR: "Cela répond à ma question",
        Language.EN: "This answered my question",
    },
    "knowledge.suggest.need_help": {
        Language.FR: "J’ai encore besoin d’aide",
        Language.EN: "I still need help",
    },
    "knowledge.suggest.read": {
        Language.FR: "Lire l’article entier",
        Language.EN: "Read the whole article",
    },
    "knowledge.suggest.thanks": {
        Language.FR: "👍 Tant mieux ! Aucun ticket n’a été ouvert. Revenez quand vous voulez.",
        Language.EN: "👍 Glad it helped! No ticket was filed. Come back any time.",
    },
    "knowledge.suggest.asked_help": {
        Language.FR: "📝 Vous avez demandé de l’aide : le formulaire pour ouvrir un ticket est "
        "ouvert. Fermé par erreur ? `/ticket` le rouvre.",
        Language.EN: "📝 You asked for help: the form to file a ticket is open. Closed it by "
        "mistake? `/ticket` opens it again.",
    },
    "knowledge.no_match.text": {
        Language.FR: "Je n’ai pas trouvé d’article qui réponde à votre message. "
        "Voulez-vous ouvrir un ticket ? L’équipe de support vous répondra.",
        Language.EN: "I could not find an article that answers your message. Would you like to "
        "file a ticket? The support team will answer you.",
    },
    "knowledge.thread_reply.text": {  # someone wrote under Guichet's answer to their question
        Language.FR: "Les réponses écrites ici ne sont transmises à personne, pas même à l’équipe "
        "de support. Si ma réponse ne vous a pas été utile, ouvrez un ticket : le formulaire "
        "reprend ce que vous venez d’écrire.",
        Language.EN: "Replies written here reach nobody, not even the support team. If my "
        "answer did not help, file a ticket: the form starts with what you just wrote.",
    },
    "knowledge.courtesy.thanks": {  # "merci !" written in Guichet's DM
        Language.FR: "😊 Avec plaisir ! Écrivez-moi ici dès que vous avez besoin d’aide.",
        Language.EN: "😊 You’re welcome! Write to me here whenever you need help.",
    },
    "knowledge.courtesy.acknowledged": {  # "ok", « d’accord » written in Guichet's DM
        Language.FR: "👍 Très bien. Écrivez-moi ici dès que vous avez besoin d’aide.",
        Language.EN: "👍 All right. Write to me here whenever you need help.",
    },
    "knowledge.courtesy.greeting": {  # « bonjour » alone in Guichet's DM
        Language.FR: "👋 Bonjour ! Dites-moi ce dont vous avez besoin ou ce qui ne marche pas : je "
        "cherche un article qui y réponde ; à défaut, je vous propose d’ouvrir un ticket.",
        Language.EN: "👋 Hello! Tell me what you need or what is not working: I will look for an "
        "article that answers it and, if there is none, offer to file a ticket.",
    },
    "knowledge.courtesy.farewell": {  # « bonne journée », "bye" alone in Guichet's DM
        Language.FR: "👋 À bientôt ! Écrivez-moi ici dès que vous avez besoin d’aide.",
        Language.EN: "👋 See you! Write to me here whenever you need help.",
    },
    "knowledge.courtesy.thanks_farewell": {  # "thx bye", « merci, bonne soirée »
        Language.FR: "😊 Avec plaisir, à bientôt ! Écrivez-moi ici dès que vous avez besoin "
        "d’aide.",
        Language.EN: "😊 You’re welcome, see you! Write to me here whenever you need help.",
    },
    "knowledge.courtesy.thread.thanks_farewell": {
        Language.FR: "😊 Avec plaisir, à bientôt !",
        Language.EN: "😊 You’re welcome, see you!",
    },
    "knowledge.courtesy.yes": {  # « oui » to « Voulez-vous ouvrir un ticket ? »: the button again
        Language.FR: "📝 Appuyez sur *Ouvrir un ticket* : le formulaire reprend votre message, "
        "vous n’avez plus qu’à le compléter.",
        Language.EN: "📝 Press *File a ticket*: the form starts with your message, ready for you "
        "to complete.",
    },
    "knowledge.courtesy.thread.farewell": {
        Language.FR: "👋 À bientôt !",
        Language.EN: "👋 See you!",
    },
    "knowledge.courtesy.thread.thanks": {  # "merci !" under Guichet's articles (a thread
        # nobody reads: not "write to me here")
        Language.FR: "😊 Avec plaisir !",
        Language.EN: "😊 You’re welcome!",
    },
    "knowledge.courtesy.thread.acknowledged": {
        Language.FR: "👍 Très bien.",
        Language.EN: "👍 All right.",
    },
    "knowledge.files_note": {  # under the answer to a DM with a question and files
        Language.FR: Plural(
            one="📎 Votre fichier n’est transmis à personne d’ici : une fois votre ticket "
            "ouvert, ajoutez-le avec son bouton *Ajouter des informations*.",
            other="📎 Vos {count} fichiers ne sont transmis à personne d’ici : une fois votre "
            "ticket ouvert, ajoutez-les avec son bouton *Ajouter des informations*.",
        ),
        Language.EN: Plural(
            one="📎 Your file reaches nobody from here: once your ticket is filed, add it with "
            "its *Add information* button.",
            other="📎 Your {count} files reach nobody from here: once your ticket is filed, add "
            "them with its *Add information* button.",
        ),
    },
    "knowledge.file_alone.text": {  # a file sent alone in Guichet's DM, outside any thread
        Language.FR: "📎 J’ai bien reçu ce que vous m’avez envoyé, mais je ne sais pas à quel "
        "ticket cela se rapporte : personne ne l’a vu. Pour l’envoyer à l’équipe qui traite un de "
        "vos tickets, renvoyez-le en réponse dans le fil d’un de mes messages sur ce ticket, ou "
        "utilisez son bouton *Ajouter des informations*. Pour un nouveau problème, ouvrez d’abord "
        "un ticket, puis ajoutez-y le fichier de la même façon.",
        Language.EN: "📎 I got what you sent, but I cannot tell which ticket it is for: nobody has "
        "seen it. To send it to the team working on one of your tickets, reply with it in the "
        "thread of one of my messages about that ticket, or use its *Add information* button. For "
        "a new problem, file a ticket first, then add the file the same way.",
    },
    "knowledge.no_match.file": {
        Language.FR: "Ouvrir un ticket",
        Language.EN: "File a ticket",
    },
    "knowledge.browse.intro": {
        Language.FR: "📚 Articles pour « {words} » :",
        Language.EN: "📚 Articles for “{words}”:",
    },
    "knowledge.browse.all": {
        Language.FR: "📚 Les articles de la base, par titre :",
        Language.EN: "📚 The knowledge base’s articles, by title:",
    },
    "knowledge.browse.none": {
        Language.FR: "Aucun article ne contient « {words} ».",
        Language.EN: "No article contains “{words}”.",
    },
    "knowledge.browse.empty": {
        Language.FR: "La base de connaissances n’a encore aucun article.",
        Language.EN: "The knowledge base has no article yet.",
    },
    "knowledge.browse.about_folder": {
        Language.FR: "{lang} · fichier du dossier d’articles · mots-clés : {tags}",
        Language.EN: "{lang} · file in the articles folder · tags: {tags}",
    },
    "knowledge.browse.about_slack": {
        Language.FR: "{lang} · publié depuis Slack · mots-clés : {tags}",
        Language.EN: "{lang} · published from Slack · tags: {tags}",
    },
    "knowledge.browse.view": {
        Language.FR: "Voir",
        Language.EN: "View",
    },
    "knowledge.browse.modal_title": {
        Language.FR: "Base de connaissances",
        Language.EN: "Knowledge base",
    },
    "knowledge.browse.query": {
        Language.FR: "Chercher dans les articles",
        Language.EN: "Search the articles",
    },
    "knowledge.browse.query_hint": {
        Language.FR: "Appuyez sur Entrée ou sur Chercher ; vide : tous les articles, par titre.",
        Language.EN: "Press Enter or Search; empty: every article, by title.",
    },
    "knowledge.browse.search": {
        Language.FR: "Chercher",
        Language.EN: "Search",
    },
    "knowledge.article.modal_title": {
        Language.FR: "Article",
        Language.EN: "Article",
    },
    "knowledge.article.close": {
        Language.FR: "Fermer",
        Language.EN: "Close",
    },
    "knowledge.article.gone": {
        Language.FR: "Cet article n’est plus disponible.",
        Language.EN: "This article is no longer available.",
    },
    "knowledge.form.title_hint": {
        Language.FR: "Appuyez sur Entrée pour voir les articles qui y répondent peut-être.",
        Language.EN: "Press Enter to see articles that may answer it.",
    },
    "knowledge.form.answered_title": {
        Language.FR: "Tant mieux !",
        Language.EN: "Glad it helped",
    },
    "knowledge.save.button": {
        Language.FR: "Enregistrer comme article",
        Language.EN: "Save as an article",
    },
    "knowledge.save.modal_title": {
        Language.FR: "Nouvel article",
        Language.EN: "New article",
    },
    "knowledge.save.submit": {
        Language.FR: "Publier",
        Language.EN: "Publish",
    },
    "knowledge.save.intro": {
        Language.FR: "Écrivez la réponse pour les prochaines personnes qui poseront cette "
        "question (tiré de *{ticket_id}*). Markdown : `##` titres, `-` listes, `**gras**`, "
        "`[texte](lien)`.",
        Language.EN: "Write the answer for the next people who ask this question (from "
        "*{ticket_id}*). Markdown: `##` headings, `-` lists, `**bold**`, `[text](link)`.",
    },
    "knowledge.save.draft": {  # the article's body as the form opens, under the agent's pen
        Language.FR: "## Problème\n{description}\n\n## Solution\n",
        Language.EN: "## Problem\n{description}\n\n## Solution\n",
    },
    "knowledge.save.private": {
        Language.FR: "Son service est privé et un article est lu par tout le monde : rien du "
        "ticket n’est repris, écrivez sans les détails du cas.",
        Language.EN: "Its team is private and an article is read by everyone: nothing of the "
        "ticket is copied in, write it without the case’s details.",
    },
    "knowledge.save.title_field": {
        Language.FR: "Titre",
        Language.EN: "Title",
    },
    "knowledge.save.language": {
        Language.FR: "Langue",
        Language.EN: "Language",
    },
    "knowledge.save.tags": {
        Language.FR: "Mots-clés (séparés par des virgules)",
        Language.EN: "Tags (separated by commas)",
    },
    "knowledge.save.body": {
        Language.FR: "Article",
        Language.EN: "Article",
    },
    "knowledge.save.required": {
        Language.FR: "Ce champ est obligatoire.",
        Language.EN: "This field is required.",
    },
    "knowledge.save.published_title": {
        Language.FR: "Article publié",
        Language.EN: "Article published",
    },
    "knowledge.save.published": {
        Language.FR: "📚 L’article *{article_id}* « {title} » est publié : les personnes qui "
        "poseront une question proche le verront.",
        Language.EN: "📚 Article *{article_id}* “{title}” is published: people who ask a "
        "similar question will see it.",
    },
    "knowledge.language.fr": {
        Language.FR: "Français",
        Language.EN: "French",
    },
    "knowledge.language.en": {
        Language.FR: "Anglais",
        Language.EN: "English",
    },
    "knowledge.reply.button": {
        Language.FR: "Répondre avec un article",
        Language.EN: "Reply with an article",
    },
    "knowledge.reply.modal_title": {
        Language.FR: "Répondre avec un article",
        Language.EN: "Reply with an article",
    },
    "knowledge.reply.submit": {
        Language.FR: "Envoyer",
        Language.EN: "Send",
    },
    "knowledge.reply.query": {
        Language.FR: "Chercher un article",
        Language.EN: "Search for an article",
    },
    "knowledge.reply.query_hint": {
        Language.FR: "Appuyez sur Entrée pour chercher.",
        Language.EN: "Press Enter to search.",
    },
    "knowledge.reply.choice": {
        Language.FR: "Article à envoyer au demandeur",
        Language.EN: "Article to send to the requester",
    },
    "knowledge.reply.none": {
        Language.FR: "Aucun article ne correspond : essayez d’autres mots.",
        Language.EN: "No article matches: try other words.",
    },
    "knowledge.reply.sent_title": {
        Language.FR: "Article envoyé",
        Language.EN: "Article sent",
    },
    "knowledge.reply.sent": {
        Language.FR: "📚 « {title} » est envoyé au demandeur de *{ticket_id}* "
        "(noté dans l’historique du ticket).",
        Language.EN: "📚 “{title}” was sent to the requester of *{ticket_id}* "
        "(recorded in the ticket’s history).",
    },
    "knowledge.reply.sending": {
        Language.FR: "📚 « {title} » part vers le demandeur…",
        Language.EN: "📚 Sending “{title}” to the requester…",
    },
    "knowledge.reply.queued": {
        Language.FR: "📚 Slack ne peut pas prendre « {title} » pour le moment : il partira "
        "vers le demandeur de *{ticket_id}* dès que possible (noté dans l’historique du ticket "
        "une fois envoyé).",
        Language.EN: "📚 Slack cannot take “{title}” right now: it will go to the requester of "
        "*{ticket_id}* as soon as possible (recorded in the ticket’s history once sent).",
    },
    "knowledge.reply.failed": {
        Language.FR: "L’article n’a pas pu être envoyé au demandeur ({reason}). Réessayez.",
        Language.EN: "The article could not be sent to the requester ({reason}). Please try again.",
    },
    "knowledge.stats.title": {
        Language.FR: "*Base de connaissances*",
        Language.EN: "*Knowledge base*",
    },
    "knowledge.stats.figures": {
        Language.FR: "Suggestions montrées : {shown} · résolues sans ticket : {answered} · "
        "tickets ouverts après une suggestion : {tickets}",
        Language.EN: "Suggestions shown: {shown} · answered without a ticket: {answered} · "
        "tickets filed after a suggestion: {tickets}",
    },
    "knowledge.stats.unhelpful": {
        Language.FR: "Articles qui ont le moins aidé : {articles}",
        Language.EN: "Articles that most often did not help: {articles}",
    },
    "knowledge.edit.button": {
        Language.FR: "Modifier",
        Language.EN: "Edit",
    },
    "knowledge.edit.retire": {
        Language.FR: "Retirer",
        Language.EN: "Retire",
    },
    "knowledge.edit.retire_confirm_title": {
        Language.FR: "Retirer l’article ?",
        Language.EN: "Retire the article?",
    },
    "knowledge.edit.retire_confirm": {
        Language.FR: "« {title} » ne sera plus proposé à personne. Son historique est conservé.",
        Language.EN: "“{title}” will no longer be suggested to anyone. Its history is kept.",
    },
    "knowledge.edit.modal_title": {
        Language.FR: "Modifier l’article",
        Language.EN: "Edit the article",
    },
    "knowledge.edit.submit": {
        Language.FR: "Enregistrer",
        Language.EN: "Save",
    },
    "knowledge.edit.intro": {
        Language.FR: "Article *{article_id}* : la modification est ajoutée à son historique.",
        Language.EN: "Article *{article_id}*: the change is added to its history.",
    },
    "knowledge.edit.saved": {
        Language.FR: "📚 L’article *{article_id}* « {title} » est modifié : les prochaines "
        "suggestions montrent cette version.",
        Language.EN: "📚 Article *{article_id}* “{title}” is changed: the next suggestions "
        "show this version.",
    },
    "knowledge.edit.retired": {
        Language.FR: "🗄️ L’article *{article_id}* « {title} » est retiré : il n’est plus proposé.",
        Language.EN: "🗄️ Article *{article_id}* “{title}” is retired: it is no longer suggested.",
    },
    "knowledge.edit.refused_gone": {
        Language.FR: "Cet article n’est plus disponible (inconnu ou déjà retiré).",
        Language.EN: "This article is no longer available (unknown or already retired).",
    },
    "knowledge.edit.refused_folder": {
        Language.FR: "Cet article vient du dossier d’articles : il se modifie là, dans git.",
        Language.EN: "This article comes from the articles folder: change it there, in git.",
    },
    "knowledge.edit.refused_not_allowed": {
        Language.FR: "Seuls les membres du service qui possède cet article, et les "
        "administrateurs, peuvent le modifier ou le retirer.",
        Language.EN: "Only members of the team that owns this article, and the admins, may edit "
        "or retire it.",
    },
    "knowledge.edit.refused_stale": {
        Language.FR: "Quelqu’un a modifié cet article entre-temps : rouvrez-le pour partir "
        "de sa dernière version.",
        Language.EN: "Someone changed this article in the meantime: open it again to start "
        "from its latest version.",
    },
}
