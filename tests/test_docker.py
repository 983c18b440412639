# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""The wiring of docker/: the image, the simple compose file and the
production one (workers, replica, nginx, shared filestore, backups), read as
files; checked by `docker compose config` / `nginx -t` when those tools are
installed (images cannot be pulled in CI)."""

import configparser
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
PASSWORDS = {
    "CXZY_DB_PASSWORD": "x",
    "CXZY_REPLICATION_PASSWORD": "y",
    "CXZY_ADMIN_PASSWORD": "z",
}


def _compose(name):
    return yaml.safe_load((DOCKER / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def prod():
    return _compose("docker-compose.prod.yml")


@pytest.fixture(scope="module")
def odoo_conf():
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=None)
    parser.read(DOCKER / "odoo.prod.conf", encoding="utf-8")
    return parser["options"]


@pytest.fixture(scope="module")
def nginx_conf():
    return (DOCKER / "nginx" / "cxzy.conf").read_text(encoding="utf-8")


def _location(conf, path):
    match = re.search(r"location\s+%s\s*\{(.*?)\}" % re.escape(path), conf, re.S)
    assert match, f"nginx has no `location {path}`"
    return match.group(1)


def _settings(command):
    """{'wal_level': 'replica', ...} of a postgres command's -c options."""
    return dict(
        value.split("=", 1)
        for flag, value in zip(command, command[1:], strict=False)
        if flag == "-c"
    )


def test_requirements_and_image():
    assert (ROOT / "requirements.txt").read_text().splitlines() == ["docxtpl==0.20.2"]
    dockerfile = (DOCKER / "Dockerfile").read_text()
    assert re.search(r"^FROM odoo:18\.0$", dockerfile, re.M)
    assert re.search(r"pip3? install .*-r /tmp/cxzy-requirements\.txt", dockerfile)
    assert "COPY requirements.txt /tmp/cxzy-requirements.txt" in dockerfile


def test_simple_compose_builds_the_image():
    compose = _compose("docker-compose.yml")
    for name in ("odoo-init", "odoo"):
        service = compose["services"][name]
        assert service["build"]["dockerfile"] == "docker/Dockerfile"
        assert service["build"]["context"] == ".."
    assert compose["services"]["odoo"]["ports"] == ["${CXZY_HTTP_PORT:-8069}:8069"]


def test_odoo_is_multi_process_with_limits(odoo_conf):
    assert int(odoo_conf["workers"]) > 0
    assert int(odoo_conf["gevent_port"]) == 8072
    assert int(odoo_conf["max_cron_threads"]) >= 1
    assert odoo_conf["proxy_mode"] == "True"
    soft, hard = (int(odoo_conf[f"limit_memory_{k}"]) for k in ("soft", "hard"))
    assert 0 < soft < hard
    assert 0 < int(odoo_conf["limit_time_cpu"]) < int(odoo_conf["limit_time_real"])
    assert odoo_conf["list_db"] == "False"


def test_odoo_reads_from_the_replica(prod, odoo_conf):
    services = prod["services"]
    host = odoo_conf["db_replica_host"]
    assert host == "db-replica" and host in services
    assert int(odoo_conf["db_replica_port"]) == 5432
    assert services["odoo"]["depends_on"]["db-replica"]["condition"] == (
        "service_healthy"
    )
    primary = _settings(services["db"]["command"])
    replica = _settings(services["db-replica"]["command"])
    assert primary["wal_level"] in ("replica", "logical")
    assert int(primary["max_wal_senders"]) > 0
    assert replica["hot_standby"] == "on"
    # A hot standby refuses to start below the primary's max_connections.
    assert int(replica["max_connections"]) >= int(primary["max_connections"])
    # The replica is cloned from the primary with pg_basebackup -R.
    entrypoint = services["db-replica"]["entrypoint"][0]
    mounted = {
        v.split(":")[1]: v.split(":")[0] for v in services["db-replica"]["volumes"]
    }
    script = (DOCKER / mounted[entrypoint]).read_text()
    assert re.search(r"pg_basebackup .*-R", script.replace("\\\n", " "))
    assert services["db-replica"]["environment"]["PRIMARY_HOST"] == "db"
    init = [v for v in services["db"]["volumes"] if "docker-entrypoint-initdb.d" in v]
    init_script = (DOCKER / init[0].split(":")[0]).read_text()
    assert "REPLICATION" in init_script and "host replication" in init_script


