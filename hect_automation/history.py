"""The local memory of runs and of what HECT showed: which seller was last verified for each
channel, how its last run ended, and what has already been notified.

SQLite (stdlib ``sqlite3``) in the user data directory, or at ``HECT_HISTORY``. Every
operation opens its own short connection in WAL mode with a busy timeout, so several runs
(eight reconnects at once) write side by side. The history helps; it is never required: if
it cannot be opened or written (a full disk, a read-only file), the run warns and goes on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from hect_automation.hect.channels import ChannelRecord, name_key
from hect_automation.report import RunRecord, utcnow

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL, platform TEXT NOT NULL, channel TEXT NOT NULL, channel_key TEXT NOT NULL,
    runbook TEXT, started_at TEXT, finished_at TEXT, outcome TEXT, exit_code INTEGER,
    operator TEXT, hect_login TEXT, seller_before TEXT, seller_after TEXT,
    expiry_before TEXT, expiry_after TEXT, poll_from TEXT, message TEXT, run_dir TEXT,
    seller_expected TEXT
);
CREATE INDEX IF NOT EXISTS runs_channel ON runs (account, platform, channel_key, id);
CREATE TABLE IF NOT EXISTS observations (
    id INTEGER PRIMARY KEY,
    account TEXT NOT NULL, platform TEXT NOT NULL, channel TEXT NOT NULL, channel_key TEXT NOT NULL,
    seen_at TEXT NOT NULL, status TEXT, expired INTEGER, expiry TEXT, seller TEXT, state TEXT
);
CREATE INDEX IF NOT EXISTS observations_channel
    ON observations (account, platform, channel_key, id);
CREATE TABLE IF NOT EXISTS notices (
    account TEXT NOT NULL, platform TEXT NOT NULL, channel_key TEXT NOT NULL,
    state TEXT NOT NULL, sent_at TEXT NOT NULL,
    PRIMARY KEY (account, platform, channel_key)
);
"""
# Columns added since a table was first shipped: a history written by an older version
# gains them when it is opened (its rows keep NULL there).
ADDED_COLUMNS = {"runs": ("seller_expected TEXT",)}
VERIFIED = ("verified", "seller-accepted", "reconnected-no-order-poll")
OWED = "reconnected-no-order-poll"  # the order poll is still to be run
POLLED = "order-polled"  # an order poll started by the order-poll command
QUIET = ("not-needed", "smoke-ok")  # runs that say nothing new about a channel
# The outcome lists are this module's own fixed words, never input: safe to write into SQL.
_VERIFIED_SQL = ", ".join(f"'{o}'" for o in VERIFIED)
_QUIET_SQL = ", ".join(f"'{o}'" for o in QUIET)
_CHANNEL = "FROM runs WHERE account=? AND platform=? AND channel_key=?"
# The seller a channel should have: the one its last verified run found, or the one a later
# run meant to link when it ended 7 (the wrong account linked) - whichever is newer.
EXPECTED_SELLER = (
    f"SELECT CASE WHEN exit_code = 7 THEN seller_expected ELSE seller_after END {_CHANNEL}"
    f" AND ((outcome IN ({_VERIFIED_SQL}) AND seller_after IS NOT NULL)"
    " OR (exit_code = 7 AND seller_expected IS NOT NULL)) ORDER BY id DESC LIMIT 1"
)
LAST_OUTCOME = (
    f"SELECT exit_code, message, outcome, poll_from {_CHANNEL}"
    f" AND outcome NOT IN ({_QUIET_SQL}) ORDER BY id DESC LIMIT 1"
)


def default_path() -> Path:
    return Path(user_data_dir("hect-runbook", appauthor=False)) / "history.sqlite3"


@dataclass(frozen=True)
class RunRow:
    """One run as the history holds it."""

    id: int
    account: str
    platform: str
    channel: str
    finished_at: str
    outcome: str
    exit_code: int
    operator: str
    hect_login: str | None
    seller_before: str | None
    seller_after: str | None
    poll_from: str | None
    message: str
    run_dir: str


@dataclass(frozen=True)
class Observation:
    """One channel as ``status`` saw it."""

    platform: str
    channel: str
    seen_at: str
    status: str | None
    expiry: str | None
    seller: str | None
    state: str | None


