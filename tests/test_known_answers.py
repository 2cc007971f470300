"""The known-answer questions (tests/data/known_answers.yaml) with fake chat models: the
advisor's own answer to each is right, in the question's language; the key facts go to the
model first; a model answer that contradicts the assessment or the method, or leaves out a key
fact, is replaced and the user told so in one line (in the question's language); a right answer
is kept as written; every /ask prompt keeps its budget."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from agent import answers, report
from agent.budget import BUDGETS, estimate_tokens
from agent.events import AssistantText, Notice
from agent.language import language_of
from agent_fakes import FakeAdvisorChat, last_question, store_for
from bench.known_answers import judge, load_known_answers
from knowledge.locales import LOCALE_DIR
from tools.assess import assess
from tools.profile_io import load_profile

KNOWN = load_known_answers()
BY_ID = {e.id: e for e in KNOWN.questions}
ACME = load_profile(KNOWN.client_path).model_copy(update={"governance": {}})  # level 2, incremental;
# its governance is left to ask, so the interview has a question pending
ASSESSMENT = assess(ACME)


def seeded(tmp_path, chat=None):
    store = store_for(tmp_path, chat)
    session = store.create("Acme Retail", seed=ACME)
    question, _ = last_question(session.start())
    return store, session, question


def asked(session, text):
    question, events = last_question(session.answer(text))
    finals = [e for e in events if isinstance(e, AssistantText) and e.final]
    notices = [e for e in events if isinstance(e, Notice)]
    return finals[-1], notices, question


def test_the_set_is_large_and_half_french():
    assert len(KNOWN.questions) >= 24
    assert sum(e.lang == "fr" for e in KNOWN.questions) * 2 >= len(KNOWN.questions)
    assert all(e.must for e in KNOWN.questions)


@pytest.mark.parametrize("entry", KNOWN.questions, ids=[e.id for e in KNOWN.questions])
def test_the_advisor_s_own_answer_to_each_known_question_is_right(tmp_path, entry):
    store, session, _ = seeded(tmp_path)  # guided: the deterministic answer
    final, _, _ = asked(session, "/ask " + entry.question)
    assert judge(final.text, entry, ASSESSMENT) == []
    assert report.ground(entry.question, ASSESSMENT, entry.lang)  # every known question has key facts
    store.close()


def _english_sentences() -> list[str]:
    """The answers domain's English messages of three words or more, without their placeholders."""
    with open(LOCALE_DIR / "fr" / "LC_MESSAGES" / "answers.po", "rb") as handle:
        catalogue = read_po(handle)
    pieces = []
    for message in catalogue:
        if message.id and message.string != message.id:
            pieces += [p.strip() for p in re.split(r"\{\w+\}", str(message.id)) if len(p.split()) >= 3]
    return pieces


@pytest.mark.parametrize("entry", [e for e in KNOWN.questions if e.lang == "fr"], ids=lambda e: e.id)
def test_a_french_question_gets_a_french_answer_with_none_of_our_english(tmp_path, entry):
    store, session, _ = seeded(tmp_path)
    final, _, _ = asked(session, "/ask " + entry.question)
    leaked = [p for p in _english_sentences() if p in final.text]
    assert leaked == []
    assert language_of(final.text) == "fr"
    english = assess(ACME)  # the assessment's own English texts never reach a French answer
    assert not [r for r in english.strategy.reasons if r in final.text]
    store.close()


def test_the_key_facts_reach_the_model_first(tmp_path):
    chat = FakeAdvisorChat()
    store, session, _ = seeded(tmp_path, chat)
    asked(session, "/ask " + BY_ID["levels-3-4"].question)
    prompt = [m for k, m in chat.calls if k == "answer"][0][-1].content
    assert prompt.index("Key facts") < prompt.index("Passages")
    assert "Level 3, Context integration" in prompt and "Level 4, Advanced" in prompt
    store.close()


