"""The task format: loading, validation, JSON Schema, and task files."""

from mle_env.task.files import decode_content, encode_binary, materialize
from mle_env.task.load import find_tasks, load_task, task_schema, validate_data, validate_file
from mle_env.task.model import ERROR_CODES, BugLocation, Check, Extensions, Task, Verify
from mle_env.task.rubric import Criterion, parse_rubric_text

__all__ = [
    "ERROR_CODES",
    "BugLocation",
    "Check",
    "Criterion",
    "Extensions",
    "Task",
    "Verify",
    "decode_content",
    "encode_binary",
    "find_tasks",
    "load_task",
    "materialize",
    "parse_rubric_text",
    "task_schema",
    "validate_data",
    "validate_file",
]
