"""Predict final exam score (0-100) from coursework signals; writes the term report."""
from pathlib import Path

import pandas as pd
from sklearn.ensemble import RandomForestRegressor

from evaluation import fit_and_report, format_report

DATA = Path(__file__).parent / "data" / "students.csv"
FEATURES = [
    "prior_gpa", "attendance_pct", "homework_avg", "quiz_avg", "study_hours_wk",
    "lms_logins_wk", "late_submissions", "tutoring_sessions",
]


def main() -> None:
    students = pd.read_csv(DATA)
    X, y = students[FEATURES], students["final_exam"]
    model = RandomForestRegressor(n_estimators=500, min_samples_leaf=3, max_features=0.5, random_state=0)
    metrics = fit_and_report(model, X, y)
    print(format_report("random forest", metrics))
    pd.Series(metrics).to_json(Path(__file__).parent / "report_metrics.json")


if __name__ == "__main__":
    main()