class History:
    """The history of one HECT account (``account``: its name, or login and address)."""

    def __init__(self, path: Path, account: str) -> None:
        self.path = path
        self.account = account
        self.problems: list[str] = []
        self._ready = False

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with closing(sqlite3.connect(self.path, timeout=15, isolation_level=None)) as db:
            db.execute("PRAGMA busy_timeout = 15000")
            if not self._ready:
                _prepare(db)
                self.path.chmod(0o600)
                self._ready = True
            yield db

    def _try(self, what: str, default: Any, action: Any) -> Any:
        try:
            with self._db() as db:
                return action(db)
        except (sqlite3.Error, OSError) as exc:
            problem = f"the history at {self.path} could not be {what} ({exc}); going on without it"
            if problem not in self.problems:
                self.problems.append(problem)
            return default

    # -- what runs ask -----------------------------------------------------------------------
    def expected_seller(self, platform: str, channel: str) -> str | None:
        """The seller this channel should be linked to, as far as this machine knows."""
        row = self._try(
            "read",
            None,
            lambda db: db.execute(
                EXPECTED_SELLER, (self.account, platform, name_key(channel))
            ).fetchone(),
        )
        return row[0] if row else None

    def last_outcome(self, platform: str, channel: str) -> tuple[int, str] | None:
        row = self._last_run(platform, channel)
        return (int(row[0]), str(row[1])) if row else None

    def _last_run(self, platform: str, channel: str) -> Any:
        return self._try(
            "read",
            None,
            lambda db: db.execute(
                LAST_OUTCOME, (self.account, platform, name_key(channel))
            ).fetchone(),
        )

    def record_run(self, record: RunRecord) -> list[str]:
        """Remember a finished run; the problems met (none, usually)."""
        if not record.channel:
            return []
        verification = record.verification
        before = verification.before if verification else {}
        after = (verification.after or {}) if verification else {}
        if record.outcome == "seller-accepted":
            after = {"seller": record.notes.get("accepted_seller")}
        row = (
            self.account,
            record.platform,
            record.channel,
            name_key(record.channel),
            record.runbook,
            record.started_at.isoformat(),
            (record.finished_at or utcnow()).isoformat(),
            record.outcome,
            record.exit_code,
            record.operator,
            record.hect_login,
            before.get("seller"),
            after.get("seller") if after else None,
            before.get("expiry"),
            after.get("expiry") if after else None,
            record.notes.get("order_poll_from")
            if record.outcome == "reconnected-no-order-poll"
            else None,
            record.message,
            record.run_dir,
            verification.expected_seller if verification else None,
        )
        self._try(
            "written",
            None,
            lambda db: db.execute(
                "INSERT INTO runs (account, platform, channel, channel_key, runbook, started_at,"
                " finished_at, outcome, exit_code, operator, hect_login, seller_before,"
                " seller_after, expiry_before, expiry_after, poll_from, message, run_dir,"
                " seller_expected) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                row,
            ),
        )
        return self.problems

    def polled(self, platform: str, channel: str, since: str, message: str) -> None:
        """Remember an order poll started on its own (``order-poll``): none is owed now."""
        now = utcnow().isoformat()
        self._try(
            "written",
            None,
            lambda db: db.execute(
                "INSERT INTO runs (account, platform, channel, channel_key, started_at,"
                " finished_at, outcome, exit_code, operator, poll_from, message)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    self.account,
                    platform,
                    channel,
                    name_key(channel),
                    now,
                    now,
                    POLLED,
                    0,
                    "order-poll",
                    since,
                    message,
                ),
            ),
        )

    def observe(self, platform: str, records: list[ChannelRecord], state: dict[str, str]) -> None:
        """Remember what ``status`` saw of each channel, and the health state it gave it."""
        now = utcnow().isoformat()
        rows = [
            (
                self.account,
                platform,
                r.name,
                name_key(r.name),
                now,
                r.status,
                None if r.expired is None else int(r.expired),
                r.expiry_text,
                r.seller,
                state.get(r.name),
            )
            for r in records
        ]
        self._try(
            "written",
            None,
            lambda db: db.executemany(
                "INSERT INTO observations (account, platform, channel, channel_key, seen_at,"
                " status, expired, expiry, seller, state) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows,
            ),
        )

    # -- what people ask ----------------------------------------------------------------------
    def runs(self, channel: str | None = None, limit: int = 50) -> list[RunRow]:
        query = (
            "SELECT id, account, platform, channel, finished_at, outcome, exit_code, operator,"
            " hect_login, seller_before, seller_after, poll_from, message, run_dir FROM runs"
        )
        return [RunRow(*row) for row in self._newest(query, channel, limit)]

    def owed_poll(self, platform: str, channel: str) -> str | None:
        """When the latest run reconnected the channel but did not poll orders: from when."""
        row = self._last_run(platform, channel)
        return str(row[3] or "") if row and row[2] == OWED else None

    def noticed(self, platform: str, channel: str) -> str | None:
        row = self._try(
            "read",
            None,
            lambda db: db.execute(
                "SELECT state FROM notices WHERE account=? AND platform=? AND channel_key=?",
                (self.account, platform, name_key(channel)),
            ).fetchone(),
        )
        return row[0] if row else None

    def notice(self, platform: str, channel: str, state: str) -> None:
        self._try(
            "written",
            None,
            lambda db: db.execute(
                "INSERT INTO notices (account, platform, channel_key, state, sent_at)"
                " VALUES (?,?,?,?,?) ON CONFLICT (account, platform, channel_key) DO UPDATE"
                " SET state=excluded.state, sent_at=excluded.sent_at",
                (self.account, platform, name_key(channel), state, utcnow().isoformat()),
            ),
        )

    def observations(self, channel: str | None = None, limit: int = 50) -> list[Observation]:
        """What ``status`` saw, newest first."""
        query = "SELECT platform, channel, seen_at, status, expiry, seller, state FROM observations"
        return [Observation(*row) for row in self._newest(query, channel, limit)]

    def _newest(self, select: str, channel: str | None, limit: int) -> list[Any]:
        """This account's rows of ``select`` (of one channel, if given), newest first."""
        query, args = f"{select} WHERE account=?", [self.account]
        if channel:
            query += " AND channel_key=?"
            args.append(name_key(channel))
        query += " ORDER BY id DESC LIMIT ?"
        rows: list[Any] = self._try(
            "read", [], lambda db: db.execute(query, [*args, limit]).fetchall()
        )
        return rows


def _prepare(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode and create what is missing, with any number of runs at once."""
    # Another run may be switching a new file to WAL at this very moment: SQLite then answers
    # "locked" without waiting. The mode is kept in the file, so theirs serves us too.
    with suppress(sqlite3.OperationalError):
        db.execute("PRAGMA journal_mode = WAL")
    # One write transaction taken up front: two runs creating the tables at once queue on the
    # busy timeout instead of deadlocking on a read lock each wants to upgrade.
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        _add_missing_columns(db)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _add_missing_columns(db: sqlite3.Connection) -> None:
    for table, columns in ADDED_COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            if column.split()[0] not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
