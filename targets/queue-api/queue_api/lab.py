"""Lab-only routes, registered only when QUEUE_API_LAB_BLOCKING=1 (never in a real deployment).

``POST /api/v1/lab/hold?seconds=N`` takes the lock and holds it N seconds (at most 30);
``GET /api/v1/lab/blocked`` waits for the same lock: while one request holds it, every other one is a greenlet
waiting on line ``_LOCK.acquire()`` below, which the sampler's greenlet dump names with their count.
"""
import threading
import time

from flask import Blueprint, jsonify, request

lab = Blueprint("lab", __name__)
# Under eventlet's monkey-patching this is a green lock: a waiter parks its greenlet, not the OS thread.
_LOCK = threading.Lock()


@lab.route("/api/v1/lab/hold", methods=["POST"])
def hold():
    seconds = min(max(float(request.args.get("seconds", "5")), 0.0), 30.0)
    with _LOCK:
        time.sleep(seconds)
    return jsonify({"held": seconds})


@lab.route("/api/v1/lab/blocked", methods=["GET"])
def blocked():
    _LOCK.acquire()
    _LOCK.release()
    return jsonify({"waited": True})
