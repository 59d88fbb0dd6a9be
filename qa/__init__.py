"""Retrieval question answering over news articles, with exact, checkable citations."""

import os
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qa")  # pyproject's [project] version, as installed
except PackageNotFoundError:  # pragma: no cover - a checkout used without `pip install -e`
    __version__ = "0.1.0"

# An archive's builds and questions report to no one. onnxruntime 1.32 uploads usage events
# from Linux too, with a device id it writes under ~/.cache/Microsoft; its switch is read once,
# when onnxruntime is imported, so it is set here, before any of qa imports it. (OpenVINO's
# converter, which reports on import, is kept out by qa.embed.import_openvino; Ray, for
# `--ray`, and Hugging Face's hub, though offline, have switches too.) Set where unset or
# empty; a user who wants one on sets it.
for _switch, _off in {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "RAY_USAGE_STATS_ENABLED": "0",
}.items():
    if not os.environ.get(_switch):
        os.environ[_switch] = _off
del _switch, _off
