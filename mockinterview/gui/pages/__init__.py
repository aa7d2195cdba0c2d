"""One module per page of the main window: home, rehearsal, report, history, settings."""
