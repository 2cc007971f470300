"""What the fake session says in French: its questions, messages and fixed assessment, written
once in the paper's vocabulary so that French snapshots show what a French consultant would see.

Like `fake_data`, this is test data and holds no methodology: ids, values, scores and keys are the
English assessment's; only texts differ (as `tools.assess(..., language="fr")` promises).
"""

from __future__ import annotations

import copy
from typing import Any

from fake_data import FIXED_ASSESSMENT

_ADOPTION = {"none": "Pas du tout", "exploring": "En exploration", "pilot": "En pilote", "production": "En production"}

# Question id -> (text, help, {choice value: label}).
QUESTIONS: dict[str, tuple[str, str | None, dict[str, str]]] = {
    "organization.sector": (
        "Dans quel secteur l'organisation opère-t-elle ?",
        "Choisissez le plus proche, ou décrivez-le en quelques mots.",
        {
            "retail": "Commerce",
            "banking": "Banque",
            "insurance": "Assurance",
            "healthcare": "Santé",
            "manufacturing": "Industrie",
        },
    ),
    "organization.size": (
        "Combien de personnes y travaillent ?",
        None,
        {"micro": "Moins de 10", "small": "10 à 249", "medium": "250 à 4 999", "large": "5 000 ou plus"},
    ),
    "organization.objectives": (
        "Quels objectifs l'IA générative doit-elle servir ?",
        "Choisissez-en autant que nécessaire ; séparez-les par des virgules si vous tapez.",
        {
            "revenue_growth": "Croissance du chiffre d'affaires",
            "cost_reduction": "Réduction des coûts",
            "customer_experience": "Expérience client",
            "employee_productivity": "Productivité des collaborateurs",
            "innovation": "Innovation",
            "risk_compliance": "Risques et conformité",
            "time_to_market": "Délai de mise sur le marché",
        },
    ),
    "organization.regulated": (
        "Traite-t-elle des données réglementées ou sensibles (santé, finance, données personnelles) ?",
        None,
        {"yes": "Oui", "no": "Non"},
    ),
    "value_chain.service.importance": (
        "Quel poids le service client a-t-il dans la valeur que crée l'entreprise ?",
        "1 = marginal, 5 = le cœur de l'activité.",
        {},
    ),
    "capabilities.public_llm_use": (
        "Les collaborateurs utilisent-ils des assistants publics comme ChatGPT, Gemini ou Copilot ?",
        None,
        _ADOPTION,
    ),
    "capabilities.llm_api_apps": (
        "L'organisation a-t-elle développé ses propres applications sur des API de LLM ?",
        None,
        _ADOPTION,
    ),
    "capabilities.rag": (
        "Des applications répondent-elles à partir des documents de l'entreprise (RAG) ?",
        None,
        _ADOPTION,
    ),
    "governance.ai_policy": (
        "Existe-t-il une politique d'usage de l'IA ?",
        None,
        {"none": "Aucune", "basic": "De base", "advanced": "Avancée"},
    ),
}

WORDS = {
    "intro": (
        "Bienvenue. Je vais vous poser quelques questions sur l'organisation, son usage actuel de "
        "l'IA générative et sa gouvernance. Répondez avec les boutons ou avec vos propres mots ; "
        "tapez `/help` pour les commandes."
    ),
    "help": (
        "Commandes : `/skip` laisse la question sans réponse, `/back` revient à la précédente, "
        "`/assess` montre l'évaluation à ce stade, `/ask QUESTION` interroge le conseiller, "
        "`/export` écrit le rapport."
    ),
    "ask_reply": (
        "En mode guidé, je réponds à partir des notes de la méthode. Les organisations de **niveau 2** "
        "développent leurs propres applications sur des API de LLM ; l'étape suivante, le *niveau 3*, "
        "les relie aux documents de l'entreprise par la recherche. Votre question : "
    ),
    "assess": "Voici l'évaluation à ce stade : **niveau 2, Débutant**.",
    "summary": (
        "Acme Retail est au **niveau 2 (Débutant)** : commencez par l'automatisation des réponses aux "
        "questions fréquentes et la reformulation des réponses aux clients."
    ),
    "no_skip": "Il n'y a pas de question à passer.",
    "first": "C'est la première question.",
    "back": "Retour à la question {number} : 1 réponse annulée.",
    "unknown": "Commande inconnue {name} ; tapez /help.",
    "unread": "Je n'ai pas pu lire {text!r} comme une réponse : {hint}",
    "free": "en quelques mots, s'il vous plaît, ou /skip.",
    "pick": "choisissez une réponse : {choices}.",
    "lang": "Je parle français à partir de maintenant ; vos réponses sont conservées.",
    "bad_lang": "Langue inconnue {name} : choisissez fr ou en.",
}
ENGLISH_WORDS = {
    "lang": "I speak English from now on; your answers are kept.",
    "bad_lang": "Unknown language {name}: choose fr or en.",
}

