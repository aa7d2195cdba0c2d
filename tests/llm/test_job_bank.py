"""`banks from-job`: a bank from a job ad (and CV), with and without the model; it validates."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockinterview.cli import main
from mockinterview.core.errors import BankError, MediaError
from mockinterview.core.job_bank import (
    build_job_bank,
    find_skills,
    head_skill,
    read_document,
    role_title,
    write_job_bank,
)
from mockinterview.core.llm.runtime import LocalModel
from mockinterview.core.questions import load_bank_file
from tests.conftest import DATA
from tests.llm.conftest import requires_runtime

AD = DATA / "jobs" / "ml-engineer-ad.txt"
CV = DATA / "jobs" / "cv.txt"
BARISTA = """Barista, city centre cafe
Serve customers with a smile, work as part of a friendly team, and keep calm when the queue is
long. You communicate well and you are curious about coffee."""
VOLUNTEERS = """Volunteer coordinator, community garden
Bring people together, keep a friendly team going through a busy season, and communicate
clearly with everyone who turns up to help."""


def test_the_ad_names_its_skills_and_role() -> None:
    skills = find_skills(AD.read_text())
    assert {"imbalanced data", "ensembles", "python", "sql", "model evaluation"} <= set(skills)
    assert "computer vision" not in skills
    assert role_title(AD.read_text()) == "Machine Learning Engineer, Fraud Detection"
    assert "data pipelines" in skills  # "keep our data pipelines in Python and SQL reliable"
    backend = find_skills((DATA / "jobs" / "software-engineer-ad.txt").read_text())
    assert "data pipelines" not in backend  # "ship through our CI/CD pipeline" is deployment
    nurse = find_skills((DATA / "jobs" / "nurse-ad.txt").read_text())
    assert "nursing" in nurse and "model evaluation" not in nurse  # "evaluate care" is nursing
    analyst = find_skills((DATA / "jobs" / "data-analyst-ad.txt").read_text())
    assert "metrics" in analyst and "model evaluation" not in analyst
    # software in production is deployment; "serving food" and a plumber's on-call rota are not
    assert "deployment" in skills and "deployment" in backend
    for other in ("retail-hospitality-ad.txt", "trades-ad.txt"):
        assert "deployment" not in find_skills((DATA / "jobs" / other).read_text())
    # React is javascript; a patient's reaction and a reactive repair are not
    assert "javascript" in find_skills("Front end in React and TypeScript")
    assert "javascript" not in find_skills("an allergic reaction, reactive maintenance")


def test_a_job_title_is_the_role_its_last_words_name() -> None:
    assert head_skill("Warehouse Team Leader - Night Shift\nPick and pack ...") == (
        "people management"
    )
    assert head_skill("Service Desk Analyst (1st Line IT Support)") == "it support"
    assert head_skill("Graduate Business Scheme - Finance, Supply Chain") == "graduate schemes"
    assert head_skill("Volunteer coordinator, community garden") is None


def test_without_a_model_questions_match_the_skills(tmp_path: Path) -> None:
    job_bank = build_job_bank(AD.read_text(), CV.read_text(), count=8)
    ids = [q.id for q in job_bank.questions]
    assert len(ids) == 8 == len(set(ids))
    assert ids[0] == "tell-me-about-yourself" and ids[-1] == "questions-for-us"
    technical = [s.question.id for s in job_bank.slots if s.source == "ml-engineer"]
    # Fraud is an imbalanced-data problem, the ad asks for boosting/ensembles and validation.
    assert {"imbalanced-datasets", "ensembles", "stratified-cross-validation"} <= set(technical)
    assert "convolutional-networks" not in ids  # no image work in this ad
    bank = write_job_bank(job_bank, tmp_path / "fraud.toml", AD.name)
    assert [q.id for q in bank.questions] == ids
    assert bank.closing is not None and bank.closing.id == "questions-for-us"
    assert all(q.key_points and q.model_answer for q in bank.questions)


def test_an_ad_without_a_role_skill_gets_behavioural_questions() -> None:
    job_bank = build_job_bank(VOLUNTEERS, count=5)
    assert [s.source for s in job_bank.slots] == ["general"] * 5
    assert "teamwork" in job_bank.skills
    assert "general questions only" in job_bank.described()[1]
    assert not any("only" in line for line in build_job_bank(BARISTA, count=5).described())


@pytest.mark.parametrize(
    ("ad", "bank"),
    [
        ("software-engineer-ad.txt", "software-engineer"),
        ("data-analyst-ad.txt", "data-analyst"),
        ("product-manager-ad.txt", "product-manager"),
        ("customer-service-ad.txt", "customer-service"),
        ("ml-engineer-ad.txt", "ml-engineer"),
        ("nurse-ad.txt", "nurse"),
        ("teacher-ad.txt", "teacher"),
        ("marketing-ad.txt", "marketing"),
        ("project-manager-ad.txt", "project-manager"),
        ("retail-hospitality-ad.txt", "retail-hospitality"),
        ("accounting-ad.txt", "accounting"),
        ("hr-ad.txt", "hr"),
        ("admin-ad.txt", "admin"),
        ("trades-ad.txt", "trades"),
        ("legal-ad.txt", "legal"),
        ("graduate-ad.txt", "graduate"),
        ("team-leader-ad.txt", "team-leader"),
        ("it-support-ad.txt", "it-support"),
        ("engineering-ad.txt", "engineering"),
        ("logistics-ad.txt", "logistics"),
        (BARISTA, "customer-service"),
    ],
)
def test_the_role_questions_come_from_the_role_s_own_bank(ad: str, bank: str) -> None:
    """An ad's role picks its bank's questions, even where its skills ("metrics", "SQL",
    "statistics") are named by questions of other roles' banks too, and where the ad names
    another role's skill more often: the warehouse team leader's ad says "warehouse" more often
    than "team leader", the graduate scheme's ad has a supply chain rotation."""
    text = (DATA / "jobs" / ad).read_text() if ad.endswith(".txt") else ad
    job_bank = build_job_bank(text, count=8)
    sources = [s.source for s in job_bank.slots]
    role = [source for source in sources if source != "general"]
    assert len(role) == 3 and set(role) == {bank}, sources
    assert sources[0] == "general" and job_bank.slots[-1].question.closing


