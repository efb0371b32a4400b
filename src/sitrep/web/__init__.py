"""The dashboard: server-rendered pages (pages.py), text highlighting, static assets."""
