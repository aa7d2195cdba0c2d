"""Scores are plain functions of the metrics: 100 in the band, 0 at the flag value, linear."""

from __future__ import annotations

import pytest

from mockinterview.core.questions import load_bank
from mockinterview.core.report.charts import STATUS_COLOURS, band_chart, score_colour
from mockinterview.core.report.compare import change
from mockinterview.core.report.scoring import (
    Band,
    answer_values,
    band_distance,
    bands,
    check,
    display_value,
    session_length_check,
    session_values,
)
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds
from tests.report.conftest import answer, body_block, speech

PACE = Band(130, 160, 110, 180)


@pytest.mark.parametrize(
    ("wpm", "distance", "direction", "score", "status"),
    [
        (145, 0.0, "", 100, "good"),
        (160, 0.0, "", 100, "good"),
        (170, 0.5, "high", 50, "watch"),
        (179.9, 0.995, "high", 1, "watch"),  # score and status never disagree
        (180, 1.0, "high", 0, "flag"),
        (200, 2.0, "high", 0, "flag"),
        (120, 0.5, "low", 50, "watch"),
    ],
)
def test_pace_scores_fall_linearly_from_band_to_flag(
    wpm: float, distance: float, direction: str, score: int, status: str
) -> None:
    assert band_distance(wpm, PACE) == (pytest.approx(distance), direction)
    result = check("pace", wpm, PACE)
    assert (result.score, result.status, result.direction) == (score, status, direction)


def test_a_score_turns_from_amber_to_red_as_it_falls() -> None:
    """The legend says "amber to red": a 16 must not look like a 91 (both were the one amber)."""
    near, far = check("pace", 162, PACE), check("pace", 177, PACE)
    assert (near.score, far.score, near.status, far.status) == (90, 16, "watch", "watch")

    def red_share(colour: str) -> float:  # 0 at the watch amber, 1 at the flag red (by green)
        green = int(colour[3:5], 16)
        amber, red = (int(STATUS_COLOURS[s][3:5], 16) for s in ("watch", "flag"))
        return (amber - green) / (amber - red)

    assert red_share(score_colour(near)) == pytest.approx(0.1, abs=0.02)
    assert red_share(score_colour(far)) == pytest.approx(0.85, abs=0.02)
    assert score_colour(check("pace", 145, PACE)) == STATUS_COLOURS["good"]
    assert score_colour(check("pace", 190, PACE)) == STATUS_COLOURS["flag"]
    assert score_colour(check("pace", None, PACE)) == STATUS_COLOURS["n/a"]


def test_pace_and_pitch_are_judged_only_over_enough_speech() -> None:
    """A 7 s reading at 187 wpm was told to slow down, though the delivery flags wait for 15 s
    of speech; the session, 23 s of speech over two answers, is judged."""
    from mockinterview.core.report.scoring import answer_checks, session_checks

    short = answer(0, speech("austen"))  # 187 wpm over 7.1 s of speech, 2.35 semitones
    checks = {c.key: c for c in answer_checks(short, DeliveryThresholds(), ReportThresholds())}
    pace = checks["pace"]
    assert (pace.value, pace.score, pace.status, pace.gap) == (187.0, None, "n/a", "not judged")
    assert pace.explanation == (
        "187 wpm over 7.1 s of speech: too little to judge (from 15 s of speech on)."
    )
    assert not pace.scored and checks["pitch_variation"].status == "n/a"
    both = [short, answer(1, speech("clean"))]  # and 15.9 s at 165.7 wpm
    session = {c.key: c for c in session_checks(both, DeliveryThresholds(), ReportThresholds())}
    assert session["pace"].scored and session["pace"].status == "watch"
    assert session["pitch_variation"].scored


def test_explanation_says_value_band_and_gap() -> None:
    result = check("pace", 172, PACE)
    assert result.gap == "12 wpm above"
    assert result.explanation == "172 wpm is 12 wpm above the band (130-160 wpm)."
    assert check("eye_contact", 40, Band(60, None, 30, None)).gap == "20 points below"


def test_unmeasured_metric_is_not_scored() -> None:
    result = check("eye_contact", None, Band(60, None, 30, None))
    assert (result.score, result.status, result.distance) == (None, "n/a", None)


