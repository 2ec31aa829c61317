"""The one exception the extractor raises for input it cannot read."""


class ExtractError(ValueError):
    """A file could not be read; ``message`` is shown to users (Simplified Chinese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
