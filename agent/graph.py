"""The interview as a LangGraph state graph: wiring only (the nodes are in `agent.nodes`).

    START → plan ─┬→ ask ─┬→ understand ─┬→ plan        (answer recorded)
                  │       │              └→ ask         (not understood: re-ask with choices)
                  │       ├→ skip → plan
                  │       ├→ explain → ask              (/ask, or a question ending with "?")
                  │       ├→ unknowns → plan            (/unknowns: the skipped questions again)
                  │       ├→ review → plan              (the closing offer to answer them: yes or no)
                  │       ├→ revisit → plan             (/back QUESTION: that one again, the rest kept)
                  │       ├→ report → ask               (/assess)
                  │       ├→ help → ask                 (/help, unknown commands)
                  │       └→ present                    (/done)
                  └→ present → END                      (nothing left to change the conclusion, confidence
                                                          at its floor, open questions offered)

    After the end, a new run of the same thread (input `{"last_input": text}`, see
    `nodes.follows_up`) answers follow-up questions without reopening the interview:
    START → explain → END, or START → unknowns → plan … to answer what was left unknown.

Going back with plain `/back` is not an edge: the session forks the thread from the checkpoint
where the last question was pending (LangGraph state history). `/back QUESTION`, resumed into the
graph, reaches `revisit`: that question is asked again and every other answer is kept.
"""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agent import answers, command_nodes, coverage, nodes
from agent.state import Context, InterviewState


def build_graph(
    checkpointer: BaseCheckpointSaver | None = None,
) -> CompiledStateGraph[InterviewState, Context, InterviewState, InterviewState]:
    graph = StateGraph(InterviewState, context_schema=Context)
    graph.add_node("plan", nodes.plan)
    graph.add_node("ask", nodes.ask)
    graph.add_node("understand", nodes.understand)
    graph.add_node("skip", nodes.skip)
    graph.add_node("explain", answers.explain)
    graph.add_node("report", command_nodes.report_assessment)
    graph.add_node("help", command_nodes.help_text)
    graph.add_node("present", nodes.present)
    graph.add_node("review", coverage.review)
    graph.add_node("unknowns", coverage.unknowns)
    graph.add_node("revisit", coverage.revisit)

    graph.add_conditional_edges(START, nodes.route_start, ["plan", "explain", "unknowns"])
    graph.add_conditional_edges("plan", nodes.after_plan, ["ask", "present"])
    graph.add_conditional_edges(
        "ask",
        nodes.route_input,
        ["understand", "skip", "explain", "report", "help", "present", "review", "unknowns", "revisit"],
    )
    graph.add_conditional_edges("understand", nodes.after_understand, ["plan", "ask"])
    graph.add_edge("skip", "plan")
    graph.add_edge("review", "plan")
    graph.add_conditional_edges("revisit", coverage.after_revisit, ["plan", "ask"])
    graph.add_conditional_edges("unknowns", coverage.after_unknowns, {"plan": "plan", "ask": "ask", "end": END})
    graph.add_conditional_edges("explain", answers.after_explain, {"ask": "ask", "end": END})
    for node in ("report", "help"):
        graph.add_edge(node, "ask")
    graph.add_edge("present", END)
    return graph.compile(checkpointer=checkpointer)
