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
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

from kb_build.build import GeneratedSite
from kb_build.compact_css import compact_css
from kb_build.compact_html import compact_template
from kb_build.errors import BuildError, ConfigError, ContentError, KbError, format_report
from kb_build.markdown_fast import FastMarkdown
from kb_build.render.html import BLOCK_END, BLOCK_START, UNSEARCHED_BLOCK_START
from kb_build.render.site import Content, Later, Text
from kb_build.second_process import SecondProcess

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # before mkdocs is imported: keep build output clean
import markdown  # type: ignore[import-untyped]  # mkdocs installs it; no stubs
import mkdocs.utils
from jinja2 import BaseLoader, BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, nodes
from jinja2.bccache import Bucket
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup
from mkdocs.commands.build import _populate_page
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


_BLOCK_OPEN = re.compile(rf'<div class="([^"]*)">({BLOCK_START}|{UNSEARCHED_BLOCK_START})\n')
_BLOCK_CLOSE = f"\n{BLOCK_END}</div>"
"""A block is everything from an opening to the first closing after it (a lazy ``.*?`` was slow)."""
_PLACEHOLDER = re.compile(r"<p>kb(block|unsearched)(\d{5})</p>")
"""A block's place in a page rendered by Markdown: ``kbunsearched`` for a block search leaves out."""
_UNSEARCHED_HIDDEN = re.compile(r"<!--kbunsearched(\d{5})-->")
"""The place of a block search leaves out while Material's search plugin reads the page: a comment, which it skips."""


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
        """Per page, its blocks in order, compressed; a page's placeholder ``kbblockNNNNN`` (or
        ``kbunsearchedNNNNN``) is its index here."""

    def keep(self, path: str, content: Text) -> str | bytes:
        """A page with its blocks stashed, another text file as UTF-8.

        A ``render.site.Finish``: render_site hands each file over as soon as it is rendered. A page
        in parts (each whole blocks and text) is taken apart one part at a time, so the largest
        page is never held whole.
        """
        if not path.endswith(".md"):
            return _joined(content).encode()  # what mkdocs writes for a str
        if path in self.blocks:
            return _joined(content)  # kept already
        found: list[bytes] = []
        kept = "".join(_stash_blocks(part, found) for part in ((content,) if isinstance(content, str) else content))
        self.blocks[path] = found
        return kept

    def files(self, files: dict[str, Content]) -> dict[str, Content]:
        """Keep every file not kept yet (see :meth:`keep`); a file rendered when read is kept then.

        ``files`` is emptied as it goes, so a large site is never held twice.
        """
        docs: dict[str, Content] = {}
        for path in list(files):
            content = files.pop(path)
            docs[path] = self.keep(path, content) if isinstance(content, str) else content
        return docs


def _stash_blocks(content: str, found: list[bytes]) -> str:
    """``content`` with each block replaced by a placeholder for its place in ``found``, where it is kept."""
    parts: list[str] = []
    done = 0
    while (opening := _BLOCK_OPEN.search(content, done)) and (end := content.find(_BLOCK_CLOSE, opening.end())) >= 0:
        inner = _SEAMS.sub(_NEWLINE_AFTER, content[opening.end() : end])
        found.append(zlib.compress(f'<div class="{opening[1]}">\n{inner}\n</div>'.encode(), 1))
        kind = "block" if opening[2] == BLOCK_START else "unsearched"
        parts += [content[done : opening.start()], f"\n\nkb{kind}{len(found) - 1:05d}\n\n"]
        done = end + len(_BLOCK_CLOSE)
    return "".join([*parts, content[done:]]) if parts else content


def _joined(content: Text) -> str:
    return content if isinstance(content, str) else "".join(content)


class KeptStash(BlockStash):
    """A :class:`BlockStash` for the preview: a page whose content is the same as in the last build keeps
    its stashed text and blocks from then, instead of being taken apart again."""

    def __init__(self, last: KeptPages | None = None) -> None:
        super().__init__()
        self.last: KeptPages = last or {}
        self.kept: KeptPages = {}
        """This build's pages, for the next one."""

    def keep(self, path: str, content: Text) -> str | bytes:
        """:meth:`BlockStash.keep`, or the last build's result for the same content."""
        content = _joined(content)
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


