"""Patient stories: participant page (also the printable handout), trainer view, index, course pack."""

from __future__ import annotations

from kb_build.model import Story
from kb_build.render import paths
from kb_build.render.common import heading, rec_list
from kb_build.render.html import esc, legacy_block, markdown
from kb_build.resolve import SiteIndex

INDEX_PAGE = "historier/index.md"
COURSE_PAGE = "historier/kursopplegg.md"

_OUTCOME = {"lykkes": ("Lykkes", "✓"), "svikter": ("Svikter", "✗"), "noytral": ("Hendelse", "•")}


def render_participant(story: Story, index: SiteIndex) -> str:
    """The story for participants, without trainer notes; prints as a handout."""
    page = paths.story(story)
    trainer = paths.href(page, paths.story(story, trainer=True))
    return "".join(
        [
            heading(1, story.tittel),
            legacy_block(
                _kicker(story)
                + '<p class="kb-actions"><button type="button" class="md-button kb-print" hidden>Skriv ut som utdelingsark</button> '
                f'<a class="md-button" href="{trainer}">Kurslederversjon</a></p>',
                "kb-meta",
            ),
            legacy_block(handout_body(story, index, page, level=2, answers=False), "kb-story"),
        ]
    )


def render_trainer(story: Story, index: SiteIndex) -> str:
    """The trainer view: the story plus suggested answers, what to draw out and misunderstandings."""
    page = paths.story(story, trainer=True)
    answers = "".join(
        f"<li><p><strong>{esc(q.sporsmal)}</strong></p>{markdown(q.forslag)}</li>" for q in story.sporsmal
    )
    return "".join(
        [
            heading(1, f"Kurslederversjon: {story.tittel}"),
            legacy_block(
                '<p class="admonition-title">Kurslederversjon</p><p>Denne siden har forslag til svar. Del ut '
                f'<a href="{paths.href(page, paths.story(story))}">deltakerversjonen</a> til deltakerne.</p>',
                "admonition info",
            ),
            legacy_block(_kicker(story), "kb-meta"),
            legacy_block(handout_body(story, index, page, level=2, questions=False), "kb-story"),
            heading(2, "Diskusjonsspørsmål med forslag til svar", "forslag"),
            legacy_block(f'<ol class="kb-answers">{answers}</ol>'),
            heading(2, "Dette bør kurslederen trekke fram", "trekk-fram"),
            legacy_block(markdown(story.trekk_fram)),
            heading(2, "Vanlige misforståelser", "misforstaelser"),
            legacy_block(markdown(story.misforstaelser)),
        ]
    )


def _kicker(story: Story) -> str:
    return (
        f'<p class="kb-kicker"><span>Oppdiktet historie</span> <span>{esc(story.navn)}, {story.alder} år</span> '
        f"<span>Ca. {story.varighet_minutter} minutter</span></p>"
    )


def handout_body(
    story: Story, index: SiteIndex, page: str, *, level: int, questions: bool = True, answers: bool | None = True
) -> str:
    """The shared body of a story: summary, background, timeline, criteria, recommendations, questions.

    The criteria and recommendations answer the discussion questions: ``answers=False`` leaves them out
    (the participant handout), ``None`` marks them so the course pack shows them only when the trainer asks.
    """
    h = f"h{level}"
    t = index.target
    names = {k.id: k.navn for k in (*t.kriterier, *t.tilstander, *t.andre_forhold)}
    events = "".join(
        f'<li class="kb-event kb-event--{esc(e.utfall)}"><span class="kb-event__time">{esc(e.tid)}</span> '
        f'<span class="kb-event__outcome"><span aria-hidden="true">{_OUTCOME[e.utfall][1]}</span> '
        f"{_OUTCOME[e.utfall][0]}:</span>{markdown(e.hendelse)}</li>"
        for e in story.tidslinje
    )
    criteria = "".join(f"<li>{esc(names[k])}</li>" for k in story.kriterier)
    conditions = "".join(f"<li>{esc(names[k])}</li>" for k in story.tilstander)
    recs = [index.by_id[r] for r in story.anbefalinger]
    answer_part = (
        f"<{h}>Kjennetegn som passer</{h}>"
        f"<p>{esc(index.target.kriterier_overskrift)}:</p><ul>{criteria or '<li>Ingen</li>'}</ul>"
        f"<p>Tilstander og andre forhold:</p><ul>{conditions or '<li>Ingen</li>'}</ul>"
        f"<{h}>Anbefalinger historien belyser</{h}>{rec_list(page, recs, index, summary=False)}"
    )
    out = (
        f'<p class="kb-lead">{esc(story.sammendrag)}</p>'
        f"<{h}>Bakgrunn</{h}>{markdown(story.bakgrunn)}"
        f'<{h}>Hva skjedde</{h}><ol class="kb-timeline">{events}</ol>'
    )
    if answers:
        out += answer_part
    elif answers is None:
        out += f'<div class="kb-answer-part" hidden>{answer_part}</div>'
    if answers is False:
        out += (
            '<p class="kb-muted">Kjennetegnene og anbefalingene historien belyser, står i '
            f'<a href="{paths.href(page, paths.story(story, trainer=True))}">kurslederversjonen</a>.</p>'
        )
    if questions:
        asked = "".join(f"<li>{esc(q.sporsmal)}</li>" for q in story.sporsmal)
        out += f'<{h}>Spørsmål til diskusjon</{h}><ol class="kb-questions">{asked}</ol>'
    return out + '<p class="kb-muted">Historien er oppdiktet. Navn og steder finnes ikke.</p>'


