"""Forms of the park enforcement pages, one module per page group: actions.py (the file), tracks.py
(the child rows beside the status and their action table), objects.py (the object dossier),
read.py (the overview filters); fields.py holds the shared field builders.
"""
