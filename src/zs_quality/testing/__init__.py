"""Tools for testing policy logic: hypothesis strategies and scenario files.

* :mod:`zs_quality.testing.strategies`: strategies for valid models and whole inputs;
* :mod:`zs_quality.testing.invalid`: strategies for invalid inputs, for testing error handling;
* :mod:`zs_quality.testing.codes`: numbered example codes that pass every check;
* :mod:`zs_quality.testing.scenarios`: policy cases written as TOML data, and their runner
  (``zs-quality test``).

The strategy modules need hypothesis (``pip install 'zs_quality[test]'``); the scenario runner
does not, so this package imports none of them itself.
"""
