"""The frozen blind evaluation (tests/blind/) run against the assistant: NLU, guide search and
whole conversations. Judged only here; nothing here is ever trained on."""
