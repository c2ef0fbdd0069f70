"""A settlement's status, in one package (shared/DESIGN.md, "Settlement status").

- `rules`: the pure rules and the one `Status` shape with its one serialisation.
- `facts`: database rows turned into the rules' plain facts.
- `derive`: the status now, or on an event date, from the few rows the rules can use.
- `store`: the stored current status and its day-by-day history, kept by every write.
- `history`: reads of the status as of a date (one index lookup) and on an event date.

Nothing here is imported at package level, so the pure rules load without Django.
"""
