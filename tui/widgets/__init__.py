"""Widgets of the advisor's interface: they draw what they are given and hold no methodology."""
