"""The corpus store: SQLAlchemy models, engine settings, migrations, bulk writes, edits and queries."""
