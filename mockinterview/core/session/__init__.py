"""A rehearsal from start to history: the interview flow, its recording, and the session store."""
