"""MockInterview: rehearse job interviews alone, offline."""

__version__ = "0.1.0"