KNOWN_PLUGINS = frozenset({"search", "material/search", "kb-blocks", "kb-blocks-late", "kb-shared-pages"})
"""Plugins whose work on a page is done again when the preview renders only that page (see :func:`_rebuild_pages`)."""


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    site: GeneratedSite,
    *,
    strict: bool,
    rebuild: Rebuild | None = None,
    share: bool = False,
    previous: Path | None = None,
) -> MkdocsRun:
    """Build the generated ``site`` into ``site_dir`` with the project's mkdocs.yml and our navigation.

    The files go to mkdocs in memory (``docs_dir`` is an empty folder): writing thousands of pages
    to disk only for mkdocs to read them back was a third of a large build. ``site.build_date``
    stands in for today in the sitemap, so the same content gives the same bytes on any day.
    With ``rebuild``, ``site_dir`` holds the previous build of the same pages and only the files
    that changed are rendered and written: with the previous build's mkdocs objects when its
    plugins allow, else by mkdocs' dirty build. With ``share`` (and no ``rebuild``), a second
    process takes about half of the work (see :class:`_SharedPages`). ``previous``: the site this
    build will replace, whose unchanged files are linked rather than written again (see
    :func:`_linking_unchanged`). Returns what a later rebuild needs.
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
        shared = _SharedPages(plugin) if share and rebuild is None and set(config.plugins) <= KNOWN_PLUGINS else None
        config.plugins["kb-blocks"] = plugin
        config.plugins["kb-blocks-late"] = _LateBlocks(plugin)
        if shared is not None:
            config.plugins["kb-shared-pages"] = shared
        try:
            # dirty: each process builds only the files whose is_modified() says so (see _SharedPages)
            with _linking_unchanged(previous, site_dir):
                build(config, dirty=rebuild is not None or shared is not None)
        except BaseException as exc:
            if shared is not None and shared.other is not None and shared.other.in_copy:
                shared.other.fail(exc)  # the copy never returns to the caller's clean-up
            raise
        finally:
            if shared is not None:
                shared.close()
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
    from mkdocs.commands.build import _build_page
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
    for search in _search_plugins(config):
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
        self.fast_markdown: FastMarkdown | None = None
        self.config: Any = None
        self.mk_files: Any = None
        self.nav: Any = None
        self.env: Any = None
        self.inline_styles: dict[str, Markup] = {}
        """Stylesheets the theme writes into every page (``inline_css``), compacted."""
        self.fill_in: list[tuple[Path, list[bytes]]] = []
        """Written pages whose placeholders still wait for their blocks."""
        self.known_pieces: dict[int, bytes] = {}
        """Pieces of our part of the search index made already, shared with a second process (see ``_SharedPages``)."""

    def start_rebuild(self, site: GeneratedSite, rebuild: Rebuild) -> None:
        """Take the generated site of a rebuild that renders only the files not in ``rebuild.unchanged``."""
        self.files, self.blocks, self.search, self.rebuild = site.files, site.blocks, site.search, rebuild
        self.rebuilt_urls = {f.url for f in self.mk_files.documentation_pages() if f.src_uri not in rebuild.unchanged}
        self.fill_in = []

    def on_files(self, files: Any, config: Any, **_: Any) -> Any:
        unchanged = self.rebuild.unchanged if self.rebuild else frozenset()
        for path in sorted(self.files):
            content = self.files[path]
            if isinstance(content, Later):
                files.append(_RenderedWhenRead.of(config, path, content))
            else:
                kind = _UnchangedFile if path in unchanged else _Generated
                files.append(kind.generated(config, path, content=content))
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
        env.loader = _CompactTemplates(
            ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(material)})])
        )
        env.add_extension(_SharedFragments)
        env.bytecode_cache = _COMPILED
        env.auto_reload = False  # a build's templates do not change while it runs: no file check per include
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
        cost as much as converting the page. A page that is only headings and placeholders
        (most generated pages) does not need Markdown at all: ``markdown_fast`` writes the same.
        """
        if self.markdown is None:
            self.markdown = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
            self.fast_markdown = FastMarkdown.for_instance(self.markdown)
        if self.fast_markdown is None or not render_fast(self.fast_markdown, page):
            render_fully(self.markdown, page, config, files)

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        for block in self.blocks.get(page.file.src_uri, []):
            _extend_toc(page.toc, zlib.decompress(block).decode())
        return html

    @event_priority(100)  # before Material's search plugin reads the page
    def on_page_context(self, context: Any, page: Any, **_: Any) -> Any:
        """Put the blocks back just before the page is rendered, so no more than one page's HTML is held twice.

        A page that search leaves out gets them after the search plugin instead (``_LateBlocks``):
        the plugin then runs its clean-up regex over a few placeholders, not over thousands of pages.
        So do the blocks search leaves out (``block(searched=False)``): until then their places are
        comments, which the plugin neither parses nor indexes.
        """
        if not _left_out_of_search(page):
            found = self.blocks.get(page.file.src_uri, [])
            page.content = _PLACEHOLDER.sub(
                lambda m: _block(found, m[2]) if m[1] == "block" else f"<!--kbunsearched{m[2]}-->", page.content
            )
        return context

    def put_back(self, page: Any, *, in_file: bool = False) -> None:
        """Replace the placeholders of a page search leaves out by its blocks.

        ``in_file``: a page with large blocks (the print copy) gets them in its written file
        instead, after the build (see ``_fill_in``), so its HTML is never held whole, let alone
        twice (page and template output). Not when a block has an ``<h1``: Material looks for one
        in the page to decide whether to add the title.
        """
        found = self.blocks.get(page.file.src_uri, [])
        if in_file and sum(map(len, found)) > _FILL_IN_OVER and not any(b"<h1" in zlib.decompress(b) for b in found):
            self.fill_in.append((Path(page.file.abs_dest_path), found))
            return
        page.content = _PLACEHOLDER.sub(lambda m: _block(found, m[2]), page.content)

    def put_back_unsearched(self, page: Any) -> None:
        """Replace the comments left for the blocks search leaves out (see :meth:`on_page_context`) by the blocks."""
        found = self.blocks.get(page.file.src_uri, [])
        page.content = _UNSEARCHED_HIDDEN.sub(lambda m: _block(found, m[1]), page.content)

    def on_post_page(self, output: str, page: Any, **_: Any) -> str:
        page.content = None  # written: keeping every page's HTML to the end of the build doubled peak memory
        return output

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
        # worker shim as a blocking script in every page's <head>; theme/main.html loads it only
        # on file://, so the shim costs nothing over http.
        for written in (path, path.with_suffix(".js")):  # new files, never a link's (see _linking_unchanged)
            written.unlink(missing_ok=True)
        with path.open("wb") as data, path.with_suffix(".js").open("wb") as script:
            script.write(b"var __index = ")
            for part in self.search.json(index, self.known_pieces):
                data.write(part)
                script.write(part)
        self.known_pieces = {}  # this build's: a preview rebuild makes its own
        if self.rebuild is None:  # a rebuild writes no theme files: the build it continues cut them
            _cut_remote_loaders(Path(config.site_dir) / "assets" / "javascripts")


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
        else:
            self.blocks.put_back_unsearched(page)
        return context


