"""The roles a PostgreSQL server enforces (migration 0011): who the login is and what it may write.

On PostgreSQL the annotator is the login (``current_user``). A login that holds none of the three
roles (the database's owner, a superuser) is not limited: it writes under any name, as on SQLite,
where roles are not enforced at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text

from curator.errors import CuratorError

ROLES = ("annotator", "curator", "manager")


@dataclass(frozen=True)
class Login:
    """A limited PostgreSQL login: its name (the annotator it is) and its highest role."""

    name: str
    role: str

    def may(self, role: str) -> bool:
        """Whether this login holds ``role`` or one above it."""
        return ROLES.index(self.role) >= ROLES.index(role)


def limited_login(engine: Engine) -> Login | None:
    """The login of ``engine`` when the server limits it to a role; None on SQLite and for an
    unrestricted login (owner or superuser)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT current_user, r.rolsuper OR pg_has_role(current_user, "
                "(SELECT relowner FROM pg_class WHERE oid = to_regclass('spans')), 'MEMBER') "
                "FROM pg_roles r WHERE r.rolname = current_user"
            )
        ).one()
        name, unrestricted = str(row[0]), bool(row[1])
        if unrestricted:
            return None
        for role in reversed(ROLES):
            held = conn.execute(
                text("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = :r"),
                {"r": f"curator_{role}"},
            ).scalar()
            if held:
                return Login(name, role)
    return None


def logins_with(engine: Engine, role: str) -> list[str]:
    """The logins granted ``role`` on the server (by ``curator admin grant``), by name; empty on
    SQLite. They are the annotators a manager can give work to before they ever logged in."""
    if engine.dialect.name != "postgresql":
        return []
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid "
                "JOIN pg_roles m ON m.oid = a.member WHERE g.rolname = :r AND m.rolcanlogin ORDER BY m.rolname"
            ),
            {"r": f"curator_{role}"},
        )
        return [str(name) for (name,) in rows]


def grant(engine: Engine, role: str, login: str) -> bool:
    """Give ``login`` the Curator ``role``, creating the login (without password) when it does not
    exist; the other two roles are taken away. Return whether the login was created. Needs a login
    allowed to create roles (the owner who ran the migrations, a superuser)."""
    if role not in ROLES:
        raise CuratorError(f"the role must be one of {', '.join(ROLES)}")
    if engine.dialect.name != "postgresql":
        raise CuratorError("roles are enforced by a PostgreSQL server only; on SQLite anyone can write")
    login = login.strip()
    if not login:
        raise CuratorError("a login needs a name")
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}).first()
        quoted = conn.exec_driver_sql("SELECT quote_ident(%s)", (login,)).scalar()
        if exists is None:
            conn.exec_driver_sql(f"CREATE ROLE {quoted} LOGIN")
        for other in ROLES:
            if other != role:
                conn.exec_driver_sql(f"REVOKE curator_{other} FROM {quoted}")
        conn.exec_driver_sql(f"GRANT curator_{role} TO {quoted}")
    return exists is None
