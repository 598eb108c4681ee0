"""Route a ticket to the support service that owns it, and guess a ticket's type from free text.

The classifier is a weighted bilingual (French + English) lexicon, nothing more: every service
has terms that pull a ticket towards it ("phishing", "mot de passe", "pare-feu", ...), each with
a weight. A ticket's title and description are folded (lower case, no accents, no punctuation,
see ``bot.text``) and scanned once for those terms; title words count more than description
words; the ticket type's default service (an incident starts at the service desk, an emergency
at infrastructure & network, ...) gets a head start; the best-scoring service wins.

Matching tolerates case, accents, punctuation and simple plurals ("Imprimantes" matches
"imprimante", "servers" matches "server", "réseaux" matches "réseau"); a lexicon term ending in
``*`` matches any word that starts with it ("imprim*" matches "imprimer", "imprimante"), and one
starting with ``=`` only that exact word ("=teams" is the product; it does not match "team").
Terms may span several words ("mot de passe", "access point"); the longest term at a position
wins.

When nothing matches, or when two services other than the type's default are too close to
call, the type's default service is returned with a low confidence. ``Classification.reasons``
quotes the terms that decided, as the user wrote them, most important first.

The admin's services file may add keywords per service (``extra_keywords``); they join the
built-in lexicon with ``EXTRA_KEYWORD_WEIGHT``.

Pure Python, no I/O: the lexicon is compiled once into dictionaries keyed by word, so one
classification is a single pass over the ticket's words.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.models import Classification, TicketType
from bot.domain.text import Tokenized, words

__all__ = [
    "AMBIGUITY_RATIO",
    "EXTRA_KEYWORD_WEIGHT",
    "LEXICON",
    "NO_MATCH_CONFIDENCE",
    "TITLE_WEIGHT",
    "TYPE_CUES",
    "TYPE_PRIOR",
    "Classifier",
]

# How much more a term counts in the title than in the description.
TITLE_WEIGHT = 2.0
# Head start of the ticket type's default service.
TYPE_PRIOR = 1.5
# Weight of a keyword added by the admin's services file.
EXTRA_KEYWORD_WEIGHT = 3.0
# Confidence reported when nothing matched, or when the text was too ambiguous to decide.
NO_MATCH_CONFIDENCE = 0.3
# Two services other than the type default whose scores differ by less than this fraction of
# the best score are "too close to call": the type default is returned instead.
AMBIGUITY_RATIO = 0.15
# Evidence (summed weights) at which confidence reaches ~63% of its way to 1.
_EVIDENCE_SCALE = 4.0
# At most this many reasons are reported.
_MAX_REASONS = 5

# service id -> {term: weight}. Terms are written naturally (accents, hyphens, apostrophes are
# folded away when compiled); a trailing "*" makes a prefix term. Weights: ~4-5 for terms that
# settle the question on their own ("ransomware", "vpn"), ~2-3 for strong hints ("imprimante",
# "intranet"), ~1 for weak ones shared with everyday speech.
LEXICON: dict[str, dict[str, float]] = {
    "service_desk": {
        # passwords, logins, sessions
        "mot de passe": 3.0,
        "mot de pass": 3.0,
        "mdp": 3.0,
        "password": 3.0,
        "passwd": 3.0,
        "pasword": 3.0,
        "passord": 3.0,
        "réinitialiser": 1.5,
        "réinitialisation": 1.5,
        "reset": 1.5,
        "identifiant": 1.5,
        "credentials": 1.5,
        "log in": 1.0,
        "login": 1.0,
        "se connecter": 1.0,
        "session": 1.0,
        "compte bloqué": 2.5,
        "compte verrouillé": 2.5,
        "locked out": 2.5,
        "account locked": 2.5,
        "débloquer": 1.5,
        "unlock": 1.5,
        "authenticator": 2.0,
        "authentificator": 2.0,
        "sign in": 1.0,
        "sign-ins": 1.0,
        # everyday office tools
        "outlook": 2.0,
        "=teams": 2.0,
        "slack": 1.5,
        "zoom": 1.5,
        "office 365": 1.5,
        "microsoft 365": 1.0,
        "excel": 1.5,
        "word": 0.5,
        "powerpoint": 1.5,
        "onedrive": 1.5,
        "messagerie": 1.5,
        "boîte mail": 1.0,
        "mailbox": 1.0,
        "calendrier": 1.5,
        "calendar": 1.5,
        "agenda": 1.0,
        "signature": 1.0,
        "tableau croisé dynamique": 2.0,
        "pivot table": 2.0,
        # first-line help, how-to, training
        "desk": 1.5,
        "help desk": 1.5,
        "aide": 1.0,
        "help": 0.5,
        "comment faire": 1.0,
        "how to": 1.0,
        "how do i": 1.0,
        "mode d'emploi": 1.5,
        "guide": 1.5,
        "faq": 2.0,
        "wiki": 1.0,
        "onboarding": 1.5,
        "getting started": 1.5,
        "prise en main": 1.5,
        "formation": 1.5,
        "training": 1.5,
        "tutoriel": 1.5,
        "tutorial": 1.5,
        "tuto": 1.5,
        "débutant": 1.0,
    },
    "internal_it": {
        # printers and scanners
        "imprimante": 3.0,
        "imprimente": 3.0,
        "imprim*": 2.0,
        "printer": 3.0,
        "print": 2.0,
        "printing": 2.0,
        "impression": 2.0,
        "bourrage": 2.5,
        "paper jam": 3.0,
        "jam": 1.5,
        "toner": 2.5,
        "cartouche": 2.5,
        "scanner": 2.0,
        "photocopieur": 2.5,
        "copier": 1.0,
        # workstations and hardware
        "ordinateur": 2.0,
        "ordi": 2.0,
        "ordinateur portable": 3.0,
        "pc": 2.0,
        "pc portable": 3.0,
        "portable": 1.5,
        "poste": 1.5,
        "poste de travail": 2.5,
        "poste fixe": 2.5,
        "workstation": 2.5,
        "laptop": 3.0,
        "desktop": 2.0,
        "computer": 2.0,
        "écran": 2.0,
        "écran noir": 2.5,
        "écran bleu": 3.0,
        "blue screen": 3.0,
        "bsod": 3.0,
        "monitor": 2.5,
        "second monitor": 3.0,
        "double écran": 3.0,
        "deux écrans": 3.0,
        "clavier": 2.5,
        "keyboard": 2.5,
        "souris": 2.5,
        "mouse": 2.5,
        "station d'accueil": 2.5,
        "docking station": 2.5,
        "dock": 2.0,
        "casque": 1.5,
        "headset": 1.5,
        "webcam": 1.5,
        "batterie": 2.0,
        "battery": 2.0,
        "chargeur": 2.0,
        "charger": 2.0,
        "matériel": 2.0,
        "hardware": 2.0,
        "équipement": 2.0,
        "equipment": 2.0,
        "équiper": 1.5,
        "smartphone": 1.5,
        "téléphone portable": 1.5,
        "disque dur": 1.5,
        "hard drive": 1.5,
        "port usb": 1.5,
        "usb": 1.0,
        "ram": 1.5,
        "démarre": 1.5,
        "démarrage": 1.5,
        "boot": 1.5,
        "turn on": 1.5,
        "reboot": 1.5,
        "reboot loop": 2.5,
        "redémarre": 1.0,
        "redémarrent": 1.0,
        "s'allume": 1.5,
        "dell": 1.5,
        "lenovo": 1.5,
        "hp": 1.5,
        "canon": 1.0,
        "windows": 1.5,
        "mise à jour windows": 2.0,
        "windows update": 2.0,
        "pilote": 2.0,
        "driver": 2.0,
        # software, licences, accounts, access rights
        "installer": 2.5,
        "install*": 2.5,
        "réinstaller": 2.0,
        "logiciel": 2.0,
        "software": 2.0,
        "licence": 3.0,
        "license": 3.0,
        "visio": 2.0,
        "acrobat": 2.0,
        "adobe": 2.0,
        "vs code": 2.0,
        "python": 1.0,
        "droits admin": 2.5,
        "droits administrateur": 2.5,
        "admin rights": 2.5,
        "accès": 1.5,
        "access": 1.5,
        "access to": 2.0,
        "droits": 1.5,
        "rights": 1.5,
        "dossier partagé": 2.5,
        "shared drive": 2.5,
        "shared folder": 2.5,
        "partage": 1.0,
        "lecteur réseau": 1.5,
        "mapped drive": 1.5,
        "créer un compte": 3.0,
        "création de compte": 3.0,
        "création compte": 3.0,
        "nouveau compte": 3.0,
        "create an account": 3.0,
        "new account": 3.0,
        "adresse mail": 1.0,
        "nouvel arrivant": 1.5,
        "nouvelle collaboratrice": 1.5,
        "nouveau collaborateur": 1.5,
        "arrivée": 1.0,
        "new hire": 1.5,
        "stagiaire": 1.5,
        "intern": 1.0,
    },
    "app_dev": {
        # in-house applications
        "intranet": 3.0,
        "erp": 3.0,
        "crm": 3.0,
        "portail": 3.0,
        "portal": 3.0,
        "application": 2.0,
        "appli": 2.5,
        "app": 2.0,
        "web app": 3.5,
        "application web": 3.5,
        "webapp": 3.5,
        "site web": 2.5,
        "website": 2.5,
        "site marchand": 3.0,
        "e-commerce": 3.0,
        "ecommerce": 3.0,
        "checkout": 3.0,
        "api": 3.0,
        "rest api": 3.5,
        "api key": 3.5,
        "clé d'api": 3.5,
        "webservice": 3.0,
        "web service": 3.0,
        # bugs
        "bug": 3.0,
        "bogue": 3.0,
        "beug": 3.0,
        "erreur 500": 3.5,
        "error 500": 3.5,
        "500": 1.0,
        "exception": 2.5,
        "stack trace": 3.0,
        "page blanche": 2.5,
        "écran blanc": 2.5,
        "blank page": 2.5,
        "white screen": 2.5,
        "mise en production": 2.5,
        "mise en prod": 2.5,
        "release": 2.5,
        "déploiement": 2.0,
        "deploy": 2.0,
        "deployment": 2.0,
        "régression": 2.5,
        # features
        "fonctionnalité": 2.5,
        "feature": 2.5,
        "nouvelle fonctionnalité": 3.0,
        "new feature": 3.0,
        "bouton": 2.0,
        "button": 2.0,
        "page": 1.5,
        "formulaire": 2.0,
        "form": 1.0,
        "export": 2.0,
        "exporter": 2.0,
        "import": 1.0,
        "mode sombre": 2.5,
        "dark mode": 2.5,
        "annuaire": 2.0,
        "recherche": 1.0,
        "module": 2.0,
        "bulk edit": 2.5,
        "bulk editing": 2.5,
        "synchronisation": 2.0,
        "sync": 2.0,
        "intégration": 2.0,
        # business processes that live in the in-house apps
        "note de frais": 2.0,
        "expense": 2.0,
        "expense portal": 3.0,
        "timesheet": 2.5,
        "feuille de temps": 2.5,
        "congés": 1.5,
        "paie": 2.0,
        "payroll": 2.0,
        "devis": 2.0,
        "quote": 1.0,
        "commandes": 1.0,
        "orders": 1.0,
        "profil": 1.5,
        "valideur": 2.0,
        "workflow": 2.0,
        "outil interne": 3.0,
        "internal tool": 3.0,
        "in-house": 3.0,
        "facturation": 2.0,
        "billing": 2.0,
        "facture": 1.0,
        "invoice": 1.0,
    },
    "security": {
        # phishing and fraud
        "phishing": 5.0,
        "phish*": 5.0,
        "hameçonnage": 5.0,
        "hameçon*": 5.0,
        "spam": 2.5,
        "antispam": 2.5,
        "mail suspect": 4.0,
        "email suspect": 4.0,
        "suspicious email": 4.0,
        "suspicious": 3.0,
        "suspect": 2.5,
        "louche": 2.5,
        "bizarre": 1.0,
        "weird": 1.0,
        "fake": 2.5,
        "faux lien": 3.0,
        "cliquer sur un lien": 2.5,
        "cliquer": 1.0,
        "lien": 1.0,
        "link": 1.0,
        "didn't click": 2.5,
        "pas cliqué": 2.5,
        "frauduleux": 4.0,
        "fraudulent": 4.0,
        "fraude": 4.0,
        "fraud": 4.0,
        "arnaque": 4.0,
        "scam": 4.0,
        "usurpation": 4.0,
        "spoof*": 4.0,
        # malware
        "malware": 5.0,
        "logiciel malveillant": 5.0,
        "malveillant": 4.0,
        "virus": 5.0,
        "antivirus": 3.0,
        "trojan": 5.0,
        "cheval de troie": 5.0,
        "ransomware": 6.0,
        "rançongiciel": 6.0,
        "rançon": 5.0,
        "ransom": 5.0,
        "chiffrés": 2.0,
        "encrypted": 2.0,
        "spyware": 5.0,
        "keylogger": 5.0,
        "popup": 2.5,
        "pop-up": 2.5,
        "fenêtres s'ouvrent": 2.5,
        # breaches, compromise, theft
        "fuite": 3.5,
        "fuite de données": 6.0,
        "data breach": 6.0,
        "breach": 5.0,
        "leak": 4.0,
        "leaked": 4.0,
        "violation": 3.5,
        "piraté": 5.0,
        "piratage": 5.0,
        "hacked": 5.0,
        "hacker": 5.0,
        "compromis": 4.0,
        "compromised": 5.0,
        "intrusion": 5.0,
        "brute force": 5.0,
        "trying passwords": 4.0,
        "password manager": 4.0,
        "gestionnaire de mots de passe": 4.0,
        "keepass": 3.0,
        "bitwarden": 3.0,
        "unusual sign-in": 4.0,
        "suspicious sign-in": 4.0,
        "connexion suspecte": 4.0,
        "connexion inhabituelle": 4.0,
        "unusual": 1.5,
        "inhabituel": 1.5,
        "inhabituelle": 1.5,
        "security alert": 3.0,
        "alerte de sécurité": 3.0,
        "leaked credentials": 5.0,
        "credentials leaked": 5.0,
        "dark web": 4.0,
        "volé": 4.0,
        "stolen": 4.0,
        "wipe": 2.5,
        "effacer à distance": 2.5,
        "clé usb trouvée": 4.0,
        "usb stick": 2.0,
        "clé usb": 2.0,
        # vulnerabilities, policy, awareness
        "faille": 5.0,
        "vulnérabilité": 5.0,
        "vulnerability": 5.0,
        "cve": 5.0,
        "pentest": 4.0,
        "test d'intrusion": 5.0,
        "security review": 4.0,
        "audit de sécurité": 4.0,
        "sécurité": 2.5,
        "security": 2.5,
        "mfa": 2.5,
        "2fa": 2.5,
        "double authentification": 2.5,
        "two-factor": 2.5,
        "enforce": 1.5,
        "sensibilisation": 3.0,
        "awareness": 3.0,
        "confidentialité": 3.0,
        "confidential": 2.5,
        "rgpd": 4.0,
        "gdpr": 4.0,
        "données clients": 2.5,
        "customer data": 2.5,
        "données personnelles": 3.0,
        "personal data": 3.0,
        "policy": 1.5,
        "règle": 1.0,
        "le droit": 1.0,
        "allowed": 1.0,
        "autorisé": 1.0,
        "perso": 1.0,
        "personal": 1.0,
        "chatgpt": 2.0,
        "vendor": 1.0,
        "saas": 2.0,
    },
    "infra_network": {
        # network and connectivity
        "réseau": 3.0,
        "network": 3.0,
        "networking": 3.0,
        "wifi": 3.5,
        "wi-fi": 3.5,
        "wifi invité": 3.5,
        "guest wifi": 3.5,
        "vpn": 4.5,
        "forticlient": 4.0,
        "anyconnect": 4.0,
        "globalprotect": 4.0,
        "pare-feu": 4.5,
        "parefeu": 4.5,
        "firewall": 4.5,
        "routeur": 4.5,
        "router": 4.5,
        "switch": 3.0,
        "core switch": 4.0,
        "borne wifi": 4.0,
        "access point": 4.0,
        "point d'accès": 4.0,
        "dns": 4.5,
        "dns record": 5.0,
        "dhcp": 4.5,
        "adresse ip": 3.5,
        "ip address": 3.5,
        "ip": 2.0,
        "ip fixe": 4.0,
        "static ip": 4.0,
        "fixed ip": 4.0,
        "ip reservation": 4.0,
        "réservation ip": 4.0,
        "remote desktop": 2.0,
        "bureau à distance": 2.0,
        "rdp": 2.5,
        "citrix": 3.0,
        "vlan": 4.5,
        "dmz": 4.5,
        "proxy": 3.5,
        "load balancer": 4.0,
        "passerelle": 3.0,
        "gateway": 3.0,
        "internet": 3.0,
        "connexion internet": 3.5,
        "connectivité": 3.5,
        "connectivity": 3.5,
        "ethernet": 3.5,
        "prise réseau": 3.5,
        "câble réseau": 3.5,
        "network cable": 3.5,
        "fibre": 2.5,
        "fiber": 2.5,
        "box": 1.5,
        "port": 2.0,
        "ping": 2.5,
        "téléphonie": 2.5,
        "voip": 3.0,
        "toip": 3.0,
        # bandwidth, latency, performance
        "bande passante": 3.5,
        "bandwidth": 3.5,
        "latence": 3.5,
        "latency": 3.5,
        "lenteur": 2.5,
        "lent": 2.0,
        "slow": 2.0,
        "lag": 2.0,
        "débit": 3.0,
        "throughput": 3.0,
        "se déconnecte": 2.0,
        "décroche": 2.0,
        "déconnexion": 2.0,
        "disconnect*": 2.0,
        "drops": 2.0,
        "dropping": 2.0,
        "coupure": 2.5,
        "offline": 2.5,
        # servers, storage, datacenter
        "serveur": 3.0,
        "server": 3.0,
        "srv": 3.0,
        "serveur de fichiers": 4.0,
        "file server": 4.0,
        "sql server": 4.0,
        "base de données": 2.0,
        "database": 2.0,
        "datacenter": 5.0,
        "data center": 5.0,
        "salle serveur": 5.0,
        "server room": 5.0,
        "baie": 2.5,
        "rack": 3.0,
        "nas": 4.0,
        "san": 3.0,
        "stockage": 3.0,
        "storage": 3.0,
        "sauvegarde": 2.5,
        "backup": 2.5,
        "sftp": 4.0,
        "ftp": 3.5,
        "ssh": 3.0,
        "ssl": 2.5,
        "certificat": 2.0,
        "certificate": 2.0,
        "virtualisation": 4.0,
        "vmware": 4.0,
        "hyperviseur": 4.0,
        "hypervisor": 4.0,
        "cluster": 3.0,
        "linux": 1.5,
        # outages of shared infrastructure
        "panne générale": 3.5,
        "outage": 4.0,
        "tout le site": 3.0,
        "entire office": 3.0,
        "whole office": 3.0,
        "not responding": 2.0,
        "ne répond plus": 2.0,
        "down": 2.0,
        "hors service": 1.5,
        "hs": 1.5,
        "à l'arrêt": 1.5,
    },
}

# Ticket type -> {cue: weight}, for ``Classifier.suggest_type`` (``/ticket <free text>``). A
# question mark adds ``_QUESTION_MARK_WEIGHT`` to information requests. Nothing: incident.
TYPE_CUES: dict[TicketType, dict[str, float]] = {
    TicketType.EMERGENCY: {
        "urgent": 3.0,
        "urgence": 3.0,
        "en urgence": 3.0,
        "asap": 2.0,
        "panne générale": 4.0,
        "tout le monde": 2.5,
        "everyone": 2.0,
        "everybody": 2.0,
        "production down": 4.0,
        "prod down": 4.0,
        "production à l'arrêt": 4.0,
        "à l'arrêt": 2.5,
        "outage": 3.5,
        "ransomware": 4.0,
        "rançongiciel": 4.0,
        "critique": 3.0,
        "critical": 3.0,
        "bloquant": 2.5,
        "plus rien ne marche": 3.5,
        "plus rien ne fonctionne": 3.5,
        "nothing works": 3.5,
        "est tombé": 2.0,
        "is down": 2.5,
        "data breach": 4.0,
        "fuite de données": 4.0,
        "piraté": 3.0,
        "hacked": 3.0,
        "immédiatement": 2.0,
        "immediately": 2.0,
        "tout de suite": 2.0,
        "right now": 2.0,
        "encrypted": 1.5,
        "chiffrés": 1.5,
    },
    TicketType.INFORMATION_REQUEST: {
        "comment": 2.5,
        "comment faire": 3.0,
        "how do i": 3.5,
        "how do we": 3.5,
        "how can i": 3.5,
        "how to": 3.0,
        "est-ce que": 2.0,
        "est-ce qu'on": 2.0,
        "where can": 3.0,
        "where is": 2.5,
        "où trouver": 3.0,
        "où est": 2.0,
        "quel est": 2.0,
        "quelle est": 2.0,
        "quels sont": 2.0,
        "quelles sont": 2.0,
        "quelle est la procédure": 3.5,
        "procédure": 1.5,
        "what is": 2.0,
        "what's": 2.0,
        "what are": 2.0,
        "which": 1.5,
        "is there": 1.5,
        "do we have": 2.0,
        "question": 2.0,
        "savoir": 1.5,
        "je voudrais savoir": 3.0,
        "politique": 1.5,
        "policy": 1.5,
        "le droit": 1.5,
        "allowed": 1.5,
        "autorisé": 1.5,
        "documentation": 1.5,
    },
    TicketType.TRAINING_REQUEST: {
        "formation": 4.0,
        "former": 2.5,
        "training": 4.0,
        "tutorial": 3.5,
        "tutoriel": 3.5,
        "tuto": 3.0,
        "apprendre": 3.0,
        "learn": 3.0,
        "sensibilisation": 3.0,
        "awareness": 3.0,
        "atelier": 2.5,
        "workshop": 2.5,
        "webinar": 2.5,
        "coaching": 3.0,
        "montrer comment": 3.0,
        "show me how": 3.0,
        "show us how": 3.0,
        "getting started": 2.5,
        "prise en main": 3.0,
        "cours": 2.0,
    },
    TicketType.IMPROVEMENT_REQUEST: {
        "amélioration": 4.0,
        "améliorer": 3.0,
        "improvement": 4.0,
        "improve": 3.0,
        "ce serait bien": 4.0,
        "ce serait top": 4.0,
        "ce serait pratique": 4.0,
        "ça serait bien": 4.0,
        "would be nice": 4.0,
        "would be great": 4.0,
        "it would be": 1.5,
        "feature": 3.0,
        "fonctionnalité": 3.0,
        "suggestion": 4.0,
        "suggère": 3.0,
        "suggest": 3.0,
        "ajouter une option": 4.0,
        "add an option": 4.0,
        "ajouter": 2.0,
        "idée": 2.5,
        "idea": 2.5,
        "proposition": 3.0,
        "proposal": 3.0,
        "il faudrait": 1.5,
        "on devrait": 2.0,
        "we should": 2.0,
        "allow": 1.5,
        "pouvoir": 1.0,
    },
    TicketType.SERVICE_REQUEST: {
        "installer": 3.0,
        "install": 3.0,
        "installation": 3.0,
        "accès": 2.5,
        "access": 2.0,
        "access to": 3.0,
        "créer un compte": 4.0,
        "création de compte": 4.0,
        "nouveau compte": 3.0,
        "create an account": 4.0,
        "new account": 3.0,
        "new laptop": 4.0,
        "nouveau pc": 4.0,
        "nouvel ordinateur": 4.0,
        "nouveau portable": 4.0,
        "demande de": 2.0,
        "besoin de": 2.0,
        "besoin d": 2.0,
        "j'ai besoin": 2.5,
        "i need": 2.0,
        "need": 1.5,
        "request": 1.5,
        "licence": 2.5,
        "license": 2.5,
        "droits": 2.0,
        "rights": 2.0,
        "please add": 2.5,
        "merci de": 1.5,
        "pourriez-vous": 1.5,
        "could you": 1.5,
        "can i get": 2.5,
        "commander": 2.0,
        "nouvel arrivant": 2.5,
        "new hire": 2.5,
        "réinitialiser": 2.0,
    },
    TicketType.PROBLEM: {
        "récurrent": 3.5,
        "récurrente": 3.5,
        "recurring": 3.5,
        "toujours": 1.5,
        "every day": 3.0,
        "tous les jours": 3.0,
        "chaque jour": 3.0,
        "every morning": 3.0,
        "tous les matins": 3.0,
        "every week": 3.0,
        "toutes les semaines": 3.0,
        "every time": 2.5,
        "chaque fois": 2.5,
        "again": 2.0,
        "again and again": 3.0,
        "encore": 2.0,
        "de nouveau": 2.0,
        "depuis des semaines": 3.5,
        "depuis des mois": 3.5,
        "for weeks": 3.5,
        "for months": 3.5,
        "régulièrement": 3.0,
        "regularly": 3.0,
        "souvent": 2.0,
        "often": 2.0,
        "sans arrêt": 2.5,
        "keeps": 2.0,
        "intermittent": 2.5,
        "plusieurs fois": 2.0,
        "several times": 2.0,
        "root cause": 3.0,
        "cause racine": 3.0,
    },
    TicketType.INCIDENT: {
        "ne marche plus": 2.0,
        "ne marche pas": 2.0,
        "ne fonctionne plus": 2.0,
        "ne fonctionne pas": 2.0,
        "marche pas": 1.5,
        "ne s'allume plus": 2.0,
        "erreur": 1.5,
        "error": 1.5,
        "plante": 1.5,
        "crash*": 1.5,
        "broken": 1.5,
        "cassé": 1.5,
        "impossible de": 1.5,
        "cannot": 1.0,
        "can't": 1.0,
        "doesn't work": 2.0,
        "not working": 2.0,
        "bloqué": 1.0,
        "bug": 1.5,
    },
}

_QUESTION_MARK_WEIGHT = 1.0
# Tie-break for suggest_type: the more specific intent first, incident last.
_TYPE_ORDER: tuple[TicketType, ...] = (
    TicketType.EMERGENCY,
    TicketType.TRAINING_REQUEST,
    TicketType.IMPROVEMENT_REQUEST,
    TicketType.SERVICE_REQUEST,
    TicketType.INFORMATION_REQUEST,
    TicketType.PROBLEM,
    TicketType.INCIDENT,
)


# Word caches are bounded: cleared when they reach this many entries.
_CACHE_MAX = 50_000
# folded word -> stem.
_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    """Strip a plural ending so singular and plural compare equal (French and English)."""
    n = len(word)
    if n > 4 and word.endswith("ies"):
        stem = word[:-3] + "y"  # policies -> policy
    elif n > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        stem = word[:-2]  # switches -> switch, addresses -> address
    elif n > 3 and word[-1] in "sx" and word[-2] != "s":
        stem = word[:-1]  # imprimantes -> imprimante, reseaux -> reseau, servers -> server
    else:
        stem = word
    if len(_STEMS) >= _CACHE_MAX:
        _STEMS.clear()
    _STEMS[word] = stem
    return stem


def _term_key(term: str) -> tuple[tuple[str, ...], str] | None:
    """How a lexicon term is matched: its stemmed words and its kind ("", "*" prefix, "=" exact).

    ``None`` for a term with no word in it (nothing to match).
    """
    kind = "*" if term.endswith("*") else "=" if term.startswith("=") else ""
    folded = words(term.strip("*="))
    if not folded:
        return None
    if kind and len(folded) != 1:
        raise ValueError(f"prefix and exact terms must be one word: {term!r}")
    if kind:
        return (folded[0],), kind  # matched on the folded word itself, not its stem
    return tuple(_stem(w) for w in folded), kind


@dataclass(frozen=True, slots=True)
class _Term:
    """One compiled lexicon term: its display form, stemmed words, and what it pulls towards."""

    key: str
    stems: tuple[str, ...]
    weights: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class _Hit:
    """A term found in a text, at words ``first..last`` of ``source``."""

    term: _Term
    source: Tokenized
    first: int
    last: int

    @property
    def surface(self) -> str:
        """What the user wrote for the term (computed on demand: few hits are ever quoted)."""
        return self.source.quote(self.first, self.last)


@dataclass(slots=True)
class _Evidence:
    """What one term contributed to one service's score, and where the user first wrote it."""

    value: float
    hit: _Hit
    order: int