class _SharedPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """On an idle core, let a copy of this process render and write about half of the files.

    The copy is made once mkdocs has gathered the files and the navigation. Every file but the
    last page is shared: mkdocs' dirty build skips a file whose ``is_modified()`` is false, and
    here that asks :meth:`SecondProcess.mine`, so each file is done by the process that reaches
    it first, and the work divides itself whatever the pages cost. A shared page is rendered
    (see ``render.site.Later``), read and converted only by the process that takes it, in the loop
    that builds pages; the menu on any page needs no other page read, as the navigation names
    every page in it (mkdocs-material would also show an icon or a status from a page's front
    matter, which our pages never have). The two also share writing our part of the search index. The
    parent builds the last page; then it waits for the copy and takes what it needs to finish
    the build as if it had built every page itself: the anchors of the copy's pages (mkdocs
    checks links to anchors across pages), their search entries and index pieces, and the warnings
    the copy logged. The result is the same, file for file, as a build in one process.
    """

    def __init__(self, kb: _KbPlugin) -> None:
        self.kb = kb
        self.other: SecondProcess | None = None
        self.shared: list[Any] = []
        """The files either process may take, numbered as the pieces of work of :class:`SecondProcess`."""
        self.last = ""
        """The last page, the parent's: after building it, the parent waits for the copy."""
        self.records: list[logging.LogRecord] = []
        self.anchors: dict[str, tuple[set[str], dict[str, dict[str, str]]]] = {}

    @event_priority(-100)  # after _KbPlugin has noted which pages are in the navigation
    def on_nav(self, nav: Any, config: Any, files: Any, **_: Any) -> Any:
        pages = files.documentation_pages()
        self.last = pages[-1].src_uri
        self.shared = [f for f in files if f.src_uri != self.last]
        self.other = SecondProcess.start(len(self.shared) + self.kb.search.pieces)
        if self.other is None:
            return nav
        for n, file in enumerate(self.shared):
            file.is_modified = _not_modified if file.is_documentation_page() else partial(self.other.mine, n)
        if self.other.in_copy:
            self._become_copy(config, files)
        return nav

    def _become_copy(self, config: Any, files: Any) -> None:
        """Leave the last page, the sitemap and the messages to the parent."""
        files.get_file_from_path(self.last).is_modified = _not_modified
        config.theme.static_templates = set()
        config["extra_templates"] = []
        logging.getLogger("mkdocs").handlers = [_Kept(self.records)]

    def on_env(self, env: Environment, config: Any, files: Any, **_: Any) -> Environment:
        """From here on, a shared page is read and converted by the process that takes it."""
        if self.other is not None:
            for n, file in enumerate(self.shared):
                if file.is_documentation_page():
                    file.is_modified = partial(self._take_page, n, file, config, files)
        return env

    def _take_page(self, n: int, file: Any, config: Any, files: Any) -> bool:
        """``is_modified()`` of a shared page in mkdocs' loop that builds pages (asked once per page there):
        read and convert it if this process takes it."""
        assert self.other is not None
        if not self.other.mine(n):
            return False
        _populate_page(file.page, config, files)
        config._current_page = file.page  # as mkdocs' _build_page set it, before this call
        if self.other.in_copy:  # the parent checks the links to anchors, with every page's anchors
            page = file.page
            links = {to.src_uri: dict(found) for to, found in (page.links_to_anchors or {}).items()}
            self.anchors[file.src_uri] = (page.present_anchor_ids, links)
            page.links_to_anchors = None
        return True

    @event_priority(-200)  # after every other plugin is done with the page
    def on_post_page(self, output: str, page: Any, config: Any, **_: Any) -> str:
        if self.other is not None and not self.other.in_copy and page.file.src_uri == self.last:
            self._take_over(config)
        return output

    @event_priority(200)  # in the copy: before any plugin writes the site's shared files
    def on_post_build(self, config: Any, **_: Any) -> None:
        if self.other is not None and self.other.in_copy:
            for page, found in self.kb.fill_in:
                _fill_in(page, found)
            entries = [e for search in _search_plugins(config) for e in search.search_index.entries]
            self.other.finish((self.records, self.anchors, entries, self._search_pieces()))

    def _search_pieces(self) -> dict[int, bytes]:
        """The pieces of our part of the search index (see ``SearchData.piece``) that this process takes."""
        assert self.other is not None
        search = self.kb.search
        return {n: search.piece(n) for n in range(search.pieces) if self.other.mine(len(self.shared) + n)}

    def _take_over(self, config: Any) -> None:
        """In the parent: wait for the copy, and take its messages, anchors, search entries and index pieces."""
        assert self.other is not None
        self.kb.known_pieces = self._search_pieces()
        records, anchors, entries, pieces = self.other.result()
        self.kb.known_pieces |= pieces
        for record in records:
            logging.getLogger(record.name).handle(record)
        files = self.kb.mk_files
        for path, (present, links) in anchors.items():
            page = files.get_file_from_path(path).page
            page.present_anchor_ids = present
            page.links_to_anchors = {files.get_file_from_path(to): found for to, found in links.items()}
        for search in _search_plugins(config):
            by_page = _by_page([*search.search_index.entries, *entries])
            search.search_index.entries = [e for url in self.kb.page_urls for e in by_page.get(url, [])]

    def close(self) -> None:
        """End the sharing: stop the copy if the build ended before the parent took its work over (an
        error, Ctrl+C). The preview's rebuilds, with this build's plugins, are done in one process."""
        if self.other is not None and not self.other.in_copy:
            self.other.close()
        self.other = None


