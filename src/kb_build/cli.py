"""Command line: parse arguments, run the pipeline, print the report, set the exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kb_build import build as pipeline
from kb_build import diff as review_diff
from kb_build.config import Config, make_config
from kb_build.errors import ConfigError, ContentError, KbError, format_report
from kb_build.resolve import SiteIndex
from kb_build.skeleton import new_recommendation


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kb-build",
        description="Check the guideline's YAML sources and build the website from them.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="check all sources and report every problem; writes nothing",
        description="Check all sources against the schemas and each other. Writes nothing.",
    )
    _strict(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")

    build = sub.add_parser(
        "build",
        help="check, then build the site into site/",
        description="Check all sources, then build the site. The previous site is replaced "
        "only when the whole build succeeds.",
    )
    _strict(build)
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/ in the project)")
    build.add_argument(
        "--edit-url",
        help="base URL that source paths are appended to for 'suggest a change' links, for example "
        "https://github.com/OWNER/REPO/edit/main/ (default: redigeringslenke in content/veileder.yaml)",
    )

    serve = sub.add_parser(
        "serve",
        help="live preview that rebuilds when YAML, Markdown or schemas change",
        description="Build the site and serve it on your machine. The page reloads when you "
        "save a source file; problems are printed here and the last good site stays up.",
    )
    serve.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(strict=False, fail_on_review=False)

    diff = sub.add_parser(
        "diff",
        help="summarise recommendation changes against a git ref, for review",
        description="Compare the recommendations in the working tree with a git ref (default: the "
        "merge base with main). Strength and legal-basis changes are listed first.",
    )
    diff.add_argument("base", nargs="?", help="git ref to compare with (default: merge base with main)")
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output format")
    diff.set_defaults(strict=False, fail_on_review=False)

    new = sub.add_parser(
        "new",
        help="write a valid skeleton for a new recommendation",
        description="Write a new recommendation file with every field filled in with placeholder text, ready to edit.",
    )
    new.add_argument("kind", choices=["anbefaling"], help="what to create")
    new.add_argument("--kapittel", type=int, required=True, help="chapter number, for example 6")
    new.add_argument("--seksjon", help='section number, for example "6.3" (default: the first in the chapter)')
    new.add_argument("--tittel", default="Tjenesten kan gjøre dette", help="the title; its verb sets the strength")
    new.set_defaults(strict=False, fail_on_review=False)
    return parser


def _strict(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "--fail-on-review",
        action="store_true",
        help="fail when a recommendation cites a provision changed after its last review",
    )


def _new(config: Config, args: argparse.Namespace) -> int:
    result = pipeline.check(config)
    if result.index is None:
        print(format_report(result.problems), file=sys.stderr)
        return 1
    try:
        rel, text = new_recommendation(result.index, args.kapittel, args.seksjon, args.tittel, date.today())
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    path = config.root / rel
    if path.exists():
        raise ConfigError(f"{rel} finnes allerede")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Skrev {rel}. Fyll ut feltene og kjør «kb-build check».")
    return 0


def review_summary(index: SiteIndex) -> str:
    """One line of information about recommendations whose legal basis changed after review."""
    flagged = index.review_flags
    if not flagged:
        return "Til revisjon: ingen anbefalinger viser til bestemmelser endret etter siste faglige vurdering."
    keys = sorted({src.label for sources in flagged.values() for src in sources})
    return (
        f"Til revisjon: {len(flagged)} anbefalinger viser til bestemmelser endret etter siste faglige "
        f"vurdering ({'; '.join(keys)}). Se til-revisjon.html."
    )


def _review_fails(config: Config, result: pipeline.CheckResult) -> bool:
    return config.fail_on_review and result.index is not None and bool(result.index.review_flags)


def main(argv: Sequence[str] | None = None) -> int:
    """Run kb-build and return its exit code: 0 ok, 1 content problems, 2 usage or setup."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at interpreter exit
        return code
    except BrokenPipeError:  # the reader stopped early, as in `kb-build check | head`: no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = make_config(
            args.root,
            getattr(args, "site_dir", None),
            strict=args.strict,
            fail_on_review=args.fail_on_review,
            edit_url=getattr(args, "edit_url", None),
        )
        if args.command == "serve":
            from kb_build.incremental import Preview  # only here: keeps `check` quick to start
            from kb_build.mkdocs_site import serve as serve_site

            host, _, port = args.addr.rpartition(":")
            serve_site(
                Preview(config).build,
                config.site_dir.parent / ".site-serve",
                [config.root / d for d in ("content", "recommendations", "schema")],
                host or "127.0.0.1",
                int(port),
            )
            return 0
        if args.command == "diff":
            summary = review_diff.summarise(config.root, args.base or review_diff.default_base(config.root))
            print(summary.to_json() if args.format == "json" else review_diff.to_markdown(summary), end="")
            return 0
        if args.command == "new":
            return _new(config, args)
        if args.command == "check":
            result = pipeline.check(config)
            print(format_report(result.problems, fmt=args.format))
            if args.format == "text" and result.index is not None:
                print(review_summary(result.index))
            return 1 if result.failed(strict=config.strict) or _review_fails(config, result) else 0
        result = pipeline.build(config)
        if result.problems:
            print(format_report(result.problems), file=sys.stderr)
        if result.index is not None:
            print(review_summary(result.index))
        print(f"Nettstedet er bygget i {config.site_dir}. Åpne {config.site_dir / 'index.html'} i en nettleser.")
        return 1 if _review_fails(config, result) else 0
    except ContentError as exc:
        print(format_report(exc.problems), file=sys.stderr)
        return exc.exit_code
    except KbError as exc:
        print(f"kb-build: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
