"""Experiment configuration for the land-cover classifier (7 classes, 54 inputs)."""
from dataclasses import dataclass, field

DATA_PATH = "covtype_sample.csv"
TARGET = "Cover_Type"
ID_COLS = ["row_id"]


@dataclass
class BoostConfig:
    # many shallow learners: stumps are fine when there are enough boosting rounds
    n_estimators: int = 600
    learning_rate: float = 0.5
    stump_depth: int = 1
    random_state: int = 17


@dataclass
class RunConfig:
    test_size: float = 0.2
    seed: int = 17
    boost: BoostConfig = field(default_factory=BoostConfig)


def describe(cfg: RunConfig) -> str:
    b = cfg.boost
    return f"AdaBoost(stumps depth={b.stump_depth}, rounds={b.n_estimators}, lr={b.learning_rate})"
