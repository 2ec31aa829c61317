"""The 政府信息公开工作年度报告 (条例第四十九、五十条) in the national template of
国办公开办函〔2021〕30号: ``tables`` computes its figures from the records, ``check`` is
the form's own check, ``render`` writes HTML and DOCX, ``services`` creates, edits and
publishes a report."""
