"""``EpisodeError``, the one error the environment API raises on purpose (defined in ``errors``).

It is the trainer's mistake, not the policy's and not the sandbox's: stepping an episode that
has ended, resetting one twice, an episode id or task that does not exist, more open episodes
than ``EnvConfig.max_episodes``. What the *policy* does wrong (a bad tool argument, a path
outside the workspace) is a tool observation, never an exception; a sandbox that fails to
start raises ``errors.SandboxError`` from ``reset``.
"""

from mle_env.errors import EpisodeError

__all__ = ["EpisodeError"]
