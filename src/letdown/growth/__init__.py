"""The baby's growth against the WHO 2006 Child Growth Standards (weight-for-age).

Pure: takes the journal's records (a baby, its weights and diaper counts) and returns
typed results; it reads only the WHO table shipped beside it (``data/``), never the
journal or the network. Nothing heavy is imported here: the chart (matplotlib) is in
``growth.chart`` and imported only when a chart is drawn.
"""
