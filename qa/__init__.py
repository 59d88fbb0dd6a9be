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
# converter, which reports on import, is kept out by qa.embed.import_openvino.) A user who
# wants either on sets the variable to 0; unset or empty, it is set.
for _switch in ("ORT_DISABLE_TELEMETRY", "HF_HUB_DISABLE_TELEMETRY"):
    if not os.environ.get(_switch):
        os.environ[_switch] = "1"