def test_a_counted_metric_is_neither_in_nor_out_of_a_band() -> None:
    """Smiles are counted, never scored: they must not swell "N of M metrics in their band"."""
    metric_bands = bands(DeliveryThresholds(), ReportThresholds())
    smiles = check("smile", 2, metric_bands["smile"])
    assert smiles.score is None and not smiles.scored
    assert check("pace", 145, PACE).scored and check("pace", 200, PACE).scored
    assert not check("pace", None, PACE).scored


def test_answer_target_replaces_the_default_length_band() -> None:
    default = bands(DeliveryThresholds(), ReportThresholds())["length"]
    short_question = bands(DeliveryThresholds(), ReportThresholds(), (30, 60))["length"]
    assert (default.low, default.high) == (60, 120)
    assert (short_question.low, short_question.high) == (30, 60)
    assert check("length", 75, default).status == "good"
    assert check("length", 75, short_question).status == "watch"


@pytest.mark.parametrize("bank", ["general", "ml-engineer"])
def test_one_clear_question_at_the_end_is_answer_enough(bank: str) -> None:
    """Found in a rehearsal (session 43): two good questions in 13 s, asked when the interviewer
    asked for them, were "below the band", and the tip said to give fuller answers."""
    closing = load_bank(bank).closing
    band = bands(DeliveryThresholds(), ReportThresholds(), closing.target_s)["length"]
    assert check("length", 13.0, band).status == "good"
    assert check("length", 2.0, band).status != "good"  # "No, thanks." is still short
    # The score falls evenly below the band, as every other: the 5 s low was also the flag, so
    # 2.8 s (a short question) scored 0 beside 100 at 5.0 s.
    scores = [check("length", s, band).score for s in (1.0, 2.8, 4.5, 5.0)]
    assert scores[0] == 0 and 0 < scores[1] < scores[2] < scores[3] == 100, scores


def test_a_target_reaching_past_a_flag_keeps_a_watch_zone_beyond_it() -> None:
    """The default 60-120 s is flagged at 20 s and 180 s; a band reaching past one of those
    gets a flag as far beyond it in proportion, and a band inside them keeps them."""
    delivery, report = DeliveryThresholds(), ReportThresholds()
    assert (lambda b: (b.flag_low, b.flag_high))(bands(delivery, report)["length"]) == (20, 180)
    long = bands(delivery, report, (120, 240))["length"]
    assert long.flag_high == pytest.approx(360.0) and long.flag_low == 20
    assert 0 < check("length", 300.0, long).score < 100
    assert bands(delivery, report, (45, 90))["length"].flag_low == 20


def test_answer_values_come_from_the_contract_blocks() -> None:
    paused = speech("paused")  # "Um, I think we shipped it on time.", a 3 s break, 2 more clauses
    assert (paused["word_count"], paused["filler_count"], len(paused["hedges"])) == (23, 1, 1)
    values = answer_values(answer(0, paused))
    assert values["pace"] == paused["wpm"]
    assert values["fillers"] == pytest.approx(100 * 1 / 23, abs=0.1)
    assert values["hedges"] == pytest.approx(100 * 1 / 23)
    (pause,) = paused["pauses"]  # the SSML break, as the pipeline heard it
    assert 2.0 <= pause["end"] - pause["start"] <= 3.0
    length = paused["answer_length"]["seconds"]
    assert values["pauses"] == pytest.approx(100 * (pause["end"] - pause["start"]) / length)
    assert values["eye_contact"] is None  # no camera: not measured, not zero


def test_session_rates_pool_words_so_short_answers_do_not_dominate() -> None:
    short = answer(0, speech("um_yes"))  # 1 filler in 2 words
    long = answer(1, speech("clean"))  # no filler in 44 words
    assert (short["speech"]["filler_count"], long["speech"]["word_count"]) == (1, 44)
    values = session_values([short, long])
    assert values["fillers"] == pytest.approx(100 * 1 / 46)  # not the mean of 50 and 0