WRONG = {  # what a 1.5B model said, or might say, to these questions
    "levels-3-4": "Level 3 requires fine-tuning, training-grade compute and model pre-training [1].",
    "strategy": "Given your ambitions, a hybrid strategy fits you best [1].",
    "why-level": "Acme Retail is at level 4 because its chatbots are in production [1].",
    "why-not-hybrid": "A hybrid approach is best for Acme Retail: we recommend it [1].",
    "fr-strategy": "Nous vous recommandons une stratégie hybride, plus ambitieuse [1].",
    "fr-why-level": "Vous êtes au niveau 3 grâce à vos applications [1].",
}
INCOMPLETE = {  # fluent, faithful as far as it goes, and missing what the question was about
    "levels-3-4": "Level 4 builds on level 3 with more sophisticated techniques to understand requests [1].",
    "what-rag": "RAG stands for Relevance, Accuracy and Generality; it makes answers more relevant [1].",
    "point-of-level-4": "Level 4 goes further than what you do today and improves the answers [1].",
    "fr-levels-3-4": "Le niveau 4 est une étape plus avancée, où le modèle comprend davantage de contexte [1].",
    "fr-why-not-focused": "Pourquoi pas l'approche focalisée ? [1]",
    "fr-fine-tuning": "C'est une technique avancée qui améliore le modèle [1].",
}


@pytest.mark.parametrize(
    ("entry_id", "reply", "why"),
    [(k, v, "contradicted") for k, v in WRONG.items()] + [(k, v, "left out") for k, v in INCOMPLETE.items()],
)
def test_a_wrong_or_incomplete_model_answer_is_replaced_and_the_user_told(tmp_path, entry_id, reply, why):
    entry = BY_ID[entry_id]
    chat = FakeAdvisorChat(lambda kind, messages: reply if kind == "answer" else None)
    store, session, pending = seeded(tmp_path, chat)
    final, notices, question = asked(session, "/ask " + entry.question)
    assert "answer" in chat.kinds()
    assert final.text != reply and judge(final.text, entry, ASSESSMENT) == []
    told = [n.text for n in notices if answers.replaced(n.text)]
    assert len(told) == 1 and "\n" not in told[0]
    if entry.lang == "fr":
        assert (
            "réponse du conseiller" in told[0] and ("contredisait" if why == "contradicted" else "omettait") in told[0]
        )
    else:
        assert why in told[0]
    assert final.sources and question.id == pending.id  # the passages, then the interview resumes
    assert not session.guided
    store.close()


RIGHT = {  # what a faithful model answer says: the key facts, explained, with citations
    "levels-3-4": "Level 3 adds RAG over your own documents [1]; level 4 fine-tunes a model on company data [2].",
    "why-not-hybrid": (
        "Not the hybrid approach: it scores 3 points against 5 for the incremental and evolutive approach, "
        "which suits a beginner whose skills are still being built [1]."
    ),
    "fr-fine-tuning": (
        "L'affinage (fine-tuning) ajuste un modèle pré-entraîné sur les paires entrée/réponse de l'entreprise [1]."
    ),
    "fr-why-level": "Acme Retail est au niveau 2, Débutant : ses applications sur API de LLM sont en pilote [1].",
    # the question's point said, the context (the client's own level) left to the passages
    "level-3-needs": "Start with RAG over your documents, then vectorised data and integration pipelines [1].",
    "point-of-level-4": "Level 4 fine-tunes a model on your own input/answer pairs, which RAG alone does not do [1].",
    "fr-next-step": "La prochaine étape est le RAG : rechercher vos documents au moment de la question [1].",
}


@pytest.mark.parametrize("entry_id", list(RIGHT))
def test_a_right_model_answer_is_kept_as_written(tmp_path, entry_id):
    chat = FakeAdvisorChat(lambda kind, messages: RIGHT[entry_id] if kind == "answer" else None)
    store, session, _ = seeded(tmp_path, chat)
    final, notices, _ = asked(session, "/ask " + BY_ID[entry_id].question)
    assert final.text == RIGHT[entry_id] and not notices
    store.close()


def test_every_known_question_s_prompt_keeps_the_answer_budget(tmp_path):
    chat = FakeAdvisorChat()
    store, session, _ = seeded(tmp_path, chat)
    for entry in KNOWN.questions:
        asked(session, "/ask " + entry.question)
    prompts = [m for k, m in chat.calls if k == "answer"]
    assert len(prompts) == len(KNOWN.questions)
    for messages in prompts:
        assert sum(estimate_tokens(str(m.content)) for m in messages) <= BUDGETS["answer"]
        assert "Key facts" in messages[-1].content
        assert "\n[1] " in messages[-1].content  # a passage to cite is left room beside the key facts
    store.close()


# --- phrasing: the session's language, and no call when a rewording adds nothing and costs time -----