class _Index:
    """A lexicon compiled for one left-to-right, longest-match-first pass over a text's words."""

    def __init__(self, entries: Iterable[tuple[str, str, float]]) -> None:
        """``entries``: (label, term, weight); a term listed under several labels pulls to each."""
        merged: dict[tuple[tuple[str, ...], str], dict[str, float]] = {}
        display: dict[tuple[tuple[str, ...], str], str] = {}
        for label, term, weight in entries:
            key = _term_key(term)
            if key is None:
                continue
            pulls = merged.setdefault(key, {})
            pulls[label] = max(weight, pulls.get(label, 0.0))
            display.setdefault(key, term.strip("*="))

        by_first: dict[str, list[_Term]] = {}
        prefixes: dict[str, _Term] = {}
        exact: dict[str, _Term] = {}
        for (stems, kind), pulls in merged.items():
            term = _Term(display[(stems, kind)], stems, tuple(pulls.items()))
            if kind == "*":
                prefixes[stems[0]] = term
            elif kind == "=":
                exact[stems[0]] = term
            else:
                by_first.setdefault(stems[0], []).append(term)
        # Longest terms first, so "mot de passe" wins over a hypothetical "mot".
        self._by_first: dict[str, tuple[_Term, ...]] = {
            first: tuple(sorted(terms, key=lambda t: -len(t.stems)))
            for first, terms in by_first.items()
        }
        self._prefixes = prefixes
        self._exact = exact
        self._prefix_lengths: tuple[int, ...] = tuple(
            sorted({len(p) for p in prefixes}, reverse=True)
        )
        # folded word -> the terms that may start at it (cached: most words match nothing).
        self._candidates: dict[str, tuple[_Term, ...]] = {}

    def _candidates_for(self, word: str) -> tuple[_Term, ...]:
        """Terms that may start at ``word``: multi-word ones first, then the one-word match."""
        found = list(self._by_first.get(_STEMS.get(word) or _stem(word), ()))
        if word in self._exact:
            found.append(self._exact[word])
        if not any(len(term.stems) == 1 for term in found):
            for size in self._prefix_lengths:
                if size <= len(word) and word[:size] in self._prefixes:
                    found.append(self._prefixes[word[:size]])
                    break
        candidates = tuple(found)
        if len(self._candidates) >= _CACHE_MAX:
            self._candidates.clear()
        self._candidates[word] = candidates
        return candidates

    def scan(self, text: str) -> list[_Hit]:
        """Every term found in ``text``, in order, each with the text the user wrote for it."""
        tokenized = Tokenized(text)
        folded = tokenized.words
        n = len(folded)
        cache_get = self._candidates.get
        hits: list[_Hit] = []
        i = 0
        while i < n:
            word = folded[i]
            candidates = cache_get(word)
            if candidates is None:
                candidates = self._candidates_for(word)
            length = 0
            for term in candidates:
                size = len(term.stems)
                if size > 1:
                    if i + size > n:
                        continue
                    k = 1
                    while k < size:
                        other = folded[i + k]
                        if (_STEMS.get(other) or _stem(other)) != term.stems[k]:
                            break
                        k += 1
                    if k < size:
                        continue
                length = size
                hits.append(_Hit(term, tokenized, i, i + size - 1))
                break
            i += length or 1
        return hits


