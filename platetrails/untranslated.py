"""The untranslated checker: finds student-facing text in the package that does not go through `_()`.

It reads the source (ast), never runs it: a literal that reaches a title, a label, a control or a sentence
without `_()`, `_n()` or `N_()` is reported, unless its line says `# i18n: ok`.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

from platetrails.i18n import PACKAGE_DIR, source_files

# ------------------------------------------------------------------------------------ the untranslated checker

TEXT_KEYWORDS = {"description", "label", "title", "placeholder", "tooltip", "xlabel", "ylabel", "message"}
# Methods whose positional arguments are shown (all of them are checked: matplotlib's text(x, y, s) has the
# text third, ipywidgets' Tab.set_title(index, title) second; numbers and names are never flagged).
TEXT_METHODS = {"set_title", "set_xlabel", "set_ylabel", "suptitle", "text", "annotate", "say", "set_text"}
TEXT_METHODS |= {"new_map", "mark"}  # the package's own helpers that hand their text to matplotlib (maps.py)
TEXT_METHOD_KEYWORDS = {"s", "text"}
HTML_CALLS = {"HTML", "HTMLMath", "Label", "Markdown"}  # first argument or value=
ATTRIBUTE_TARGETS = {"message", "description", "placeholder", "tooltip"}  # self.message = "...", b.description = ...
TRANSLATE_CALLS = {"_", "_n", "N_"}
LOG_NAMES = {"logging", "logger", "log", "_log", "_logger", "LOGGER", "warnings", "argparse", "parser"}
OPT_OUT = re.compile(r"#\s*i18n:\s*ok\b")
_TAG = re.compile(r"<[^>]*>|&#?\w+;")
_KEY = re.compile(r"[a-z0-9_]+")
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")


def _is_text(value: str) -> bool:
    """Whether a literal reads as words: not punctuation or digits, not a key like "city_fixed", not a style value."""
    bare = _TAG.sub("", value)
    if len(bare.strip()) <= 1 or not any(c.isalpha() for c in bare):  # one letter is a marker ("o", "D")
        return False
    return not (_KEY.fullmatch(bare) or _COLOUR.fullmatch(bare))


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_translated(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in TRANSLATE_CALLS


def _is_ignored_call(node: ast.Call) -> bool:
    """Calls whose text is not for students: logging and warnings."""
    func = node.func
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in LOG_NAMES


def _assigned_names(target: ast.expr, value: ast.expr | None) -> Iterator[tuple[str, ast.expr | None]]:
    """(name, value) pairs of an assignment; `a, b = x, y` pairs element by element."""
    if isinstance(target, ast.Name):
        yield target.id, value
    elif isinstance(target, (ast.Tuple, ast.List)):
        values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else [None] * len(target.elts)
        if len(values) == len(target.elts):
            for sub, sub_value in zip(target.elts, values):
                yield from _assigned_names(sub, sub_value)


def _scope_walk(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of one scope (module or function), not those of the functions and classes inside it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))


def _scope_values(scope: ast.AST) -> dict[str, list[ast.expr]]:
    """What each local name is given in a scope: assignments, `+=`, and `.append()`/`.extend()`/`.insert()`."""
    values: dict[str, list[ast.expr]] = {}
    for node in _scope_walk(scope):
        pairs: list[tuple[str, ast.expr | None]] = []
        if isinstance(node, ast.Assign):
            for target in node.targets:
                pairs += _assigned_names(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            pairs += _assigned_names(node.target, node.value)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.attr in {"append", "extend", "insert"}
            and node.args
        ):
            pairs.append((node.func.value.id, node.args[-1]))
        for name, value in pairs:
            if value is not None:
                values.setdefault(name, []).append(value)
    return values


class _Finder(ast.NodeVisitor):
    """Walks a module; at each student-facing place, follows the text back through local names, `+=`, `.append()`,
    `" ".join()`, f-string parts and the returns of functions of the same module."""

    def __init__(self, tree: ast.Module) -> None:
        self.found: dict[int, ast.expr] = {}
        self.functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
        self.values: dict[int, dict[str, list[ast.expr]]] = {}
        self.scopes: list[ast.AST] = [tree]
        self.following: set[int] = set()

    def _values(self, scope: ast.AST) -> dict[str, list[ast.expr]]:
        if id(scope) not in self.values:
            self.values[id(scope)] = _scope_values(scope)
        return self.values[id(scope)]

    def texts(self, node: ast.AST | None, scopes: list[ast.AST] | None = None) -> Iterator[ast.expr]:
        """The untranslated literals in an expression whose value a student reads."""
        scopes = scopes if scopes is not None else self.scopes
        if node is None or _is_translated(node) or id(node) in self.following:
            return
        self.following.add(id(node))  # each expression is followed once per place: no loops through names
        try:
            yield from self._texts(node, scopes)
        finally:
            self.following.discard(id(node))

    def _texts(self, node: ast.AST, scopes: list[ast.AST]) -> Iterator[ast.expr]:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and _is_text(node.value):
                yield node
        elif isinstance(node, ast.JoinedStr):  # an f-string: its literal parts count, never its format specs
            literal = "".join(v.value if isinstance(v, ast.Constant) else "0" for v in node.values)
            if _is_text(literal):
                yield node
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    yield from self.texts(part.value, scopes)
        elif isinstance(node, ast.Name):
            for scope in reversed(scopes):
                found = self._values(scope).get(node.id)
                if found:
                    for value in found:
                        yield from self.texts(value, scopes[: scopes.index(scope) + 1])
                    break
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in {"format", "format_map"}:
                yield from self.texts(func.value, scopes)  # "...".format() is untranslated, _("...").format() is fine
            elif isinstance(func, ast.Attribute) and func.attr == "join" and node.args:
                yield from self.texts(node.args[0], scopes)
            elif isinstance(func, ast.Name) or (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in {"self", "cls"}
            ):
                for function in self.functions.get(_name(func) or "", []):
                    for ret in _scope_walk(function):
                        if isinstance(ret, ast.Return):
                            yield from self.texts(ret.value, [scopes[0], function])
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            yield from self.texts(node.left, scopes)
            if isinstance(node.op, ast.Add):
                yield from self.texts(node.right, scopes)
        elif isinstance(node, ast.IfExp):
            yield from self.texts(node.body, scopes)
            yield from self.texts(node.orelse, scopes)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                yield from self.texts(value, scopes)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for elt in node.elts:
                yield from self.texts(elt, scopes)
        elif isinstance(node, ast.Starred):
            yield from self.texts(node.value, scopes)

    def option_labels(self, node: ast.AST) -> Iterator[ast.expr]:
        """The labels of options=[("Label", value), ...] (or a comprehension of such tuples, or a dict)."""
        if isinstance(node, ast.Name):
            for scope in reversed(self.scopes):
                found = self._values(scope).get(node.id)
                if found:
                    for value in found:
                        yield from self.option_labels(value)
                    return
        elif isinstance(node, (ast.List, ast.Tuple)):
            for elt in node.elts:
                if isinstance(elt, ast.Tuple) and elt.elts:
                    yield from self.texts(elt.elts[0])
        elif isinstance(node, (ast.ListComp, ast.GeneratorExp)) and isinstance(node.elt, ast.Tuple) and node.elt.elts:
            yield from self.texts(node.elt.elts[0])
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                yield from self.texts(key)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            yield from self.option_labels(node.left)
            yield from self.option_labels(node.right)

    def _flag(self, nodes: Iterator[ast.expr]) -> None:
        for node in nodes:
            self.found.setdefault(id(node), node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Raise(self, node: ast.Raise) -> None:
        return  # error text for programmers and tracebacks

    def visit_Assert(self, node: ast.Assert) -> None:
        return

    def visit_Return(self, node: ast.Return) -> None:
        function = self.scopes[-1]
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.name.startswith("describe"):
            self._flag(self.texts(node.value))
        self.generic_visit(node)

    def _targets(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        for target in targets:
            for name, sub_value in _assigned_names(target, value):
                if name == "message":
                    self._flag(self.texts(sub_value))
            if isinstance(target, ast.Attribute):
                shown = target.attr in ATTRIBUTE_TARGETS
                if target.attr == "value":  # self.message.value = "..."
                    shown = _name(target.value) == "message"
                if shown:
                    self._flag(self.texts(value))

    def visit_Assign(self, node: ast.Assign) -> None:
        self._targets(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._targets([node.target], node.value)  # dataclass fields: message: str = "..."
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        # Style tables: {"label": "City fixed cameras"} is shown later, so its text needs N_().
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and key.value in TEXT_KEYWORDS:
                self._flag(self.texts(value))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if _is_translated(node) or _is_ignored_call(node):
            return
        name = _name(node.func)
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        for key in sorted(TEXT_KEYWORDS & keywords.keys()):
            self._flag(self.texts(keywords[key]))
        if "options" in keywords:
            self._flag(self.option_labels(keywords["options"]))
        if name in TEXT_METHODS:
            for arg in node.args:
                self._flag(self.texts(arg))
            for key in sorted(TEXT_METHOD_KEYWORDS & keywords.keys()):
                self._flag(self.texts(keywords[key]))
        if name in HTML_CALLS:
            self._flag(self.texts(node.args[0] if node.args else None))
            self._flag(self.texts(keywords.get("value")))
        if name == "describe":  # style.describe(fig, text)
            self._flag(self.texts(node.args[1] if len(node.args) > 1 else None))
            self._flag(self.texts(keywords.get("text")))
        self.generic_visit(node)


def _opted_out_lines(source: str) -> set[int]:
    lines = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and OPT_OUT.search(token.string):
                lines.add(token.start[0])
    except (tokenize.TokenError, SyntaxError):
        pass
    return lines


def untranslated(source: str, filename: str = "<string>") -> list[tuple[int, str]]:
    """(line, text) of every string or f-string that a student would read but that is not wrapped in `_()`/`_n()`.

    Student-facing: description=/label=/title=/placeholder=/tooltip=/xlabel=/ylabel=/message= arguments,
    set_title/set_xlabel/set_ylabel/suptitle/text/annotate/say/set_text arguments, HTML/Label/Markdown text,
    options=[("Label", value)] labels, returns of describe*() functions, `message` assignments,
    describe(fig, text) and {"label": ...} entries of style tables. Text is followed back through local and
    module names, `+=`, `.append()`, `" ".join()`, f-string parts and the returns of the module's own functions
    (not into other modules). Raise, assert, logging and argparse text is not checked. A line ending in
    `# i18n: ok` is skipped.
    """
    tree = ast.parse(source, filename=filename)
    finder = _Finder(tree)
    finder.visit(tree)
    skip = _opted_out_lines(source)
    result = []
    for node in sorted(finder.found.values(), key=lambda n: (n.lineno, n.col_offset)):
        if skip.intersection(range(node.lineno, (node.end_lineno or node.lineno) + 1)):
            continue
        text = node.value if isinstance(node, ast.Constant) else ast.unparse(node)
        result.append((node.lineno, text))
    return result


def untranslated_in_package(package_dir: Path = PACKAGE_DIR) -> dict[str, list[tuple[int, str]]]:
    """untranslated() over every module of the package but this one, keyed by the path inside the package."""
    package_dir = Path(package_dir)
    report = {}
    for path in source_files(package_dir):
        found = untranslated(path.read_text(encoding="utf-8"), filename=str(path))
        if found:
            report[path.relative_to(package_dir).as_posix()] = found
    return report
