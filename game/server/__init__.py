"""Hosted tables: several people at one table over the network (`redlines host`).

A shell around the core, like the TUI: `store` keeps tables and their moves in one SQLite
file, `tables` holds each table's authoritative session, `protocol` is the JSON spoken over
WebSocket, `app` serves it. The core never imports this package (an import contract checks).
"""
