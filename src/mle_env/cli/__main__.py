"""``python -m mle_env.cli``."""

import sys

from mle_env.cli import main

sys.exit(main())