def test_session_body_shares_weigh_judged_time_and_smiles_add_up() -> None:
    """A session of a 60 s answer slouched 50 % of the 4 s the shoulders were seen, and a 20 s
    one judged all through without a slouch, slouched 2 s of 24 judged: 8.3 %, not the 37.5 % a
    weighting by answer length gives. One smile in each answer is 2 moments, not "1 moment"."""
    slumped = answer(0, speech("austen"), body_block(slouch_pct=50.0, smile_moments=1))
    slumped["duration_s"], slumped["body"]["judged_s"] = 60.0, {"slouch": 4.0}
    upright = answer(1, speech("austen"), body_block(slouch_pct=0.0, smile_moments=1))
    upright["duration_s"], upright["body"]["judged_s"] = 20.0, {"slouch": 20.0}
    values = session_values([slumped, upright])
    assert values["slouch"] == pytest.approx(100 * 2 / 24)
    assert values["smile"] == 2.0


def test_a_camera_that_saw_no_frames_is_not_zero_eye_contact() -> None:
    body = {**body_block(eye_contact_pct=0.0, face_visible_pct=0.0), "frames_analyzed": 0}
    values = answer_values(answer(0, speech("austen"), body))
    assert values["eye_contact"] is None and values["framing"] is None


def test_a_partial_answer_is_not_judged_on_its_length_or_what_it_left_out() -> None:
    """A crash cut it off mid-speech: being short, or missing key points, is not the person's."""
    said = speech("austen")
    whole = answer_values(answer(0, said))
    cut = answer_values({**answer(0, said), "partial": True})
    assert whole["length"] is not None and cut["length"] is None
    assert cut["coverage"] is None
    assert cut["pace"] == whole["pace"]  # how it was said still counts


@pytest.mark.parametrize(
    ("loudness_dbfs", "snr_db", "status"),
    [
        (-42.0, 32.0, "good"),  # a quiet but clean microphone: low gain, quiet room
        (-18.0, 3.0, "flag"),  # loud in absolute terms, yet barely above a noisy room
    ],
)
def test_loudness_is_judged_over_the_room_not_in_dbfs(
    loudness_dbfs: float, snr_db: float, status: str
) -> None:
    # A real clip's block with the two levels set: the rule under test is how they are weighed.
    said = {**speech("austen"), "loudness_dbfs": loudness_dbfs, "speech_to_noise_db": snr_db}
    value = answer_values(answer(0, said))["loudness"]
    band = bands(DeliveryThresholds(), ReportThresholds())["loudness"]
    assert check("loudness", value, band).status == status


def test_smiles_are_counted_and_never_scored() -> None:
    band = bands(DeliveryThresholds(), ReportThresholds())["smile"]
    for moments in (0.0, 3.0):
        result = check("smile", moments, band)
        assert (result.score, result.gap) == (None, "not scored")
        # Its status says so too: the PDF and HTML showed "good" beside "not scored".
        assert result.status == "counted" and not result.scored
        assert [z.kind for z in band_chart(result).zones] == ["counted"]  # no green "band"
    # Nor is a change in smiles a verdict: 1 -> 3 read "about the same, inside the band (any)".
    assert change("smile", 1.0, 3.0, band, same=0.05).verdict == "n/a"


def test_one_smile_is_one_moment_as_every_page_shows_it() -> None:
    band = bands(DeliveryThresholds(), ReportThresholds())["smile"]
    shown = [display_value(check("smile", n, band)) for n in (0.0, 1.0, 2.0)]
    assert shown == ["0 moments", "1 moment", "2 moments"]
    assert display_value(check("pace", 1.0, PACE)) == "1 wpm"  # other units keep their form


def _timed(seconds: float, target_s: tuple[float, float]) -> dict:
    return {
        "target_s": list(target_s),
        "duration_s": seconds,
        "speech": {"answer_length": {"seconds": seconds}},
    }


