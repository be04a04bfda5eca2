"""Rich renderings of cuts, shared by the single-shot CLI and the chat."""
from __future__ import annotations

import threading
from contextlib import contextmanager

from rich.console import Console
from rich.table import Table

from .cut import Cut, Segment, fmt_time
from .evidence import Evidence

BAR_WIDTH = 60


def evidence_words(e: Evidence) -> str:
    """One piece of evidence as the table says it: what was asked, how, and what matched
    (the scores stay in the plan JSON and in "why")."""
    return f"{e.modality}: '{e.query}' ~ {e.detail}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def table_reasons(segment: Segment, most: int = 3, width: int = 70) -> str:
    return "; ".join(short_reasons(segment, most, width))


def short_reasons(segment: Segment, most: int = 3, width: int = 70) -> list[str]:
    """The best evidence per query first ("cat", then "rocket"), then the planner's other
    notes (trims, padding), for the table and the web page. Read from the typed evidence; a
    segment from an old plan file without it shows its reasons as they are."""
    best: dict[str, Evidence] = {}
    for e in segment.evidence:
        best.setdefault(e.query, e)  # evidence comes best first
    typed = {e.describe() for e in segment.evidence}
    words = [evidence_words(e) for e in best.values()]
    words += [r for r in segment.reasons if r not in typed]
    return [_clip(w, width) for w in words[:most]]


def budget_of(cut: Cut) -> dict[str, float]:
    """The length bounds the cut was planned under ({"max": 40.0, ...}), from its plan."""
    upper = cut.constraints.get("duration", {}) or {}
    return {k: float(v) for k, v in upper.items() if k in ("max", "min", "target") and v}


def length_line(cut: Cut) -> str:
    """ "length 30.0 s of at most 40 s (75%)": the cut against its budget, in one line."""
    budget = budget_of(cut)
    words = {"min": "at least", "max": "at most", "target": "about"}
    text = f"length {cut.duration:.1f} s"
    if not budget:
        return text + " (no length asked)"
    ceiling = budget.get("max") or budget.get("target")
    said = ", ".join(f"{words[k]} {v:g} s" for k, v in budget.items())
    share = f", {cut.duration / ceiling:.0%}" if ceiling else ""
    return f"{text} of {said}{share}"


def plan_table(cut: Cut, film_duration: float | None = None) -> Table:
    title = f"{len(cut.segments)} segment(s), {cut.duration:.1f} s"
    budget = [f"{k} {v:g} s" for k, v in budget_of(cut).items()]
    if budget:
        title += " (budget: " + ", ".join(budget) + ")"
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("#", justify="right")
    table.add_column("start")
    table.add_column("end")
    table.add_column("length", justify="right")
    table.add_column("score", justify="right")
    table.add_column("why", overflow="fold")
    films = any(s.source for s in cut.segments)  # a cut across films says which film
    if films:
        table.add_column("film")
    for i, s in enumerate(cut.segments, 1):
        table.add_row(str(i), fmt_time(s.start), fmt_time(s.end), f"{s.duration:.1f} s",
                      f"{s.score:.2f}", table_reasons(s),
                      *([str(s.source or cut.source).rsplit("/", 1)[-1]] if films else []))
    if film_duration and not films:  # one film's timeline says nothing about a cut across films
        table.caption = f"0:00 {timeline_bar(cut, film_duration)} {fmt_time(film_duration)}"
    return table


def timeline_bar(cut: Cut, film_duration: float, width: int = BAR_WIDTH) -> str:
    """The film as a line of cells, kept parts filled: where the cut comes from."""
    cells = ["·"] * width
    for s in cut.segments:
        a = int(s.start / film_duration * width)
        b = max(a + 1, int(round(s.end / film_duration * width)))
        for i in range(a, min(b, width)):
            cells[i] = "█"
    return "|" + "".join(cells) + "|"


def print_notes(console: Console, cut: Cut) -> None:
    for note in cut.notes:
        console.print(f"[yellow]note:[/] {note}")


@contextmanager
def render_progress(console: Console, label: str = "rendering", clear: bool = False):
    """A progress bar with time left, fed by ``progress(done, total)`` callbacks. With
    ``clear`` (the CLI's stderr) it is erased when done and drawn only on a terminal, so
    a failure's one line stands alone there."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=console, transient=clear,
                  disable=clear and not console.is_interactive) as bar:
        task = bar.add_task(label, total=None)

        def update(done: float, total: float) -> None:
            bar.update(task, completed=done, total=total)
        yield update


class RichProgress:
    """Indexing progress (the core's plain ``(stage, done, total)`` callback) drawn as one
    rich bar per stage; the core never imports rich. Use as a context manager.

    >>> with RichProgress() as bar:
    ...     index_film("film.mp4", progress=bar)
    """

    LABELS = {"shots": "shots", "transcript": "speech", "sentences": "sentence vectors",
              "frames": "pictures", "faces": "faces"}

    def __init__(self, console=None, transient: bool = False, lazy: bool = False):
        # rich.progress here, not at the top: a dry run draws no bar
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(TextColumn("[bold]{task.description:<16}"), BarColumn(),
                                  TaskProgressColumn(), TimeElapsedColumn(),
                                  console=console, transient=transient)
        self._tasks: dict[str, int] = {}
        self._lock = threading.Lock()  # stages report from several threads
        self._lazy = lazy  # drawn from the first report: work that may not come draws nothing

    def __enter__(self) -> "RichProgress":
        if not self._lazy:
            self._progress.start()
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if not self._progress.live.is_started:
            return
        if kind is not None:  # a failure or Ctrl-C: clear the bars; the error is the only line
            self._progress.live.transient = True
            self._progress.live.stop()  # Progress.stop would add an empty line to a file or pipe
            return
        self._progress.stop()

    def __call__(self, stage: str, done: float, total: float) -> None:
        with self._lock:
            if not self._progress.live.is_started:
                self._progress.start()
            task = self._tasks.get(stage)
            if task is None:
                task = self._progress.add_task(self.LABELS.get(stage, stage), total=total or 1.0)
                self._tasks[stage] = task
            self._progress.update(task, completed=done, total=total or 1.0)
