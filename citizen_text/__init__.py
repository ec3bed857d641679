"""What citizens type, made comparable: stdlib only, imported by the bot and the backend alike."""
