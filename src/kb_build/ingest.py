"""Load and validate every source file: parsed on all idle cores (:mod:`kb_build.parallel`), validated here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kb_build.config import Config
from kb_build.discover import Source
from kb_build.errors import Problem
from kb_build.parallel import Helpers, helping, parse
from kb_build.schemas import Schemas
from kb_build.validate import validate
from kb_build.yamlio import Loaded

Outcome = tuple[Source, Loaded | Problem, list[Problem]]


def load_and_validate(
    config: Config, schemas: Schemas, sources: Sequence[Source], helpers: Helpers | None = None
) -> Iterator[Outcome]:
    """Yield (source, loaded file or its problem, schema problems) for every source, in order.

    ``helpers``: already parsing these sources (see :func:`kb_build.parallel.helping`); if not
    given, helpers are started here when there are many sources and idle cores.
    """

    def validated(source: Source, loaded: Loaded | Problem) -> Outcome:
        return source, loaded, [loaded] if isinstance(loaded, Problem) else validate(loaded, source.kind, schemas)

    if helpers is not None and helpers.sources == tuple(sources):
        yield from helpers.join(validated)
        return
    with helping(config.root, sources) as started:
        if started is not None:
            yield from started.join(validated)
            return
    for source in sources:
        yield validated(source, parse(config.root, source))
