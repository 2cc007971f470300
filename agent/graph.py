"""The interview as a LangGraph state graph: wiring only (the nodes are in `agent.nodes`).

    START → plan ─┬→ ask ─┬→ understand ─┬→ plan        (answer recorded)
                  │       │              └→ ask         (not understood: re-ask with choices)
                  │       ├→ skip → plan
                  │       ├→ explain → ask              (/ask, or a question ending with "?")
                  │       ├→ report → ask               (/assess)
                  │       ├→ help → ask                 (/help, unknown commands)
                  │       └→ present                    (/done)
                  └→ present → END                      (nothing left that would change the conclusion)

Going back to an earlier question is not an edge: the session forks the thread from the
checkpoint where that question was pending (LangGraph state history).
"""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agent import nodes
from agent.state import Context, InterviewState


def build_graph(
    checkpointer: BaseCheckpointSaver | None = None,
) -> CompiledStateGraph[InterviewState, Context, InterviewState, InterviewState]:
    graph = StateGraph(InterviewState, context_schema=Context)
    graph.add_node("plan", nodes.plan)
    graph.add_node("ask", nodes.ask)
    graph.add_node("understand", nodes.understand)
    graph.add_node("skip", nodes.skip)
    graph.add_node("explain", nodes.explain)
    graph.add_node("report", nodes.report_assessment)
    graph.add_node("help", nodes.help_text)
    graph.add_node("present", nodes.present)

    graph.add_edge(START, "plan")
    graph.add_conditional_edges("plan", nodes.after_plan, ["ask", "present"])
    graph.add_conditional_edges("ask", nodes.route_input,
                                ["understand", "skip", "explain", "report", "help", "present"])
    graph.add_conditional_edges("understand", nodes.after_understand, ["plan", "ask"])
    graph.add_edge("skip", "plan")
    for node in ("explain", "report", "help"):
        graph.add_edge(node, "ask")
    graph.add_edge("present", END)
    return graph.compile(checkpointer=checkpointer)
