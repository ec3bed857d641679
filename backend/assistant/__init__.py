"""The backend's side of the assistant: Rasa's HTTP API, called server-side with admin JWTs."""
