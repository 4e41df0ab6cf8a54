"""The French text toolkit shared by every package: folding, French dates, numbers and
amounts, the search analyzer and the cleaning of extracted text.

In: strings. Out: strings, tokens, `datetime.date` and `Decimal` values. Pure; it knows
nothing of files, indexes or questions.
"""
