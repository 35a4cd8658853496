#!/usr/bin/python3
"""A Socket.IO server (python-socketio under eventlet) that accepts connections and every event but acknowledges none:
the server the lab's socketio-hold must survive. Prints "port N" once it listens."""
import sys

import eventlet
import eventlet.wsgi
import socketio

sio = socketio.Server(async_mode="eventlet", logger=False, engineio_logger=False)
app = socketio.WSGIApp(sio, socketio_path=sys.argv[1] if len(sys.argv) > 1 else "/socket.io")



@sio.on("*")
def never_answer(event, sid, *data):
    # python-socketio acknowledges an event when its handler returns: this one never returns (each event has a green thread).
    eventlet.sleep(3600)


listener = eventlet.listen(("127.0.0.1", 0))
print(f"port {listener.getsockname()[1]}", flush=True)
eventlet.wsgi.server(listener, app, log_output=False)
