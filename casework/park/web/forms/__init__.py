"""Forms of the park enforcement pages, one module per page group: actions.py (the file),
tracks.py (the child rows beside the status; their action table is web/views/tracks.py),
objects.py (the object dossier), read.py (the overview filters); fields.py holds the shared field
builders.
"""