def test_cli_writes_a_bank_that_validates(tmp_path: Path, capsys) -> None:
    out = tmp_path / "banks" / "fraud.toml"
    assert (
        main(["banks", "from-job", str(AD), "--cv", str(CV), "--out", str(out), "--no-model"]) == 0
    )
    printed = capsys.readouterr().out
    assert "8 questions for Machine Learning Engineer" in printed
    assert "imbalanced-datasets [ml-fundamentals] from bank ml-engineer" in printed
    assert main(["banks", "validate", str(out)]) == 0
    assert "Edit freely" in out.read_text()
    # the built-in questions come with their key points and the interviewer's follow-ups
    points = [p for q in load_bank_file(out).regular for p in q.key_points]
    assert points and all(p.ask for p in points)


def test_bad_inputs_are_named(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    binary = tmp_path / "ad.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(MediaError, match="not UTF-8"):
        read_document(binary)
    with pytest.raises(BankError, match="empty"):
        build_job_bank("   ")
    with pytest.raises(BankError, match=r"name the file \.toml"):
        write_job_bank(build_job_bank(BARISTA, count=3), tmp_path / "bank.txt", "ad")


def test_a_pdf_cv_is_read_from_its_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "cv.pdf"
    page = canvas.Canvas(str(pdf))
    page.drawString(72, 720, "Built gradient boosting models in Python for fraud detection.")
    page.save()
    text = read_document(pdf)
    assert "gradient boosting models in Python" in text
    assert {"ensembles", "python", "imbalanced data"} <= set(find_skills(text))
    scan = tmp_path / "scan.pdf"
    canvas.Canvas(str(scan)).save()  # one page, no text
    with pytest.raises(MediaError, match="no text layer"):
        read_document(scan)


@requires_runtime
def test_with_the_model_every_question_is_checked_or_replaced(
    small_model: LocalModel, tmp_path: Path
) -> None:
    streamed: list[str] = []
    slots: list[str] = []
    job_bank = build_job_bank(
        AD.read_text(),
        count=3,
        model=small_model,
        on_token=streamed.append,
        on_slot=lambda n, total, what: slots.append(what),
    )
    # count 3: the introduction, one question the model writes, the closing question.
    assert slots == ["technical question on imbalanced data"]  # the skill the ad names most
    assert streamed, "the model's text was not streamed"
    written = job_bank.slots[1]
    if written.source == "model":
        assert written.question.text.endswith("?") and written.question.key_points
    else:  # SmolLM2 135M rarely keeps the format: the built-in pick takes the slot
        assert written.refused and written.source == "ml-engineer"
    bank = load_bank_file(write_job_bank(job_bank, tmp_path / "b.toml", AD.name).source)
    assert len(bank.questions) == 3
