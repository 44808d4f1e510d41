"""Agents that need no LLM: baseline (static ML-bug detectors) and oracle."""
