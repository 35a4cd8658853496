"""REST API under /api/v1."""
import json
import time

from flask import Blueprint, current_app, g, jsonify, request

from .auth import token_from_request
from .timeutil import format_ts, parse_ts, utcnow

bp = Blueprint("api", __name__, url_prefix="/api/v1")

PUBLIC_ENDPOINTS = {"api.healthz", "api.token"}

APPOINTMENT_COLUMNS = (
    "appointment_id, office_id, service_id, citizen_id, start_time, end_time,"
    " checked_in_time, comments, citizen_name, contact_information,"
    " blackout_flag, is_draft, online_flag, created_at, updated_at"
)


class ApiError(Exception):
    def __init__(self, status, message, field=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field

    def response(self):
        body = {"message": self.message}
        if self.field is not None:
            body["field"] = self.field
        return jsonify(body), self.status


def _state():
    return current_app.extensions["queue_api"]


# --------------------------------------------------------------------------
# authentication
# --------------------------------------------------------------------------
@bp.before_request
def require_token():
    state = _state()
    state.fanout.ensure_started()
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None  # unknown URLs fall through to the JSON 404/405 handlers
    claims, reason = state.tokens.verify(token_from_request(request))
    if claims is None:
        resp = jsonify({"message": "unauthorized: %s" % reason})
        resp.status_code = 401
        resp.headers["WWW-Authenticate"] = 'Bearer realm="queue-api", error="invalid_token"'
        return resp
    g.claims = claims
    return None


@bp.route("/healthz", methods=["GET"])
def healthz():
    try:
        _state().db.query_one("SELECT 1 AS ok")
    except Exception as exc:  # pragma: no cover - only when the disk is gone
        return jsonify({"status": "error", "message": str(exc)}), 503
    return jsonify({"status": "ok"})


def _oauth_error(status, error, description):
    resp = jsonify({"error": error, "error_description": description})
    resp.status_code = status
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["Pragma"] = "no-cache"
    return resp


@bp.route("/auth/token", methods=["POST"])
def token():
    state = _state()
    form = request.form
    if not form and request.is_json:
        body = request.get_json(silent=True)
        form = body if isinstance(body, dict) else {}
    grant_type = form.get("grant_type")
    if not grant_type:
        return _oauth_error(400, "invalid_request", "Missing form parameter: grant_type")
    if grant_type != "password":
        return _oauth_error(400, "unsupported_grant_type", "Unsupported grant_type")
    client_id = form.get("client_id")
    if not client_id or client_id not in state.config.client_ids:
        return _oauth_error(401, "invalid_client", "Invalid client or Invalid client credentials")
    username = form.get("username")
    password = form.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or \
            not state.tokens.check_password(username, password):
        return _oauth_error(401, "invalid_grant", "Invalid user credentials")
    access_token, ttl = state.tokens.issue(username, client_id)
    resp = jsonify({"access_token": access_token, "token_type": "Bearer", "expires_in": ttl})
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["Pragma"] = "no-cache"
    return resp


# --------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------
def _json_body():
    raw = request.get_data(cache=True)
    if not raw or not raw.strip():
        raise ApiError(400, "request body must be a JSON object", "body")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "malformed JSON: %s" % exc, "body")
    if not isinstance(body, dict):
        raise ApiError(400, "request body must be a JSON object", "body")
    return body


def _as_int(value, field):
    if isinstance(value, bool):
        raise ApiError(400, "%s must be an integer" % field, field)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ApiError(400, "%s must be an integer" % field, field)


def _require(body, field):
    if field not in body or body[field] is None:
        raise ApiError(400, "%s is required" % field, field)
    return body[field]


def _time(value, field):
    dt = parse_ts(value)
    if dt is None:
        raise ApiError(400, "%s must be an ISO-8601 date-time string" % field, field)
    return dt


def _text(value, field, max_len=255, allow_empty=False):
    if not isinstance(value, str):
        raise ApiError(400, "%s must be a string" % field, field)
    value = value.strip()
    if not value and not allow_empty:
        raise ApiError(400, "%s must not be empty" % field, field)
    if len(value) > max_len:
        raise ApiError(400, "%s must be at most %d characters" % (field, max_len), field)
    return value


