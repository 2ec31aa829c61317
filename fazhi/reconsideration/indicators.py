"""Figures of 行政复议, 行政应诉 and 司法/检察建议 (filled in below)."""
