"""Scheduled duties of 行政复议 (filled in below)."""
