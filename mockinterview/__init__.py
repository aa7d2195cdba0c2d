"""MockInterview: rehearse job interviews alone, offline."""

import os

__version__ = "0.1.0"

# Whisper (CTranslate2) runs on OpenMP threads, and OpenMP's default lets a thread that waits
# for the others spin on its core for a while instead of sleeping. On a laptop that is busy with
# the camera, the GUI and other programs, the spinning thread takes the core the awaited thread
# needs: with 4 busy processes on 2 cores a live chunk took 1.6-1.7x as long as with waiting
# threads sleeping (issue 11, the wait after Stop; no difference measured without the busy
# processes). OpenMP reads this once, when CTranslate2 is first imported, so it is set before
# any of the app's modules can import it; a value the user set is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
