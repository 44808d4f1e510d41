"""Serving mle-env: the HTTP API (``app``, ``jobs``, ``webhooks``, ``settings``) and the MCP server (``mcp``).

Both are thin over ``runner`` and ``tools``; nothing imports ``server``.
"""
