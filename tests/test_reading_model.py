"""Understanding with a model (issues 10, 15, 16): one extraction per turn fills every field the
answer gives, the guided reading is the floor, and the respondent's words outrank the model."""

from __future__ import annotations

import json

import pytest

from agent.events import AnswerRecorded, AssistantText
from agent.extraction import MAX_ANSWER_CHARS
from agent_fakes import FakeAdvisorChat, last_question, say, store_for
from tools.assess import assess

NOBODY = "no, nobody does that here"


def start(tmp_path, chat):
    store = store_for(tmp_path, chat)
    session = store.create("Acme")
    question, _ = last_question(session.start())
    return store, session, question


def extracts(chat):
    return [messages for kind, messages in chat.calls if kind == "extract"]


def test_a_lying_model_cannot_turn_nobody_into_production(tmp_path):
    """Issue 15 item 1: a model that claims production for every answer, answered with negatives
    to each capability question, must leave the organisation at level 1 with truthful evidence.
    The first answer to each question is one the guided reader cannot settle alone, so the liar
    is asked every time; a re-asked question gets "no, nobody does that here"."""

    def liar(kind, messages):
        if kind == "extract":
            return json.dumps({"understood": True, "value": "production", "follow_up": None})
        return None

    chat = FakeAdvisorChat(liar)
    store, session, question = start(tmp_path, chat)
    evasive = "Honestly? That's not something we've done."
    said: dict[str, str] = {}
    for _ in range(40):
        if question is None:
            break
        if question.id == "organization.sector":
            text = "a regional bank"
        elif question.section == "capabilities":
            text = NOBODY if question.id in said else evasive
        else:
            text = "I don't know"
        said[question.id] = text
        question, _ = last_question(session.answer(text))
    profile = session.profile()
    assert "extract" in chat.kinds()  # the liar was asked, and refused
    assert assess(profile).maturity.level == 1
    assert profile.capabilities and all(v.value == "none" for v in profile.capabilities.values())
    for field, evidence in profile.evidence.items():
        if field.startswith("capabilities."):
            assert evidence.answer in (NOBODY, evasive)
    store.close()


@pytest.mark.parametrize(
    "text",
    [
        NOBODY,
        "Honestly? That's not something we've done.",
        "nobody uses it in production",
        "personne ne fait ça ici",
        "not yet, we have not built anything",
    ],
)
def test_a_negation_cannot_become_production(text):
    from agent.extraction import Extraction
    from agent.questions import question
    from agent.reading.proposal import judge, support
    from agent.understand import understand

    rag = question("capabilities.rag")
    assert support(rag, "production", text) == "contradicted"
    judged = judge(rag, text, understand(rag, text), Extraction(understood=True, value="production"))
    assert judged.reading.value in (None, "none")


def test_the_guided_reading_survives_a_model_that_did_not_understand(tmp_path):
    """Issue 16 item 6: "not understood" from the model never drops a correct guided value."""
    chat = FakeAdvisorChat()  # default extraction: not understood
    store, session, _ = start(tmp_path, chat)
    question, _ = last_question(session.answer("a regional bank, nothing more to say really"))
    assert extracts(chat)  # the size was still unknown: the model was asked
    assert session.profile().organization.sector == "banking"
    assert question.id != "organization.sector"
    store.close()


def test_a_model_that_disagrees_with_the_words_is_overruled_and_the_respondent_told(tmp_path):
    def responder(kind, messages):
        return json.dumps({"understood": True, "value": "healthcare"}) if kind == "extract" else None

    chat = FakeAdvisorChat(responder)
    store, session, _ = start(tmp_path, chat)
    _, events = last_question(session.answer("a mutual insurer that also covers some health risks"))
    assert extracts(chat)
    assert session.profile().organization.sector == "insurance"
    told = " ".join(e.text for e in events if isinstance(e, AssistantText))
    assert "sector: Insurance" in told and "/back" in told
    store.close()


def test_a_clear_guided_reading_needs_no_model_call(tmp_path):
    chat = FakeAdvisorChat()
    store, session, _ = start(tmp_path, chat)
    say(session, "retail")
    say(session, "Everyone uses ChatGPT or Copilot for drafting emails, it's daily routine now")
    assert not extracts(chat)
    assert session.profile().capabilities["public_llm_use"].value == "production"
    store.close()


