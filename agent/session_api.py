"""The session API, kept importable here: it is defined once, in the typed contract
(`agent.contract`)."""

from agent.contract import ExportFormat, Session, SessionStore, StoreStatus

__all__ = ["ExportFormat", "Session", "SessionStore", "StoreStatus"]
