"""The load test script at the issue's figures: 20 clients for 60 s on `registre serve`.

The model is not the point (the queue, the server and the store under concurrent calls
are): the server embeds with REGISTRE_EMBEDDER=hash:384.
"""
import json
import os
import subprocess
import sys

import pytest

CLIENTS, DURATION = 20, 60
# 20 clients must each get an answer about every 10 s at worst (2 requests/s in all): slower,
# a person at the chat gives up. Measured on this 2-core machine while shared with other
# work: 14 to 17 requests/s, so slower CI runs still pass.
MIN_REQUESTS_PER_S = 2.0


@pytest.mark.slow
def test_twenty_clients_for_a_minute_without_an_error(tmp_path):
    out = tmp_path / "load.json"
    env = {**os.environ, "REGISTRE_EMBEDDER": "hash:384", "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "registre.bench.load", "--clients", str(CLIENTS),
                           "--duration", str(DURATION), "--json", str(out)],
                          capture_output=True, text=True, env=env, timeout=DURATION + 600)
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(out.read_text())
    assert summary["errors"] == 0 and summary["first_errors"] == []
    assert summary["clients"] == CLIENTS and summary["duration_s"] >= DURATION
    assert summary["requests_per_s"] >= MIN_REQUESTS_PER_S
    assert summary["ask"]["served"] + summary["search"]["served"] == summary["served"]
    assert min(summary["ask"]["served"], summary["search"]["served"]) >= CLIENTS  # every client went round
    assert "requêtes servies" in done.stdout and "0 erreur(s)" in done.stdout
