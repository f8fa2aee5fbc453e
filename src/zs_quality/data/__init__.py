"""Policy data shipped inside the package (TOML): CQO qualification rules, size standards, the
town list and title-evaluation criteria. Read them through :mod:`zs_quality.policy`."""