# The sample sessions of a French consultant's store.
SAMPLES = [
    ("Acme Retail", "Atelier de cadrage", 2, "done", 9),
    ("Groupe hospitalier Sainte-Marthe", "Point avec la direction", None, "in_progress", 4),
    ("Cabinet Durand & Associés", "Second avis", None, "in_progress", 0),
]

_USE_CASES = {
    "faq_automation": (
        "Automatisation des réponses aux questions fréquentes",
        "Le service pèse 4/5, sert l'expérience client et la réduction des coûts, répond au point de "
        "douleur exprimé ; requiert le niveau 2, déjà atteint ; risque élevé (exactitude, "
        "confidentialité) sur des données réglementées.",
    ),
    "customer_reply_drafting": (
        "Reformulation des réponses aux clients",
        "Le service pèse 4/5, sert l'expérience client, répond au point de douleur exprimé ; requiert "
        "le niveau 1, déjà atteint ; risque élevé (confidentialité, exactitude) sur des données "
        "réglementées.",
    ),
    "product_description_generation": (
        "Génération des fiches et descriptions produits",
        "Le marketing et les ventes pèsent 5/5, sert la réduction des coûts, correspond au secteur du "
        "commerce ; requiert le niveau 2, déjà atteint, manque de données produits.",
    ),
    "marketing_content_generation": (
        "Génération de contenus marketing",
        "Le marketing et les ventes pèsent 5/5 ; requiert le niveau 1, déjà atteint.",
    ),
    "ticket_triage": (
        "Tri et routage des tickets de support",
        "Le service pèse 4/5, sert la réduction des coûts et l'expérience client ; requiert le niveau 2, déjà atteint.",
    ),
    "shipping_message_templates": (
        "Modèles de notifications d'expédition",
        "La logistique de distribution pèse 3/5, sert l'expérience client ; requiert le niveau 1, "
        "déjà atteint ; risque modéré.",
    ),
    "customer_chatbot_rag": (
        "Chatbot client sur la base de connaissances",
        "Le service pèse 4/5 ; requiert le niveau 3, un au-dessus du niveau 2 actuel, manque de données produits.",
    ),
    "ecommerce_recommendation_finetuned": (
        "Recommandation de produits personnalisée",
        "Le marketing et les ventes pèsent 5/5 ; requiert le niveau 4, deux au-dessus du niveau 2 "
        "actuel, manque de données de transactions et de produits.",
    ),
    "market_research_synthesis": (
        "Synthèse d'études de marché et de veille concurrentielle",
        "Le marketing et les ventes pèsent 5/5 ; requiert le niveau 1, déjà atteint.",
    ),
    "sales_proposal_rag": (
        "Rédaction des propositions commerciales et des réponses aux appels d'offres",
        "Le marketing et les ventes pèsent 5/5 ; requiert le niveau 3, un au-dessus du niveau 2 actuel.",
    ),
    "customs_classification_rag": (
        "Classement douanier et documents d'export",
        "La logistique de distribution pèse 3/5 ; requiert le niveau 3 ; risque réglementaire élevé.",
    ),
}
_LEVELS = {1: "Exploratoire", 2: "Débutant", 3: "Intégration de contexte", 4: "Avancé", 5: "Expert"}
_GAPS = {
    "capabilities.rag": (
        "RAG (génération augmentée par la recherche)",
        "définit le niveau 3 (Intégration de contexte)",
    ),
    "capabilities.vector_data": ("Données d'entreprise vectorisées", "soutient le niveau 3 (Intégration de contexte)"),
    "capabilities.data_pipelines": (
        "Pipelines d'intégration de données",
        "soutient le niveau 3 (Intégration de contexte)",
    ),
    "governance.data_governance": ("gouvernance des données", "gouvernance adaptée au niveau 3"),
}
_PHASES = [
    {
        "name": "Apprendre et consolider",
        "horizon": "0-6 mois",
        "objective": "Livrer 4 cas d'usage sur un socle de niveau 2 (Débutant)",
        "governance": [
            "Filtres en entrée et en sortie (données personnelles, toxicité, politique) sur chaque application",
            "Journalisation des requêtes et des réponses, avec des règles de conservation",
        ],
    },
    {
        "name": "Monter d'un niveau",
        "horizon": "6-12 mois",
        "objective": "Livrer 4 cas d'usage sur un socle de niveau 3 (Intégration de contexte)",
        "governance": [
            "Porter la gouvernance des données au niveau de base",
            "Propriété des données et droits d'accès respectés par la recherche "
            "(aucune réponse tirée d'un document que l'utilisateur ne peut pas lire)",
        ],
    },
    {
        "name": "Étendre ce qui fonctionne",
        "horizon": "12-24 mois",
        "objective": "Consolider les capacités et la gouvernance du niveau 4 (Avancé)",
        "governance": ["Porter la politique d'IA au niveau avancé", "Porter le monitoring au niveau avancé"],
    },
]


