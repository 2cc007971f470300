"""The guided reader's vocabularies, English and French, already in `normalise`d form.

Each value lists the phrases that say it. Phrases are matched as whole words; a phrase in a
clause that negates it does not count ("not in production", "personne ne l'utilise")."""

from __future__ import annotations

UNKNOWN = ("don t know", "dont know", "do not know", "no idea", "not sure", "unsure", "unknown", "n/a",
           "no clue", "can t say", "cannot say", "hard to say", "i m not sure", "idk", "dunno", "skip", "pass",
           "je ne sais pas", "je sais pas", "sais pas", "aucune idee", "pas sur", "inconnu", "ne sait pas",
           "je ne suis pas sur", "aucune id e")
# Said anywhere in a longer answer, these still mean "ask someone else" ("I'd have to ask IT").
ASK_SOMEONE = ("have to ask", "need to ask", "d have to ask", "would have to ask", "ask our", "ask the it",
               "check with", "have to check", "need to check", "not my area", "not the right person",
               "faudrait demander", "faut demander", "demander a", "voir avec", "il faudrait verifier",
               "pas mon domaine", "je me renseigne")
UNKNOWN_OPENERS = ("i don t know", "i dont know", "i do not know", "no idea", "not sure", "i m not sure",
                   "je ne sais pas", "je sais pas", "aucune idee", "honestly no idea", "dunno")

YES = ("yes", "y", "yeah", "yep", "yup", "sure", "of course", "absolutely", "indeed", "correct", "true",
       "definitely", "certainly", "we do", "it does", "they do", "affirmative", "oui", "ouais", "bien sur",
       "tout a fait", "evidemment", "certes", "evidement", "absolument", "bien entendu")
NO = ("no", "n", "nope", "nah", "not really", "never", "false", "we don t", "we do not", "it doesn t",
      "not at all", "non", "pas du tout", "jamais", "pas vraiment", "aucunement", "no way")
# Regulated or sensitive data named in a yes/no answer about it: "only customer addresses, so some
# personal data" is a yes.
SENSITIVE = ("personal data", "personal information", "health", "patient", "patients", "medical", "clinical",
             "financial data", "bank details", "card data", "payment data", "payments", "customer addresses",
             "addresses", "gdpr", "hipaa", "pci", "pii", "sensitive", "regulated", "confidential", "privileged",
             "client files", "policyholder", "policyholders", "salaries", "payroll", "social security",
             "donnees personnelles", "donnees de sante", "sante", "medicales", "medical", "rgpd", "hds",
             "bancaires", "financieres", "dossiers patients", "secret professionnel", "sensibles", "adherents",
             "etat civil", "numero de securite sociale", "dossiers clients", "confidentielles")

