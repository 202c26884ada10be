"""Patient stories: participant page (also the printable handout), trainer view, index, course pack."""

from __future__ import annotations

from kb_build.model import Story
from kb_build.render import paths
from kb_build.render.common import heading, rec_list
from kb_build.render.html import Markup, block, markdown
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
            block(
                Markup(
                    '{}<p class="kb-actions"><button type="button" class="md-button kb-print kb-needs-js">Skriv ut som utdelingsark</button> '
                    '<a class="md-button" href="{}">Kurslederversjon</a></p>'
                ).format(_kicker(story), trainer),
                "kb-meta",
            ),
            block(handout_body(story, index, page, level=2, answers=False), "kb-story"),
        ]
    )


def render_trainer(story: Story, index: SiteIndex) -> str:
    """The trainer view: the story plus suggested answers, what to draw out and misunderstandings."""
    page = paths.story(story, trainer=True)
    answers = Markup("").join(
        Markup("<li><p><strong>{}</strong></p>{}</li>").format(q.sporsmal, markdown(q.forslag)) for q in story.sporsmal
    )
    return "".join(
        [
            heading(1, f"Kurslederversjon: {story.tittel}"),
            block(
                Markup(
                    '<p class="admonition-title">Kurslederversjon</p><p>Denne siden har forslag til svar. Del ut '
                    '<a href="{}">deltakerversjonen</a> til deltakerne.</p>'
                ).format(paths.href(page, paths.story(story))),
                "admonition info",
            ),
            block(_kicker(story), "kb-meta"),
            block(handout_body(story, index, page, level=2, questions=False), "kb-story"),
            heading(2, "Diskusjonsspørsmål med forslag til svar", "forslag"),
            block(Markup('<ol class="kb-answers">{}</ol>').format(answers)),
            heading(2, "Dette bør kurslederen trekke fram", "trekk-fram"),
            block(markdown(story.trekk_fram)),
            heading(2, "Vanlige misforståelser", "misforstaelser"),
            block(markdown(story.misforstaelser)),
        ]
    )


def _kicker(story: Story) -> Markup:
    return Markup(
        '<p class="kb-kicker"><span>Oppdiktet historie</span> <span>{}, {} år</span> <span>Ca. {} minutter</span></p>'
    ).format(story.navn, story.alder, story.varighet_minutter)


def handout_body(
    story: Story, index: SiteIndex, page: str, *, level: int, questions: bool = True, answers: bool | None = True
) -> Markup:
    """The shared body of a story: summary, background, timeline, criteria, recommendations, questions.

    The criteria and recommendations answer the discussion questions: ``answers=False`` leaves them out
    (the participant handout), ``None`` marks them so the course pack shows them only when the trainer asks.
    """
    h = Markup("h{}").format(level)
    t = index.target
    names = {k.id: k.navn for k in (*t.kriterier, *t.tilstander, *t.andre_forhold)}
    events = Markup("").join(
        Markup(
            '<li class="kb-event kb-event--{}"><span class="kb-event__time">{}</span> '
            '<span class="kb-event__outcome"><span aria-hidden="true">{}</span> '
            "{}:</span>{}</li>"
        ).format(e.utfall, e.tid, _OUTCOME[e.utfall][1], _OUTCOME[e.utfall][0], markdown(e.hendelse))
        for e in story.tidslinje
    )
    none = Markup("<li>Ingen</li>")
    criteria = Markup("").join(Markup("<li>{}</li>").format(names[k]) for k in story.kriterier)
    conditions = Markup("").join(Markup("<li>{}</li>").format(names[k]) for k in story.tilstander)
    recs = [index.by_id[r] for r in story.anbefalinger]
    answer_part = Markup(
        "<{0}>Kjennetegn som passer</{0}>"
        "<p>{1}:</p><ul>{2}</ul>"
        "<p>Tilstander og andre forhold:</p><ul>{3}</ul>"
        "<{0}>Anbefalinger historien belyser</{0}>{4}"
    ).format(
        h,
        index.target.kriterier_overskrift,
        criteria or none,
        conditions or none,
        rec_list(page, recs, index, summary=False),
    )
    out = Markup(
        '<p class="kb-lead">{1}</p><{0}>Bakgrunn</{0}>{2}<{0}>Hva skjedde</{0}><ol class="kb-timeline">{3}</ol>'
    ).format(h, story.sammendrag, markdown(story.bakgrunn), events)
    if answers:
        out += answer_part
    elif answers is None:
        out += Markup('<div class="kb-answer-part" hidden>{}</div>').format(answer_part)
    if answers is False:
        out += Markup(
            '<p class="kb-muted">Kjennetegnene og anbefalingene historien belyser, står i '
            '<a href="{}">kurslederversjonen</a>.</p>'
        ).format(paths.href(page, paths.story(story, trainer=True)))
    if questions:
        asked = Markup("").join(Markup("<li>{}</li>").format(q.sporsmal) for q in story.sporsmal)
        out += Markup('<{0}>Spørsmål til diskusjon</{0}><ol class="kb-questions">{1}</ol>').format(h, asked)
    return out + Markup('<p class="kb-muted">Historien er oppdiktet. Navn og steder finnes ikke.</p>')


