"""Preprocessing for the spectrometry dataset (many correlated channels)."""
# expect: DATA_LEAKAGE@25
import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.impute import KNNImputer
from sklearn.preprocessing import StandardScaler

N_COMPONENTS = 20


def load_spectra(path):
    df = pd.read_csv(path)
    channels = [c for c in df.columns if c.startswith("ch_")]
    return df, channels


def reduce_channels(df, channels, n_components=N_COMPONENTS):
    """Impute dead channels, standardise and project onto principal components."""
    values = df[channels].replace([np.inf, -np.inf], np.nan)
    values = values.loc[:, values.isna().mean() < 0.5]
    imputer = KNNImputer(n_neighbors=5)
    scaler = StandardScaler()
    pca = PCA(n_components=n_components, random_state=0)
    comps = pca.fit_transform(scaler.fit_transform(imputer.fit_transform(values)))
    out = pd.DataFrame(comps, columns=[f"pc{i + 1}" for i in range(n_components)], index=df.index)
    print("explained variance: %.3f" % pca.explained_variance_ratio_.sum())
    return out
