"""The run report and viewer (``mle-env report``, ``mle-env view``): reads run directories,
writes HTML; never writes into a run.

``data`` — a run directory read (leaderboard from ``mle_env.leaderboard``, each sample's files);
``charts`` — heatmaps and confusion matrices as coloured tables; ``plots`` — scatters and
distributions as inline SVG; ``sample`` — one sample's page; ``render`` — the document (run
pages, sample pages, compare); ``serve`` — the local HTTP server. ``browser`` (headless Chromium
over the DevTools pipe) is for tests, bench/ and tools/ only: nothing here imports it.
"""

from mle_env.view.data import RunData, Sample, load_run
from mle_env.view.render import render

__all__ = ["RunData", "Sample", "load_run", "render"]
