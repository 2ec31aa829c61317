"""The rules of 学法用法, 普法 and the leaders' 法治 duties, one file per procedure: the only
place their records change; each function checks the rule, refuses in Chinese, and appends
its event in the same transaction."""
