"""The environment API: episodes (reset → step … → reward) over a task suite, for RL trainers.

``Environment`` (async) and ``SyncEnvironment`` (blocking, its own loop thread) hand out
``Episode`` handles; an ``Action`` is one turn of tool calls or a final answer; the last
``StepResult`` carries the benchmark grader's reward and breakdown (``Outcome``). See
docs/environment.md.
"""

from mle_env.environment.env import EnvConfig, Environment
from mle_env.environment.episode import Episode
from mle_env.environment.errors import EpisodeError
from mle_env.environment.reward import EpisodeCost, Outcome, Reward, RewardConfig
from mle_env.environment.spaces import Action, Observation, StepResult, TaskInfo, ToolCall, ToolObservation
from mle_env.environment.suite import TaskSuite
from mle_env.environment.sync import SyncEnvironment, SyncEpisode

__all__ = [
    "Action",
    "EnvConfig",
    "Environment",
    "Episode",
    "EpisodeCost",
    "EpisodeError",
    "Observation",
    "Outcome",
    "Reward",
    "RewardConfig",
    "StepResult",
    "SyncEnvironment",
    "SyncEpisode",
    "TaskInfo",
    "TaskSuite",
    "ToolCall",
    "ToolObservation",
]
