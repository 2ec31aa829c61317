"""双随机、一公开 (issue 14). So far: the draw and its verification (``draw.py``), which the
rest of the module (pools, plans, tasks, results, portal) is built around."""
