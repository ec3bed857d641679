"""Custom actions of the 婚育一件事 assistant (rasa-sdk). Every module here is imported by the
action server; each talks to the backend over HTTP only."""
