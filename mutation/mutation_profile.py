"""pytest plugin for mutation runs (``-p mutation_profile``): fewer Hypothesis examples.

Each mutant runs the module's tests once; hand-computed cases do the killing, so property tests
run 25 examples instead of 100 and without deadlines (the machine is shared).
"""

from hypothesis import settings

settings.register_profile("mutation", max_examples=25, deadline=None, database=None)
settings.load_profile("mutation")
