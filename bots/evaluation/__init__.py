"""The eval scorecard: how faithful, grounded, honest, safe and fast a clone is."""

from bots.evaluation.probes import HeldoutPair, Probe, load_heldout, load_probes, pick_subset
from bots.evaluation.report import Report, compare
from bots.evaluation.runner import EvalOptions, run_eval

__all__ = [
    "EvalOptions",
    "HeldoutPair",
    "Probe",
    "Report",
    "compare",
    "load_heldout",
    "load_probes",
    "pick_subset",
    "run_eval",
]
