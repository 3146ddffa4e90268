"""Damocles forms. They parse input only; the rules live in casework/damocles/services/.

- register.py: registering a procedure (premises, police report, findings, persons);
- actions.py: the step data, assessment, approval, sealing and the legal tracks;
- policy.py: a new version of the policy table.
"""