def render_index(index: SiteIndex) -> str:
    """All stories with age, themes, roles and duration."""
    g = index.guideline
    rows = Markup("").join(
        Markup(
            '<tr><td><a href="{}">{}</a>'
            '<br><span class="kb-muted">{}</span></td>'
            "<td>{}, {} år</td><td>{}</td>"
            "<td>{} min</td>"
            '<td><a href="{}">Kursleder</a></td></tr>'
        ).format(
            paths.href(INDEX_PAGE, paths.story(s)),
            s.tittel,
            s.sammendrag,
            s.navn,
            s.alder,
            ", ".join(g.role_name(r) for r in s.roller),
            s.varighet_minutter,
            paths.href(INDEX_PAGE, paths.story(s, trainer=True)),
        )
        for s in index.stories
    )
    return "".join(
        [
            heading(1, "Pasient- og brukerhistorier"),
            block(
                Markup(
                    "<p>Oppdiktede historier til bruk i opplæring og tjenesteutvikling. Hver historie har en tidslinje "
                    "der tjenestene lykkes eller svikter, spørsmål til diskusjon og en egen versjon for kursleder med "
                    'forslag til svar. Vil du sette sammen et kurs, bruk <a href="{}">'
                    "kursopplegget</a>.</p>"
                ).format(paths.href(INDEX_PAGE, COURSE_PAGE))
            ),
            block(
                Markup(
                    '<table class="kb-table"><thead><tr><th scope="col">Historie</th><th scope="col">Person</th>'
                    '<th scope="col">Passer for</th><th scope="col">Tid</th><th scope="col">Kursleder</th></tr></thead>'
                    "<tbody>{}</tbody></table>"
                ).format(rows)
            ),
        ]
    )


def render_course(index: SiteIndex) -> str:
    """Pick stories by theme, role or chapter and print the selected handouts as one course pack."""
    g = index.guideline
    options = Markup("").join(
        Markup(
            '<label class="kb-facet__option"><input type="checkbox" name="historie" value="{}" checked> {}</label>'
        ).format(s.id, s.tittel)
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
    handouts = Markup("").join(
        Markup(
            '<section class="kb-handout" data-historie="{}" data-tema="{}" data-rolle="{}" data-kapittel="{}">'
            "<h2>{}</h2>{}{}</section>"
        ).format(
            s.id,
            " ".join(s.tema),
            " ".join(s.roller),
            " ".join(sorted({str(index.by_id[r].kapittel) for r in s.anbefalinger})),
            s.tittel,
            _kicker(s),
            handout_body(s, index, COURSE_PAGE, level=3, answers=None),
        )
        for s in index.stories
    )
    return "".join(
        [
            heading(1, "Kursopplegg", css_class="kb-noprint"),
            block(
                Markup(
                    "<p>Velg historiene du vil bruke, og skriv ut kurspakken: ett utdelingsark per historie, uten "
                    "kursledernotater. Kjennetegnene og anbefalingene hver historie belyser, svarer på "
                    "diskusjonsspørsmålene; de er med bare hvis du velger det. Utvalget står i adressen, så du kan "
                    "lagre eller dele lenken. Uten JavaScript skrives alle historiene ut, uten svar.</p>"
                ),
                "kb-text kb-noprint",
            ),
            block(
                Markup(
                    '<form class="kb-course" hidden aria-label="Velg historier">'
                    '<div class="kb-filters">{}</div>'
                    '<fieldset class="kb-facet"><legend>Historier i kurspakken</legend>{}</fieldset>'
                    '<fieldset class="kb-facet"><legend>Utdelingsarket</legend>'
                    '<label class="kb-facet__option"><input type="checkbox" name="svar" value="1"> '
                    "Ta med svar: kjennetegn som passer og anbefalinger historien belyser</label></fieldset>"
                    '<p><button type="button" class="md-button md-button--primary kb-print">Skriv ut kurspakken</button> '
                    '<span class="kb-result-count" role="status" aria-live="polite"></span></p></form>'
                ).format(selects, options),
                "kb-filter-panel",
            ),
            block(handouts, "kb-course-pack"),
        ]
    )


def _select(name: str, label: str, options: list[tuple[str, str]]) -> Markup:
    opts = Markup('<option value="">Alle</option>') + Markup("").join(
        Markup('<option value="{}">{}</option>').format(v, text) for v, text in options
    )
    return Markup('<label class="kb-select">{} <select name="{}">{}</select></label>').format(label, name, opts)
