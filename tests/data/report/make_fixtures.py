"""Make tests/data/report/speech.json: speech blocks produced by the real pipeline.

    .venv/bin/python tests/data/report/make_fixtures.py          # all of them
    .venv/bin/python tests/data/report/make_fixtures.py austen   # only these, keeping the rest

The report tests (tests/report) score, compare and explain answers. They must run on what users
get, so every speech block they use is the `speech` block of `mockinterview.core.analysis.
analyze_file` (the call `mockinterview analyze` and every stored answer use: Whisper on the bundled
model, then speech.delivery.analyze_transcript) on real audio: espeak-ng speaking a written answer
at a set rate (with SSML breaks where a test needs a real pause), and one real human voice
(tests/data/speech/austen-0870.flac, a LibriVox reader). Rerun it when the speech analysis
changes, and adapt the report tests to the new values; the file is committed so the tests need
neither Whisper nor espeak-ng.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from mockinterview.core.analysis import analyze_file  # noqa: E402
from mockinterview.core.settings import Settings  # noqa: E402
from mockinterview.core.speech.asr import Transcriber  # noqa: E402

CLEAN = (
    "I moved our payments service to a new cluster last spring. I planned the cutover with the "
    "database team, tested it on a copy of production, and switched traffic over one region at "
    "a time. Latency fell by forty percent and nothing was lost."
)
RUSHED = (
    "Um so like I moved the payments service, uh, to the new cluster and um, like, it was, uh, "
    "faster. Um, we tested it and, like, um, switched the traffic and uh it worked, um, pretty "
    "well."
)
HEDGED = (
    "I think maybe we sort of moved the service. I guess it was kind of faster, I think. Maybe "
    "the team sort of liked it, I suppose."
)
STORY = (
    "At my last job our nightly data pipeline kept failing and nobody owned it. "
    "My task was to make it reliable before the quarterly report. "
    "I added retries, I think, and I wrote alerts for the slow steps."
)
PACE = (
    "We moved the payments service to the new cluster and cut latency by forty percent in three "
    "weeks."
)

# name -> (text, espeak-ng rate in words per minute); the text may hold SSML breaks. Short clips:
# a test that needs an answer of a given length sets its own target band (answer(target_s=...)).
SPOKEN: dict[str, tuple[str, int]] = {
    "clean": (CLEAN, 150),
    # The same answer slower and with a wide pitch range: espeak-ng's usual voice reads as
    # monotone (about 1.6 semitones), this one is a delivery inside every band.
    "lively": (f'<prosody range="x-high">{CLEAN}</prosody>', 115),
    "rushed_fillers": (RUSHED, 230),
    "slow_hedges": (HEDGED, 90),
    "um_yes": ("um yes", 120),
    "paused": (
        'Um, I think we shipped it on time. <break time="3000ms"/> We measured the latency '
        "every week, and we fixed the slow queries first.",
        150,
    ),
    "story": (STORY, 140),
    "result": ("As a result, failures went from four a week to one a month.", 140),
    **{f"pace_{rate}": (PACE, rate) for rate in (110, 150, 200)},
}
REAL = {"austen": ROOT / "tests" / "data" / "speech" / "austen-0870.flac"}


def _speak(text: str, rate: int, path: Path) -> Path:
    subprocess.run(
        ["espeak-ng", "-m", "-v", "en-us", "-s", str(rate), "-w", str(path), text],
        check=True,
        capture_output=True,
    )
    return path


def _rounded(value: object) -> object:
    """Floats to 3 decimals so the committed file stays small and diffs stay readable."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _block(
    path: Path, source: str, text: str | None, settings: Settings, transcriber: Transcriber
) -> dict:
    analysis = analyze_file(path, settings, transcriber=transcriber, target_s=(60, 120))
    speech = analysis["speech"]
    print(source, path.stem, speech["wpm"], speech["word_count"], flush=True)
    return {"source": source, "text": text, "speech": _rounded(speech)}


def main(names: list[str]) -> None:
    """Make the blocks named (all when none is), keeping the others already in speech.json
    that this script still lists (a clip taken out of it leaves the file with its block)."""
    out = HERE / "speech.json"
    kept = json.loads(out.read_text(encoding="utf-8")) if names and out.exists() else {}
    blocks = {name: block for name, block in kept.items() if name in SPOKEN or name in REAL}
    settings = Settings()
    transcriber = Transcriber.from_settings(settings)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (text, rate) in SPOKEN.items():
            if not names or name in names:
                wav = _speak(text, rate, Path(tmp) / f"{name}.wav")
                blocks[name] = _block(
                    wav, f"espeak-ng en-us -s {rate}", text, settings, transcriber
                )
    for name, path in REAL.items():
        if not names or name in names:
            source = str(path.relative_to(ROOT))
            blocks[name] = _block(path, source, None, settings, transcriber)
    out.write_text(json.dumps(blocks, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
