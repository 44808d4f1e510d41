"""Tasks for tests that need many, or fast ones."""

from __future__ import annotations

import json


def tiny_task(i: int, code: str) -> dict:
    """A task that grades in milliseconds: the report's error type and the report file."""
    report = {"error_type": code, "locations": [], "explanation": "x", "proposed_fix": "y"}
    lines = [(6, "IDENTIFICATION", f'`error_type` in `response/report.json` is exactly "{code}"'),
             (4, "NO_FILE", "File exists at `/app/response/report.json`")]  # fmt: skip
    return {
        "task_id": f"tiny-{i}",
        "prompt": [{"type": "text", "content": f"Project number {i}. Find the bug."}],
        "rubric_text": "\n".join(f"+{w}|{t}|{c}|because" for w, t, c in lines),
        "rubrics": [{"name": t, "weight": w, "messages": [{"type": "text", "content": c}]} for w, t, c in lines],
        "use_docker": True,
        "task_dir": "/app",
        "task_files": {"src/train.py": f"print('accuracy: 0.{i}')\n"},
        "max_turns": 10,
        "mle_env": {
            "expected_error_types": [code],
            "solution": {"response/report.json": json.dumps(report)},
            "checks": [{"criterion_index": 0, "check": "error_type_equals",
                        "args": {"path": "response/report.json", "expected": [code]}}],
        },  # fmt: skip
    }
