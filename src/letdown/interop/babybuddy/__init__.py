"""Import from Baby Buddy (babybuddy.app): its REST API or its admin CSV export.

Three layers, so the mapping can be tested without a network or a database:

* ``source``: Baby Buddy's records as typed values, read from API JSON or CSV rows
  (anything malformed is a ``BabyBuddyProblem`` naming the record and field);
* ``mapping``: a pure translation into the journal's records, with a count of what
  does not map and why (bottle feedings, impossible weights, ...);
* ``merge``: how those records meet the journal (records already there, a baby the
  parent already has, a day's diaper count that grew), and the one all-or-nothing write.

The readers at the edge are ``api`` (httpx, imported when called) and ``csvfiles``.
Nothing here imports httpx at package import time.
"""
