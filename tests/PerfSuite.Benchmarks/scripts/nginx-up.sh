#!/usr/bin/env bash
# Sourced by the benchmark scripts: starts nginx (worker_processes 1, access log off, a 17-byte static file) on
# 127.0.0.1:$PORT pinned to core ${NGINX_CORE:-1} from a temp dir and stops it on exit. Sets $url.
port=${PORT:-18080}
url="http://127.0.0.1:$port/index.html"
nginx_dir=$(mktemp -d /tmp/perfsuite-nginx.XXXXXX)
mkdir -p "$nginx_dir/www" "$nginx_dir/logs"
chmod 755 "$nginx_dir" "$nginx_dir/www"  # the worker runs as nobody: mktemp -d is 700, which would answer 403
printf 'hello from nginx\n' > "$nginx_dir/www/index.html"
cat > "$nginx_dir/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $nginx_dir/body;
    proxy_temp_path $nginx_dir/proxy;
    fastcgi_temp_path $nginx_dir/fastcgi;
    uwsgi_temp_path $nginx_dir/uwsgi;
    scgi_temp_path $nginx_dir/scgi;
    keepalive_requests 1000000;
    server { listen 127.0.0.1:$port backlog=4096; root $nginx_dir/www; location / { } }
}
CONF
nginx_pid=
nginx_stop() {
    if [[ -n "$nginx_pid" ]]; then
        kill -QUIT "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$nginx_dir"
}
trap nginx_stop EXIT
taskset -c "${NGINX_CORE:-1}" /usr/sbin/nginx -c "$nginx_dir/nginx.conf" -p "$nginx_dir" &
nginx_pid=$!
for _ in $(seq 50); do curl -sf "$url" >/dev/null && break; sleep 0.1; done
