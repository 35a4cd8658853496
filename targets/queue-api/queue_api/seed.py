"""Deterministic reference data (random.Random(42), fixed base timestamp).

The same code always produces byte-identical rows, so every server instance
(and every test run) sees the same offices, services, citizens, appointments.
"""
import random
from datetime import datetime, timedelta, timezone

from .timeutil import format_ts

SEED = 42
# Fixed "now" for seeded rows: never use the wall clock here.
BASE_TIME = datetime(2025, 3, 3, 8, 0, 0, tzinfo=timezone.utc)  # a Monday

OFFICES = [
    # office_id, name, number, civic_address
    (1, "Victoria", 61, "403 Gorge Rd E, Victoria"),
    (2, "Vancouver", 62, "1176 Robson St, Vancouver"),
    (3, "Kelowna", 63, "1475 Ellis St, Kelowna"),
    (4, "Prince George", 64, "1044 5th Ave, Prince George"),
    (5, "Nanaimo", 65, "460 Selby St, Nanaimo"),
]

CATEGORIES = [
    # category_id, code, name, description
    (1, "LIC", "Licences", "Driver, business and outdoor licences"),
    (2, "TAX", "Taxes", "Property transfer, rural and home owner grants"),
    (3, "HLT", "Health", "Medical Services Plan and health cards"),
    (4, "EXM", "Exams", "Invigilated written and online exams"),
    (5, "VIT", "Vital Statistics", "Birth, marriage and death records"),
    (6, "OTH", "Other", "General enquiries and payments"),
]

SERVICES = [
    # service_id, category_id, code, name, prefix, timeslot minutes
    (1, 1, "LIC-DRV", "Driver's Licence Renewal", "A", 15),
    (2, 1, "LIC-BUS", "Business Licence", "A", 30),
    (3, 1, "LIC-HNT", "Hunting Licence", "A", 15),
    (4, 1, "LIC-FSH", "Fishing Licence", "A", 15),
    (5, 2, "TAX-PTT", "Property Transfer Tax", "B", 30),
    (6, 2, "TAX-HOG", "Home Owner Grant", "B", 15),
    (7, 2, "TAX-RUR", "Rural Property Tax", "B", 30),
    (8, 2, "TAX-DEF", "Property Tax Deferment", "B", 45),
    (9, 3, "HLT-MSP", "MSP Enrolment", "C", 15),
    (10, 3, "HLT-CRD", "BC Services Card", "C", 15),
    (11, 3, "HLT-PHM", "PharmaCare Enquiry", "C", 15),
    (12, 4, "EXM-ITA", "ITA Trades Exam", "D", 60),
    (13, 4, "EXM-PST", "Pesticide Exam", "D", 60),
    (14, 4, "EXM-MRT", "Mortgage Broker Exam", "D", 60),
    (15, 5, "VIT-BRT", "Birth Certificate", "E", 15),
    (16, 5, "VIT-MAR", "Marriage Licence", "E", 30),
    (17, 5, "VIT-DTH", "Death Registration", "E", 30),
    (18, 5, "VIT-NAM", "Legal Change of Name", "E", 30),
    (19, 6, "OTH-PAY", "Bill Payment", "F", 15),
    (20, 6, "OTH-INF", "General Information", "F", 15),
    (21, 6, "OTH-BCS", "BC Benefits Enquiry", "F", 30),
    (22, 6, "OTH-ROA", "Road Report Enquiry", "F", 15),
    (23, 1, "LIC-COM", "Commercial Vehicle Permit", "A", 30),
    (24, 2, "TAX-SPC", "Speculation Tax Declaration", "B", 30),
]

CHANNELS = [
    (1, "In Person"),
    (2, "Phone"),
    (3, "Back Office"),
    (4, "Email/Fax/Mail"),
    (5, "CATs Assist"),
    (6, "Mobile Assist"),
]

EXAM_TYPES = [
    # id, name, colour, hours, method, ita, group, pesticide
    (1, "ITA - Level 1 Electrician", "#2E8540", 4, "Written", True, False, False),
    (2, "ITA - Level 2 Plumber", "#2E8540", 4, "Written", True, False, False),
    (3, "ITA - Red Seal Carpenter", "#FCBA19", 4, "Written", True, False, False),
    (4, "ITA - Group Exam", "#FCBA19", 3, "Written", True, True, False),
    (5, "Pesticide - Applicator", "#003366", 3, "Written", False, False, True),
    (6, "Pesticide - Dispenser", "#003366", 2, "Written", False, False, True),
    (7, "Mortgage Broker", "#38598A", 3, "Online", False, False, False),
    (8, "Real Estate Licensing", "#38598A", 3, "Online", False, False, False),
    (9, "Insurance Agent", "#D8292F", 2, "Online", False, False, False),
    (10, "Class 4 Driver Knowledge", "#D8292F", 1, "Written", False, False, False),
]

FIRST_NAMES = [
    "Ava", "Liam", "Olivia", "Noah", "Emma", "Lucas", "Mia", "Ethan", "Chloe",
    "Jack", "Sophie", "Owen", "Aria", "Leo", "Maya", "Ryan", "Nora", "Daniel",
    "Hannah", "Samuel", "Zoe", "Kai", "Ella", "Arjun", "Mei", "Mateo", "Priya",
    "Tariq", "Ingrid", "Wei",
]
LAST_NAMES = [
    "Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "Macdonald",
    "Gagnon", "Johnson", "Taylor", "Cote", "Campbell", "Anderson", "Leblanc",
    "Lee", "Wong", "Singh", "Chen", "Nguyen", "Patel", "Thompson", "White",
    "Harris", "Clark", "Lewis",
]
CITIZEN_STATES = ["Active", "Received Services", "Left before receiving services"]
COMMENTS = [
    None, None, None, "Needs interpreter", "Returning customer",
    "Brought incomplete forms", "Wheelchair access", "Called ahead",
]

