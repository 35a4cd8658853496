"""Socket.IO endpoint at /api/v1/socket.io (Socket.IO protocol v5 / EIO=4)."""
import logging

from flask import current_app, request
from flask_socketio import SocketIO, emit, join_room, leave_room
from socketio.exceptions import ConnectionRefusedError

from .auth import bearer_from_header, token_from_request

SOCKETIO_PATH = "/api/v1/socket.io"

log = logging.getLogger("queue_api.sockets")

# Configured by init_socketio(); handlers below bind to it at init_app time.
socketio = SocketIO()


def init_socketio(app, config):
    socketio.init_app(
        app,
        path=SOCKETIO_PATH,
        # both eventlet and gevent may be importable: never let it guess
        async_mode="eventlet",
        cors_allowed_origins="*",
        logger=config.socketio_log,
        engineio_logger=config.socketio_log,
        # the C# client's binary tests send a few MiB at most
        max_http_buffer_size=16 * 1024 * 1024,
        ping_interval=config.ping_interval,
        ping_timeout=config.ping_timeout,
    )
    return socketio


def _state():
    return current_app.extensions["queue_api"]


def _token_from_auth(auth):
    if isinstance(auth, str):
        return auth.strip() or None
    if isinstance(auth, dict):
        token = auth.get("token") or auth.get("access_token")
        if isinstance(token, str) and token.strip():
            return token.strip()
        return bearer_from_header(auth.get("Authorization") or auth.get("authorization"))
    return None


@socketio.on("connect")
def on_connect(auth=None):
    state = _state()
    state.fanout.ensure_started()
    token = _token_from_auth(auth) or token_from_request(request)
    claims, reason = state.tokens.verify(token)
    if claims is None:
        log.info("refused socket %s: %s", request.sid, reason)
        raise ConnectionRefusedError("unauthorized")
    state.socket_users[request.sid] = claims.get("preferred_username")
    return True


@socketio.on("disconnect")
def on_disconnect():
    _state().socket_users.pop(request.sid, None)


def _room_from(payload):
    if isinstance(payload, dict):
        payload = payload.get("room")
    if isinstance(payload, (int, float)) and not isinstance(payload, bool):
        payload = str(payload)
    if isinstance(payload, str) and payload.strip():
        return payload.strip()
    return None


@socketio.on("joinRoom")
def on_join_room(payload=None, *_):
    room = _room_from(payload)
    if room is None:
        return {"success": False, "message": "room must be a non-empty string or {\"room\": name}"}
    join_room(room)
    result = {"success": True, "room": room}
    emit("joinRoomSuccess", result)
    return result


@socketio.on("leaveRoom")
def on_leave_room(payload=None, *_):
    room = _room_from(payload)
    if room is None:
        return {"success": False, "message": "room must be a non-empty string or {\"room\": name}"}
    leave_room(room)
    return {"success": True, "room": room}


@socketio.on("echo")
def on_echo(*args):
    # python-socketio expands a tuple into separate Socket.IO arguments, both
    # for emits and for the ack returned from the handler; binary payloads are
    # sent as BINARY_EVENT / BINARY_ACK attachments.  (flask_socketio.emit
    # does not accept several positional data arguments, hence the tuple.)
    emit("echoed", tuple(args))
    return tuple(args)


def deliver_local(event, data, room):
    socketio.emit(event, data, to=room)


def close_all_clients():
    """Disconnect every Socket.IO client of this worker (used on SIGTERM).

    Websocket and long-poll requests never end on their own, so without this
    a graceful gunicorn shutdown always ran into graceful_timeout.
    """
    server = socketio.server
    if server is None:
        return
    try:
        participants = list(server.manager.get_participants("/", None))
    except KeyError:  # nobody ever connected to "/"
        participants = []
    for sid, _ in participants:
        try:
            server.disconnect(sid, namespace="/")
        except Exception:  # noqa: BLE001 - best effort during shutdown
            pass
    for client in list(server.eio.sockets.values()):
        try:
            client.close(wait=False)
        except Exception:  # noqa: BLE001
            pass
