"""The thin layer that hands generated docs to mkdocs; the only module importing mkdocs."""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from kb_build.build import GeneratedSite
from kb_build.compact_css import compact_css
from kb_build.compact_html import compact_html
from kb_build.errors import BuildError, ConfigError, ContentError, KbError, format_report
from kb_build.render.html import BLOCK_END, BLOCK_START

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # before mkdocs is imported: keep build output clean
import markdown  # type: ignore[import-untyped]  # mkdocs installs it; no stubs
from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, nodes
from jinja2.bccache import Bucket
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.pages import (
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

THEME_DIR = Path(__file__).parent / "theme"
"""Footer, notices, styles and scripts layered over mkdocs-material."""


_BLOCK_OPEN = re.compile(rf'<div class="([^"]*)">{BLOCK_START}\n')
_BLOCK_CLOSE = f"\n{BLOCK_END}</div>"
"""A block is everything from an opening to the first closing after it (a lazy ``.*?`` was slow)."""
_PLACEHOLDER = re.compile(r"<p>kbblock(\d{5})</p>")


_SEAMS = re.compile(r"(</(?:td|th|tr|dt|dd|li|label|legend|fieldset)>|<br>)(?=<)")
"""Tag boundaries a browser shows as a break but Material's search parser would glue words across
(«historieArne»); a newline there changes nothing on the page and keeps the words apart in search."""
_NEWLINE_AFTER = "\\1\n"


class BlockStash:
    """Replaces each finished HTML block in the pages by a placeholder paragraph, and keeps the blocks.

    Python-Markdown would otherwise re-parse all of that HTML, which was the largest single
    cost of a build. The blocks go back in when mkdocs renders the page, unchanged but for a
    newline at each of the ``_SEAMS``. The blocks are most of a large site: they are kept as
    UTF-8 compressed with zlib's fastest level (a fifth of the size, for a few percent of the
    build's time), and files other than pages as UTF-8 (one character outside Latin-1 makes a
    ``str`` take two bytes per character).
    """

    def __init__(self) -> None:
        self.blocks: dict[str, list[bytes]] = {}
        """Per page, its blocks in order, compressed; a page's placeholder ``kbblockNNNNN`` is its index here."""

    def keep(self, path: str, content: str) -> str | bytes:
        """A page with its blocks stashed, another text file as UTF-8.

        A ``render.site.Finish``: render_site hands each file over as soon as it is rendered.
        """
        if not path.endswith(".md"):
            return content.encode()  # what mkdocs writes for a str
        if path in self.blocks:
            return content  # kept already
        found: list[bytes] = []
        parts: list[str] = []
        done = 0
        while (opening := _BLOCK_OPEN.search(content, done)) and (
            end := content.find(_BLOCK_CLOSE, opening.end())
        ) >= 0:
            inner = _SEAMS.sub(_NEWLINE_AFTER, content[opening.end() : end])
            found.append(zlib.compress(f'<div class="{opening[1]}">\n{inner}\n</div>'.encode(), 1))
            parts += [content[done : opening.start()], f"\n\nkbblock{len(found) - 1:05d}\n\n"]
            done = end + len(_BLOCK_CLOSE)
        self.blocks[path] = found
        return "".join([*parts, content[done:]]) if found else content

    def files(self, files: dict[str, str | bytes]) -> dict[str, str | bytes]:
        """Keep every file not kept yet (see :meth:`keep`).

        ``files`` is emptied as it goes, so a large site is never held twice.
        """
        docs: dict[str, str | bytes] = {}
        for path in list(files):
            content = files.pop(path)
            docs[path] = self.keep(path, content) if isinstance(content, str) else content
        return docs


class KeptStash(BlockStash):
    """A :class:`BlockStash` for the preview: a page whose content is the same as in the last build keeps
    its stashed text and blocks from then, instead of being taken apart again."""

    def __init__(self, last: KeptPages | None = None) -> None:
        super().__init__()
        self.last: KeptPages = last or {}
        self.kept: KeptPages = {}
        """This build's pages, for the next one."""

    def keep(self, path: str, content: str) -> str | bytes:
        """:meth:`BlockStash.keep`, or the last build's result for the same content."""
        if path in self.blocks:
            return content  # kept already
        last = self.last.get(path)
        if last is not None and last[0] == content:
            self.blocks[path] = last[2]
            self.kept[path] = last
            return last[1]
        stashed = super().keep(path, content)
        if path in self.blocks:
            self.kept[path] = (content, stashed, self.blocks[path])
        return stashed


KeptPages = dict[str, tuple[str, "str | bytes", list[bytes]]]
"""Per page: its content as rendered, as stashed, and its blocks."""


SearchEntries = list[dict[str, Any]]


@dataclass(frozen=True)
class MkdocsRun:
    """What one build leaves for the preview's next rebuild."""

    search_entries: SearchEntries
    """Material's search entries of the build, in page order."""
    plugin: _KbPlugin
    """mkdocs' configuration, files, navigation and template environment of the build, held by our plugin."""


@dataclass(frozen=True)
class Rebuild:
    """What a preview rebuild keeps from the site already in ``site_dir``."""

    unchanged: frozenset[str]
    """Generated files whose content is the same as in the previous build: not rendered or written again."""
    previous: MkdocsRun
    """The previous build of the same pages."""


KNOWN_PLUGINS = frozenset({"search", "material/search", "kb-blocks"})
"""Plugins whose work on a page is done again when the preview renders only that page (see :func:`_rebuild_pages`)."""


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    site: GeneratedSite,
    *,
    strict: bool,
    rebuild: Rebuild | None = None,
) -> MkdocsRun:
    """Build the generated ``site`` into ``site_dir`` with the project's mkdocs.yml and our navigation.

    The files go to mkdocs in memory (``docs_dir`` is an empty folder): writing thousands of pages
    to disk only for mkdocs to read them back was a third of a large build. ``site.build_date``
    stands in for today in the sitemap, so the same content gives the same bytes on any day.
    With ``rebuild``, ``site_dir`` holds the previous build of the same pages and only the files
    that changed are rendered and written: with the previous build's mkdocs objects when its
    plugins allow, else by mkdocs' dirty build. Returns what a later rebuild needs.
    """
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.combine(site.build_date, time(), tzinfo=UTC).timestamp()))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    _quiet_info_logs()
    try:
        if rebuild is not None and set(rebuild.previous.plugin.config.plugins) <= KNOWN_PLUGINS:
            return _rebuild_pages(rebuild, site_dir, site, strict=strict)
        config = load_config(
            str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), nav=site.nav, strict=strict
        )
        config.extra["kb"] = site.extra
        _add_theme_overrides(config.theme.dirs)
        _drop_inlined_css(config.extra_css)
        plugin = _KbPlugin(site, rebuild)
        config.plugins["kb-blocks"] = plugin
        config.plugins["kb-blocks-late"] = _LateBlocks(plugin)
        build(config, dirty=rebuild is not None)
    except (MkDocsException, Abort) as exc:
        raise BuildError(f"mkdocs feilet: {exc}") from exc
    return MkdocsRun(plugin.material_entries, plugin)


