"""Command line: parse arguments, run the pipeline, print the report, set the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kb_build import build as pipeline
from kb_build.config import Config, make_config
from kb_build.errors import ContentError, KbError, format_report
from kb_build.resolve import SiteIndex


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kb-build",
        description="Check the guideline's YAML sources and build the website from them.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check all sources and report every problem; writes nothing",
                           description="Check all sources against the schemas and each other. Writes nothing.")
    _strict(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")

    build = sub.add_parser("build", help="check, then build the site into site/",
                           description="Check all sources, then build the site. The previous site is replaced "
                           "only when the whole build succeeds.")
    _strict(build)
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/ in the project)")
    return parser


def _strict(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--fail-on-review", action="store_true",
                   help="fail when a recommendation cites a provision changed after its last review")


def review_summary(index: SiteIndex) -> str:
    """One line of information about recommendations whose legal basis changed after review."""
    flagged = index.review_flags
    if not flagged:
        return "Til revisjon: ingen anbefalinger viser til bestemmelser endret etter siste faglige vurdering."
    keys = sorted({src.label for sources in flagged.values() for src in sources})
    return (f"Til revisjon: {len(flagged)} anbefalinger viser til bestemmelser endret etter siste faglige "
            f"vurdering ({'; '.join(keys)}). Se til-revisjon.html.")


def _review_fails(config: Config, result: pipeline.CheckResult) -> bool:
    return config.fail_on_review and result.index is not None and bool(result.index.review_flags)


def main(argv: Sequence[str] | None = None) -> int:
    """Run kb-build and return its exit code: 0 ok, 1 content problems, 2 usage or setup."""
    args = _parser().parse_args(argv)
    try:
        config = make_config(args.root, getattr(args, "site_dir", None), strict=args.strict,
                             fail_on_review=args.fail_on_review)
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
