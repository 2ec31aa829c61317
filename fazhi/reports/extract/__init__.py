"""Read other places' published 法治政府建设 reports: clean, structure, extract figures.

Pure Python (no Django), so it runs anywhere:

    from fazhi.reports.extract import extract_file, extract_text, ExtractError
"""

from .errors import ExtractError
from .pipeline import extract_file, extract_text

__all__ = ["ExtractError", "extract_file", "extract_text"]
