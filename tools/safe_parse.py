"""Parse YAML and JSON documents with bounds, refusing what would silently change their meaning.

- Aliases cannot expand without bound: while composing, every node is weighed by the number of
  nodes it stands for once aliases are expanded, and a document over `MAX_NODES` is refused before
  anything is constructed (a 445-byte "billion laughs" stands for billions of nodes).
- Nesting deeper than `MAX_DEPTH` is refused, instead of a RecursionError half-way.
- A key given twice in one mapping is refused at any depth: YAML and JSON both keep the last one
  silently, so a second `capabilities:` block would replace the first.
- Numbers longer than `MAX_DIGITS` digits, lone surrogates (text no file or terminal can encode)
  and values a YAML tag cannot build (`!!int abc`, the date `2024-13-45`) are refused naming where
  they are.

Every refusal is a `DocumentRefused` carrying the field path (or None) and a short reason.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_NODES = 20_000  # values once aliases are expanded; a full profile with evidence has under a thousand
MAX_DEPTH = 64  # a profile is four levels deep
MAX_DIGITS = 100  # no profile field holds a number anywhere near this long

_SURROGATE = re.compile("[\ud800-\udfff]")
_MERGE = "tag:yaml.org,2002:merge"
_KINDS = {
    "timestamp": "date",
    "int": "whole number",
    "float": "number",
    "bool": "true or false",
    "binary": "base64 binary value",
}
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class DocumentRefused(Exception):
    """A document that is not read: `field` is the dotted path when known, `reason` says why."""

    def __init__(self, field: str | None, reason: str, line: int | None = None):
        super().__init__(reason)
        self.field, self.reason, self.line = field, reason, line


def load_yaml(text: str) -> Any:
    """The document in `text`, built by the safe loader within the bounds above."""
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_json(text: str) -> Any:
    """The JSON document in `text`, with duplicate keys and over-long numbers refused."""
    return _without_pairs(json.loads(text, object_pairs_hook=_Pairs, parse_int=_integer, parse_constant=_constant), [])


def surrogate_at(data: Any) -> str | None:
    """The path of the first text holding a lone surrogate, "" for the top level, None if none."""
    seen: set[int] = set()
    stack: list[tuple[Any, list[str]]] = [(data, [])]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return _dotted(path)
        elif isinstance(value, (dict, list)):
            if id(value) in seen:  # an alias to a part already checked
                continue
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and _SURROGATE.search(key):
                    return _dotted(path)
                stack.append((item, [*path, str(key)]))
    return None


# --- YAML ---------------------------------------------------------------------------------------


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: str):
        super().__init__(stream)
        self._weights: dict[int, int] = {}  # id(node) -> nodes it stands for, aliases expanded
        self._depth = 0
        self._aliased = False
        self._paths: dict[int, str] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise DocumentRefused(None, f"nested deeper than {MAX_DEPTH} levels", self._line())
            alias = self.check_event(AliasEvent)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is None:
            return None
        self._aliased = self._aliased or alias
        if not alias:
            self._weigh(node)
        elif id(node) not in self._weights:  # an alias to a node still being composed
            raise DocumentRefused(None, "an alias refers to the node that contains it", self._line())
        return node  # an alias's weight is counted again by its parent

    def _weigh(self, node: Node) -> None:
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        weight = 1
        for child in children:
            weight += self._weights[id(child)]
        if weight > MAX_NODES:
            what = "aliases expand to" if self._aliased else "holds"
            raise DocumentRefused(None, f"{what} more than {MAX_NODES:,} values", _line_of(node))
        self._weights[id(node)] = weight

    def construct_document(self, node: Node) -> Any:
        self._paths = _paths(node)
        return super().construct_document(node)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if isinstance(node, ScalarNode) and node.tag in _NUMBER_TAGS and len(node.value) > MAX_DIGITS:
            raise self._refused(node, f"a number of {len(node.value):,} characters is too long")
        try:
            return super().construct_object(node, deep=deep)
        except yaml.constructor.ConstructorError as error:  # an unknown tag, bad base64...
            raise self._refused(node, _first_line(error.problem or error)) from None
        except (ValueError, TypeError, OverflowError, ArithmeticError) as error:
            tag = node.tag.rsplit(":", 1)[-1]
            kind = _KINDS.get(tag, f"!!{tag}")
            value = _short(node.value) if isinstance(node, ScalarNode) else "this value"
            # Python's own wording helps for a date ("month must be in 1..12"), not for a number.
            detail = f" ({_first_line(error)})" if tag == "timestamp" else ""
            raise self._refused(node, f"{value} is not a valid {kind}{detail}") from None

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            if key_node.tag == _MERGE:  # `<<: *defaults` may be overridden: that is its purpose
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key: the base class says so with its position
                continue
            if duplicate:
                line = _line_of(key_node)
                raise self._refused(key_node, f"given twice (again on line {line}): each key may appear once")
        return super().construct_mapping(node, deep=deep)

    def _refused(self, node: Node, reason: str) -> DocumentRefused:
        return DocumentRefused(self._paths.get(id(node)), reason, _line_of(node))

    def _line(self) -> int | None:
        mark = getattr(self.peek_event(), "start_mark", None)
        return mark.line + 1 if mark is not None else None


def _paths(root: Node) -> dict[int, str]:
    """id(node) -> its dotted path, for every node of the composed document (aliases once)."""
    paths: dict[int, str] = {}
    stack: list[tuple[Node, list[str]]] = [(root, [])]
    while stack:
        node, path = stack.pop()
        if id(node) in paths:
            continue
        paths[id(node)] = _dotted(path)
        if isinstance(node, SequenceNode):
            stack.extend((child, [*path, str(index)]) for index, child in enumerate(node.value))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                label = key.value if isinstance(key, ScalarNode) else "?"
                # a duplicate key is reported at the key's own path, the value's path is the same
                paths.setdefault(id(key), _dotted([*path, label]))
                stack.append((value, [*path, label]))
    return paths


def _line_of(node: Node) -> int | None:
    mark = getattr(node, "start_mark", None)
    return mark.line + 1 if mark is not None else None


# --- JSON ---------------------------------------------------------------------------------------


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its pairs in order, turned into a dict once its path is known."""


def _without_pairs(value: Any, path: list[str]) -> Any:
    if len(path) > MAX_DEPTH:
        raise DocumentRefused(None, f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, _Pairs):
        result: dict[str, Any] = {}
        for key, item in value:
            if key in result:
                raise DocumentRefused(_dotted([*path, key]), "given twice: each key may appear once")
            result[key] = _without_pairs(item, [*path, key])
        return result
    if isinstance(value, list):
        return [_without_pairs(item, [*path, str(index)]) for index, item in enumerate(value)]
    return value


def _integer(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise DocumentRefused(None, f"a number of {len(text):,} digits is too long")
    return int(text)


def _constant(text: str) -> float:
    raise DocumentRefused(None, f"{text} is not a JSON value")


# --- shared -------------------------------------------------------------------------------------


def _dotted(path: list[str]) -> str:
    return ".".join(path)


def _short(value: Any) -> str:
    text = repr(value[:61] if isinstance(value, str) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def _first_line(error: object) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if len(text) <= 80 else text[:77] + "..."
