"""Sub-commands of `mockinterview`, one module each, registered in the order `--help` lists them."""

from mockinterview.commands import banks, doctor, models, sessions

COMMANDS = (doctor, models, banks, sessions)
