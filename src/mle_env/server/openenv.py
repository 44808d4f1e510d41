"""The served environment's wire shapes: OpenEnv's (openenv-core 0.3.0) actions, observations,
state and errors, read into and out of ``mle_env.environment``.

Actions (``data`` of a WebSocket ``step``, ``action`` of ``POST /env/step``), told apart by ``type``:

* ``call_tool`` — OpenEnv's MCP ``CallToolAction``: ``{"type": "call_tool", "tool_name": "read_file",
  "arguments": {"path": "src/train.py"}}``; one tool call, one turn.
* ``list_tools`` — OpenEnv's ``ListToolsAction``: the tools (MCP shape); spends no turn and needs no reset.
* ``final_answer`` — ``{"type": "final_answer", "answer": "..."}``: ends the episode; it is graded.
* ``turn`` — one model turn in full (``environment.Action``'s fields): several ``tool_calls``
  (``{"name", "arguments", "id"}``, run in order), or an ``answer``, or ``text`` alone, with
  the token counts and cost that count toward the limits.

Every action may carry OpenEnv's ``metadata`` (ignored). Observations are plain dicts inside
OpenEnv's ``{"observation", "reward", "done"}``; a ``call_tool`` step's observation has the
``tool_name``/``result``/``error`` keys OpenEnv's ``MCPToolClient`` reads.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from mle_env.environment import Action, EpisodeCost, Observation, Reward, StepResult, TaskInfo, ToolCall


class WSErrorCode(StrEnum):
    """OpenEnv's WebSocket error codes (``core.env_server.types.WSErrorCode``)."""

    INVALID_JSON = "INVALID_JSON"
    UNKNOWN_TYPE = "UNKNOWN_TYPE"
    VALIDATION_ERROR = "VALIDATION_ERROR"
    EXECUTION_ERROR = "EXECUTION_ERROR"
    CAPACITY_REACHED = "CAPACITY_REACHED"
    FACTORY_ERROR = "FACTORY_ERROR"
    SESSION_ERROR = "SESSION_ERROR"


# ---------------------------------------------------------------- actions


