"""Stands in for the recorder's built-in module when a test runs a program without pymem.

The stand-ins are built-in functions taking one argument and doing nothing visible: a
call of a Python function would itself move gc's counts (3.8-3.10 keep its frame as
the code object's zombie frame), which the recorder's built-in calls do not.
"""

mark = len
snapshot = len
