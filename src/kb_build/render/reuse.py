"""Fragments that show one recommendation, kept from one preview rebuild to the next.

A renderer marks a function that renders one recommendation with :func:`per_recommendation`.
In a build nothing changes: the function is called. In ``kb-build serve`` the preview renders
inside :func:`reusing`, with the set of recommendations whose fragments may have changed since
the last render (see :func:`kb_build.render.pages.affected`); for every other recommendation the
fragment from the last render is returned without rendering it again. The preview passes
``None`` instead of a set when anything besides the recommendations changed: then every fragment
is rendered and remembered afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import ParamSpec, TypeVar

from kb_build.model import Recommendation
from kb_build.render.html import Markup, current_memo, markdown_memo
from kb_build.resolve import SiteIndex

P = ParamSpec("P")
R = TypeVar("R")


class Fragments:
    """Rendered fragments by function and arguments (a recommendation stands in by its id)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Hashable, ...], object] = {}
        self._stale: Collection[str] | None = None
        self._by_inputs: dict[str, tuple[object, object]] = {}
        self.texts: dict[str, Markup] = {}
        """The Markdown texts of the last rendering, converted (see :func:`converting_once`)."""

    def start(self, stale: Collection[str] | None) -> None:
        """Begin a render in which the fragments of ``stale`` recommendations (None: all) are rendered again."""
        if stale is None:
            self._kept.clear()
            self._by_inputs.clear()
        self._stale = stale

    def get(self, name: str, render: Callable[[], R], args: tuple[object, ...]) -> R:
        """The kept fragment for ``args``, or ``render()`` remembered, when a recommendation in ``args`` is stale."""
        # A marked function takes a recommendation in the same place on every call, so its id is key enough.
        # The index, and mappings made from it (such as a page's section links), are not part of the key:
        # what a fragment shows of them is what :func:`kb_build.render.pages.affected` compares.
        stale = self._stale
        fresh = stale is not None
        key: list[object] = [name]
        for a in args:
            kind = type(a)
            if kind is Recommendation:
                rec_id = a.id  # type: ignore[attr-defined]  # a Recommendation, by the test above
                key.append(rec_id)
                fresh = fresh and rec_id not in stale  # type: ignore[operator]  # not None when fresh
            elif _in_key(kind):
                key.append(a)
        kept = tuple(key)
        if fresh:
            found = self._kept.get(kept, _MISSING)
            if found is not _MISSING:
                return found  # type: ignore[return-value]  # stored by this same key, from this same function
        result = self._kept[kept] = render()
        return result

    def same(self, name: str, inputs: object, render: Callable[[], R]) -> R:
        """The last result of ``name`` when it was made from equal ``inputs``, else ``render()`` remembered."""
        last = self._by_inputs.get(name)
        if last is not None and last[0] == inputs:
            return last[1]  # type: ignore[return-value]  # stored under this name by the same caller
        result = render()
        self._by_inputs[name] = (inputs, result)
        return result


_KEY_TYPES: dict[type, bool] = {}


def _in_key(kind: type) -> bool:
    """Whether an argument of this type is part of a fragment's key (see :meth:`Fragments.get`); remembered per type."""
    found = _KEY_TYPES.get(kind)
    if found is None:
        found = _KEY_TYPES[kind] = kind is not SiteIndex and not issubclass(kind, Mapping)
    return found


_MISSING = object()
_ACTIVE: ContextVar[Fragments | None] = ContextVar("kb_fragments", default=None)


@contextmanager
def reusing(fragments: Fragments, stale: Collection[str] | None) -> Iterator[None]:
    """Render with ``fragments``: reuse those of recommendations not in ``stale`` (None: reuse none)."""
    fragments.start(stale)
    token = _ACTIVE.set(fragments)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


@contextmanager
def converting_once() -> Iterator[None]:
    """Convert each Markdown text once in the rendering inside; in the preview, none its last rendering converted."""
    fragments = _ACTIVE.get()
    memo: dict[str, Markup] = {}
    with markdown_memo(memo, last=fragments.texts if fragments is not None else None):
        yield
    if fragments is not None:
        fragments.texts = memo


@dataclass(frozen=True)
class Resumed:
    """The rendering this is called in (its Markdown memo, the preview's fragments), to render more in later.

    A file rendered when it is read, or a piece of the search index, is rendered after the site's
    rendering has ended; inside :meth:`again` it converts no text and renders no unchanged
    recommendation that the rendering it belongs to did already.
    """

    memo: dict[str, Markup] | None = field(default_factory=current_memo)
    fragments: Fragments | None = field(default_factory=_ACTIVE.get)

    @contextmanager
    def again(self) -> Iterator[None]:
        token = _ACTIVE.set(self.fragments)
        try:
            with markdown_memo(self.memo):
                yield
        finally:
            _ACTIVE.reset(token)


def per_recommendation(render: Callable[P, R]) -> Callable[P, R]:
    """Mark a function whose result depends only on its arguments, the recommendations among them, and
    what :func:`kb_build.render.pages.affected` counts as their neighbours.

    Its other arguments must be hashable, or mappings made from the index (left out of the key);
    keyword arguments are part of the key in the order given.
    """
    name = f"{render.__module__}.{render.__qualname__}"

    @wraps(render)
    def reused(*args: P.args, **kwargs: P.kwargs) -> R:
        fragments = _ACTIVE.get()
        if fragments is None:
            return render(*args, **kwargs)
        return fragments.get(name, lambda: render(*args, **kwargs), (*args, *kwargs.items()))

    return reused


def same_inputs(name: str, inputs: object, render: Callable[[], R]) -> R:
    """``render()``; in the preview, the last result under ``name`` if ``inputs`` equal the last ones.

    ``inputs`` must hold everything ``render`` reads besides what only a change to shared data
    (which renders everything again) can change.
    """
    fragments = _ACTIVE.get()
    return render() if fragments is None else fragments.same(name, inputs, render)
