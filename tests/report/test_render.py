"""All three formats for a real stored session: real Whisper on espeak-ng speech, real MediaPipe
on a clip of a real photo, real key-point matching, stored through SessionStore, exported by the
`report` command. The PDF is rasterised with pdftoppm and its text read back with pdftotext."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from mockinterview.cli import main
from mockinterview.core.analysis import analyze_file
from mockinterview.core.content.assess import assess_content
from mockinterview.core.questions import load_bank
from mockinterview.core.session.store import SessionStore, StoredAnswer
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.vision.body import analyze_video_body
from tests.conftest import synthesize
from tests.session.conftest import make_camera_clip

pytestmark = pytest.mark.slow

EARLIER = (
    "I am currently a data engineer. Before that I studied computer science. I built a billing "
    "service and I am looking for this role as the next step."
)
FILLED = (
    "Um, so, I think I am currently a data engineer at a logistics company. Uh, before that I "
    "studied computer science and worked on, um, payment systems for three years. I led the "
    "migration of our billing service, which improved latency by forty percent. Maybe that is "
    "why I am looking for this role as the next step."
)
STRENGTHS = (
    "My strengths are debugging and explaining things clearly. Three areas I want to improve "
    "are delegating, public speaking, and cloud cost planning."
)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, whisper_model) -> tuple[Path, str, str]:
    """Two real sessions on the `general` bank: an earlier one, then one with a camera."""
    root = tmp_path_factory.mktemp("store")
    media = tmp_path_factory.mktemp("media")
    store = SessionStore(root)
    questions = {q.id: q for q in load_bank("general").questions}
    transcriber = Transcriber(whisper_model)

    def add(session_id: str, question_id: str, text: str, wpm: int, camera: Path | None) -> None:
        question = questions[question_id]
        wav = synthesize(text, media / f"{session_id}-{question_id}.wav", words_per_minute=wpm)
        analysis = analyze_file(
            wav, Settings(), transcriber=transcriber, target_s=question.target_s
        )
        speech = analysis["speech"]
        store.add_answer(
            session_id,
            StoredAnswer(
                question_id=question.id,
                question=question.text,
                category=question.category,
                duration_s=analysis["duration_s"],
                transcript=speech["transcript"],
                speech=speech,
                body=analyze_video_body(camera).block if camera else None,
                content=assess_content(question, speech["transcript"], speech["words"]).as_dict(),
                target_s=question.target_s,
                audio=str(wav),
            ),
        )

    earlier = store.create_session("general")
    add(earlier, "tell-me-about-yourself", EARLIER, 120, None)
    store.finish_session(earlier)
    time.sleep(1.1)  # started_at has whole seconds; the comparison needs a strictly earlier one
    current = store.create_session("general")
    clip = make_camera_clip(media / "camera.mp4", seconds=6)
    add(current, "tell-me-about-yourself", FILLED, 175, clip)
    add(current, "strengths-and-improvements", STRENGTHS, 190, None)
    store.finish_session(current)
    return root, earlier, current


@pytest.fixture(scope="module")
def exported(
    stored: tuple[Path, str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """`mockinterview report ID --format html --format pdf --format json --out DIR`."""
    root, _, current = stored
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOCKINTERVIEW_HOME", str(root))
        argv = ["report", current, "--format", "html", "--format", "pdf", "--format", "json"]
        assert main([*argv, "--out", str(out)]) == 0
    return {path.suffix[1:]: path for path in out.iterdir()}


def test_all_three_formats_are_written(exported: dict[str, Path]) -> None:
    assert sorted(exported) == ["html", "json", "pdf"]
    assert exported["pdf"].read_bytes().startswith(b"%PDF-")
    assert exported["pdf"].read_bytes().rstrip().endswith(b"%%EOF")  # written to the end
    assert exported["html"].read_text().lstrip().lower().startswith("<!doctype html>")
    assert json.loads(exported["json"].read_text())["schema"] == "mockinterview.report/1"


def test_json_carries_the_real_analysis_and_the_comparison(
    exported: dict[str, Path], stored: tuple[Path, str, str]
) -> None:
    _, earlier, current = stored
    report = json.loads(exported["json"].read_text())
    assert report["schema"] == "mockinterview.report/1"
    assert report["session_id"] == current and report["answer_count"] == 2
    first = report["answers"][0]
    assert first["question_id"] == "tell-me-about-yourself"
    assert "data engineer" in first["transcript"].lower()
    assert {"um", "uh"} & {word for word, _ in first["filler_counts"]}  # Whisper kept fillers
    assert any(w["kind"] == "filler" for w in first["words"])
    assert any(w["kind"] == "hedge" for w in first["words"])  # "I think", "maybe"
    assert first["has_body"] and not report["answers"][1]["has_body"]
    assert len(report["suggestions"]) == 3
    assert all(s["tip"] and s["evidence"] for s in report["suggestions"])
    comparison = report["comparison"]
    assert comparison["previous_session_id"] == earlier
    assert comparison["by_question"][0]["question_id"] == "tell-me-about-yourself"
    assert len(report["checklist"]) == 10


class _References(HTMLParser):
    """Every tag name and every attribute that could make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "srcset", "poster", "data", "action"):
                self.links.append(value or "")


