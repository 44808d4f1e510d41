"""Test doubles: fake LLM provider servers on 127.0.0.1 (see providers.py)."""

import os

# LiteLLM fetches its model cost map (and more) from the internet when imported, unless told
# not to. These must be set before the first ``import litellm`` anywhere in the test process.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("LITELLM_OFFLINE_MODE", "true")
