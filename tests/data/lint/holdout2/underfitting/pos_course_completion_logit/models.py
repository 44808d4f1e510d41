# expect: UNDERFITTING@16
"""Model factory for the MOOC completion predictor."""
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

NUMERIC = [
    "videos_watched_pct", "quiz_attempts", "quiz_avg", "forum_posts",
    "days_active_first2w", "avg_session_min", "enrolled_before_start", "prior_courses_completed",
]


def build_classifier(C: float = 1.0) -> Pipeline:
    return Pipeline([
        ("scale", StandardScaler()),
        ("logit", LogisticRegression(C=C, solver="saga", max_iter=3, tol=1e-4)),
    ])


def describe(model: Pipeline) -> dict:
    logit = model.named_steps["logit"]
    return {
        "n_iter": int(logit.n_iter_[0]),
        "coef": dict(zip(NUMERIC, logit.coef_[0].round(3))),
        "intercept": float(logit.intercept_[0]),
    }
