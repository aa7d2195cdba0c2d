"""Sub-commands of `mockinterview`, one module each, registered in the order `--help` lists them."""

from mockinterview.commands import (
    analyze,
    banks,
    checklist,
    doctor,
    models,
    rehearse,
    report,
    selfcheck,
    sessions,
    voices,
)

COMMANDS = (
    doctor,
    models,
    banks,
    sessions,
    rehearse,
    report,
    checklist,
    analyze,
    selfcheck,
    voices,
)
