"""Checks shared by every service. Standard library only: the backend and the bot run in separate
virtual environments, and both import this package."""
