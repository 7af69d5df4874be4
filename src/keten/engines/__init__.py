"""Engines: pure Python libraries for one analytic job each.

They never import Django, the apps or each other's internals; each has a public facade in its
package ``__init__`` and its own ``keten <engine>`` command.
"""
