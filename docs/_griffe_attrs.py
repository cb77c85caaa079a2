"""Griffe extension used by the docs build: the constructor signature of attrs classes.

griffe reads the source, where an ``attrs`` class has no ``__init__`` (attrs generates it
at import time), so the reference would show the model classes without their signature.
This extension imports each attrs class and copies its ``inspect.signature``, so the
reference shows ``Organization(id, *, name='', ...)``. When the package cannot be
imported, classes are shown without a signature.
"""

from __future__ import annotations

import enum
import importlib
import inspect
from typing import Any

import griffe

_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: griffe.ParameterKind.positional_only,
    inspect.Parameter.POSITIONAL_OR_KEYWORD: griffe.ParameterKind.positional_or_keyword,
    inspect.Parameter.VAR_POSITIONAL: griffe.ParameterKind.var_positional,
    inspect.Parameter.KEYWORD_ONLY: griffe.ParameterKind.keyword_only,
    inspect.Parameter.VAR_KEYWORD: griffe.ParameterKind.var_keyword,
}


def _default_text(cls: Any, name: str, default: Any) -> str | None:
    if default is inspect.Parameter.empty:
        return None
    try:
        import attrs

        if attrs.has(cls):
            field = attrs.fields_dict(cls).get(name)
            if field is not None and isinstance(field.default, attrs.Factory):
                factory = field.default.factory
                return f"{getattr(factory, '__name__', 'factory')}()"
    except ImportError:  # pragma: no cover - attrs is a dependency
        pass
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__}.{default.name}"
    text = repr(default)
    return "FrozenMap()" if text == "FrozenMap({})" else text


def _attrs_init(cls: griffe.Class) -> griffe.Function | None:
    """An ``__init__`` for an attrs class, copied from the imported class's signature."""
    if "__init__" in cls.members or not any(
        "attrs." in str(d.value) or str(d.value).startswith(("define", "frozen"))
        for d in cls.decorators
    ):
        return None
    try:
        runtime = importlib.import_module(cls.module.path)
        for part in cls.path[len(cls.module.path) + 1 :].split("."):
            runtime = getattr(runtime, part)
        signature = inspect.signature(runtime)
    except Exception:  # the docs still build, without this signature
        return None
    params = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for p in signature.parameters.values():
        annotation = p.annotation
        if annotation is inspect.Parameter.empty:
            annotation = None
        elif not isinstance(annotation, str):
            annotation = inspect.formatannotation(annotation)
        params.append(
            griffe.Parameter(
                p.name,
                annotation=annotation,
                kind=_KINDS[p.kind],
                default=_default_text(runtime, p.name, p.default),
            )
        )
    return griffe.Function(
        "__init__", parameters=griffe.Parameters(*params), returns="None", parent=cls
    )


class AttrsSignatures(griffe.Extension):
    """Give each attrs class the ``__init__`` attrs generates for it."""

    def on_class(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        init = _attrs_init(cls)
        if init is not None:
            cls.set_member("__init__", init)
