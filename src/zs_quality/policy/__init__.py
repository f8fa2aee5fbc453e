"""Policy files at the edge: TOML read once (:mod:`~zs_quality.policy.toml`), decoded by one
converter (:mod:`~zs_quality.policy.decode`) into the frozen objects the rules take as arguments.

One module a file kind: :mod:`~zs_quality.policy.rulesets`, :mod:`~zs_quality.policy.criteria`,
:mod:`~zs_quality.policy.qualification`, :mod:`~zs_quality.policy.sizes`,
:mod:`~zs_quality.policy.towns`; scenario files are read by :mod:`zs_quality.testing.scenarios`
through the same decoder.
"""
