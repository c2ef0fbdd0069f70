"""A settlement's timeline as the settlement page draws it: the claims as plain facts
(`facts`), which denial answers which claim and where each side stands (`pairs`), and the
picture's geometry (`picture`). Pure functions: the selector loads the rows, the template
draws what `picture.layout()` returns.
"""