@lru_cache(maxsize=1)
def _builtin_entries() -> tuple[tuple[str, str, float], ...]:
    return tuple(
        (service, term, weight)
        for service, terms in LEXICON.items()
        for term, weight in terms.items()
    )


@lru_cache(maxsize=1)
def _type_index() -> _Index:
    return _Index(
        (str(ticket_type), cue, weight)
        for ticket_type, cues in TYPE_CUES.items()
        for cue, weight in cues.items()
    )


class Classifier:
    """Routes tickets to services with the built-in lexicon plus the admin's extra keywords."""

    def __init__(
        self,
        type_defaults: Mapping[TicketType, str],
        default_service: str,
        extra_keywords: Mapping[str, Sequence[str]] | None = None,
        services: Collection[str] | None = None,
    ) -> None:
        """``services``, when given, are the only services a ticket may be routed to (those the
        admin's services file defines); the lexicon's words for others are ignored."""
        self._type_defaults: dict[TicketType, str] = dict(type_defaults)
        self._default_service = default_service
        self._services = frozenset(services) if services is not None else None
        extra = [
            (service, term, EXTRA_KEYWORD_WEIGHT)
            for service, terms in (extra_keywords or {}).items()
            for term in terms
        ]
        self._index = _Index([*_builtin_entries(), *extra])

    def default_for(self, ticket_type: TicketType) -> str:
        """The service a ticket of this type goes to when its text says nothing."""
        return self._type_defaults.get(ticket_type, self._default_service)

    def classify(self, ticket_type: TicketType, title: str, description: str) -> Classification:
        """The service that should own this ticket, how sure we are (0..1), and why."""
        default = self.default_for(ticket_type)
        scores: dict[str, float] = {}
        evidence: dict[str, dict[str, _Evidence]] = {}  # service -> term key -> evidence
        order = 0
        for text, factor in ((title, TITLE_WEIGHT), (description, 1.0)):
            seen: set[str] = set()
            for hit in self._index.scan(text):
                key = hit.term.key
                if key in seen:
                    continue  # a word repeated in the same field counts once
                seen.add(key)
                order += 1
                for service, weight in hit.term.weights:
                    if self._services is not None and service not in self._services:
                        continue
                    value = weight * factor
                    scores[service] = scores.get(service, 0.0) + value
                    per_term = evidence.setdefault(service, {})
                    if key in per_term:
                        per_term[key].value += value
                    else:
                        per_term[key] = _Evidence(value, hit, order)

        if not scores:
            return Classification(default, NO_MATCH_CONFIDENCE, ())

        totals = dict(scores)
        totals[default] = totals.get(default, 0.0) + TYPE_PRIOR
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0] != default, item[0]))
        best, best_total = ranked[0]
        runner_up, second_total = ranked[1] if len(ranked) > 1 else (default, 0.0)

        if (
            best != default
            and runner_up != default
            and best_total - second_total < AMBIGUITY_RATIO * best_total
        ):
            return Classification(default, NO_MATCH_CONFIDENCE, _reasons(evidence.get(default)))

        strength = 1.0 - math.exp(-scores.get(best, 0.0) / _EVIDENCE_SCALE)
        lead = (best_total - second_total) / best_total if best_total > 0 else 0.0
        confidence = NO_MATCH_CONFIDENCE + (1.0 - NO_MATCH_CONFIDENCE) * strength * lead
        confidence = round(min(1.0, max(0.0, confidence)), 3)
        return Classification(best, confidence, _reasons(evidence.get(best)))

    def suggest_type(self, text: str) -> TicketType:
        """Guess the ticket type of free text (``/ticket <text>``); incident when unsure."""
        scores: dict[str, float] = {}
        seen: set[str] = set()
        for hit in _type_index().scan(text):
            if hit.term.key in seen:
                continue
            seen.add(hit.term.key)
            for label, weight in hit.term.weights:
                scores[label] = scores.get(label, 0.0) + weight
        if "?" in text:
            label = str(TicketType.INFORMATION_REQUEST)
            scores[label] = scores.get(label, 0.0) + _QUESTION_MARK_WEIGHT
        best = TicketType.INCIDENT
        best_score = 0.0
        for ticket_type in _TYPE_ORDER:
            score = scores.get(str(ticket_type), 0.0)
            if score > best_score:
                best, best_score = ticket_type, score
        return best


def _reasons(per_term: Mapping[str, _Evidence] | None) -> tuple[str, ...]:
    """The matched terms, most important first (then first seen), as the user wrote them."""
    if not per_term:
        return ()
    out: list[str] = []
    for entry in sorted(per_term.values(), key=lambda e: (-e.value, e.order)):
        surface = entry.hit.surface
        if surface not in out:
            out.append(surface)
        if len(out) == _MAX_REASONS:
            break
    return tuple(out)
