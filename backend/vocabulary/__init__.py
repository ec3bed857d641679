"""The project's vocabulary served to the bot and the web (GET /api/v1/catalog): matters,
departments, the application form, guide aspects, statuses and the masking rule. It sits on top of
matters, guides and field_labels, which own the data; nothing imports it back."""