def _rebuild_pages(rebuild: Rebuild, site_dir: Path, site: GeneratedSite, *, strict: bool) -> MkdocsRun:
    """Render and write only the changed files, with the previous build's mkdocs objects.

    This is what mkdocs' build does for one page (read, convert, render the template, write; the
    search plugin indexes it), without gathering the files, the navigation and the template
    environment again: the caller has made sure they are the same (same pages, navigation,
    template data and theme). The search index and the anchor checks are done as in a build.
    """
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.exceptions import Abort
    from mkdocs.utils import CountHandler

    plugin = rebuild.previous.plugin
    config, files = plugin.config, plugin.mk_files
    if config.site_dir != str(site_dir):  # the first build was staged in another folder and moved here
        config["site_dir"] = str(site_dir)
        for file in files:
            file.dest_dir = str(site_dir)
            file.__dict__.pop("abs_dest_path", None)  # a cached property of mkdocs' File
    plugin.start_rebuild(site, rebuild)
    pages = []
    for path, content in site.files.items():
        if path in rebuild.unchanged:
            continue
        file = files.get_file_from_path(path)
        assert file is not None  # the same pages as the previous build
        file._content = content
        if file.page is not None:
            pages.append(file)
        else:
            file.copy_file()
    for name, search in config.plugins.items():
        if name in ("search", "material/search"):
            search.search_index = SearchIndex(**search.config)
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    if strict:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        for file in pages:
            _populate_page(file.page, config, files)
        doc_files = files.documentation_pages()
        for file in pages:
            _build_page(file.page, config, doc_files, plugin.nav, plugin.env)
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    if counts := counter.get_counts():
        raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
    return MkdocsRun(plugin.material_entries, plugin)


