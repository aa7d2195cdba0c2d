"""Stand-in for matplotlib.pyplot inside the MockInterview bundle: see the package's docstring."""


def __getattr__(name: str) -> object:
    raise AttributeError(
        f"matplotlib.pyplot.{name}: matplotlib is not part of the MockInterview bundle"
    )