NUM_CITIZENS = 300
NUM_APPOINTMENTS = 50


def seed(conn) -> dict:
    """Insert all reference data. Caller owns the transaction."""
    rng = random.Random(SEED)
    created = format_ts(BASE_TIME)
    created_ts = BASE_TIME.timestamp()

    conn.executemany(
        "INSERT INTO offices (office_id, office_name, office_number, timezone,"
        " civic_address, appointments_enabled, exams_enabled)"
        " VALUES (?, ?, ?, 'America/Vancouver', ?, 1, ?)",
        [(oid, name, num, addr, 1 if oid in (1, 2, 3) else 0)
         for oid, name, num, addr in OFFICES],
    )
    conn.executemany(
        "INSERT INTO categories (category_id, category_code, category_name,"
        " description, display_order) VALUES (?, ?, ?, ?, ?)",
        [(cid, code, name, desc, cid) for cid, code, name, desc in CATEGORIES],
    )
    conn.executemany(
        "INSERT INTO services (service_id, category_id, service_code, service_name,"
        " service_desc, prefix, timeslot_duration, online_availability,"
        " display_dashboard_ind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(sid, cid, code, name, "%s (%s)" % (name, code), prefix, minutes,
          rng.choice(["SHOW", "SHOW", "HIDE"]), rng.choice([0, 1]))
         for sid, cid, code, name, prefix, minutes in SERVICES],
    )

    # Each office offers a deterministic subset of services.
    office_services = {}
    all_service_ids = [s[0] for s in SERVICES]
    for oid, _, _, _ in OFFICES:
        count = rng.randint(10, 16)
        office_services[oid] = sorted(rng.sample(all_service_ids, count))
    conn.executemany(
        "INSERT INTO office_services (office_id, service_id) VALUES (?, ?)",
        [(oid, sid) for oid, sids in office_services.items() for sid in sids],
    )

    conn.executemany(
        "INSERT INTO channels (channel_id, channel_name) VALUES (?, ?)", CHANNELS
    )
    conn.executemany(
        "INSERT INTO exam_types (exam_type_id, exam_type_name, exam_color,"
        " number_of_hours, method_type, ita_ind, group_exam_ind,"
        " pesticide_exam_ind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(i, n, c, h, m, int(a), int(g), int(p))
         for i, n, c, h, m, a, g, p in EXAM_TYPES],
    )

    citizens = []
    ticket_counters = {oid: 0 for oid, _, _, _ in OFFICES}
    for cid in range(1, NUM_CITIZENS + 1):
        oid = rng.randint(1, len(OFFICES))
        sid = rng.choice(office_services[oid])
        prefix = SERVICES[sid - 1][4]
        ticket_counters[oid] += 1
        start = BASE_TIME + timedelta(minutes=rng.randint(0, 8 * 60))
        citizens.append((
            cid, oid, "%s%03d" % (prefix, ticket_counters[oid]),
            "%s %s" % (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)),
            rng.choice(COMMENTS), int(rng.random() < 0.2), format_ts(start),
            int(rng.random() < 0.9), rng.choice([1, 2, 2, 2, 3]),
            rng.choices(CITIZEN_STATES, weights=[6, 3, 1])[0],
            sid, rng.choice([1, 1, 1, 2, 3, 4, 5, 6]),
        ))
    conn.executemany(
        "INSERT INTO citizens (citizen_id, office_id, ticket_number, citizen_name,"
        " citizen_comments, qt_xn_citizen_ind, start_time, accurate_time_ind,"
        " priority, citizen_state, service_id, channel_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        citizens,
    )

    appointments = []
    for _ in range(NUM_APPOINTMENTS):
        oid = rng.choice([1, 2, 3])  # offices with appointments enabled
        sid = rng.choice(office_services[oid])
        minutes = SERVICES[sid - 1][5]
        day = rng.randint(0, 13)
        slot = rng.randint(0, 27)  # 09:00 .. 15:45 in 15-minute slots
        start = (BASE_TIME + timedelta(days=day, hours=1, minutes=15 * slot))
        end = start + timedelta(minutes=minutes)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        contact = (
            "%s.%s@example.com" % (first.lower(), last.lower())
            if rng.random() < 0.6 else "250-555-%04d" % rng.randint(0, 9999)
        )
        appointments.append((
            oid, sid, format_ts(start), format_ts(end),
            rng.choice(COMMENTS), "%s %s" % (first, last), contact,
            int(rng.random() < 0.5), created, created, created_ts,
        ))
    conn.executemany(
        "INSERT INTO appointments (office_id, service_id, start_time, end_time,"
        " comments, citizen_name, contact_information, online_flag, is_draft,"
        " blackout_flag, created_at, updated_at, created_ts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'N', ?, ?, ?)",
        appointments,
    )
    return {
        "offices": len(OFFICES), "categories": len(CATEGORIES),
        "services": len(SERVICES), "channels": len(CHANNELS),
        "exam_types": len(EXAM_TYPES), "citizens": NUM_CITIZENS,
        "appointments": NUM_APPOINTMENTS,
    }
