"""``oracle`` writes the task's reference solution (to validate tasks); ``none`` does nothing (the floor)."""

from __future__ import annotations

from mle_env.agent import AgentResult
from mle_env.agents.common import Recorder
from mle_env.task import Task
from mle_env.tools import Tools
from mle_env.trajectory import Trajectory


class OracleAgent:
    """Writes ``mle_env.solution`` into the workspace through the tools, then runs the revised code."""

    name = "oracle"
    needs_hidden_data = True

    async def run(self, task: Task, tools: Tools, trajectory: Trajectory | None = None) -> AgentResult:
        rec = Recorder(self.name, task.task_id, tools, trajectory)
        solution = task.ext.solution
        if not solution:
            return rec.finish("The task has no reference solution (mle_env.solution).", status="error")
        for path, content in sorted(solution.items()):
            await rec.call("write_file", path=path, content=content)
        if "response/revised_code.py" in solution:
            await rec.call("bash_exec", command="python response/revised_code.py", timeout=600)
        report = solution.get("response/report.json", "")
        return rec.finish(f"The reference solution is written to response/.\n{report}".strip())


class NoneAgent:
    """Does nothing: the score of an empty workspace."""

    name = "none"
    needs_hidden_data = False

    async def run(self, task: Task, tools: Tools, trajectory: Trajectory | None = None) -> AgentResult:
        return Recorder(self.name, task.task_id, tools, trajectory).finish("")