def _not_modified() -> bool:
    return False


class _Kept(logging.Handler):
    """Keep the copy's messages, as text, to be logged by the parent."""

    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__()
        self.kept = records

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append(
            logging.makeLogRecord(
                {
                    "name": record.name,
                    "levelno": record.levelno,
                    "levelname": record.levelname,
                    "msg": record.getMessage(),
                }
            )
        )


def _search_plugins(config: Any) -> list[Any]:
    return [plugin for name, plugin in config.plugins.items() if name in ("search", "material/search")]


_FILL_IN_OVER = 256_000
"""Compressed size of a page's blocks above which they go straight into its file: a few pages of a large site."""
_PLACEHOLDER_BYTES = re.compile(rb"<p>kb(?:block|unsearched)(\d{5})</p>")


@contextmanager
def _linking_unchanged(previous: Path | None, site_dir: Path) -> Iterator[None]:
    """While mkdocs writes the site into ``site_dir``: a file with the same bytes as in ``previous`` is a link to it.

    Replacing a site deletes the previous one's thousands of files, and some file systems give out
    new files slowly for minutes after many were deleted (ext4 without a journal passes over each
    one it freed recently): in a rebuild, that was a sixth of the machine's time. A linked file
    costs no new file now and no deleted one later, and keeps its modification time, so a deploy
    can tell that it did not change. The previous site is never written to: every file that the
    build writes again after mkdocs (the print copy's blocks, the search index) is a new file.
    """
    write = mkdocs.utils.write_file
    if previous is None or not previous.is_dir():
        yield
        return

    def link_or_write(content: bytes, output_path: str) -> None:
        new = Path(output_path)
        old = previous / new.relative_to(site_dir)
        try:
            if old.stat().st_size == len(content) and old.read_bytes() == content:
                new.parent.mkdir(parents=True, exist_ok=True)
                new.hardlink_to(old)
                return
        except OSError:  # no such file, or no links here: written as usual
            pass
        write(content, output_path)

    mkdocs.utils.write_file = link_or_write
    try:
        yield
    finally:
        mkdocs.utils.write_file = write


