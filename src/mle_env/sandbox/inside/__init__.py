"""Code that runs *inside* a sandbox: the exec server and its parts.

Standard library only, and imported by path (the directory is bound read-only at
/run/mle-env in the sandbox), never as ``mle_env.sandbox.inside``.
"""