ADOPTION = {
    "production": ("in production", "production", "live", "deployed", "rolled out", "everyday", "every day",
                   "daily", "routine", "widely used", "widespread", "everyone", "everybody", "all staff",
                   "all our staff", "whole company", "company wide", "across the company", "at scale",
                   "routinely", "all the time", "standard tool", "lots of people", "many people",
                   "most people", "most staff", "most of our staff", "la plupart", "beaucoup de monde", "en production", "generalise", "generalisee",
                   "tous les jours", "quotidien", "quotidienne", "au quotidien", "tout le monde", "deploye",
                   "deployee", "en service", "tous les collaborateurs", "tous nos"),
    "pilot": ("pilot", "piloting", "piloted", "poc", "proof of concept", "trial", "trialling", "trialing",
              "testing", "test phase", "prototype", "mvp", "beta", "one team", "pilote", "preuve de concept",
              "en test", "phase de test", "une experimentation", "un test", "maquette"),
    "exploring": ("exploring", "explore", "looking into", "looking at", "considering", "thinking about",
                  "a few people", "some people", "some staff", "a handful", "a few colleagues", "individually",
                  "informally", "informal", "tips", "experimenting", "playing with", "play with", "try", "trying", "tried",
                  "tinker", "tinkering", "curious", "learning", "on their own", "starting", "on regarde",
                  "exploration", "on explore", "quelques", "certains", "experimente", "experimentent",
                  "on commence", "essaient", "essayent", "testent", "de leur cote", "a titre perso",
                  "on s y interesse", "reflexion", "on reflechit"),
    "none": ("none", "not at all", "nothing", "nothing built", "not yet", "nobody", "no one", "never",
             "banned", "blocked", "forbidden", "not allowed", "not that i know", "not as far as i know",
             "interdit", "bloque", "pas que je sache", "pas a ma connaissance", "pas du tout", "aucun", "aucune", "rien", "pas encore", "personne", "jamais", "no", "non"),
}
GOVERNANCE = {
    "advanced": ("advanced", "formal", "formalised", "formalized", "mature", "comprehensive", "strong",
                 "audited", "enforced", "reviewed", "every year", "yearly", "board approved", "committee",
                 "certified", "iso", "full", "complete", "avance", "avancee", "audites", "auditees", "formalise", "formalisee", "complet",
                 "comite", "audite", "auditee", "revue chaque annee", "certifie"),
    "basic": ("basic", "some", "informal", "partial", "draft", "ad hoc", "a policy", "a charter", "guidelines", "guideline",
              "simple", "light", "minimal", "spot checks", "manual checks", "by hand", "now and then",
              "a few rules", "basique", "partiel", "partielle", "informel", "en cours", "une charte",
              "quelques regles", "des regles", "ponctuel", "a la main", "un peu", "yes", "oui"),
    "none": ("none", "nothing", "no", "not yet", "not at all", "nobody", "aucun", "aucune", "rien",
             "pas encore", "non", "personne"),
}
APPETITE = {
    "low": ("low", "small", "tight", "limited", "minimal", "modest", "cautious", "conservative", "averse",
            "careful", "risk averse", "prudent", "little", "not much", "shoestring", "wary", "slow",
            "no budget", "no dedicated budget", "nothing set aside", "pas de budget", "aucun budget",
            "faible", "bas", "basse", "prudente", "prudents", "prudentes", "petit", "limite", "reduit", "serre", "frileux", "frileuse",
            "modeste", "peu", "mefiant"),
    "medium": ("medium", "moderate", "average", "balanced", "reasonable", "middle", "in between", "some",
               "measured", "decent", "moyen", "moyenne", "modere", "moderee", "raisonnable", "mesure",
               "equilibre"),
    "high": ("high", "large", "big", "generous", "significant", "substantial", "aggressive", "bold", "lots",
             "open", "keen", "ambitious", "adventurous", "risk taking", "aventureux", "move fast", "go fast", "early adopter", "eager", "willing",
             "eleve", "elevee", "fort", "forte", "important", "importante", "gros", "ouvert", "ouverte",
             "ambitieux", "ambitieuse", "aller vite", "audacieux"),
}
SCALE = (  # most specific phrases first: "not very important" before "very important"
    (1, ("not important", "not at all important", "unimportant", "marginal", "negligible", "irrelevant",
         "barely", "hardly", "pas important", "negligeable", "marginale", "anecdotique")),
    (2, ("not very important", "not very", "not that important", "minor", "secondary", "peu important",
         "secondaire", "pas tres important")),
    (5, ("very important", "critical", "essential", "vital", "crucial", "core", "key", "central", "the heart",
         "everything", "huge", "our business", "tres important", "essentiel", "essentielle", "critique",
         "primordial", "cle", "coeur", "c est notre metier", "capital", "enorme")),
    (2, ("low", "small", "limited", "peu", "faible")),
    (3, ("moderate", "medium", "average", "somewhat", "some", "fairly", "so so", "moyen", "moyennement",
         "modere", "assez")),
    (4, ("important", "high", "major", "significant", "big", "a lot", "matters a lot", "strong", "fort",
         "elevee", "grande", "beaucoup", "importante")),
)
SIZE = {
    "micro": ("micro", "tiny", "a handful", "freelance", "solo", "tpe", "just me", "family business"),
    "small": ("small", "sme", "startup", "start up", "petite", "pme", "small business"),
    "medium": ("medium", "mid size", "midsize", "mid sized", "moyenne", "eti", "mid market"),
    "large": ("large", "big", "enterprise", "multinational", "corporation", "grande", "grand groupe", "groupe",
              "major", "global"),
}
ALL = ("all", "all of them", "everything", "every one", "all of those", "tous", "toutes", "tout")
NONE = ("none", "none of them", "nothing", "no data", "aucun", "aucune", "rien", "no", "non")

