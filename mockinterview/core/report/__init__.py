"""The post-session report: a model built from a stored session, and its HTML, PDF and JSON."""
