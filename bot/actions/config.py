"""Action server settings from the environment, with local defaults."""

import os

BACKEND_URL = os.environ.get("BACKEND_URL", "http://127.0.0.1:8000").rstrip("/")
BACKEND_SERVICE_TOKEN = os.environ.get("BACKEND_SERVICE_TOKEN", "local-service-token")
# Conversations wait on these, so they are short; a submission may take a little longer.
BACKEND_TIMEOUT_SECONDS = float(os.environ.get("BACKEND_TIMEOUT_SECONDS", "5"))
SUBMIT_TIMEOUT_SECONDS = float(os.environ.get("SUBMIT_TIMEOUT_SECONDS", "10"))
GUIDE_CACHE_SECONDS = float(os.environ.get("GUIDE_CACHE_SECONDS", "300"))