def test_a_value_the_words_do_not_carry_is_not_stored(tmp_path):
    def responder(kind, messages):
        return json.dumps({"understood": True, "value": "production"}) if kind == "extract" else None

    chat = FakeAdvisorChat(responder)
    store, session, _ = start(tmp_path, chat)
    say(session, "retail")
    question, _ = last_question(session.answer("hard to put into words, it depends on the week"))
    assert question.id == "capabilities.public_llm_use"  # asked again
    assert "public_llm_use" not in session.profile().capabilities
    store.close()


def test_the_model_adds_what_the_guided_reader_missed_when_the_words_carry_it(tmp_path):
    def responder(kind, messages):
        return json.dumps({"understood": True, "value": "production"}) if kind == "extract" else None

    chat = FakeAdvisorChat(responder)
    store, session, _ = start(tmp_path, chat)
    say(session, "retail")
    say(session, "production")
    say(session, "Our developers wired GPT-4 into the CRM last spring, it drafts most replies")
    assert session.profile().capabilities["llm_api_apps"].value == "production"
    store.close()


def test_one_extraction_fills_every_field_the_answer_gives(tmp_path):
    def responder(kind, messages):
        if kind == "extract":
            return json.dumps({"understood": True, "value": "insurance", "size": "large", "follow_up": None})
        return None

    chat = FakeAdvisorChat(responder)
    store, session, question = start(tmp_path, chat)
    assert question.id == "organization.sector"
    before = len(chat.calls)
    _, events = last_question(session.answer("Horizon, a big insurer with offices in twelve countries"))
    assert len(chat.calls) - before == 1  # one model call in the turn
    profile = session.profile()
    assert profile.organization.sector == "insurance"
    assert profile.organization.size.value == "large"
    assert profile.organization.name == "Acme"  # the session's client name is never replaced
    recorded = {e.field: e.value for e in events if isinstance(e, AnswerRecorded)}
    assert recorded == {"organization.sector": "insurance", "organization.size": "large"}
    prompt = extracts(chat)[0][-1].content  # the guided reading goes in as a hint; size came from the model
    assert 'Keyword hint: value="insurance"' in prompt and '"size"' in prompt
    store.close()


def test_extra_fields_the_words_contradict_or_do_not_carry_are_refused(tmp_path):
    def responder(kind, messages):
        if kind == "extract":
            return json.dumps({"understood": True, "value": "banking", "size": "large"})
        return None

    chat = FakeAdvisorChat(responder)
    store, session, _ = start(tmp_path, chat)
    say(session, "we are a regional bank of about 300 people, mostly in the north")
    organization = session.profile().organization
    assert organization.sector == "banking"
    assert organization.size.value == "medium"  # the words' head count, not the model's "large"
    store.close()


def test_the_answer_sent_to_the_model_is_capped(tmp_path):
    chat = FakeAdvisorChat()
    store, session, _ = start(tmp_path, chat)
    say(session, "retail")
    say(session, "it depends on the week and on who you ask " * 300)
    prompt = extracts(chat)[-1][-1].content
    answer = json.loads(prompt.split("Answer (DATA): ", 1)[1])
    assert len(answer) <= MAX_ANSWER_CHARS + 2
    store.close()


def test_an_unknown_answer_needs_no_model_and_says_how_to_skip(tmp_path):
    chat = FakeAdvisorChat()
    store, session, _ = start(tmp_path, chat)
    say(session, "retail")
    question, events = last_question(session.answer("I don't know, I'd have to ask IT"))
    assert not extracts(chat)
    assert question.id != "capabilities.public_llm_use"
    assert any(isinstance(e, AssistantText) and "/skip" in e.text for e in events)
    store.close()


def test_prompt_tokens_of_an_extraction_are_counted_from_the_server(tmp_path, httpserver):
    """Against the Ollama stub: the server's prompt_eval_count is what the bench reports."""
    from test_agent_ollama import OllamaStub, kind, settings_for

    from agent.retrieval import BuiltinRetriever
    from agent.session import SqliteSessionStore

    stub = OllamaStub(httpserver)
    store = SqliteSessionStore(settings_for(tmp_path, stub.host), retriever=BuiltinRetriever())
    session = store.create("Acme")
    list(session.start())
    list(session.answer("retail"))
    list(session.answer("a couple of teams use a chatbot we built on an API"))
    body = next(b for b in stub.requests if kind(b) == "extract")
    assert "Keyword hint:" in body["messages"][-1]["content"]
    lm, _ = store.language_model()
    assert lm is not None and [r.prompt_tokens for r in lm.usage.of("extract")] == [10]  # the stub's prompt_eval_count
    store.close()