def render_index(index: SiteIndex) -> str:
    """All stories with age, themes, roles and duration."""
    g = index.guideline
    rows = "".join(
        f'<tr><td><a href="{paths.href(INDEX_PAGE, paths.story(s))}">{esc(s.tittel)}</a>'
        f'<br><span class="kb-muted">{esc(s.sammendrag)}</span></td>'
        f"<td>{esc(s.navn)}, {s.alder} år</td><td>{esc(', '.join(g.role_name(r) for r in s.roller))}</td>"
        f"<td>{s.varighet_minutter} min</td>"
        f'<td><a href="{paths.href(INDEX_PAGE, paths.story(s, trainer=True))}">Kursleder</a></td></tr>'
        for s in index.stories
    )
    return "".join(
        [
            heading(1, "Pasient- og brukerhistorier"),
            legacy_block(
                "<p>Oppdiktede historier til bruk i opplæring og tjenesteutvikling. Hver historie har en tidslinje "
                "der tjenestene lykkes eller svikter, spørsmål til diskusjon og en egen versjon for kursleder med "
                f'forslag til svar. Vil du sette sammen et kurs, bruk <a href="{paths.href(INDEX_PAGE, COURSE_PAGE)}">'
                "kursopplegget</a>.</p>"
            ),
            legacy_block(
                '<table class="kb-table"><thead><tr><th scope="col">Historie</th><th scope="col">Person</th>'
                '<th scope="col">Passer for</th><th scope="col">Tid</th><th scope="col">Kursleder</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            ),
        ]
    )


def render_course(index: SiteIndex) -> str:
    """Pick stories by theme, role or chapter and print the selected handouts as one course pack."""
    g = index.guideline
    options = "".join(
        f'<label class="kb-facet__option"><input type="checkbox" name="historie" value="{esc(s.id)}" checked> '
        f"{esc(s.tittel)}</label>"
        for s in index.stories
    )
    themes = sorted({t for s in index.stories for t in s.tema})
    theme_names = {t.id: t.navn for t in g.temaer}
    roles = [r for r in g.malgrupper if any(r.id in s.roller for s in index.stories)]
    chapters = sorted({index.by_id[r].kapittel for s in index.stories for r in s.anbefalinger})
    selects = (
        _select("tema", "Tema", sorted(((t, theme_names.get(t, t)) for t in themes), key=lambda o: o[1]))
        + _select("rolle", "Rolle", [(r.id, r.navn) for r in roles])
        + _select(
            "kapittel", "Kapittel", [(str(c), f"{c}. {index.chapter_by_number[c].kort_tittel}") for c in chapters]
        )
    )
    handouts = "".join(
        f'<section class="kb-handout" data-historie="{esc(s.id)}" data-tema="{esc(" ".join(s.tema))}" '
        f'data-rolle="{esc(" ".join(s.roller))}" '
        f'data-kapittel="{" ".join(sorted({str(index.by_id[r].kapittel) for r in s.anbefalinger}))}">'
        f"<h2>{esc(s.tittel)}</h2>{_kicker(s)}{handout_body(s, index, COURSE_PAGE, level=3, answers=None)}</section>"
        for s in index.stories
    )
    return "".join(
        [
            heading(1, "Kursopplegg", css_class="kb-noprint"),
            legacy_block(
                "<p>Velg historiene du vil bruke, og skriv ut kurspakken: ett utdelingsark per historie, uten "
                "kursledernotater. Kjennetegnene og anbefalingene hver historie belyser, svarer på "
                "diskusjonsspørsmålene; de er med bare hvis du velger det. Utvalget står i adressen, så du kan "
                "lagre eller dele lenken. Uten JavaScript skrives alle historiene ut, uten svar.</p>",
                "kb-text kb-noprint",
            ),
            legacy_block(
                '<form class="kb-course" hidden aria-label="Velg historier">'
                f'<div class="kb-filters">{selects}</div>'
                f'<fieldset class="kb-facet"><legend>Historier i kurspakken</legend>{options}</fieldset>'
                '<fieldset class="kb-facet"><legend>Utdelingsarket</legend>'
                '<label class="kb-facet__option"><input type="checkbox" name="svar" value="1"> '
                "Ta med svar: kjennetegn som passer og anbefalinger historien belyser</label></fieldset>"
                '<p><button type="button" class="md-button md-button--primary kb-print">Skriv ut kurspakken</button> '
                '<span class="kb-result-count" role="status" aria-live="polite"></span></p></form>',
                "kb-filter-panel",
            ),
            legacy_block(handouts, "kb-course-pack"),
        ]
    )


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    opts = '<option value="">Alle</option>' + "".join(
        f'<option value="{esc(v)}">{esc(text)}</option>' for v, text in options
    )
    return f'<label class="kb-select">{esc(label)} <select name="{name}">{opts}</select></label>'
