"""The texts people read, one module per feature, each defining ``TEXTS`` (key -> fr/en).

Modules here are found automatically; a key defined twice is an error.
"""
