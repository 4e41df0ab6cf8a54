"""A real `registre serve` on a free port, over an index of samples/ built for the session."""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

START_TIMEOUT = 240  # seconds: the server loads the embedding model before it listens


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("REGISTRE_AUTH", "REGISTRE_INDEX")}
    env.update(HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", GRADIO_TEMP_DIR=str(tmp / "gradio"),
               PYTHONUNBUFFERED="1")
    return env


@pytest.fixture
def serve_command(tmp_path):
    """Runs `registre serve ARGS...` to completion (for the refusals): (code, stderr)."""
    def run(*args: str, **env: str) -> tuple[int, str]:
        done = subprocess.run([sys.executable, "-m", "registre.cli", "serve", "--port", str(free_port()), *args],
                              capture_output=True, text=True, timeout=120, env={**server_env(tmp_path), **env})
        return done.returncode, done.stderr

    return run


@pytest.fixture(scope="session")
def app_index(tmp_path_factory, embedder, samples_dir) -> Path:
    """An index of samples/ (text and PDF registers), written once and closed."""
    from registre.engine import Engine

    folder = tmp_path_factory.mktemp("app-index")
    engine = Engine.open(folder, embedder=embedder)
    report = engine.ingest([samples_dir])
    assert report.failed == []
    engine.close()
    return folder


@pytest.fixture(scope="session")
def server(app_index, tmp_path_factory) -> str:
    """`python -m registre.cli serve` on 127.0.0.1 and a free port; yields its base URL."""
    tmp = tmp_path_factory.mktemp("server")
    port = free_port()
    log = (tmp / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "registre.cli", "serve", "--index", str(app_index), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=server_env(tmp))
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"registre serve stopped (code {process.returncode}):\n{(tmp / 'serve.log').read_text()}")
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"registre serve not ready after {START_TIMEOUT} s:\n{(tmp / 'serve.log').read_text()}")
            time.sleep(1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
