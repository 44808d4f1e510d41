"""mle-env: a harness for ML error-analysis agents."""
__version__ = "0.1.0"
