"""The only place a record of this module changes state (records-module.md): one file per
procedure. Applications and their acceptance (applications), the case to its decision
(cases), 意见书 and 建议书 (letters), 行政应诉 (litigation), 司法/检察建议 (suggestions)."""
