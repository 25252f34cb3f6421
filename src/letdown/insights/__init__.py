"""What works for me: personal factor effects and n-of-1 experiments, from the journal.

Pure core: functions here take the journal's records (``letdown.journal.records``) and
return typed results; they do no I/O. The statistics (``scipy``) and the plot
(``matplotlib``) are imported inside the functions that need them, so importing this
package stays cheap for the CLI and the web app.

* ``factors``: what each session says about each factor (techniques, stress, place...),
  and the prior the evidence base gives it.
* ``model``: the censored log-normal regression with a normal prior (MAP + Laplace).
* ``effects``: every factor's effect on time to let-down and on volume, with notes on
  confounding.
* ``words``: the plain sentences a parent reads first.
* ``plot``: the forest plot (SVG).
* ``experiments``: randomised on/off schedules and their analysis.
"""