def test_phrasing_is_asked_in_the_session_s_language():
    from agent.model import LanguageModel

    chat = FakeAdvisorChat(lambda kind, messages: "Dans quel secteur travaille Acme ?" if kind == "phrase" else None)
    lm = LanguageModel(chat)
    text = lm.phrase("Dans quel secteur l'organisation travaille-t-elle ?", {"name": "Acme"}, None, language="fr")
    assert text == "Dans quel secteur travaille Acme ?"
    assert "Write in: French" in chat.calls[-1][1][-1].content


@pytest.mark.parametrize(("previous", "phrased"), [("no", False), ("3", False), ("we pilot a chatbot on an API", True)])
def test_after_a_plain_answer_a_slow_model_does_not_reword(previous, phrased):
    from agent.budget import CallRecord
    from agent.model import LanguageModel

    chat = FakeAdvisorChat()
    lm = LanguageModel(chat)
    lm.usage.records.append(CallRecord(kind="phrase", total_s=1.8))  # the last rewording took 1.8 s
    question = "Do any applications answer from the organisation's own documents or data through retrieval (RAG)?"
    text = lm.phrase(question, {"name": "Acme"}, ("Have you built applications on LLM APIs?", previous))
    assert (text is not None) is phrased
    assert chat.kinds() == (["phrase"] if phrased else [])


def test_a_quick_model_rewords_even_after_a_plain_answer():
    from agent.budget import CallRecord
    from agent.model import LanguageModel

    chat = FakeAdvisorChat()
    lm = LanguageModel(chat)
    lm.usage.records.append(CallRecord(kind="phrase", total_s=0.3))
    question = "Do any applications answer from the organisation's own documents or data through retrieval (RAG)?"
    assert lm.phrase(question, {"name": "Acme"}, ("Have you built applications on LLM APIs?", "no")) is not None


def test_the_plain_summary_is_french_for_a_french_session():
    text = report.summary_text(ASSESSMENT, "fr")
    for phrase in ASSESSMENT.roadmap.phases[0].name, ASSESSMENT.roadmap.phases[0].horizon:
        text = text.replace(phrase[0].lower() + phrase[1:], "")  # the roadmap's own words: issue 14, tools
    assert [p for p in _english_sentences() if p in text] == []
    assert "niveau de maturité 2, Débutant" in text and "10\u00a0%" in text  # Babel: a non-breaking space
    assert report.faithful(report.summary_text(ASSESSMENT, "fr"), ASSESSMENT)


@pytest.mark.parametrize(
    ("text", "faithful"),
    [  # what the 1.5B really wrote, and the check's answer
        ("Hybrid is not recommended for Acme Retail because it scores 3 points against 5 [1].", True),
        ("L'approche hybride n'est pas recommandée pour Acme Retail [1].", True),
        ("Acme Retail is at level 2, which means it has not yet fully adopted advanced techniques like RAG.", True),
        ("The point of level 4 is to fine-tune pre-trained models on its own input/answer pairs [1].", True),
        ("A hybrid approach fits Acme Retail best [1].", False),
        (
            "L'approche hybride, qui combine progression et focalisation, est une excellente option pour Acme Retail.",
            False,
        ),
        ("C'est une approche qui convient bien pour les entreprises, l'approche hybride [1].", False),
        ("The hybrid approach would be a good choice for Acme Retail [1].", False),
        ("The incremental and evolutive approach is an excellent choice for Acme Retail [1].", True),
        ("Level 3 requires fine-tuning, training-grade compute and model pre-training [1].", False),
        ("Level 2 requires RAG over the whole document base [1].", False),
        ("To move up from Beginner to Intermediate, Acme Retail should start with RAG [1].", False),
        ("Pour passer du niveau débutant au niveau intermédiaire, commencez par le RAG [1].", False),
        ("An intermediate step is a pilot on one use case [1].", True),
    ],
)
def test_the_check_reads_negations_and_pre_trained_models(text, faithful):
    from agent.faithful import problems

    assert (problems(text, ASSESSMENT) == []) is faithful


def test_the_notice_names_what_was_left_out_once():
    key = report.ground(BY_ID["why-level"].question, ASSESSMENT, "en")
    note = answers.replacement_notice("Acme Retail has good prospects [1].", ASSESSMENT, key, "en")
    assert note == "The model's answer left out level 2: here is the advisor's own answer instead."
