"""Export a local sentence-transformers model to ONNX once, fp32 and int8, into a cache folder.

In: the folder of a mean-pooling sentence-transformers model (Transformer, Pooling,
Normalize), read offline. Out: a folder `<cache>/<model>-onnx/` holding `model.onnx`
(fp32, attention and layer-norm fused by onnxruntime's BERT optimiser), `model-int8.onnx`
(the same graph dynamically quantised: int8 weights, activations quantised per call),
`tokenizer.json` and `export.json`. Pooling and L2 normalisation are inside the graph,
so its output is the sentence vector.

The export is built in a temporary sibling folder and renamed into place, with
`export.json` written last: a folder without it (an export killed midway) is ignored,
removed and redone. Torch and transformers are imported only while exporting.
"""
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

from registre.errors import RegistreError

FP32_FILE, INT8_FILE = "model.onnx", "model-int8.onnx"
TOKENIZER_FILE, MANIFEST_FILE = "tokenizer.json", "export.json"
_FORMAT = 1  # raise when the export changes, so that older caches are rebuilt
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def models_folder(cache: Path | None = None) -> Path:
    """CACHE/models (REGISTRE_CACHE), else ~/.cache/registre/models (the package folder may be
    read-only)."""
    return (cache or Path.home() / ".cache" / "registre") / "models"


def exported_model(model_path: str | os.PathLike, name: str, root: Path | None = None) -> Path:
    """The cache folder of `name`'s ONNX export, exporting it first when it is missing or partial."""
    target = export_folder(model_path, name, root)
    if _complete(target) and manifest(target)["source"] == str(model_path):
        return target
    if target.exists():
        shutil.rmtree(target)  # an export killed before its manifest: start again
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"Export ONNX du modèle d'embeddings {name} vers {target} (une seule fois)…", file=sys.stderr)
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    work.chmod(0o755)  # mkdtemp makes it private; the cache may be shared
    try:
        with warnings.catch_warnings():  # tracer and quantiser notes, not for the user
            warnings.simplefilter("ignore")
            logging.disable(logging.WARNING)
            try:
                export(Path(model_path), work)
            finally:
                logging.disable(logging.NOTSET)
        try:
            work.rename(target)
        except OSError:
            if not _complete(target):  # not another process that finished first
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def export_folder(model_path: str | os.PathLike, name: str, root: Path | None = None) -> Path:
    """Where the export of the model at `model_path` lives. The folder is named after the
    model's path too: two installations sharing one cache (two checkouts, two virtual
    environments) each keep their own export instead of redoing it in turn at every start."""
    where = hashlib.sha1(str(model_path).encode("utf-8")).hexdigest()[:8]
    return (root or models_folder()) / f"{_safe(name)}-{where}-onnx"


def export(model_path: Path, folder: Path) -> None:
    """Write the fp32 and int8 graphs, the tokenizer and, last, the manifest into `folder`."""
    max_length = _check_model(model_path)
    config = _read_json(model_path / "config.json")
    _export_fp32(model_path, folder / "raw.onnx")
    _optimise(folder / "raw.onnx", folder / FP32_FILE, config["num_attention_heads"], config["hidden_size"])
    (folder / "raw.onnx").unlink()
    _quantise(folder / FP32_FILE, folder / INT8_FILE)
    shutil.copyfile(model_path / TOKENIZER_FILE, folder / TOKENIZER_FILE)
    manifest = {"format": _FORMAT, "source": str(model_path), "max_length": max_length, "inputs": list(_INPUTS)}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))


def _complete(folder: Path) -> bool:
    try:
        ok = manifest(folder)["format"] == _FORMAT
    except (OSError, ValueError, KeyError):
        return False
    return ok and all((folder / f).is_file() for f in (FP32_FILE, INT8_FILE, TOKENIZER_FILE))


def _check_model(model_path: Path) -> int:
    """The model's max sequence length, once checked that the graph can hold its pooling."""
    try:
        modules = [m["type"].rsplit(".", 1)[-1] for m in _read_json(model_path / "modules.json")]
        pooling = _read_json(model_path / "1_Pooling" / "config.json")
        config = _read_json(model_path / "sentence_bert_config.json")
        _read_json(model_path / "config.json")["num_attention_heads"]
        (model_path / TOKENIZER_FILE).stat()
    except (OSError, ValueError, KeyError) as e:
        raise RegistreError(f"Modèle d'embeddings illisible pour l'export ONNX : {model_path}") from e
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        v for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens")
    if modules != ["Transformer", "Pooling", "Normalize"] or not mean_only:
        raise RegistreError(f"Export ONNX possible seulement pour un modèle à moyenne normalisée : {model_path}")
    return int(config["max_seq_length"])


def _export_fp32(model_path: Path, out: Path) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()

    # Eager attention traces to the MatMul/Softmax pattern onnxruntime knows how to fuse.
    encoder = AutoModel.from_pretrained(model_path, local_files_only=True, attn_implementation="eager").eval()
    ids = torch.tensor([[101, 2000, 2001, 2002, 102], [101, 2003, 102, 0, 0]])  # one padded row
    with torch.no_grad():
        torch.onnx.export(
            _mean_pooled(encoder), (ids, (ids > 0).long(), torch.zeros_like(ids)), str(out),
            dynamo=False, opset_version=17, input_names=list(_INPUTS), output_names=["sentence_embedding"],
            dynamic_axes={**{name: {0: "batch", 1: "tokens"} for name in _INPUTS},
                          "sentence_embedding": {0: "batch"}})


def _optimise(raw: Path, out: Path, heads: int, hidden: int) -> None:
    from onnxruntime.transformers.optimizer import optimize_model

    optimize_model(str(raw), model_type="bert", num_heads=heads, hidden_size=hidden).save_model_to_file(str(out))


def _quantise(fp32: Path, out: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Fused operators carry no type for shape inference: their outputs are float.
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


def _mean_pooled(encoder):
    """The encoder, then the mask-weighted mean of its token vectors, L2-normalised (built
    here so that torch is imported only to export)."""
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):
            tokens = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    return MeanPooled()
