"""The performance suite (``bgfuture-desk bench``): numbers to compare with the targets.

``people`` and ``house`` write benchmark houses with plain bulk inserts (seconds, where the
audited services would take hours); ``search`` and ``exchange`` are the older suites;
``suite`` measures every figure of the performance table against its target.
"""