class _Act(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    metadata: dict[str, Any] = Field(default_factory=dict, description="OpenEnv's action metadata (ignored)")


class CallTool(_Act):
    """One tool call (OpenEnv's ``CallToolAction``)."""

    type: Literal["call_tool"] = "call_tool"
    tool_name: str = Field(description="read_file, write_file, list_files, run_python or bash_exec")
    arguments: dict[str, Any] = Field(default_factory=dict)


class ListTools(_Act):
    """The tools' specs (OpenEnv's ``ListToolsAction``); spends no turn."""

    type: Literal["list_tools"] = "list_tools"


class FinalAnswer(_Act):
    """The final answer: ends the episode, which is then graded."""

    type: Literal["final_answer"] = "final_answer"
    answer: str


class Turn(_Act):
    """One model turn in full: several tool calls run in order, or an answer, or text alone."""

    type: Literal["turn"] = "turn"
    tool_calls: list[ToolCall] = Field(default_factory=list)
    answer: str | None = None
    text: str | None = None
    prompt_tokens: int = Field(0, ge=0)
    completion_tokens: int = Field(0, ge=0)
    cost: float | None = Field(None, ge=0)


ServedAction = Annotated[CallTool | ListTools | FinalAnswer | Turn, Field(discriminator="type")]
ACTION = TypeAdapter(ServedAction)


def to_action(act: CallTool | FinalAnswer | Turn) -> Action:
    """The environment's ``Action`` for a served one (``list_tools`` has none: it is no turn)."""
    if isinstance(act, CallTool):
        return Action(tool_calls=[ToolCall(name=act.tool_name, arguments=act.arguments)])
    if isinstance(act, FinalAnswer):
        return Action.final(act.answer)
    return Action.model_validate(act.model_dump(exclude={"type", "metadata"}))


# ---------------------------------------------------------------- observations


class McpTool(BaseModel):
    """A tool in MCP's (and OpenEnv's ``Tool``) shape."""

    name: str
    description: str
    input_schema: dict[str, Any]


class ToolResult(BaseModel):
    id: str
    tool_name: str
    success: bool
    """False: a bad argument, an unknown tool, a refused path; ``result`` says why (the episode goes on)."""
    result: str
    seconds: float


class ResetObservation(BaseModel):
    """``reset``'s observation: the episode id, the prompts, the tools, the task's curriculum facets."""

    episode_id: str
    system_prompt: str
    task_prompt: str
    tools: list[McpTool]
    tools_openai: list[dict[str, Any]]
    tools_anthropic: list[dict[str, Any]]
    info: TaskInfo
    seed: int | None = None


class EpisodeOutcome(BaseModel):
    """How the episode ended (on the last step): the reward's breakdown, the evaluation, the cost."""

    status: str
    answer: str
    reward: Reward
    evaluation: dict[str, Any]
    cost: EpisodeCost


class StepObservation(BaseModel):
    """``step``'s observation. ``tool_name``/``result``/``error`` are set for a ``call_tool`` step
    (the MCP client's reading); ``tool_results`` holds every call of the turn."""

    episode_id: str
    turn: int
    tool_results: list[ToolResult] = Field(default_factory=list)
    message: str | None = None
    """The "continue" nudge after a turn with neither tool calls nor an answer."""
    terminated: bool = False
    truncated: bool = False
    tool_name: str | None = None
    result: str | None = None
    error: dict[str, Any] | None = None
    """OpenEnv's transport-level ``ToolError``; always null here (tool errors are results)."""
    outcome: EpisodeOutcome | None = None


class ListToolsObservation(BaseModel):
    tools: list[McpTool]


class ServedState(BaseModel):
    """OpenEnv's ``State`` (``episode_id``, ``step_count``) with the episode's status."""

    model_config = ConfigDict(extra="allow")

    episode_id: str | None = None
    step_count: int = Field(0, ge=0)
    status: Literal["none", "running", "done", "closed"] = "none"
    done: bool = False
    reward: float | None = None
    """The episode's return once graded (terminal reward plus shaping)."""
    info: TaskInfo | None = None
    label: str | None = None
    """The ``episode_id`` the client gave at reset, if any (the server assigns the real one)."""


def schemas() -> dict[str, dict[str, Any]]:
    """``GET /env/schema``: OpenEnv's ``SchemaResponse`` for this environment."""
    obs = TypeAdapter(ResetObservation | StepObservation | ListToolsObservation).json_schema()
    return {"action": ACTION.json_schema(), "observation": obs, "state": ServedState.model_json_schema()}


def mcp_tools(openai: list[dict[str, Any]]) -> list[McpTool]:
    return [McpTool(name=t["function"]["name"], description=t["function"].get("description", ""),
                    input_schema=t["function"].get("parameters", {})) for t in openai]  # fmt: skip


def reset_payload(obs: Observation) -> dict[str, Any]:
    """OpenEnv's ``ResetResponse`` (also the ``data`` of a WebSocket observation)."""
    body = ResetObservation(
        episode_id=obs.episode_id, system_prompt=obs.system_prompt, task_prompt=obs.task_prompt,
        tools=mcp_tools(obs.tools_openai), tools_openai=obs.tools_openai, tools_anthropic=obs.tools_anthropic,
        info=obs.info, seed=obs.seed,
    )  # fmt: skip
    return {"observation": body.model_dump(mode="json"), "reward": None, "done": False}


def step_payload(episode_id: str, act: CallTool | FinalAnswer | Turn, res: StepResult) -> dict[str, Any]:
    """OpenEnv's ``StepResponse`` for a step's result."""
    results = [ToolResult(id=o.id, tool_name=o.name, success=o.success, result=o.result, seconds=o.seconds)
               for o in res.observations]  # fmt: skip
    body = StepObservation(episode_id=episode_id, turn=res.turn, tool_results=results, message=res.message,
                           terminated=res.terminated, truncated=res.truncated)  # fmt: skip
    if isinstance(act, CallTool):
        body.tool_name = act.tool_name
        body.result = results[0].result if results else None
    if res.outcome is not None:
        out = res.outcome
        body.outcome = EpisodeOutcome(status=out.status, answer=out.answer, reward=out.reward,
                                      evaluation=out.evaluation, cost=out.cost)  # fmt: skip
    return {"observation": body.model_dump(mode="json"), "reward": res.reward, "done": res.done}


def tools_payload(tools: list[McpTool], *, done: bool = False) -> dict[str, Any]:
    return {"observation": ListToolsObservation(tools=tools).model_dump(mode="json"), "reward": None, "done": done}


def error(code: WSErrorCode, message: str, **extra: Any) -> dict[str, Any]:
    """OpenEnv's ``WSErrorResponse``."""
    return {"type": "error", "data": {"message": message, "code": code.value, **extra}}
