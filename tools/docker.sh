# Docker helpers for build.sh and .ci/run (sourced, not run). Needs: log (build.sh's), bash, root for dockerd/debootstrap.
#   docker_engine_up        starts Debian's dockerd when no engine answers, waits for it (bounded); remembers what it started
#   docker_engine_down      stops the dockerd that docker_engine_up started (nothing else)
#   docker_image_build      builds perfsuite-queue-api:local, and first the local Debian base when no base image is there
#   docker_testcontainers_env  exports what Testcontainers needs on this machine, each only where unset (docker_engine_up calls it)

QUEUE_API_IMAGE="${QUEUE_API_IMAGE:-perfsuite-queue-api:local}"
# The base the Dockerfile defaults to, and the local stand-in built with debootstrap when that cannot be pulled.
DEBIAN_BASE_IMAGE="debian:bookworm-slim"
LOCAL_BASE_IMAGE="perfsuite-debian:bookworm-minbase"
DOCKERD_STARTED_PID=""
DOCKERD_LOG="${DOCKERD_LOG:-${TMPDIR:-/tmp}/perfsuite-dockerd.log}"

docker_log() { printf '[docker] %s\n' "$*"; }

docker_engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

# Installs the Debian packages named when their command is missing (root or passwordless sudo).
docker_install() {
  local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $*"
  if [ "$(id -u)" -eq 0 ]; then
    docker_log "installing: $*"; bash -c "$cmd"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    docker_log "installing with sudo: $*"; sudo bash -c "$cmd"
  else
    docker_log "missing: $* -- install as root: sudo sh -c \"$cmd\""; return 1
  fi
}

# The settings this repository's runs need, which PerfSuite itself never sets (a user's settings are the user's), each
# exported only where the caller set none:
#   DOCKER_API_VERSION            the engine's own API version (Docker 20.10 speaks 1.41; Testcontainers requests 1.44 by
#                                 default, which an older engine refuses); only when an engine answers
#   TESTCONTAINERS_RYUK_DISABLED  true: Ryuk's image cannot be pulled here; PerfSuite's ContainerReaper removes its containers
#   TESTCONTAINERS_HOST_OVERRIDE  127.0.0.1: containers run on the host network and are reached on loopback
docker_testcontainers_env() {
  if [ -z "${DOCKER_API_VERSION:-}" ] && command -v docker >/dev/null 2>&1; then
    local api
    api=$(timeout 10 docker version --format '{{.Server.APIVersion}}' 2>/dev/null || true)
    if [ -n "$api" ]; then export DOCKER_API_VERSION="$api"; fi
  fi
  export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
  export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}"
  docker_log "testcontainers: DOCKER_API_VERSION=${DOCKER_API_VERSION:-(unset)} TESTCONTAINERS_RYUK_DISABLED=$TESTCONTAINERS_RYUK_DISABLED TESTCONTAINERS_HOST_OVERRIDE=$TESTCONTAINERS_HOST_OVERRIDE"
}

docker_engine_up() {
  if command -v docker >/dev/null 2>&1 && docker_engine_answers; then
    docker_log "engine: already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    docker_testcontainers_env
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 || docker_install docker.io || return 1
  if [ "$(id -u)" -ne 0 ]; then
    docker_log "no Docker engine answers and starting dockerd needs root"; return 1
  fi
  # No bridge and no iptables: this machine has neither; containers use the host network (PERF_DOCKER_NETWORK=host).
  docker_log "engine: starting dockerd (log: $DOCKERD_LOG)"
  setsid dockerd --storage-driver=vfs --iptables=false --ip6tables=false --bridge=none </dev/null >"$DOCKERD_LOG" 2>&1 &
  DOCKERD_STARTED_PID=$!
  local waited=0
  until docker_engine_answers; do
    if ! kill -0 "$DOCKERD_STARTED_PID" 2>/dev/null || [ "$waited" -ge 60 ]; then
      docker_log "dockerd did not answer within ${waited} s; last lines of its log:"; tail -n 20 "$DOCKERD_LOG" | sed 's/^/  /'
      docker_engine_down; return 1
    fi
    sleep 1; waited=$((waited + 1))
  done
  docker_log "engine: dockerd (pid $DOCKERD_STARTED_PID) answers after ${waited} s"
  docker_testcontainers_env
}

docker_engine_down() {
  [ -n "$DOCKERD_STARTED_PID" ] || return 0
  local pid=$DOCKERD_STARTED_PID waited=0
  DOCKERD_STARTED_PID=""
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 30 ]; do sleep 1; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    docker_log "dockerd (pid $pid) ignored SIGTERM for 30 s: killing it"; kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  docker_log "engine: stopped the dockerd this run started (pid $pid)"
}

docker_image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# The Debian mirror apt uses here (deb822 or one-line format), for debootstrap.
debian_mirror() {
  local uri
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -oE '(URIs:[[:space:]]*|^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
    | grep -oE 'https?://[^[:space:]]+' | head -n 1)
  printf '%s\n' "${uri:-http://deb.debian.org/debian}"
}

# A minimal Debian bookworm image made from the mirror with debootstrap and docker import: nothing is pulled.
docker_build_local_base() {
  command -v debootstrap >/dev/null 2>&1 || docker_install debootstrap || return 1
  local root mirror
  mirror=$(debian_mirror)
  root=$(mktemp -d "${TMPDIR:-/tmp}/perfsuite-rootfs.XXXXXX")
  docker_log "base: debootstrap --variant=minbase bookworm from $mirror (a few minutes, once)"
  if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1; then
    docker_log "debootstrap failed; last lines of its log:"; tail -n 20 "$root.log" | sed 's/^/  /'
    rm -rf "$root" "$root.log"; return 1
  fi
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  chmod 755 "$root" # mktemp made it 0700, and it becomes the image's /: a non-root user could not reach anything
  # docker import sets no environment: give the image the PATH debian:bookworm-slim has.
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' \
    - "$LOCAL_BASE_IMAGE" >/dev/null
  local status=$?
  rm -rf "$root" "$root.log"
  [ $status -eq 0 ] && docker_log "base: imported as $LOCAL_BASE_IMAGE"
  return $status
}

docker_image_build() {
  local base
  if docker_image_exists "$DEBIAN_BASE_IMAGE"; then
    base=$DEBIAN_BASE_IMAGE
  else
    docker_image_exists "$LOCAL_BASE_IMAGE" || docker_build_local_base || return 1
    base=$LOCAL_BASE_IMAGE
  fi
  docker_log "image: building $QUEUE_API_IMAGE on $base"
  # The classic builder uses local images as they are and never pulls; --network host: this engine has no bridge.
  local build_log="${TMPDIR:-/tmp}/perfsuite-image-build.log"
  if ! DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE_IMAGE=$base" \
      --label "org.perfsuite.base=$base" -t "$QUEUE_API_IMAGE" targets/queue-api >"$build_log" 2>&1; then
    docker_log "docker build failed; last lines of its output:"; tail -n 20 "$build_log" | sed 's/^/  /'
    return 1
  fi
  docker_log "image: $QUEUE_API_IMAGE ($(docker image inspect --format '{{.Id}}' "$QUEUE_API_IMAGE" | cut -c1-19))"
}
