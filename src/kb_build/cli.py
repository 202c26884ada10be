"""Command line: parse arguments, run the pipeline, print the report, set the exit code."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kb_build import build as pipeline
from kb_build import diff as review_diff
from kb_build.config import Config, make_config
from kb_build.errors import ConfigError, ContentError, KbError, format_report
from kb_build.messages import review_summary
from kb_build.skeleton import new_recommendation
from kb_build.write import check_site_dir


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
    new.add_argument(
        "--hjemmel",
        action="append",
        default=[],
        metavar="KEY",
        help="key of a provision in content/hjemler.yaml; required (once or more) for skal/må titles",
    )
    new.set_defaults(strict=False, fail_on_review=False)

    horing = sub.add_parser(
        "horing",
        help="work with consultation responses",
        description="Work with the response files respondents download from a consultation draft.",
    )
    horing.set_defaults(strict=False, fail_on_review=False)
    samle = horing.add_subparsers(dest="horing_command", required=True, metavar="COMMAND").add_parser(
        "samle",
        help="merge response files into one report per recommendation",
        description="Merge response files (CSV, see schema/horingssvar.schema.json) into one report per "
        "recommendation, chapter and general question, as Markdown and CSV. A bad file is reported "
        "with path:line and the others are still read.",
    )
    samle.add_argument("files", nargs="+", type=Path, metavar="FIL", help="response files")
    samle.add_argument(
        "--ut", type=Path, default=Path("horingssvar"), metavar="MAPPE", help="output folder (default: horingssvar/)"
    )
    _library_parser(sub)
    return parser


def _library_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    library = sub.add_parser(
        "bibliotek",
        help="build several guidelines into one site (see bibliotek.yaml)",
        description="Build a library: the guidelines listed in bibliotek.yaml in the --root folder, "
        "each under its own path, with a front page and search across all of them.",
    )
    library.set_defaults(fail_on_review=False)
    build = library.add_subparsers(dest="library_command", required=True, metavar="COMMAND").add_parser(
        "build",
        help="build the library site",
        description="Build every guideline of the library and its front page. The previous site is "
        "replaced only when every guideline builds.",
    )
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/ in the library)")


def _library(args: argparse.Namespace) -> int:
    from kb_build.library import build_library

    built = build_library(args.root, args.site_dir, strict=args.strict)
    site = (args.site_dir or args.root / "site").resolve()
    names = ", ".join(f"{b.sti}/" for b in built)
    print(f"Biblioteket er bygget i {site} med {len(built)} veiledere ({names}). Åpne {site / 'index.html'}.")
    return 0


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
        rel, text = new_recommendation(
            result.index, result.schemas, args.kapittel, args.seksjon, args.tittel, date.today(), args.hjemmel
        )
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    path = config.root / rel
    if path.exists():
        raise ConfigError(f"{rel} finnes allerede")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Skrev {rel}. Fyll ut feltene og kjør «kb-build check».")
    return 0


def _review_fails(config: Config, result: pipeline.CheckResult) -> bool:
    return config.fail_on_review and result.index is not None and bool(result.index.review_flags)


def _address(addr: str) -> tuple[str, int]:
    """Split ``host:port`` and check that kb-build can listen there, before printing anything."""
    host, _, port_text = addr.rpartition(":")
    host = host or "127.0.0.1"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"--addr {addr}: porten må være et tall fra 1 til 65535, for eksempel 127.0.0.1:8000")
    port = int(port_text)
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"porten {port} er i bruk; velg en annen, for eksempel --addr {host}:{port + 1}") from exc
        raise ConfigError(f"kan ikke lytte på {host}:{port} ({exc.strerror or exc})") from exc
    return host, port


def main(argv: Sequence[str] | None = None) -> int:
    """Run kb-build and return its exit code: 0 ok, 1 content problems, 2 usage or setup, 130 Ctrl+C."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at interpreter exit
        return code
    except BrokenPipeError:  # the reader stopped early, as in `kb-build check | head`: no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:  # scratch is cleaned up; the site is either the old or the new one, whole
        print("kb-build: avbrutt.", file=sys.stderr)
        return 130


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "bibliotek":
            return _library(args)
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

            scratch = config.site_dir.parent / ".site-serve"
            check_site_dir(scratch, config.root)
            host, port = _address(args.addr)
            serve_site(
                Preview(config).build,
                scratch,
                [config.root / d for d in ("content", "recommendations", "schema")],
                host,
                port,
            )
            return 0
        if args.command == "diff":
            summary = review_diff.summarise(config.root, args.base or review_diff.default_base(config.root))
            print(summary.to_json() if args.format == "json" else review_diff.to_markdown(summary), end="")
            return 1 if summary.brutt else 0
        if args.command == "new":
            return _new(config, args)
        if args.command == "horing":
            from kb_build import consultation

            collected, written = consultation.samle(config, args.files, args.ut)
            if collected.problems:
                print(format_report(collected.problems), file=sys.stderr)
            count = len(collected.responses)
            print(f"{count} {'kommentar' if count == 1 else 'kommentarer'} samlet i {', '.join(map(str, written))}.")
            return 1 if collected.problems else 0
        if args.command == "check":
            result = pipeline.check(config)
            print(format_report(result.problems, fmt=args.format))
            if args.format == "text" and result.index is not None:
                print(review_summary(result.index))
            return 1 if result.failed(strict=config.strict) or _review_fails(config, result) else 0
        result = pipeline.build(config)  # raises, leaving the previous site as it was, unless all went well
        if result.problems:
            print(format_report(result.problems), file=sys.stderr)
        if result.index is not None:
            print(review_summary(result.index))
        print(f"Nettstedet er bygget i {config.site_dir}. Åpne {config.site_dir / 'index.html'} i en nettleser.")
        return 0
    except ContentError as exc:
        print(format_report(exc.problems), file=sys.stderr)
        if exc.note:
            print(f"{exc.note}\nNettstedet er ikke endret.", file=sys.stderr)
        return exc.exit_code
    except KbError as exc:
        print(f"kb-build: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