def _optional_text(body, field, max_len=1000):
    value = body.get(field)
    if value is None:
        return None
    return _text(value, field, max_len=max_len, allow_empty=True)


def _bool(value, field):
    if isinstance(value, bool):
        return value
    raise ApiError(400, "%s must be a boolean" % field, field)


def _check_order(start, end, field="end_time"):
    if end <= start:
        raise ApiError(400, "end_time must be after start_time", field)


def _check_office(conn, office_id, field="office_id"):
    if conn.execute("SELECT 1 FROM offices WHERE office_id = ?", (office_id,)).fetchone() is None:
        raise ApiError(400, "office %d does not exist" % office_id, field)


def _check_service(conn, service_id, field="service_id"):
    if conn.execute("SELECT 1 FROM services WHERE service_id = ?", (service_id,)).fetchone() is None:
        raise ApiError(400, "service %d does not exist" % service_id, field)


def _query_int(name, required):
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        if required:
            raise ApiError(400, "query parameter %s is required" % name, name)
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise ApiError(400, "query parameter %s must be an integer" % name, name)


def _appointment_json(row):
    row = dict(row)
    row["is_draft"] = bool(row["is_draft"])
    row["online_flag"] = bool(row["online_flag"])
    return row


def _load_appointment(conn, appointment_id, draft):
    return conn.execute(
        "SELECT %s FROM appointments WHERE appointment_id = ? AND is_draft = ?"
        % APPOINTMENT_COLUMNS, (appointment_id, 1 if draft else 0),
    ).fetchone()


def _not_found(kind, appointment_id):
    return ApiError(404, "%s %d not found" % (kind, appointment_id))


def _broadcast(event, appointment, office_ids=None):
    fanout = _state().fanout
    for office_id in office_ids or (appointment["office_id"],):
        fanout.publish(event, appointment, "office_%d" % office_id)


def _created(appointment):
    resp = jsonify({"appointment": appointment})
    resp.status_code = 201
    resp.headers["Location"] = "/api/v1/appointments/%s%d/" % (
        "draft/" if appointment["is_draft"] else "", appointment["appointment_id"])
    return resp


# --------------------------------------------------------------------------
# reference data
# --------------------------------------------------------------------------
@bp.route("/citizens/", methods=["GET"])
def citizens():
    rows = _state().db.query(
        "SELECT citizen_id, office_id, ticket_number, citizen_name, citizen_comments,"
        " qt_xn_citizen_ind, start_time, accurate_time_ind, priority, citizen_state,"
        " service_id, channel_id FROM citizens ORDER BY citizen_id"
    )
    for row in rows:
        row["qt_xn_citizen_ind"] = bool(row["qt_xn_citizen_ind"])
        row["accurate_time_ind"] = bool(row["accurate_time_ind"])
    return jsonify({"citizens": rows})


@bp.route("/categories/", methods=["GET"])
def categories():
    rows = _state().db.query(
        "SELECT category_id, category_code, category_name, description, display_order"
        " FROM categories ORDER BY display_order, category_id"
    )
    return jsonify({"categories": rows})


@bp.route("/channels/", methods=["GET"])
def channels():
    rows = _state().db.query(
        "SELECT channel_id, channel_name FROM channels ORDER BY channel_id"
    )
    return jsonify({"channels": rows})


@bp.route("/services/", methods=["GET"])
def services():
    office_id = _query_int("office_id", required=True)
    db = _state().db
    if db.query_one("SELECT 1 FROM offices WHERE office_id = ?", (office_id,)) is None:
        raise ApiError(404, "office %d not found" % office_id, "office_id")
    rows = db.query(
        "SELECT s.service_id, s.service_code, s.service_name, s.service_desc,"
        " s.category_id, c.category_name, s.prefix, s.timeslot_duration,"
        " s.online_availability, s.display_dashboard_ind, os.office_id"
        " FROM office_services os"
        " JOIN services s ON s.service_id = os.service_id"
        " JOIN categories c ON c.category_id = s.category_id"
        " WHERE os.office_id = ? ORDER BY s.service_id",
        (office_id,),
    )
    for row in rows:
        row["display_dashboard_ind"] = bool(row["display_dashboard_ind"])
    return jsonify({"services": rows})