def test_a_session_judges_each_answer_length_on_its_own_question_band() -> None:
    """The mean length (85 s) against the averaged band (52-105 s) read "inside" for a 150 s
    answer to a 60-120 s question beside a 20 s answer to a 45-90 s one."""
    delivery, report = DeliveryThresholds(), ReportThresholds()
    off = session_length_check([_timed(150, (60, 120)), _timed(20, (45, 90))], delivery, report)
    assert off.value == 85.0 and off.per_answer
    assert off.status != "good" and off.score is not None and off.score < 100
    assert off.gap == "2 of 2 answers off"
    assert off.band_text == "each question's own band"
    assert off.explanation.endswith("(60-120 s, 45-90 s): 1 below, 1 above.")
    inside = session_length_check([_timed(90, (60, 120)), _timed(60, (45, 90))], delivery, report)
    assert (inside.gap, inside.score, inside.status) == ("inside", 100, "good")
    # One measured answer reads as that answer does, band and chart included.
    one = session_length_check([_timed(20, (45, 90))], delivery, report)
    own = check("length", 20, bands(delivery, report, (45, 90))["length"])
    assert one == own and not one.per_answer
    # Answers to one band: their band, and still judged one by one.
    same = session_length_check([_timed(150, (45, 90)), _timed(20, (45, 90))], delivery, report)
    assert same.band_text == "45-90 s" and same.value == 85.0  # a mean inside the band
    assert same.status != "good" and same.gap == "2 of 2 answers off"


def test_an_answer_with_no_words_has_no_pauses_to_judge() -> None:
    """Pauses lie between words: a silent answer read "0 % long pauses, inside the band", and
    its seconds diluted the session's share of pauses."""
    import numpy as np

    from mockinterview.core.audio_file import SAMPLE_RATE
    from mockinterview.core.speech.delivery import analyze_delivery

    samples = np.zeros(12 * SAMPLE_RATE, np.float32)
    silent = analyze_delivery([], samples, DeliveryThresholds(), duration_s=12.0)
    nothing = answer(1, silent.to_dict())
    assert nothing["speech"]["word_count"] == 0
    assert answer_values(nothing)["pauses"] is None
    paused = answer(0, speech("paused"))
    assert session_values([paused, nothing])["pauses"] == answer_values(paused)["pauses"]


def test_a_session_is_judged_on_the_answers_heard_and_watched_through_all() -> None:
    """A muted microphone's 12 s read "2 of 2 answers below" in the session's answer length and
    halved its key points covered, while the tips spoke of the heard answer alone. The camera
    saw both answers, so the body rows still weigh both."""
    import numpy as np

    from mockinterview.core.audio_file import SAMPLE_RATE
    from mockinterview.core.report.scoring import answer_checks, session_checks
    from mockinterview.core.speech.delivery import analyze_delivery

    samples = np.zeros(12 * SAMPLE_RATE, np.float32)
    unheard = analyze_delivery([], samples, DeliveryThresholds(), duration_s=12.0).to_dict()
    silent = answer(0, unheard, body_block(eye_contact_pct=20.0), coverage=([], ["a", "b"]))
    spoken = answer(1, speech("clean"), body_block(eye_contact_pct=80.0), coverage=(["a"], ["b"]))
    silent["duration_s"] = spoken["duration_s"] = 30.0
    delivery, report = DeliveryThresholds(), ReportThresholds()
    session = {c.key: c for c in session_checks([silent, spoken], delivery, report)}
    own = {c.key: c for c in answer_checks(spoken, delivery, report)}
    for key in ("length", "coverage", "pace", "fillers", "loudness", "pauses"):
        assert session[key].value == own[key].value, key
    assert session["length"] == own["length"]  # not "2 of 2 answers below"
    assert session["eye_contact"].value == pytest.approx(50.0)  # both answers, 30 s each


def test_a_figure_reads_the_same_in_its_column_and_its_explanation() -> None:
    """Answer lengths of 10.2 s and 10.3 s average 10.25 s: the column read 10.2 s (Python
    rounds a tie to the even digit) and the explanation 10.3 s (from the unrounded mean)."""
    answers = [answer(i, speech("paused")) for i in range(2)]
    for a, seconds in zip(answers, (10.2, 10.3), strict=True):
        a["speech"]["answer_length"]["seconds"] = seconds
    length = session_length_check(answers, DeliveryThresholds(), ReportThresholds())
    assert display_value(length) == "10.3 s"
    assert length.explanation.startswith("10.3 s on average"), length.explanation


def test_numbers_from_numpy_read_as_any_other() -> None:
    """A measure computed with numpy is a numpy float: its repr is "np.float64(10.25)"."""
    import numpy as np

    from mockinterview.core.report.scoring import format_number

    assert format_number(np.float64(10.25)) == format_number(10.25) == "10.3"
    assert format_number(np.float32(4.0)) == "4"
