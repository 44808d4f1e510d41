# expect: DATA_LEAKAGE@9-10
import pandas as pd


def split_frame(df: pd.DataFrame, frac: float = 0.8, seed: int = 0):
    shuffled = df.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    n_fit = int(len(shuffled) * frac)
    n_eval = int(len(shuffled) * 0.3)
    fit_rows = shuffled.head(n_fit)
    eval_rows = shuffled.tail(n_eval)
    return fit_rows, eval_rows


def describe(fit_rows: pd.DataFrame, eval_rows: pd.DataFrame) -> str:
    return f"fit={len(fit_rows)} eval={len(eval_rows)}"
