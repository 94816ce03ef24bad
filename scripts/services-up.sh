#!/usr/bin/env bash
# Makes sure MySQL (MariaDB) and Redis answer on localhost. Starts them when installed but stopped;
# on Debian, as root, installs mariadb-server and redis-server first when missing, and chromium,
# which the storefront's browser tests drive (apps/web-e2e), when it is missing.
# Does nothing to a server that already answers, or when DATABASE_URL/REDIS_URL (environment or .env)
# point elsewhere.
set -euo pipefail

# The host of a URL setting as the API reads it: the environment over the .env file (npm runs this
# from the repository root; an empty variable counts as unset), else 127.0.0.1.
host_of() {
  node -e 'const name = process.argv[1]; if (process.env[name] === "") delete process.env[name];
    try { process.loadEnvFile(".env") } catch {}
    console.log(process.env[name] ? new URL(process.env[name]).hostname : "127.0.0.1")' "$1"
}
db_host=$(host_of DATABASE_URL)
redis_host=$(host_of REDIS_URL)

is_local() { [[ "$1" == 127.0.0.1 || "$1" == localhost || "$1" == "::1" ]]; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
say() { printf 'services: %s\n' "$*"; }

wait_for_port() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do
    port_open "$port" && return 0
    sleep 0.5
  done
  say "$name did not start listening on 127.0.0.1:$port"
  return 1
}

apt_updated=no
install_debian_package() {
  local package=$1
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    say "$package is not installed. Install it (Debian: sudo apt-get install -y $package), or use compose.yaml with Docker."
    exit 1
  fi
  if [[ $apt_updated == no ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=yes
  fi
  say "installing $package"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
}

ensure_mariadb() {
  if port_open 3306; then return 0; fi
  command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]] || install_debian_package mariadb-server
  say "starting MariaDB"
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld 2>/dev/null || true
  if [[ ! -d /var/lib/mysql/mysql ]]; then
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  if [[ $(id -u) -eq 0 ]]; then
    start-stop-daemon --start --oknodo --background --chuid mysql --exec /usr/sbin/mariadbd -- --bind-address=127.0.0.1
  else
    /usr/sbin/mariadbd --bind-address=127.0.0.1 >/dev/null 2>&1 &
  fi
  wait_for_port 3306 MariaDB
  # A fresh Debian install lets root in through the unix socket only; the app connects over TCP
  # as root with an empty password, as on the project's machines.
  if ! mariadb -uroot -h127.0.0.1 -e 'SELECT 1' >/dev/null 2>&1; then
    for _ in $(seq 1 20); do
      mariadb -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
      sleep 0.5
    done
    mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;"
  fi
}

ensure_redis() {
  if port_open 6379; then return 0; fi
  command -v redis-server >/dev/null || install_debian_package redis-server
  say "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for_port 6379 Redis
}

# The browser the storefront's tests drive (never a browser download: Debian's package). Without
# root or apt-get the tests say how to get it; the services do not need it.
ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then return 0; fi
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    say "chromium is missing: the browser tests (apps/web-e2e) need it (Debian: sudo apt-get install -y chromium)"
    return 0
  fi
  install_debian_package chromium
}

if is_local "$db_host"; then ensure_mariadb; fi
if is_local "$redis_host"; then ensure_redis; fi
ensure_chromium
say "MySQL and Redis are up"
