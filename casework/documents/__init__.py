"""Documents on every case type (issue 18 item 5, ADR 0030): a core app that knows no case type.

A document of a case has an encrypted title, one sharing category of the case (who sees the category
sees the document) and one or more versions; each version is a file checked by casework/uploads.py
and sealed with the case's data key (encryption/storage.py), bound to its row. Partners upload within
a category shared with their organisation, under the processing activity of that sharing decision.
"""
