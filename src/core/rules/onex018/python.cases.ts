// ONEX018 utcnow: datetime.utcnow(), however datetime is imported.
import { type RuleTable, dedent, TODAY_PROJECT } from '../cases';

export const ONEX018_PYTHON_CASES: RuleTable = {
  // Today's era's own rule: the cases are files of a project on today's framework.
  config: TODAY_PROJECT,
  valid: [
    {
      name: "today's timestamps: datetime.now(UTC), now(tz=timezone.utc), a model's own utcnow helper",
      code: dedent(`
        from datetime import UTC, datetime, timezone

        from pydantic import BaseModel, Field


        class Clock:
            def utcnow(self) -> datetime:
                return datetime.now(UTC)


        class ModelLedgerEntry(BaseModel):
            created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
            seen_at: datetime = Field(default_factory=lambda: datetime.now(tz=timezone.utc))


        def stamp(clock: Clock) -> datetime:
            return clock.utcnow()
      `),
    },
    {
      name: 'a name that is not the datetime class (a parameter named datetime, pendulum)',
      code: dedent(`
        import pendulum
        from omnibase_infra.enums import EnumHandlerType


        def stamp(datetime):
            return datetime.utcnow()


        def other():
            return pendulum.utcnow()
      `),
    },
    {
      name: 'a bridge-era file (its era uses utcnow throughout: ONEX018 is a rule of today)',
      code: dedent(`
        from datetime import datetime
        from omnibase_core.core.onex_container import ONEXContainer

        started = datetime.utcnow()
      `),
    },
  ],
  invalid: [
    {
      name: 'from datetime import datetime: the call gets now(UTC), UTC joins the import line',
      code: dedent(`
        from datetime import datetime

        from omnibase_infra.enums import EnumHandlerType


        def stamp() -> str:
            return datetime.utcnow().isoformat()
      `),
      errors: [{ line: 7, column: 12, endColumn: 29, message: 'datetime.utcnow() returns a naive datetime (no timezone): use datetime.now(UTC)' }],
      output: dedent(`
        from datetime import datetime, UTC

        from omnibase_infra.enums import EnumHandlerType


        def stamp() -> str:
            return datetime.now(UTC).isoformat()
      `),
    },
    {
      name: 'aliases (datetime as dt, import datetime as _dt), timezone already imported, a bare reference (no fix)',
      code: dedent(`
        import datetime as _dt
        from datetime import datetime as dt, timezone

        from pydantic import BaseModel, Field


        class ModelAudit(BaseModel):
            at: dt = Field(default_factory=dt.utcnow)


        def stamps():
            return dt.utcnow(), _dt.datetime.utcnow()
      `),
      errors: [
        { line: 8, column: 36, message: 'dt.utcnow makes naive datetimes wherever it is called' },
        { line: 12, column: 12, message: 'dt.utcnow() returns a naive datetime' },
        { line: 12, column: 25, message: '_dt.datetime.utcnow()' },
      ],
      output: dedent(`
        import datetime as _dt
        from datetime import datetime as dt, timezone

        from pydantic import BaseModel, Field


        class ModelAudit(BaseModel):
            at: dt = Field(default_factory=dt.utcnow)


        def stamps():
            return dt.now(timezone.utc), _dt.datetime.now(timezone.utc)
      `),
    },
  ],
};
