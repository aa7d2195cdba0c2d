"""The one exception family the CLI and GUI turn into a readable message instead of a traceback."""


class MockInterviewError(Exception):
    """A problem the user can act on; the message says what is wrong and how to fix it."""


class ModelError(MockInterviewError):
    """A model file is missing, corrupt or not downloaded."""


class SettingsError(MockInterviewError):
    """The settings file or a command-line override is invalid."""


class MediaError(MockInterviewError):
    """A media file is missing, empty, unreadable or not what it claims to be."""


class DeviceError(MockInterviewError):
    """A camera, microphone or speaker is missing, busy or was unplugged."""


class BankError(MockInterviewError):
    """A question bank is missing or malformed; the message names the file and line."""


class StorageError(MockInterviewError):
    """The session database or a session's media folder cannot be read or written."""


class ReportError(MockInterviewError):
    """A report cannot be written: the output folder is missing, not a folder, or not writable."""


class ChecklistError(MockInterviewError):
    """The prep checklist was asked about an item it does not have, or its file is unreadable."""
