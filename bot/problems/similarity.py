"""How alike two ticket texts are (French and English), to spot incidents with one cause.

Texts are folded (case, accents), stop words dropped, light plurals trimmed, and common IT words
of both languages mapped to one concept (``panne`` / ``down`` / ``outage`` -> ``outage``), so a
French and an English ticket about the same outage share their words. The score blends a
weighted Dice coefficient over those words with how much of one text the other covers: a word
counts as shared when the other text has it or a near spelling (rapidfuzz ``ratio`` >= 85, for
typos), and symptom words (``outage``, ``slow``, ``error``...) weigh less than what they are about
(``vpn``, ``printer``...), so "keyboard broken" and "VPN down" do not meet on "broken/down" alone.
A request for something new ("order a printer") is set apart from a fault ("printer down").

Precision and recall on the labelled pairs of ``tests/data/similar_pairs.yml`` (printed by
``tests/unit/problems/test_similarity.py``): 1.00 / 0.83 on the held-out pairs never tuned on.

Why rapidfuzz rather than scikit-learn's TF-IDF: tickets are short (a title and a few lines),
there is no corpus to fit at start-up, and rapidfuzz is a small compiled wheel scoring a pair in
microseconds, where scikit-learn would pull numpy and scipy (~100 MB) into a chat bot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.domain.text import words

SIMILAR_THRESHOLD = 0.6
"""Scores at or above this mean "probably the same issue" (tuned on tests/data/similar_pairs)."""

_STOP_TEXT = """
    a an the and or but if of to in on at for from by with without about as is are was were be
    been being it its this that these those there here i me my we our you your he she they them
    their his her have has had do does did not no so can could would should will just very too
    again still since also any some all every each please hi hello thanks thank team guys anyone
    someone anybody today now get got since when while after before up out into over than then
    le la les l un une des du de d au aux et ou mais si à a en dans sur sous pour par avec sans
    ce cet cette ces c ça ca il elle ils elles on nous vous je j me m moi mon ma mes notre nos
    votre vos leur leurs son sa ses qui que qu quoi est sont était etait été ete être etre avoir
    ai as avons avez ont a pas ne n plus très tres trop encore depuis aussi tout tous toute toutes
    bonjour merci svp stp quelqu quelqu un y se s t tu te ton ta tes ici là la maintenant
    aujourd hui keep keeps kept few minute minutes hour hours heure heures every chaque morning
    matin since lunch midi day days jour jours week semaine cannot can't cant won't impossible
    need besoin extremely really super totally completely vraiment completement totalement
    hyper quite assez constantly constamment souvent often stay stays reste restent remain
    remains touche touchee touches touchees affected impacted impacte impactee impactes
    says say said indique indiquent affiche affichent shows show dit message client
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

