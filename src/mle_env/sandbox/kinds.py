"""The sandbox kinds ``--sandbox`` takes, apart from their pydantic configs (``base``) so that
building the CLI's parser (``mle-env --help``) does not import pydantic."""

SANDBOX_KINDS = ("bwrap", "docker", "local")
