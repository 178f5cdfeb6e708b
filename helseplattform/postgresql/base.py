"""Django's PostgreSQL backend, bounded on the client (``helseplattform.database_timeouts``).

Every statement runs under the watchdog, and after a statement timed out or a
connection failed, this process treats the database as down for
``database_timeouts.DOWN_SECONDS``: further queries fail at once instead of each
waiting for its own timeout, so a request that needs the database several times
(a feedback post: the rate limit, then the row) answers within one timeout.
"""

from django.db.backends.postgresql import base

from helseplattform.database_timeouts import StatementTimeout, breaker


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        breaker.refuse_while_down()
        try:
            connection = super().get_new_connection(conn_params)
        except base.Database.OperationalError:
            breaker.trip()
            raise
        seconds = self.settings_dict.get("STATEMENT_TIMEOUT_SECONDS")
        if seconds and not any(isinstance(w, StatementTimeout) for w in self.execute_wrappers):
            self.execute_wrappers.append(StatementTimeout(seconds))
        return connection