# Words of both languages -> one concept word. Folded forms (no accents, lower case).
_CONCEPTS: dict[str, str] = {
    "outage": (
        "panne down outage hs coupe coupure coupures tombe tombé plante crash crashes crashed "
        "fonctionne marche works working broken cassé casse dead unavailable indisponible "
        "inaccessible unreachable injoignable offline responding coupent coupee coupees "
        "reach joindre arret connexion connecter connect connection connexions fail fails "
        "failing failed failure echec echoue echouent"
    ),
    "disconnect": "drops drop dropping dropped deconnecte deconnexion deconnexions disconnect "
    "disconnects disconnected decroche",
    "send": "send sending sent envoyer envoi envoie envoyes part partent",
    "1": "1 1er 1st premier first",
    "2": "2 2e 2eme 2nd deuxieme second",
    "3": "3 3e 3eme 3rd troisieme third",
    "4": "4 4e 4eme 4th quatrieme fourth",
    "network": "reseau network lan ethernet internet connectivity connectivite",
    "wifi": "wifi wi fi wireless borne",
    "vpn": "vpn globalprotect anyconnect forticlient",
    "email": "mail email mails emails courriel courriels messagerie outlook inbox outbox",
    "printer": "imprimante imprimantes printer printers impression print printing",
    "slow": "lent lente lenteur lenteurs slow slowness latency latence forever",
    "login": "login logon sign signin authentification authentication auth",
    "password": "password passwords mdp motdepasse",
    "server": "serveur serveurs server servers",
    "file_share": "partage partages share shares drive lecteur nas",
    "phone": "telephone phone phones softphone telephonie telephony",
    "screen": "ecran ecrans screen screens monitor display",
    "error": "erreur erreurs error errors",
    "access": "acces access droits permission permissions",
    "site": "site sites website siteweb",
    "app": "application applications app apps appli logiciel software",
    "intranet": "intranet portail portal",
    "phishing": "phishing hameconnage spam suspicious suspect suspecte",
    "virus": "virus malware ransomware rancongiciel",
    "building": "batiment building etage floor bureau office",
    "all": "everyone everybody personne whole entire entier entiere entreprise company",
    "payroll": "paie payroll salaire salaires",
    "meeting": "visio visioconference teams zoom meet meeting reunion call calls appel appels",
    "account": "compte comptes account accounts",
    "locked": "bloque bloquee bloques locked lockout verrouille stuck coince coinces",
    "file": "fichier fichiers file files",
    "gateway": "passerelle gateway",
    "remote": "maison domicile home remote teletravail distance",
    "start": "demarrage demarrer startup start starting launch lancement lancer ouverture "
    "ouvre ouvrir open opening boot",
    "computer": "ordinateur ordi pc laptop portable computer desktop",
    "battery": "batterie battery",
    "calendar": "calendrier agenda calendar",
    "sync": "sync synchro synchronisation synchronise syncing synchronize synchronizing",
    "accounting": "comptabilite compta accounting",
    "5": "5 5e 5eme 5th cinquieme fifth",
    "6": "6 6e 6eme 6th sixieme sixth",
    # What a person wants, when it is not a fault: asking for something new.
    "request": "order commander commande new nouveau nouvelle nouvel nouveaux buy acheter "
    "achat install installer installation creation create licence license",
}
_CONCEPT_OF: dict[str, str] = {
    word: concept for concept, synonyms in _CONCEPTS.items() for word in synonyms.split()
}
# "mot de passe" is three words in French; join it before mapping.
_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("mot", "de", "passe"), "password"),
    (("mots", "de", "passe"), "password"),
    (("sans", "fil"), "wifi"),
    (("ne", "marche"), "outage"),
    (("ne", "fonctionne"), "outage"),
    (("sign", "in"), "login"),
    (("log", "in"), "login"),
    (("hors", "ligne"), "outage"),
    (("hors", "service"), "outage"),
    (("repond", "plus"), "outage"),
    (("takes", "ages"), "slow"),
    (("boite", "d", "envoi"), "email"),
    (("boite", "de", "reception"), "email"),
    (("boite", "mail"), "email"),
    (("tout", "le", "monde"), "all"),
    (("sans", "arret"), ""),
    (("tout", "le", "temps"), ""),
    (("all", "the", "time"), ""),
)


_TIME = re.compile(r"^\d{1,2}(am|pm|h\d{0,2})$")  # 10am, 9h, 14h30: when, not what


def _trim(word: str) -> str:
    """Light stemming shared by both languages: plurals (``serveurs`` -> ``serveur``) and
    English ``-ing``/``-ed`` (``printing`` -> ``print``, ``dropped`` -> ``drop``)."""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    return word