def test_html_is_self_contained_with_highlights(exported: dict[str, Path]) -> None:
    html = exported["html"].read_text()
    parser = _References()
    parser.feed(html)
    assert parser.links == []
    assert not parser.tags & {"script", "link", "img", "iframe", "object", "embed", "video"}
    assert "://" not in html and "url(" not in html and "@import" not in html
    assert {"style", "svg", "mark"} <= parser.tags
    assert "<mark class='filler'" in html and "<mark class='hedge'" in html
    assert "Tell me about yourself." in html and "What to practise next" in html
    # how many answers and how long in all, as the app's header says it ("0.2 min of answers")
    assert re.search(r" 2 answers \(\d:\d\d\) &middot; session ", html)


def test_pdf_renders_to_pages_with_the_content(exported: dict[str, Path], tmp_path: Path) -> None:
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils is not installed (scripts/setup.sh --test installs it)")
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(exported["pdf"]), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 4  # summary, one page per answer, appendix
    for page in pages:
        image = Image.open(page).convert("L")
        assert ImageChops.invert(image).getbbox() is not None, f"{page.name} is blank"
    text = subprocess.run(
        ["pdftotext", "-layout", str(exported["pdf"]), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for expected in (
        "What to practise next",
        "Tell me about yourself.",
        "What are your strengths",
        "Appendix: prep checklist",
        "What are the next steps in the hiring process?",
    ):
        assert expected in text
    assert re.search(r" 2 answers \(\d:\d\d\) ·\s+session", text)


def test_progress_and_errors_are_one_clear_line(
    stored: tuple[Path, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root, _, current = stored
    monkeypatch.setenv("MOCKINTERVIEW_HOME", str(root))
    assert main(["report", "latest", "--format", "json", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert f"report of session {current}: 2 answers, compared with 1 earlier" in captured.err
    assert "[1/1] rendering JSON" in captured.err
    assert captured.out.strip().endswith(f"mockinterview-report-{current}.json")

    assert main(["report", "no-such-id", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        "mockinterview: error: no session 'no-such-id'; "
        "`mockinterview sessions list` shows the ids\n"
    )
    new_folder = tmp_path / "new" / "reports"
    assert main(["report", current, "--format", "json", "--out", str(new_folder)]) == 0
    capsys.readouterr()
    assert (new_folder / f"mockinterview-report-{current}.json").is_file()
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert main(["report", current, "--out", str(a_file)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert main(["report", current, "--out", str(a_file / "sub")]) == 2
    assert f"cannot create the output folder {a_file / 'sub'}" in capsys.readouterr().err

    if os.geteuid() == 0:  # root writes through permission bits: use a folder nobody can write
        locked = Path("/proc")
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
    assert main(["report", current, "--out", str(locked)]) == 2
    err = capsys.readouterr().err
    assert f"{locked}" in err and ("not writable" in err or "cannot write" in err)
    assert "Traceback" not in err


def test_a_session_is_named_by_its_bank_s_title_not_its_file_name() -> None:
    """ "Report: general" and "Report: imported" named files, not what Home calls the banks."""
    from mockinterview.core.report.headline import session_bank_title

    assert session_bank_title("general") == "General and behavioural"
    assert session_bank_title("imported") == "Imported recording"
    assert session_bank_title("a-bank-since-removed") == "a-bank-since-removed"


def test_the_comparison_names_the_bank_as_the_report_s_title_does(tmp_path: Path) -> None:
    """ "Your first session on the imported bank" named a folder; the heading says "Imported
    recording"."""
    from mockinterview.core.report.model import build_report
    from mockinterview.core.report.render_html import render_html
    from mockinterview.core.report.render_pdf import render_pdf
    from tests.report.conftest import answer, session, speech

    first = session([answer(0, speech("clean"))], bank="imported")
    report = build_report(first)
    assert "This is your first session on <b>Imported recording</b>:" in render_html(report)
    later = session(
        [answer(0, speech("lively"))],
        "20261126-204501-ab12",
        "2026-11-26T20:45:01+00:00",
        "imported",
    )
    again = render_html(build_report(later, [first]))
    assert "Against your last session on <b>Imported recording</b>" in again
    (tmp_path / "r.pdf").write_bytes(render_pdf(build_report(later, [first])))
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Against your last session on Imported recording" in " ".join(text.split())


def test_a_score_and_its_badge_wear_one_colour() -> None:
    """A score of 16 turned red beside an amber "watch" badge; each row now has one colour."""
    from mockinterview.core.report.charts import score_colour
    from mockinterview.core.report.model import build_report
    from mockinterview.core.report.render_html import render_html
    from tests.report.conftest import CLIP_DELIVERY, answer, session, speech

    report = build_report(session([answer(0, speech("pace_200"))]), delivery=CLIP_DELIVERY)
    far = [c for c in report.overall if c.status == "watch" and (c.distance or 0) > 0.5]
    assert far, "the clip should leave some measure well outside its band"
    page = render_html(report)
    for check in far:
        colour = score_colour(check)
        assert (
            f"<b style='color:{colour}'>{check.score}</b> <span class='status watch' "
            f"style='background:{colour}'>" in page
        )


def test_an_answer_with_no_question_heard_is_not_numbered_twice(tmp_path: Path) -> None:
    """An imported answer with no question before it is called "Answer 2 (no question heard
    before it)": its heading read "Answer 2. Answer 2 (no question heard before it)"."""
    from mockinterview.core.report.model import build_report
    from mockinterview.core.report.render_html import render_html
    from mockinterview.core.report.render_pdf import render_pdf
    from tests.report.conftest import answer, session, speech

    answers = [answer(0, speech("clean")), answer(1, speech("story"))]
    answers[1]["question"] = "Answer 2 (no question heard before it)"
    answers[1]["question_id"] = "imported:20261207-143446-e75b:2"
    report = build_report(session(answers))
    html = render_html(report)
    # Its length is shown, not judged (no band is known), and the session's row says so.
    assert report.answers[1].check("length").gap == "not judged"
    assert report.overall_check("length") == report.answers[0].check("length")
    assert report.overall_note == (
        "Answer 2 is left out of the answer length row: no question was heard before it."
    )
    assert report.overall_note in html
    assert "<span class='index'>Answer 1.</span> Question tell-me-about-yourself?" in html
    assert "Answer 2. Answer 2" not in html
    assert "Answer 2 (no question heard before it)</h2>" in html
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (scripts/setup.sh --test installs it)")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_pdf(report))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Answer 2 (no question heard before it)" in text and "Answer 2. Answer 2" not in text