@bp.route("/exam_types/", methods=["GET"])
def exam_types():
    rows = _state().db.query(
        "SELECT exam_type_id, exam_type_name, exam_color, number_of_hours, method_type,"
        " ita_ind, group_exam_ind, pesticide_exam_ind FROM exam_types"
        " ORDER BY exam_type_id"
    )
    for row in rows:
        for key in ("ita_ind", "group_exam_ind", "pesticide_exam_ind"):
            row[key] = bool(row[key])
    return jsonify({"exam_types": rows})


# --------------------------------------------------------------------------
# appointments
# --------------------------------------------------------------------------
@bp.route("/appointments/", methods=["GET"])
def list_appointments():
    office_id = _query_int("office_id", required=False)
    db = _state().db
    if office_id is None:
        rows = db.query(
            "SELECT %s FROM appointments WHERE is_draft = 0 ORDER BY appointment_id"
            % APPOINTMENT_COLUMNS
        )
    else:
        rows = db.query(
            "SELECT %s FROM appointments WHERE is_draft = 0 AND office_id = ?"
            " ORDER BY appointment_id" % APPOINTMENT_COLUMNS, (office_id,)
        )
    return jsonify({"appointments": [_appointment_json(r) for r in rows]})


@bp.route("/appointments/<int:appointment_id>/", methods=["GET"])
def get_appointment(appointment_id):
    row = _state().db.query_one(
        "SELECT %s FROM appointments WHERE appointment_id = ? AND is_draft = 0"
        % APPOINTMENT_COLUMNS, (appointment_id,))
    if row is None:
        raise _not_found("appointment", appointment_id)
    return jsonify({"appointment": _appointment_json(row)})


@bp.route("/appointments/draft", methods=["POST"])
@bp.route("/appointments/draft/", methods=["POST"], endpoint="create_draft_slash")
def create_draft():
    body = _json_body()
    start = _time(_require(body, "start_time"), "start_time")
    end = _time(_require(body, "end_time"), "end_time")
    office_id = _as_int(_require(body, "office_id"), "office_id")
    _check_order(start, end)
    state = _state()
    now = utcnow()
    with state.db.write_tx() as conn:
        _check_office(conn, office_id)
        if state.config.draft_ttl > 0:
            # like the real service: drafts are short-lived slot holds
            conn.execute(
                "DELETE FROM appointments WHERE is_draft = 1 AND created_ts < ?",
                (time.time() - state.config.draft_ttl,),
            )
        cur = conn.execute(
            "INSERT INTO appointments (office_id, start_time, end_time, citizen_name,"
            " blackout_flag, is_draft, online_flag, created_at, updated_at, created_ts)"
            " VALUES (?, ?, ?, 'Draft', 'N', 1, 0, ?, ?, ?)",
            (office_id, format_ts(start), format_ts(end), format_ts(now),
             format_ts(now), now.timestamp()),
        )
        row = _load_appointment(conn, cur.lastrowid, draft=True)
    return _created(_appointment_json(row))


@bp.route("/appointments/draft/<int:appointment_id>/", methods=["DELETE"])
def delete_draft(appointment_id):
    with _state().db.write_tx() as conn:
        cur = conn.execute(
            "DELETE FROM appointments WHERE appointment_id = ? AND is_draft = 1",
            (appointment_id,),
        )
        if cur.rowcount == 0:
            raise _not_found("appointment draft", appointment_id)
    return "", 204


