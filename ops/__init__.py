"""Operations: health probes, structured logs, tracing, error reporting, scheduled jobs, restore.

Like `config`, this app wires the others together and may import any of them; nothing imports it
except settings, URLs and middleware configuration.
"""
