#!/usr/bin/env bash
# Starts the real local runtime for the browser tests: a fresh database, a Redis database of its own, ports away
# from the defaults (so a developer's infra/bin/run keeps running), the real models and emulators.
# Needs the Maven build (infra/bin/test runs it first; by hand: mvn -q -pl infra -am package dependency:build-classpath
# -DskipTests -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
database=${E2E_DATABASE:-rollcall_e2e}
redis_db=${E2E_REDIS_DB:-5}
[ -f infra/target/runtime.classpath ] || { echo "e2e: infra/target/runtime.classpath is missing: build first" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null
redis-cli -h 127.0.0.1 -n "$redis_db" flushdb >/dev/null
s3=$(mktemp -d /tmp/rollcall-e2e-s3.XXXXXX)
export ROLLCALL_ROOT="$root"
export DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$database"
export REDIS_URL="redis://127.0.0.1:6379/$redis_db"
export ROLLCALL_PORT=${E2E_PORT:-3400} ROLLCALL_SQS_PORT=${E2E_SQS_PORT:-9424} ROLLCALL_S3_PORT=${E2E_S3_PORT:-9190}
export ROLLCALL_S3_DIR="$s3" ROLLCALL_STACK_NAME=e2e ROLLCALL_RETRY_DELAY=1s
export ROLLCALL_BOOTSTRAP_ORG=e2e ROLLCALL_BOOTSTRAP_ADMIN=admin ROLLCALL_BOOTSTRAP_PASSWORD=${E2E_ADMIN_PASSWORD:-e2e-admin-password}
exec java -Xmx2g -cp "infra/target/classes:$(cat infra/target/runtime.classpath)" io.rollcall.local.LocalRuntime
