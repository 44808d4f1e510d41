"""Running agents on tasks: one sample (``sample``), and batches of them (``batch``)."""

from mle_env.runner.sample import NO_LLM_AGENTS, Agent, agent_view, make_agent, run_sample

__all__ = ["NO_LLM_AGENTS", "Agent", "agent_view", "make_agent", "run_sample"]
