"""Parts every letter shares, whatever the case type (the core names no case type).

- objects.py: the kinds of object a letter is about (de woning, het pand, het lokaal) with their
  article and demonstrative, so no letter writes "het woning";
- dating.py: a letter's date is the sending date recorded for it; before that it is a draft
  ("CONCEPT") and states no binding date;
- clauses.py: the rechtsmiddelenclausule (objection term per addressee, Awb 6:9, the objection
  address, the digital route only where opened (Awb 2:15), interim relief (Awb 8:81)), the
  letterhead and the signature (mandate text only under mandate);
- kinds.py: the states in which a kind of letter may be generated, and the refusal elsewhere.

Letters are Dutch legal documents: the texts here are Dutch on purpose, not translatable msgids.
Templates that render these parts: templates/letters/.
"""