def _block(found: list[bytes], number: str) -> str:
    """The HTML of a page's block ``number`` (the digits of its placeholder) from its kept ``found``."""
    return zlib.decompress(found[int(number)]).decode()


def _fill_in(page: Path, found: list[bytes]) -> None:
    """Write a page's blocks in place of its placeholders, one block in memory at a time."""
    html = page.read_bytes()  # the page without its blocks: small
    page.unlink()  # a new file: the one written may be a link to the previous site's (see _linking_unchanged)
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


class _Generated(File):
    """A file the build generated, written through mkdocs' ``write_file`` like a page (see :func:`_linking_unchanged`)."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return  # another process's (see _SharedPages), or unchanged: its content is not even rendered
        content = self._content
        if content is None:
            super().copy_file()
            return
        mkdocs.utils.write_file(content.encode() if isinstance(content, str) else content, self.abs_dest_path)


class _RenderedWhenRead(_Generated):
    """A generated file rendered when mkdocs first reads its content: by the process that writes it."""

    @classmethod
    def of(cls, config: Any, src_uri: str, later: Later) -> File:
        file = cls.generated(config, src_uri, content="")
        file.__dict__["later"] = later
        return file

    @property
    def _content(self) -> str | bytes | None:
        later = self.__dict__.pop("later", None)
        if later is not None:
            self.__dict__["rendered"] = later()
        return self.__dict__.get("rendered")

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.__dict__["rendered"] = value


class _UnchangedFile(_Generated):
    """A generated file whose content is already in the site: mkdocs' dirty build skips it."""

    def is_modified(self) -> bool:
        return False


def _by_page(entries: SearchEntries) -> dict[str, SearchEntries]:
    """Search entries grouped by the page they point into, in order."""
    pages: dict[str, SearchEntries] = {}
    for entry in entries:
        pages.setdefault(str(entry["location"]).partition("#")[0], []).append(entry)
    return pages


class _CompactTemplates(BaseLoader):
    """The theme's HTML templates without their indentation (see ``compact_html``), so every page is compact."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader
        self.has_source_access = loader.has_source_access

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        return (compact_template(source) if template.endswith(".html") else source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


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


def render_fully(md: Any, page: Any, config: Any, files: Any) -> None:
    """Convert the page with the Markdown instance ``md``, as mkdocs' ``Page.render`` does.

    The per-page processors are registered again under the same names, so each page gets its own.
    """
    md = md.reset()
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


def render_fast(fast_markdown: FastMarkdown, page: Any) -> bool:
    """Give the page what :func:`render_fully` would, without Markdown; False if the page is not of that simple shape."""
    fast = fast_markdown.convert(page.markdown)
    if fast is None:
        return False
    page.content = fast.html
    page.toc = get_toc(fast.toc_tokens)
    page._title_from_render = fast.title
    page.present_anchor_ids = fast.anchor_ids
    page.links_to_anchors = {page.file: fast.self_links} if fast.self_links else {}
    return True


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
