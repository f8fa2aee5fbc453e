"""The rules: pure functions of the model and of policy data, one module a rule family."""
