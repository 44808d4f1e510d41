"""Preprocessing for the spectrometry dataset (many correlated channels)."""
import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.impute import KNNImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

N_COMPONENTS = 20


def load_spectra(path):
    df = pd.read_csv(path)
    channels = [c for c in df.columns if c.startswith("ch_")]
    df[channels] = df[channels].replace([np.inf, -np.inf], np.nan)
    return df, channels


def _log_intensity(values):
    return np.log1p(np.clip(values, 0, None))


def make_reducer(n_components=N_COMPONENTS):
    """Unfitted transformer: impute dead channels, standardise, project onto PCs."""
    return Pipeline([
        ("log", FunctionTransformer(_log_intensity)),
        ("impute", KNNImputer(n_neighbors=5)),
        ("scale", StandardScaler()),
        ("pca", PCA(n_components=n_components, random_state=0)),
    ])