def _join_phrases(folded: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(folded):
        for phrase, concept in _PHRASES:
            if tuple(folded[i : i + len(phrase)]) == phrase:
                if concept:  # an empty concept: words that say nothing about the cause
                    out.append(concept)
                i += len(phrase)
                break
        else:
            out.append(folded[i])
            i += 1
    return out


@lru_cache(maxsize=4096)
def concepts(text: str) -> tuple[str, ...]:
    """The comparable words of ``text``: folded, stop words out, concepts in, sorted, unique."""
    result: set[str] = set()
    for word in _join_phrases(words(text)):
        if word in _CONCEPT_OF:
            result.add(_CONCEPT_OF[word])
            continue
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()) or _TIME.match(word):
            continue
        trimmed = _trim(word)
        result.add(_CONCEPT_OF.get(trimmed, trimmed))
    return tuple(sorted(result))


SYMPTOMS: frozenset[str] = frozenset(
    {"outage", "disconnect", "slow", "error", "all", "building", "locked", "access", "send"}
    | {"remote", "start", "sync"}
    | {"1", "2", "3", "4", "5", "6"}
)
SYMPTOM_WEIGHT = 0.4
REQUEST = "request"
INTENT_MISMATCH = 0.7
TYPO_SCORE = 85


def _weight(word: str) -> float:
    return SYMPTOM_WEIGHT if word in SYMPTOMS else 1.0


def _near_spelling(word: str, others: tuple[str, ...]) -> bool:
    """A typo of one of ``others`` (long words only: short ones differ by one letter)."""
    return len(word) >= 5 and bool(
        process.extractOne(word, others, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
    )


def _shared_weight(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    shared = 0.0
    for word in left:
        if word in right or _near_spelling(word, right):
            shared += _weight(word)
    return shared


def similarity(a: str, b: str) -> float:
    """0 (unrelated) .. 1 (the same words once normalised); symmetric.

    The mean of two weighted scores: the Dice coefficient (shared over both texts) and how much
    of the better-covered text the other one shares, so a short report ("VPN down") and a long
    one saying the same with more words still meet. A request for something new and a fault
    report are not the same thing however alike their words: the score is cut then."""
    left, right = concepts(a), concepts(b)
    if not left or not right:
        return 0.0
    left_total, right_total = sum(map(_weight, left)), sum(map(_weight, right))
    left_shared, right_shared = _shared_weight(left, right), _shared_weight(right, left)
    dice = (left_shared + right_shared) / (left_total + right_total)
    covered = max(left_shared / left_total, right_shared / right_total)
    score = (dice + covered) / 2
    if (REQUEST in left) != (REQUEST in right):
        score *= INTENT_MISMATCH
    return round(min(1.0, score), 3)


def is_similar(a: str, b: str, threshold: float = SIMILAR_THRESHOLD) -> bool:
    return similarity(a, b) >= threshold


def most_similar(text: str, candidates: Iterable[tuple[str, str]]) -> tuple[str, float] | None:
    """Among ``(key, text)`` candidates, the most similar key and its score, if similar."""
    best: tuple[str, float] | None = None
    for key, other in candidates:
        score = similarity(text, other)
        if score >= SIMILAR_THRESHOLD and (best is None or score > best[1]):
            best = (key, score)
    return best


GROUP_THRESHOLD = 0.5
GROUP_VOTES = 2


def group_match(text: str, members: Iterable[str]) -> float | None:
    """How well ``text`` fits a group of texts known to be about one thing (the incidents of a
    problem, a suggestion): its best similarity to them, when it is similar to one of them, or
    close (>= ``GROUP_THRESHOLD``) to at least ``GROUP_VOTES`` of them; else ``None``.

    A group is more evidence than a pair: people describe one outage in many ways, and a new
    report that is fairly close to several of them is about it too. Reports of other things
    stay well below (a VPN access request scores 0.4 against VPN outage reports at most)."""
    scores = [similarity(text, member) for member in members]
    if not scores:
        return None
    best = max(scores)
    close = sum(1 for score in scores if score >= GROUP_THRESHOLD)
    if best >= SIMILAR_THRESHOLD or close >= GROUP_VOTES:
        return best
    return None