def test_filestore_is_one_shared_volume(prod, odoo_conf):
    services, volumes = prod["services"], prod["volumes"]
    data_dir = odoo_conf["data_dir"]
    for name in ("odoo", "odoo-init"):
        mounts = dict(v.split(":")[1::-1] for v in services[name]["volumes"])
        assert mounts[data_dir] == "odoo-filestore", name
    assert "odoo-filestore" in volumes
    # Several Odoo containers: nothing pins a container name or a host port.
    assert "container_name" not in services["odoo"]
    assert "ports" not in services["odoo"]


def test_nginx_routes_websocket_and_http(prod, nginx_conf):
    assert re.search(r"upstream odoochat\s*\{\s*server odoo:8072;", nginx_conf)
    assert re.search(r"upstream odoo\s*\{\s*server odoo:8069;", nginx_conf)
    websocket = _location(nginx_conf, "/websocket")
    assert "proxy_pass http://odoochat;" in websocket
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "proxy_set_header Connection $connection_upgrade;" in websocket
    assert "proxy_pass http://odoo;" in _location(nginx_conf, "/")
    for header in ("X-Forwarded-Host", "X-Forwarded-For", "X-Forwarded-Proto"):
        assert f"proxy_set_header {header}" in nginx_conf
    nginx = prod["services"]["nginx"]
    assert "./nginx/cxzy.conf:/etc/nginx/conf.d/default.conf:ro" in nginx["volumes"]


def test_backups(prod):
    backup = prod["services"]["backup"]
    script = "\n".join(backup["entrypoint"])
    assert "pg_dump -Fc" in script and "pg_basebackup" in script
    assert "odoo-filestore:/var/lib/odoo:ro" in backup["volumes"]
    readme = (DOCKER / "README.md").read_text(encoding="utf-8")
    assert "run --rm backup" in readme and "pg_restore" in readme


def test_sizing_table():
    readme = (DOCKER / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^\| *Agency", readme, re.M | re.I)
    assert re.search(r"^\| *Province", readme, re.M | re.I)


def _has_compose_v2():
    if not shutil.which("docker"):
        return False
    version = subprocess.run(
        ["docker", "compose", "version"], capture_output=True, check=False
    )
    return version.returncode == 0


@pytest.mark.parametrize("name", ["docker-compose.yml", "docker-compose.prod.yml"])
def test_compose_config(name, tmp_path):
    """`docker compose config` when Compose is installed (v2; or v1, on a
    copy without the top-level `name` that v1 does not know)."""
    path = DOCKER / name
    if _has_compose_v2():
        command = ["docker", "compose", "-f", str(path), "config", "-q"]
    elif shutil.which("docker-compose"):
        # Next to the original: the relative paths must resolve alike.
        path = DOCKER / f".test-{os.getpid()}-{name}"
        text = (DOCKER / name).read_text(encoding="utf-8")
        path.write_text(re.sub(r"^name:.*\n", "", text, flags=re.M), encoding="utf-8")
        command = ["docker-compose", "-f", str(path), "config", "-q"]
    else:
        pytest.skip("neither `docker compose` nor docker-compose is installed")
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env={**os.environ, **PASSWORDS},
            check=False,
        )
    finally:
        if path.name.startswith(".test-"):
            path.unlink()
    assert result.returncode == 0, result.stderr


def test_nginx_syntax(nginx_conf, tmp_path):
    """`nginx -t` on the site, the upstream host names made local."""
    if not shutil.which("nginx"):
        pytest.skip("nginx is not installed")
    (tmp_path / "site.conf").write_text(
        nginx_conf.replace("server odoo:", "server 127.0.0.1:")
    )
    (tmp_path / "main.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "main.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
