"""Sub-commands of `mockinterview`, one module each, registered in the order `--help` lists them."""

from mockinterview.commands import banks, checklist, doctor, models, report, sessions

COMMANDS = (doctor, models, banks, sessions, report, checklist)