MULTI_ALIASES = {
    # value chain functions
    "inbound_logistics": ("inbound", "receiving", "warehouse", "warehousing", "stock", "stocks", "inventory",
                          "logistique amont", "approvisionnement", "reception", "entrepot"),
    "operations": ("operations", "production", "manufacturing", "back office", "factory", "plants", "fabrication",
                   "claims", "claims handling", "underwriting", "patient care", "clinical care", "legal work",
                   "casework", "case work", "lending", "credit", "housekeeping", "usine", "usines", "atelier",
                   "ateliers", "sinistres", "gestion des sinistres", "soins", "exploitation", "instruction",
                   "dossiers", "production"),
    "outbound_logistics": ("outbound", "delivery", "deliveries", "distribution", "shipping", "shipment",
                           "dispatch", "logistique aval", "livraison", "livraisons", "expedition", "expeditions"),
    "marketing_sales": ("marketing", "sales", "selling", "commercial", "bookings", "reservations",
                        "business development", "bizdev", "advisers", "advisors", "ventes", "vente", "commerciaux",
                        "prospection"),
    "service": ("service", "customer service", "patient services", "guest service", "services to patients", "support", "after sales", "customer care", "front desk",
                "reception desk", "guest", "guests", "member services", "helpdesk", "help desk", "call centre",
                "call center", "contact centre", "contact center", "sav", "service client", "relation client",
                "accueil", "relation adherents", "service aux usagers", "usagers", "guichet"),
    "firm_infrastructure": ("infrastructure", "finance", "legal", "compliance", "management", "accounting",
                            "billing", "administration", "admin", "juridique", "direction", "comptabilite",
                            "conformite", "facturation", "finances", "controle de gestion"),
    "hr_management": ("hr", "human resources", "human resource", "recruiting", "recruitment", "people team",
                      "talent", "staffing", "training", "rh", "ressources humaines", "recrutement", "formation",
                      "paie"),
    "technology_development": ("technology", "r&d", "research", "engineering", "software",
                               "it department", "it team", "the it", "development", "product development", "design office", "innovation lab",
                               "recherche", "developpement", "bureau d etudes", "informatique", "dsi"),
    "procurement": ("procurement", "purchasing", "buying", "sourcing", "suppliers", "achats", "achat",
                    "fournisseurs", "marches publics", "commande publique"),
    # objectives
    "revenue_growth": ("revenue", "growth", "sales growth", "grow", "sell more", "new customers",
                       "chiffre d affaires", "croissance", "vendre plus"),
    "cost_reduction": ("cost", "costs", "savings", "cheaper", "efficiency", "save money", "cut spending",
                       "couts", "cout", "economies", "reduire les depenses", "efficacite"),
    "customer_experience": ("customer experience", "customer satisfaction", "cx", "customers happy",
                            "serve customers better", "better service", "service quality", "patient experience",
                            "guest experience", "member experience", "experience client", "satisfaction client",
                            "qualite de service", "mieux servir", "experience adherent", "experience usager",
                            "service aux usagers"),
    "employee_productivity": ("productivity", "productive", "save time", "saving time", "free up time",
                              "freeing up", "free up", "time back", "fee earners time",
                              "staff time", "workload", "gagner du temps", "productivite", "charge de travail",
                              "soulager les equipes"),
    "innovation": ("innovation", "innovate", "new products", "new offers", "new services", "innover",
                   "nouveaux produits", "nouvelles offres"),
    "risk_compliance": ("risk", "risks", "compliance", "regulatory", "regulation", "regulator", "regulators", "audit",
                        "regulateur", "conformite",
                        "risque", "risques", "reglementaire", "reglementation"),
    "time_to_market": ("time to market", "faster launches", "launch faster", "speed", "go faster",
                       "delai", "delais", "rapidite", "mise sur le marche"),
    # data kinds
    "documents": ("documents", "document", "docs", "pdf", "pdfs", "contracts", "payslips", "loan applications",
                  "applications", "forms", "cvs", "call notes", "manuals", "procedures",
                  "reports", "emails", "e mails", "mail", "letters", "policies", "case files", "files",
                  "knowledge base", "wiki", "notes", "clinical documents", "contrats", "rapports", "courriers",
                  "courriels", "notes", "deliberations", "actes", "jurisprudence", "dossiers"),
    "customer_data": ("customer data", "crm", "customers", "clients", "client data", "patient records",
                      "patients", "medical records", "policyholders", "policyholder data", "members",
                      "member data", "guest data", "guests", "citizens", "residents", "accounts",
                      "donnees clients", "dossiers patients", "adherents", "usagers", "administres",
                      "fichier client", "fichiers clients"),
    "transactions": ("transactions", "transaction", "transaction history", "orders", "sales data", "invoices", "payments", "claims", "bookings",
                     "reservations", "scheduling", "schedules", "appointments", "billing", "commandes",
                     "factures", "paiements", "sinistres", "plannings", "planning", "rendez vous",
                     "remboursements"),
    "product_data": ("product", "products", "product data", "catalogue", "catalog", "specifications", "specs",
                     "drawings", "cad", "bill of materials", "produits", "produit", "plans", "nomenclatures",
                     "fiches techniques"),
    "code": ("code", "source code", "repositories", "repos", "git", "scripts", "code source"),
    "images": ("images", "image", "photos", "pictures", "video", "videos", "scans", "x rays", "imaging",
               "radiologie", "imagerie"),
    "sensor_data": ("sensor", "sensors", "iot", "telemetry", "machine data", "machines", "capteurs",
                    "donnees machines"),
}
