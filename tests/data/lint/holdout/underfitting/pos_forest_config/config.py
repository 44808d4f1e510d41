"""Experiment configuration for the land-cover classifier (7 classes, 54 inputs)."""
# expect: UNDERFITTING@13
from dataclasses import dataclass, field

DATA_PATH = "covtype_sample.csv"
TARGET = "Cover_Type"
ID_COLS = ["row_id"]


@dataclass
class ForestConfig:
    n_estimators: int = 300
    max_depth: int = 1
    min_samples_leaf: int = 1
    max_features: str = "sqrt"
    n_jobs: int = -1
    random_state: int = 17

    def as_kwargs(self):
        return dict(self.__dict__)


@dataclass
class RunConfig:
    test_size: float = 0.2
    seed: int = 17
    forest: ForestConfig = field(default_factory=ForestConfig)
