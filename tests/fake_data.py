"""A fixed assessment (Acme Retail, trimmed) for the fake session, tests and snapshots.

Written out once from `tools.assess` so that snapshots do not move when the methodology does.
"""

from typing import Any

FIXED_ASSESSMENT: dict[str, Any] = {
    "organization": {"name": "Acme Retail", "sector": "retail", "sector_key": "retail", "size": "large"},
    "maturity": {
        "level": 2,
        "name": "Beginner",
        "progress": 0.467,
        "confidence": 1.0,
        "evidence": [
            {
                "field": "capabilities.public_llm_use",
                "value": "production",
                "conclusion": "level 1 (Exploratory) reached",
                "source": "profile",
            },
            {
                "field": "capabilities.llm_api_apps",
                "value": "pilot",
                "conclusion": "level 2 (Beginner) reached",
                "source": "profile",
            },
            {
                "field": "capabilities.rag",
                "value": "none",
                "conclusion": "level 3 (Context integration) not reached",
                "source": "profile",
            },
            {
                "field": "capabilities.fine_tuning",
                "value": "none",
                "conclusion": "level 4 (Advanced) not reached",
                "source": "profile",
            },
            {
                "field": "capabilities.custom_models",
                "value": "none",
                "conclusion": "level 5 (Expert) not reached",
                "source": "profile",
            },
        ],
        "gaps": [
            {
                "item": "capabilities.rag",
                "name": "Retrieval augmented generation",
                "level": 3,
                "current": "none",
                "needed": "pilot",
                "why": "defines level 3 (Context integration)",
            },
            {
                "item": "capabilities.vector_data",
                "name": "Vectorized enterprise data",
                "level": 3,
                "current": "none",
                "needed": "pilot",
                "why": "supports level 3 (Context integration)",
            },
            {
                "item": "capabilities.data_pipelines",
                "name": "Data integration pipelines",
                "level": 3,
                "current": "none",
                "needed": "pilot",
                "why": "supports level 3 (Context integration)",
            },
            {
                "item": "governance.data_governance",
                "name": "data governance",
                "level": 3,
                "current": "none",
                "needed": "basic",
                "why": "governance suited to level 3",
            },
        ],
        "ahead": [],
        "next_level": 3,
        "unknown": [],
    },
    "use_cases": [
        {
            "id": "faq_automation",
            "title": "FAQ answer automation",
            "function": "service",
            "min_level": 2,
            "value": 0.86,
            "feasibility": 0.867,
            "risk": 0.674,
            "priority": 0.755,
            "quadrant": "quick_win",
            "rationale": "Service weighs 4/5, serves customer experience, cost reduction, "
            "answers the stated pain point; needs level 2, already reached; high "
            "risk (accuracy, confidentiality) on regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "Frequent customer questions are answered automatically by an "
            "application on an LLM API, working from an approved set of "
            "questions and answers, with filters and a hand-over to an agent "
            "when unsure.",
        },
        {
            "id": "customer_reply_drafting",
            "title": "Customer reply rewording",
            "function": "service",
            "min_level": 1,
            "value": 0.71,
            "feasibility": 0.937,
            "risk": 0.697,
            "priority": 0.697,
            "quadrant": "quick_win",
            "rationale": "Service weighs 4/5, serves customer experience, answers the stated "
            "pain point; needs level 1, already reached; high risk "
            "(confidentiality, accuracy) on regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "Service agents use a public assistant to rephrase their answers, "
            "soften the tone of difficult replies or fix language, after "
            "removing names and account details.",
        },
        {
            "id": "product_description_generation",
            "title": "Product listing and description generation",
            "function": "marketing_sales",
            "min_level": 2,
            "value": 0.85,
            "feasibility": 0.647,
            "risk": 0.674,
            "priority": 0.684,
            "quadrant": "quick_win",
            "rationale": "Marketing sales weighs 5/5, serves cost reduction, answers the "
            "stated pain point, fits the retail sector; needs level 2, already "
            "reached, lacks product data data; high risk (accuracy, ip) on "
            "regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "Product attributes and supplier sheets are turned into "
            "search-friendly titles, descriptions and specifications for "
            "thousands of catalogue items through an LLM API, with checks on "
            "the facts.",
        },
        {
            "id": "marketing_content_generation",
            "title": "Marketing content generation",
            "function": "marketing_sales",
            "min_level": 1,
            "value": 0.64,
            "feasibility": 0.957,
            "risk": 0.73,
            "priority": 0.661,
            "quadrant": "quick_win",
            "rationale": "Marketing sales weighs 5/5, answers the stated pain point; needs "
            "level 1, already reached; high risk (accuracy, confidentiality) on "
            "regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "Marketers draft campaign copy, social posts, newsletters and ad "
            "variants with a public assistant, then edit and approve them; no "
            "customer data goes into the prompts.",
        },
        {
            "id": "ticket_triage",
            "title": "Support ticket triage and routing",
            "function": "service",
            "min_level": 2,
            "value": 0.71,
            "feasibility": 0.827,
            "risk": 0.719,
            "priority": 0.659,
            "quadrant": "quick_win",
            "rationale": "Service weighs 4/5, serves cost reduction, customer experience; "
            "needs level 2, already reached; high risk (accuracy, "
            "confidentiality) on regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "Incoming emails, forms and complaints are read by an LLM "
            "application that tags the topic, urgency and sentiment, routes "
            "each ticket to the right team and drafts a first answer.",
        },
        {
            "id": "shipping_message_templates",
            "title": "Shipping notification templates",
            "function": "outbound_logistics",
            "min_level": 1,
            "value": 0.48,
            "feasibility": 0.917,
            "risk": 0.43,
            "priority": 0.629,
            "quadrant": "fill_in",
            "rationale": "Outbound logistics weighs 3/5, serves customer experience; needs "
            "level 1, already reached; moderate risk (accuracy, confidentiality) "
            "on regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "The logistics team uses a public assistant to write clear "
            "templates for dispatch, delay and delivery notifications, in "
            "several tones and languages, before loading them into its tools.",
        },
        {
            "id": "customer_chatbot_rag",
            "title": "Customer chatbot on the knowledge base",
            "function": "service",
            "min_level": 3,
            "value": 0.86,
            "feasibility": 0.488,
            "risk": 0.763,
            "priority": 0.624,
            "quadrant": "strategic_bet",
            "rationale": "Service weighs 4/5, serves customer experience, cost reduction, "
            "answers the stated pain point; needs level 3, 1 above today's level "
            "2, lacks product data data; high risk (accuracy, confidentiality) on "
            "regulated data.",
            "blocker": None,
            "evolves_from": "faq_automation",
            "description": "A chatbot answers customers from the firm's own knowledge base, "
            "product documentation and policies, retrieved at question time, "
            "and can look up the status of the customer's own orders or "
            "contracts.",
        },
        {
            "id": "ecommerce_recommendation_finetuned",
            "title": "Personalised product recommendation",
            "function": "marketing_sales",
            "min_level": 4,
            "value": 0.85,
            "feasibility": 0.287,
            "risk": 0.73,
            "priority": 0.565,
            "quadrant": "strategic_bet",
            "rationale": "Marketing sales weighs 5/5, serves customer experience, answers the "
            "stated pain point, fits the retail sector; needs level 4, 2 above "
            "today's level 2, lacks transactions, product data data; high risk "
            "(bias, confidentiality) on regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "A language model fine-tuned on browsing and purchase histories and "
            "on product characteristics suggests products to each shopper and "
            "explains the suggestion in a conversational way.",
        },
        {
            "id": "market_research_synthesis",
            "title": "Market and competitor research synthesis",
            "function": "marketing_sales",
            "min_level": 1,
            "value": 0.49,
            "feasibility": 0.957,
            "risk": 0.919,
            "priority": 0.548,
            "quadrant": "fill_in",
            "rationale": "Marketing sales weighs 5/5; needs level 1, already reached; high "
            "risk (accuracy, confidentiality) on regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "Analysts use a public assistant to summarise public reports, "
            "competitor websites and trend articles into short briefs, checking "
            "each claim against the original source.",
        },
        {
            "id": "sales_proposal_rag",
            "title": "Proposal and tender response drafting",
            "function": "marketing_sales",
            "min_level": 3,
            "value": 0.49,
            "feasibility": 0.475,
            "risk": 0.963,
            "priority": 0.395,
            "quadrant": "deprioritize",
            "rationale": "Marketing sales weighs 5/5; needs level 3, 1 above today's level 2, "
            "lacks product data data; high risk (accuracy, confidentiality) on "
            "regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "Sales teams answering requests for proposal get first drafts built "
            "from past winning bids, product sheets, certifications and "
            "references retrieved from the firm's document base.",
        },
        {
            "id": "customs_classification_rag",
            "title": "Customs classification and export documents",
            "function": "outbound_logistics",
            "min_level": 3,
            "value": 0.42,
            "feasibility": 0.402,
            "risk": 1.0,
            "priority": 0.331,
            "quadrant": "deprioritize",
            "rationale": "Outbound logistics weighs 3/5, serves cost reduction; needs level 3, "
            "1 above today's level 2, lacks product data, documents data; high "
            "risk (accuracy, regulatory) on regulated data.",
            "blocker": None,
            "evolves_from": None,
            "description": "The assistant proposes tariff codes and drafts export declarations "
            "and origin certificates by retrieving customs rules, past rulings "
            "and the firm's own product files, for a declarant to sign off.",
        },
    ],
    "strategy": {
        "name": "incremental",
        "title": "Incremental and evolutive",
        "score": 4,
        "reasons": [
            "at level 2 (Beginner) the skills are still being built",
            "a low risk appetite favours proven, simple use cases first",
            "the best use cases are all within one level of today",
        ],
        "rationale": "Incremental and evolutive: at level 2 (Beginner) the skills are still "
        "being built; a low risk appetite favours proven, simple use cases "
        "first; the best use cases are all within one level of today. Next "
        "best: hybrid (3 points against 4).",
        "alternatives": [
            {
                "name": "hybrid",
                "score": 3,
                "reasons": [
                    "a medium or large organisation can run two tracks at once",
                    "the budget allows a basic and an advanced track in parallel",
                    "foundations are in place to keep a basic track running",
                ],
            },
            {
                "name": "focused",
                "score": 0,
                "reasons": [
                    "value concentrates on marketing sales and service",
                    "against: a low risk appetite argues against skipping levels",
                ],
            },
        ],
        "watch_out": [
            "competitors may differentiate faster on strategic use cases",
            "a portfolio of small wins can lack a unifying ambition",
        ],
    },
    "roadmap": {
        "phases": [
            {
                "name": "Learn and consolidate",
                "horizon": "0-6 months",
                "start_month": 0,
                "end_month": 6,
                "target_level": 2,
                "use_cases": [
                    "customer_reply_drafting",
                    "marketing_content_generation",
                    "shipping_message_templates",
                    "faq_automation",
                ],
                "capabilities": ["io_filters", "private_cloud_ai"],
                "pattern": [
                    "user_interface",
                    "orchestrator",
                    "pretrained_llm",
                    "api_integration",
                    "monitoring",
                    "custom_apps",
                ],
                "governance": [
                    "Input and output filters (personal data, toxicity, policy) on every application",
                    "Logging of prompts and answers with retention rules",
                ],
                "solutions": [
                    "LLM APIs: OpenAI API, Anthropic API, Google Gemini API, Mistral API",
                    "Private cloud AI platforms: Azure OpenAI Service, Amazon Bedrock, Google Vertex AI",
                ],
                "objective": "Deliver 4 use cases on a level 2 (Beginner) pattern",
            },
            {
                "name": "Climb one level",
                "horizon": "6-12 months",
                "start_month": 6,
                "end_month": 12,
                "target_level": 3,
                "use_cases": ["product_description_generation", "ticket_triage", "customer_chatbot_rag"],
                "capabilities": ["rag", "vector_data", "data_pipelines"],
                "pattern": [
                    "user_interface",
                    "orchestrator",
                    "pretrained_llm",
                    "api_integration",
                    "rag",
                    "monitoring",
                    "custom_apps",
                ],
                "governance": [
                    "Raise data governance to basic",
                    "Data ownership and access rights carried into retrieval "
                    "(no answer from a document the user may not read)",
                ],
                "solutions": [
                    "Orchestration frameworks: LangChain, LangGraph, LlamaIndex, Haystack",
                    "Vector stores: Qdrant, Weaviate, pgvector, Azure AI Search, Elasticsearch",
                ],
                "objective": "Deliver 4 use cases on a level 3 (Context integration) pattern",
            },
            {
                "name": "Scale what works",
                "horizon": "12-24 months",
                "start_month": 12,
                "end_month": 24,
                "target_level": 4,
                "use_cases": [],
                "capabilities": ["fine_tuning", "ml_team"],
                "pattern": [
                    "user_interface",
                    "orchestrator",
                    "pretrained_llm",
                    "api_integration",
                    "rag",
                    "fine_tuning",
                    "monitoring",
                    "custom_apps",
                ],
                "governance": ["Raise ai policy to advanced", "Raise monitoring to advanced"],
                "solutions": [
                    "Fine-tuning platforms: Azure AI Foundry fine-tuning, "
                    "Amazon SageMaker, Vertex AI tuning, OpenAI fine-tuning",
                    "ML frameworks: PyTorch, TensorFlow, Hugging Face Transformers, PEFT / LoRA",
                ],
                "objective": "Consolidate level 4 (Advanced) capabilities and governance",
            },
        ],
        "later": [],
        "notes": [
            "brand_content_studio follows marketing_content_generation: it raises the same use case to level 2",
            "customer_chatbot_rag follows faq_automation: it raises the same use case to level 3",
        ],
    },
    "methodology_version": "1.0",
}