class _KbPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Hand mkdocs the generated files, put stashed HTML blocks back, and complete the search index."""

    def __init__(self, site: GeneratedSite, rebuild: Rebuild | None) -> None:
        self.files = site.files
        self.blocks = site.blocks
        self.search = site.search
        self.rebuild = rebuild
        self.material_entries: SearchEntries = []
        self.page_urls: list[str] = []
        self.rebuilt_urls: set[str] = set()
        self.in_nav: set[str] = set()
        self.markdown: Any = None
        self.config: Any = None
        self.mk_files: Any = None
        self.nav: Any = None
        self.env: Any = None
        self.inline_styles: dict[str, Markup] = {}
        """Stylesheets the theme writes into every page (``inline_css``), compacted."""
        self.fill_in: list[tuple[Path, list[bytes]]] = []
        """Written pages whose placeholders still wait for their blocks."""

    def start_rebuild(self, site: GeneratedSite, rebuild: Rebuild) -> None:
        """Take the generated site of a rebuild that renders only the files not in ``rebuild.unchanged``."""
        self.files, self.blocks, self.search, self.rebuild = site.files, site.blocks, site.search, rebuild
        self.rebuilt_urls = {f.url for f in self.mk_files.documentation_pages() if f.src_uri not in rebuild.unchanged}
        self.fill_in = []

    def on_files(self, files: Any, config: Any, **_: Any) -> Any:
        unchanged = self.rebuild.unchanged if self.rebuild else frozenset()
        for path in sorted(self.files):
            kind = _UnchangedFile if path in unchanged else File
            files.append(kind.generated(config, path, content=self.files[path]))
        self.config, self.mk_files = config, files
        return files

    def on_nav(self, nav: Any, files: Any, **_: Any) -> Any:
        self.in_nav = {page.file.src_uri for page in nav.pages}
        pages = files.documentation_pages()
        self.page_urls = [f.url for f in pages]
        self.rebuilt_urls = {f.url for f in pages if not isinstance(f, _UnchangedFile)}
        self.nav = nav
        return nav

    def on_env(self, env: Environment, config: Any, **_: Any) -> Environment:
        material = next(d for d in config.theme.dirs if Path(d).parts[-2:] == ("material", "templates"))
        assert env.loader is not None  # mkdocs always gives its environment a loader
        env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(material)})])
        env.add_extension(_SharedFragments)
        env.bytecode_cache = _COMPILED
        env.globals["kb_shared"] = self.shared_key
        env.globals["kb_inline_css"] = self.inline_css
        self.inline_styles = {}
        self.env = env
        return env

    def inline_css(self, name: str) -> Markup:
        """The theme's stylesheet ``name`` (a project's custom_dir may replace it), compacted for a ``<style>`` element.

        Read and compacted once per build. ``</`` cannot end the element early: in CSS it can only
        stand in a string, where ``<\\/`` means the same.
        """
        if name not in self.inline_styles:
            assert self.env is not None and self.env.loader is not None  # set by on_env, which registers this
            source, _, _ = self.env.loader.get_source(self.env, name)
            self.inline_styles[name] = Markup(compact_css(source).replace("</", "<\\/"))  # noqa: S704 - escaped above
        return self.inline_styles[name]

    def shared_key(self, page: Any, part: str) -> tuple[str, str] | None:
        """The cache key of a template part that is the same on every page outside the navigation in a folder.

        The menu, footer and script configuration of such a page differ from its neighbours' only
        in relative links (no menu entry is active, there is no previous or next page), so they
        are rendered once per folder: for recommendation pages that was half of all template time.
        """
        if page is None or page.file.src_uri in self.in_nav:
            return None
        return part, posixpath.dirname(page.url)

    def on_pre_page(self, page: Any, **_: Any) -> Any:
        page.render = lambda config, files: self.render_markdown(page, config, files)
        return page

    def render_markdown(self, page: Any, config: Any, files: Any) -> None:
        """Do what mkdocs' ``Page.render`` does, with one Markdown instance for the whole build.

        mkdocs builds a new Markdown instance, with all its extensions, for every page; that
        cost as much as converting the page. The per-page processors are registered again under
        the same names, so each page still gets its own.
        """
        if self.markdown is None:
            self.markdown = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
        md = self.markdown.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = _RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        page.links_to_anchors = relative.links_to_anchors

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        for block in self.blocks.get(page.file.src_uri, []):
            _extend_toc(page.toc, zlib.decompress(block).decode())
        return html

    @event_priority(100)  # before Material's search plugin reads the page
    def on_page_context(self, context: Any, page: Any, **_: Any) -> Any:
        """Put the blocks back just before the page is rendered, so no more than one page's HTML is held twice.

        A page that search leaves out gets them after the search plugin instead (``_LateBlocks``):
        the plugin then runs its clean-up regex over a few placeholders, not over thousands of pages.
        """
        if not _left_out_of_search(page):
            self.put_back(page)
        return context

    def put_back(self, page: Any, *, in_file: bool = False) -> None:
        """Replace the page's placeholders by its blocks.

        ``in_file``: a page with large blocks (the print copy) gets them in its written file
        instead, after the build (see ``_fill_in``), so its HTML is never held whole, let alone
        twice (page and template output). Not when a block has an ``<h1``: Material looks for one
        in the page to decide whether to add the title.
        """
        found = self.blocks.get(page.file.src_uri, [])
        if in_file and sum(map(len, found)) > _FILL_IN_OVER and not any(b"<h1" in zlib.decompress(b) for b in found):
            self.fill_in.append((Path(page.file.abs_dest_path), found))
            return
        page.content = _PLACEHOLDER.sub(lambda m: zlib.decompress(found[int(m[1])]).decode(), page.content)

    def on_post_page(self, output: str, page: Any, **_: Any) -> str:
        page.content = None  # written: keeping every page's HTML to the end of the build doubled peak memory
        return compact_html(output)

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, config: Any, **_: Any) -> None:
        for page, found in self.fill_in:
            _fill_in(page, found)
        path = Path(config.site_dir) / "search" / "search_index.json"
        index = json.loads(path.read_text(encoding="utf-8"))
        if self.rebuild is not None:  # Material indexed only the pages built again
            fresh, kept = _by_page(index["docs"]), _by_page(self.rebuild.previous.search_entries)
            index["docs"] = [
                e for url in self.page_urls for e in (fresh if url in self.rebuilt_urls else kept).get(url, [])
            ]
        self.material_entries = [dict(e) for e in index["docs"]]  # before our fields are added to them
        # Opened from a folder, Material loads the index as a script (a page on file:// cannot
        # fetch files). Material's offline plugin writes the same file, but it also puts its
        # worker shim as a blocking script in every page's <head>; kb-head.html loads it only
        # on file://, so the shim costs nothing over http.
        with path.open("wb") as data, path.with_suffix(".js").open("wb") as script:
            script.write(b"var __index = ")
            for part in _json_parts(self.search.complete(index)):
                data.write(part)
                script.write(part)
        _cut_remote_loaders(Path(config.site_dir) / "assets" / "javascripts")


def _json_parts(index: dict[str, Any]) -> Iterator[bytes]:
    """The compact JSON of the search index in parts, one per entry: the same bytes as one ``json.dumps``.

    The whole text of a large site's index, with the encoder's pieces of it, was the peak of the build's memory.
    """
    for n, (key, value) in enumerate(index.items()):
        yield f"{',' if n else '{'}{_json(key)}:".encode()
        if key == "docs":
            yield b"["
            for i, doc in enumerate(value):
                yield (b"," if i else b"") + _json(doc).encode()
            yield b"]"
        else:
            yield _json(value).encode()
    yield b"}" if index else b"{}"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _LateBlocks(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Put the blocks back into pages that search leaves out, after Material's search plugin.

    That plugin strips ``data-search-*`` attributes from every page's HTML. The blocks never have
    one: our renderers write no such attribute, and text in them has its quotes escaped.
    """

    def __init__(self, blocks: _KbPlugin) -> None:
        self.blocks = blocks

    @event_priority(-100)
    def on_page_context(self, context: Any, page: Any, **_: Any) -> Any:
        if _left_out_of_search(page):
            self.blocks.put_back(page, in_file=True)
        return context


