"""Command line: parse arguments, run the pipeline, print the report, set the exit code."""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kb_build.config import Config, make_config
from kb_build.discover import discover
from kb_build.errors import ConfigError, ContentError, KbError, format_report
from kb_build.parallel import helping
from kb_build.write import check_site_dir

if TYPE_CHECKING:  # the pipeline is imported by each command, so `check` can start parsing first
    from kb_build.build import CheckResult

USAGE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^the following arguments are required: (?P<a>.+)$", "mangler {a}"),
        (r"^unrecognized arguments: (?P<a>.+)$", "ukjent argument: {a}"),
        (
            r"^argument (?P<a>\S+): invalid choice: (?P<v>.+) \(choose from (?P<c>.+)\)$",
            "{a}: {v} finnes ikke; velg {c}",
        ),
        (r"^argument (?P<a>\S+): expected one argument$", "{a} trenger en verdi"),
        (r"^argument (?P<a>\S+): invalid \w+ value: (?P<v>.+)$", "{a}: {v} er ikke en gyldig verdi"),
        (r"^ambiguous option: (?P<a>\S+) could match (?P<c>.+)$", "{a} kan bety flere valg: {c}"),
    )
)
"""argparse's messages in Norwegian; one that is not here is shown as argparse words it."""


class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are one Norwegian line (exit 2), like every other set-up error."""

    def error(self, message: str) -> NoReturn:
        for pattern, words in USAGE_ERRORS:
            found = pattern.match(message)
            if found:
                message = words.format(**found.groupdict())
                break
        raise ConfigError(f"{message}; se «{self.prog} --help»")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kb-build",
        description="Sjekk veilederens YAML-kilder og bygg nettstedet fra dem.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="prosjektmappen (standard: mappen du står i)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    check = sub.add_parser(
        "check",
        help="sjekk alle kildene og vis alle feil; skriver ingenting",
        description="Sjekk alle kildene mot skjemaene og mot hverandre. Skriver ingenting.",
    )
    _strict(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="rapportformat (standard: text)")

    build = sub.add_parser(
        "build",
        help="sjekk, og bygg så nettstedet i site/",
        description="Sjekk alle kildene og bygg nettstedet. Det forrige nettstedet byttes ut "
        "bare når hele byggingen lykkes.",
    )
    _strict(build)
    build.add_argument(
        "--site-dir", type=Path, default=None, help="mappen nettstedet skrives til (standard: site/ i prosjektet)"
    )
    build.add_argument(
        "--edit-url",
        help="adressen kildefilens sti legges til for lenken «Foreslå endring», for eksempel "
        "https://github.com/EIER/LAGER/edit/main/ (standard: redigeringslenke i content/veileder.yaml)",
    )

    serve = sub.add_parser(
        "serve",
        help="forhåndsvisning som bygger på nytt når du lagrer en kildefil",
        description="Bygg nettstedet og vis det på din maskin. Siden lastes på nytt når du "
        "lagrer en kildefil; feil skrives her, og det siste gode nettstedet blir stående.",
    )
    serve.add_argument(
        "--addr", default="127.0.0.1:8000", help="adressen forhåndsvisningen lytter på (standard: 127.0.0.1:8000)"
    )
    serve.set_defaults(strict=False, fail_on_review=False)

    diff = sub.add_parser(
        "diff",
        help="oppsummer endringene i anbefalingene mot en git-referanse, til gjennomgang",
        description="Sammenlign anbefalingene i arbeidskopien med en git-referanse (standard: der "
        "grenen gikk ut fra main). Endret styrke og hjemmel står først.",
    )
    diff.add_argument(
        "base", nargs="?", help="git-referansen det sammenlignes med (standard: der grenen gikk ut fra main)"
    )
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown", help="format (standard: markdown)")
    diff.set_defaults(strict=False, fail_on_review=False)

    new = sub.add_parser(
        "new",
        help="skriv et gyldig skjelett for en ny anbefaling",
        description="Skriv en ny anbefalingsfil der hvert felt har plassholdertekst, klar til å fylles ut.",
    )
    new.add_argument("kind", choices=["anbefaling"], help="hva som skal lages")
    new.add_argument("--kapittel", type=int, required=True, help="kapittelnummer, for eksempel 6")
    new.add_argument("--seksjon", help='seksjonsnummer, for eksempel "6.3" (standard: den første i kapitlet)')
    new.add_argument("--tittel", default="Tjenesten kan gjøre dette", help="tittelen; verbet i den gir styrken")
    new.add_argument(
        "--hjemmel",
        action="append",
        default=[],
        metavar="NØKKEL",
        help="nøkkelen til en bestemmelse i content/hjemler.yaml; må oppgis (én eller flere ganger) for skal/må-titler",
    )
    new.set_defaults(strict=False, fail_on_review=False)

    horing = sub.add_parser(
        "horing",
        help="arbeid med høringssvar",
        description="Arbeid med svarfilene høringsinstansene laster ned fra et høringsutkast.",
    )
    horing.set_defaults(strict=False, fail_on_review=False)
    samle = horing.add_subparsers(dest="horing_command", required=True, metavar="KOMMANDO").add_parser(
        "samle",
        help="slå sammen svarfiler til én rapport per anbefaling",
        description="Slå sammen svarfiler (CSV, se schema/horingssvar.schema.json) til én rapport per "
        "anbefaling, kapittel og generelt spørsmål, som Markdown og CSV. En fil med feil vises med "
        "sti:linje, og de andre leses likevel.",
    )
    samle.add_argument("files", nargs="+", type=Path, metavar="FIL", help="svarfilene")
    samle.add_argument(
        "--ut",
        type=Path,
        default=Path("horingssvar"),
        metavar="MAPPE",
        help="mappen rapporten skrives til (standard: horingssvar/)",
    )
    _library_parser(sub)
    return parser


def _library_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    library = sub.add_parser(
        "bibliotek",
        help="bygg flere veiledere til ett nettsted (se bibliotek.yaml)",
        description="Bygg et bibliotek: veilederne i bibliotek.yaml i --root-mappen, hver under sin "
        "egen sti, med en forside og søk på tvers av dem.",
    )
    library.set_defaults(fail_on_review=False)
    build = library.add_subparsers(dest="library_command", required=True, metavar="KOMMANDO").add_parser(
        "build",
        help="bygg biblioteket",
        description="Bygg hver veileder i biblioteket og forsiden. Det forrige nettstedet byttes ut "
        "bare når alle veilederne kan bygges.",
    )
    build.add_argument("--strict", action="store_true", help="regn advarsler som feil")
    build.add_argument(
        "--site-dir", type=Path, default=None, help="mappen nettstedet skrives til (standard: site/ i biblioteket)"
    )


def _library(args: argparse.Namespace) -> int:
    from kb_build.library import build_library

    built = build_library(args.root, args.site_dir, strict=args.strict)
    site = (args.site_dir or args.root / "site").resolve()
    names = ", ".join(f"{b.sti}/" for b in built)
    print(f"Biblioteket er bygget i {site} med {len(built)} veiledere ({names}). Åpne {site / 'index.html'}.")
    return 0


def _strict(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="regn advarsler som feil")
    p.add_argument(
        "--fail-on-review",
        action="store_true",
        help="feil når en anbefaling viser til en bestemmelse som er endret etter siste faglige vurdering",
    )


def _new(config: Config, args: argparse.Namespace) -> int:
    from kb_build import build as pipeline
    from kb_build.skeleton import new_recommendation

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


def _check(config: Config, fmt: str) -> int:
    """Check the sources, and print the report.

    Helper processes start parsing the sources before this process imports the rest of the
    pipeline (the schemas' validator above all: at 2,000 recommendations, the imports are a
    third of the time), so they have parsed many files by the time it is ready to join them.
    """
    discovered = discover(config.root)
    with helping(config.root, discovered[0]) as helpers:
        from kb_build.build import check
        from kb_build.ingest import load_and_validate
        from kb_build.messages import review_summary

        result = check(config, partial(load_and_validate, helpers=helpers), discovered=discovered)
    print(format_report(result.problems, fmt=fmt))
    if fmt == "text" and result.index is not None:
        print(review_summary(result.index))
    return 1 if result.failed(strict=config.strict) or _review_fails(config, result) else 0


def _review_fails(config: Config, result: CheckResult) -> bool:
    return config.fail_on_review and result.index is not None and bool(result.index.review_flags)


def _address(addr: str) -> tuple[str, int]:
    """Split ``host:port`` and check that kb-build can listen there, before printing anything."""
    host, _, port_text = addr.rpartition(":")
    host = host or "127.0.0.1"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"--addr {addr}: porten må være et tall fra 1 til 65535, for eksempel 127.0.0.1:8000")
    port = int(port_text)
    import socket  # only here, like everything `kb-build check` does not need: it starts on every save

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
    try:
        args = _parser().parse_args(argv)
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
            from kb_build import diff as review_diff

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
            return _check(config, args.format)
        from kb_build import build as pipeline
        from kb_build.messages import review_summary

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
