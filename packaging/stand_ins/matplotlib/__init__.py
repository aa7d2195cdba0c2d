"""Stand-in for matplotlib inside the MockInterview desktop bundle (packaging/README.md).

mediapipe's Tasks API imports its drawing utilities, which import matplotlib.pyplot for one
function (plot_landmarks, a 3-D plot) the app never calls. matplotlib and what only it imports
stay out of the bundle; this package answers that import, and any use of it raises
AttributeError saying so. Its folder keeps the PDF report's DejaVu fonts (mpl-data/fonts/ttf),
where mockinterview.core.report.pdf_style looks for them.
"""


def __getattr__(name: str) -> object:
    raise AttributeError(f"matplotlib.{name}: matplotlib is not part of the MockInterview bundle")