_FILL_IN_OVER = 256_000
"""Compressed size of a page's blocks above which they go straight into its file: a few pages of a large site."""
_PLACEHOLDER_BYTES = re.compile(rb"<p>kbblock(\d{5})</p>")


def _fill_in(page: Path, found: list[bytes]) -> None:
    """Write a page's blocks in place of its placeholders, one block in memory at a time."""
    html = page.read_bytes()  # the page without its blocks: small
    with page.open("wb") as out:
        done = 0
        for match in _PLACEHOLDER_BYTES.finditer(html):
            out.write(html[done : match.start()])
            out.write(zlib.decompress(found[int(match[1])]))
            done = match.end()
        out.write(html[done:])


def _left_out_of_search(page: Any) -> bool:
    """Whether Material's search plugin skips the page (``search: exclude: true`` in its front matter)."""
    search = page.meta.get("search") or {}
    return bool(search.get("exclude"))


class _UnchangedFile(File):
    """A generated file whose content is already in the site: mkdocs' dirty build skips it."""

    def is_modified(self) -> bool:
        return False


def _by_page(entries: SearchEntries) -> dict[str, SearchEntries]:
    """Search entries grouped by the page they point into, in order."""
    pages: dict[str, SearchEntries] = {}
    for entry in entries:
        pages.setdefault(str(entry["location"]).partition("#")[0], []).append(entry)
    return pages


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept for the life of the process, checked against their source.

    mkdocs makes a new Jinja environment for every build; without this, each preview rebuild
    compiled Material's templates again.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class _SharedFragments(Extension):
    """``{% kbshared key %}…{% endkbshared %}``: render the body once per key, reuse it after; no key, no cache."""

    tags = {"kbshared"}  # noqa: RUF012 - jinja2 reads this class attribute

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        self.rendered: dict[object, str] = {}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endkbshared",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", [key]), [], [], body).set_lineno(lineno)

    def _render(self, key: object, caller: Callable[[], str]) -> str:
        if key is None:
            return caller()
        if key not in self.rendered:
            self.rendered[key] = caller()
        return self.rendered[key]