def french_assessment() -> dict[str, Any]:
    """`FIXED_ASSESSMENT` with its texts in French: the same ids, keys, levels and scores."""
    a = copy.deepcopy(FIXED_ASSESSMENT)
    m = a["maturity"]
    m["name"] = _LEVELS[m["level"]]
    for finding in m["evidence"]:
        level = int(finding["conclusion"].split()[1])
        reached = (
            "atteint"
            if finding["conclusion"].endswith(" reached") and "not" not in finding["conclusion"]
            else "non atteint"
        )
        finding["conclusion"] = f"niveau {level} ({_LEVELS[level]}) {reached}"
    for gap in m["gaps"]:
        gap["name"], gap["why"] = _GAPS[gap["item"]]
    for case in a["use_cases"]:
        case["title"], case["rationale"] = _USE_CASES[case["id"]]
        case["description"] = ""
    s = a["strategy"]
    s["title"] = "Approche incrémentale et évolutive"
    s["reasons"] = [
        "au niveau 2 (Débutant), les compétences sont encore en construction",
        "une faible appétence au risque favorise d'abord des cas d'usage simples et éprouvés",
        "les meilleurs cas d'usage sont tous à un niveau au plus de la situation actuelle",
    ]
    s["rationale"] = (
        "Approche incrémentale et évolutive : au niveau 2 (Débutant), les compétences sont encore en "
        "construction ; une faible appétence au risque favorise d'abord des cas d'usage simples et "
        "éprouvés. Ensuite : l'approche hybride (3 points contre 4)."
    )
    s["alternatives"][0]["reasons"] = [
        "une organisation de taille moyenne ou grande peut mener deux chantiers à la fois",
        "le budget permet un chantier de base et un chantier avancé en parallèle",
    ]
    s["alternatives"][1]["reasons"] = [
        "la valeur se concentre sur le marketing et les ventes et sur le service",
        "contre : une faible appétence au risque déconseille de sauter des niveaux",
    ]
    s["watch_out"] = [
        "les concurrents peuvent se différencier plus vite sur les cas d'usage stratégiques",
        "un portefeuille de petits succès peut manquer d'une ambition commune",
    ]
    for phase, texts in zip(a["roadmap"]["phases"], _PHASES, strict=True):
        phase.update(texts)
    a["roadmap"]["notes"] = [
        "Le chatbot client sur la base de connaissances prolonge l'automatisation des réponses aux "
        "questions fréquentes : il porte le même cas d'usage au niveau 3",
    ]
    return a
