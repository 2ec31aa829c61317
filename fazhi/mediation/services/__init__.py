"""The rules of 矛盾纠纷调解 and 信访, one file per procedure: the only place their records
change state; each function checks the rule, refuses in Chinese, and appends its event in
the same transaction."""
