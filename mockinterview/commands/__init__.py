"""Sub-commands of `mockinterview`, one module each, registered in the order `--help` lists them."""

from mockinterview.commands import (
    analyze,
    banks,
    checklist,
    doctor,
    models,
    report,
    sessions,
    voices,
)

COMMANDS = (doctor, models, banks, sessions, report, checklist, analyze, voices)