@bp.route("/appointments/", methods=["POST"])
def create_appointment():
    body = _json_body()
    start = _time(_require(body, "start_time"), "start_time")
    end = _time(_require(body, "end_time"), "end_time")
    service_id = _as_int(_require(body, "service_id"), "service_id")
    citizen_name = _text(_require(body, "citizen_name"), "citizen_name")
    contact = _text(_require(body, "contact_information"), "contact_information")
    office_id = _as_int(_require(body, "office_id"), "office_id")
    _check_order(start, end)
    draft_id = body.get("appointment_draft_id")
    if draft_id is not None:
        draft_id = _as_int(draft_id, "appointment_draft_id")
    comments = _optional_text(body, "comments")
    online = _bool(body["online_flag"], "online_flag") if body.get("online_flag") is not None else False
    now = utcnow()
    with _state().db.write_tx() as conn:
        _check_office(conn, office_id)
        _check_service(conn, service_id)
        if draft_id is not None:
            cur = conn.execute(
                "DELETE FROM appointments WHERE appointment_id = ? AND is_draft = 1",
                (draft_id,),
            )
            if cur.rowcount == 0:
                raise _not_found("appointment draft", draft_id)
        cur = conn.execute(
            "INSERT INTO appointments (office_id, service_id, start_time, end_time,"
            " comments, citizen_name, contact_information, blackout_flag, is_draft,"
            " online_flag, created_at, updated_at, created_ts)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'N', 0, ?, ?, ?, ?)",
            (office_id, service_id, format_ts(start), format_ts(end), comments,
             citizen_name, contact, int(online), format_ts(now), format_ts(now),
             now.timestamp()),
        )
        appointment = _appointment_json(_load_appointment(conn, cur.lastrowid, draft=False))
    _broadcast("appointment_create", appointment)  # after COMMIT: may yield
    return _created(appointment)


@bp.route("/appointments/<int:appointment_id>/", methods=["PUT"])
def update_appointment(appointment_id):
    state = _state()
    if state.db.query_one(
            "SELECT 1 FROM appointments WHERE appointment_id = ? AND is_draft = 0",
            (appointment_id,)) is None:
        raise _not_found("appointment", appointment_id)
    body = _json_body()
    changes = {}
    if "start_time" in body:
        changes["start_time"] = _time(_require(body, "start_time"), "start_time")
    if "end_time" in body:
        changes["end_time"] = _time(_require(body, "end_time"), "end_time")
    if "service_id" in body:
        changes["service_id"] = _as_int(_require(body, "service_id"), "service_id")
    if "office_id" in body:
        changes["office_id"] = _as_int(_require(body, "office_id"), "office_id")
    if "citizen_name" in body:
        changes["citizen_name"] = _text(_require(body, "citizen_name"), "citizen_name")
    if "contact_information" in body:
        changes["contact_information"] = _text(
            _require(body, "contact_information"), "contact_information")
    if "comments" in body:
        changes["comments"] = _optional_text(body, "comments")
    if "online_flag" in body:
        changes["online_flag"] = int(_bool(_require(body, "online_flag"), "online_flag"))

    with state.db.write_tx() as conn:
        current = _load_appointment(conn, appointment_id, draft=False)
        if current is None:  # deleted meanwhile by another worker
            raise _not_found("appointment", appointment_id)
        if "office_id" in changes:
            _check_office(conn, changes["office_id"])
        if "service_id" in changes:
            _check_service(conn, changes["service_id"])
        start = changes.get("start_time") or parse_ts(current["start_time"])
        end = changes.get("end_time") or parse_ts(current["end_time"])
        _check_order(start, end, "end_time" if "end_time" in changes else "start_time")
        for key in ("start_time", "end_time"):
            if key in changes:
                changes[key] = format_ts(changes[key])
        if changes:
            changes["updated_at"] = format_ts(utcnow())
            assignments = ", ".join("%s = ?" % key for key in changes)
            conn.execute(
                "UPDATE appointments SET %s WHERE appointment_id = ?" % assignments,
                tuple(changes.values()) + (appointment_id,),
            )
        appointment = _appointment_json(_load_appointment(conn, appointment_id, draft=False))
    offices = [current["office_id"]]
    if appointment["office_id"] != current["office_id"]:
        offices.append(appointment["office_id"])
    _broadcast("appointment_update", appointment, offices)
    return jsonify({"appointment": appointment})


@bp.route("/appointments/<int:appointment_id>/", methods=["DELETE"])
def delete_appointment(appointment_id):
    with _state().db.write_tx() as conn:
        row = _load_appointment(conn, appointment_id, draft=False)
        if row is None:
            raise _not_found("appointment", appointment_id)
        conn.execute("DELETE FROM appointments WHERE appointment_id = ?", (appointment_id,))
    _broadcast("appointment_delete", _appointment_json(row))
    return "", 204
