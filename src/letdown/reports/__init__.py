"""The consultation report: a parent's own records, summarised for an IBCLC, midwife or
doctor who has two minutes to read them.

* ``model``: the typed report (what each section says), built once and rendered twice.
* ``gather``: builds the model from the journal's records for a date range (pure:
  records in, model out; the growth chart's matplotlib is imported only when drawn).
* ``charts``: the small inline SVG charts (let-down time and milk per day), by hand.
* ``render``: the HTML (Jinja, print CSS) and the PDF (WeasyPrint, imported lazily,
  with a URL fetcher that refuses everything but ``data:`` URIs: fully offline).

Nothing here opens files or the network; the CLI and the web app do that.
"""
