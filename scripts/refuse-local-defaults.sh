#!/usr/bin/env bash
# With APP_ENV=production, refuses to start a service while any secret still has the local
# default from .env.example; otherwise runs the service.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${APP_ENV:-local}" = "production" ]; then
  for key in BACKEND_SERVICE_TOKEN RASA_AUTH_TOKEN RASA_JWT_SECRET PII_KEY PII_HASH_KEY \
             DEPT_SECRET_CIVIL_AFFAIRS DEPT_SECRET_PUBLIC_SECURITY DEPT_SECRET_HEALTH \
             WECHAT_TOKEN WECHAT_APP_SECRET WECHAT_AES_KEY; do
    default=$(grep "^${key}=" .env.example | cut -d= -f2-)
    if [ -z "${!key:-}" ] || [ "${!key}" = "$default" ]; then
      echo "APP_ENV=production: refusing to start, ${key} is unset or has its local default" >&2
      exit 1
    fi
  done
fi
exec "$@"
