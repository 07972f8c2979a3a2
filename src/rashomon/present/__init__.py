"""Presentation, shared by the terminal (``rashomon events``/``show``) and the web app: plain words for
codes, dates, fields and counts (``labels``) and the event rows and details both show (``views``).
No web framework and no reader here: the CLI and the web import this, never each other."""