_REMOTE_LOADERS = re.compile(r"https://(?:unpkg\.com|api\.github\.com)/")
_SOURCE_MAP_COMMENT = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def _cut_remote_loaders(scripts: Path) -> None:
    """Make Material's scripts unable to reach another host, and drop their source maps.

    The bundle can fetch a ResizeObserver polyfill and Mermaid from unpkg.com and repository
    facts from api.github.com. None of that runs here (every supported browser has
    ResizeObserver; the site has no diagrams and no repo_url), but the promise is zero requests
    to other hosts, so those URLs become inert ``data:`` URLs. The source maps only serve
    debugging Material itself and carry the same URLs.
    """
    for path in sorted(scripts.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        cleaned = _SOURCE_MAP_COMMENT.sub("", _REMOTE_LOADERS.sub("data:,", text))
        if cleaned != text:
            path.write_text(cleaned, encoding="utf-8")
    for path in sorted(scripts.rglob("*.js.map")):
        path.unlink()


_HTML_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)<a class="headerlink"')


def _extend_toc(toc: TableOfContents, html: str) -> None:
    """Put the permalinked headings of a block in the page's table of contents, under its title.

    Markdown never sees these headings, so its toc extension cannot list them. A page keeps its
    headings either in Markdown or in blocks (recommendation pages: all in one block), so appending
    keeps document order.
    """
    items = toc.items[0].children if toc.items and toc.items[0].level == 1 else toc.items
    for level, anchor, title in _HTML_HEADING.findall(html):
        link = AnchorLink(title, anchor, int(level))
        if level == "3" and items:
            items[-1].children.append(link)
        else:
            items.append(link)


def serve(build: Callable[[Path], object], site_dir: Path, watch: list[Path], host: str, port: int) -> None:
    """Serve ``site_dir`` with live reload, rebuilding with ``build(site_dir)`` when ``watch`` changes."""
    from mkdocs.livereload import LiveReloadServer

    def rebuild() -> None:
        try:
            build(site_dir)
        except ContentError as exc:
            print(format_report(exc.problems), file=sys.stderr)
        except KbError as exc:
            print(f"kb-build: {exc}", file=sys.stderr)

    _quiet_info_logs()
    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir), mount_path="/")
    for path in [*watch, THEME_DIR]:
        server.watch(str(path))
    print(f"Forhåndsvisning på http://{host}:{port}/ (Ctrl+C for å stoppe)")
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _add_theme_overrides(dirs: list[str]) -> None:
    """Put our templates and assets in front of Material's, behind any project custom_dir."""
    material = next((i for i, d in enumerate(dirs) if Path(d).parts[-2:] == ("material", "templates")), None)
    if material is None:
        raise ConfigError("mkdocs.yml mangler «theme: name: material»; nettstedet bygger på mkdocs-material")
    dirs.insert(material, str(THEME_DIR))


INLINED_CSS = "assets/kb.css"
"""Written into every page by the theme (partials/kb-head.html) instead of linked."""


def _drop_inlined_css(extra_css: list[Any]) -> None:
    """Leave out ``assets/kb.css`` if mkdocs.yml still names it: the pages already hold it, a link would fetch it again."""
    extra_css[:] = [path for path in extra_css if str(path) != INLINED_CSS]


def _not_dirty_build_notice(record: logging.LogRecord) -> bool:
    """Drop mkdocs' warning that a dirty build may be inaccurate: the preview's rebuilds are checked."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _quiet_info_logs() -> None:
    """Show mkdocs warnings but not its per-build info chatter, once."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_build_notice)
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("mkdocs %(levelname)s: %(message)s"))
        # mkdocs logs "Error building page …" and then raises; kb-build reports the raised error itself.
        handler.addFilter(
            lambda record: not record.getMessage().startswith(("Error building page", "Error reading page"))
        )
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
