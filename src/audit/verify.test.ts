import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds } from "../../tests/support/database.ts";
import { systemActor } from "../platform/authz/actor.ts";
import type { Database } from "../platform/db/client.ts";
import { recordAudit } from "./record.ts";
import { verifyAuditChain, walkAuditChain } from "./verify.ts";

/** Appends n events, one transaction each, as the app does. */
async function appendEvents(database: Database, n: number) {
  for (let i = 1; i <= n; i++) {
    await database.db.transaction((tx) =>
      recordAudit(
        tx,
        { actor: systemActor, requestId: `req-${i}` },
        {
          action: "read",
          resourceType: "newcomer",
          subjectKind: "newcomer",
          subjectId: "00000000-0000-4000-8000-000000000001",
          dataClasses: ["basic", "health"],
          purpose: "uitvoering_wet_inburgering",
          legalBasis: "wettelijke_taak",
          details: { n: i },
        },
      ),
    );
  }
}

/** Changes the trail the way an intruder with superuser rights would: with the triggers off. */
async function asSuperuserWithoutTriggers(database: Database, sql: string) {
  await database.exec(`begin; set local session_replication_role = replica; ${sql}; commit;`);
}

describe.each(databaseKinds)("the audit trail (%s)", (kind) => {
  let database: Database;

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    await appendEvents(database, 7);
  });
  afterEach(async () => database?.close());

  it("refuses UPDATE, DELETE and TRUNCATE from the application", async () => {
    await expect(
      database.exec("update audit_events set action = 'x' where seq = 3"),
    ).rejects.toThrow(/append-only/);
    await expect(database.exec("delete from audit_events where seq = 3")).rejects.toThrow(
      /append-only/,
    );
    await expect(database.exec("truncate audit_events")).rejects.toThrow(/append-only/);
    await expect(database.exec("delete from audit_chain_head")).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(database)).toEqual({ ok: true, count: 7 });
  });

  it("verifies an intact chain, also across batch borders", async () => {
    expect(await verifyAuditChain(database)).toEqual({ ok: true, count: 7 });
    expect(await walkAuditChain(database, 2)).toEqual({ ok: true, count: 7 });
    expect(await walkAuditChain(database, 7)).toEqual({ ok: true, count: 7 });
  });

  it("accepts an empty trail", async () => {
    const empty = await createTestDatabase(kind);
    try {
      expect(await verifyAuditChain(empty)).toEqual({ ok: true, count: 0 });
    } finally {
      await empty.close();
    }
  });

  it("detects changed details at the tampered row", async () => {
    await asSuperuserWithoutTriggers(
      database,
      `update audit_events set details = '{"n": 99}' where seq = 4`,
    );
    const report = await walkAuditChain(database, 3);
    expect(report).toMatchObject({ ok: false, brokenAtSeq: 4, count: 3 });
    if (!report.ok) expect(report.reason).toMatch(/hash does not match/);
  });

  it("detects a changed action at the tampered row", async () => {
    await asSuperuserWithoutTriggers(
      database,
      "update audit_events set action = 'list' where seq = 6",
    );
    expect(await verifyAuditChain(database)).toMatchObject({ ok: false, brokenAtSeq: 6 });
  });

  it("detects a row whose hash was recomputed, at the next row", async () => {
    await asSuperuserWithoutTriggers(
      database,
      `update audit_events set action = 'list' where seq = 2;
       update audit_events e set hash = audit_row_hash(e) where seq = 2`,
    );
    const report = await verifyAuditChain(database);
    expect(report).toMatchObject({ ok: false, brokenAtSeq: 3 });
    if (!report.ok) expect(report.reason).toMatch(/prev_hash/);
  });

  it("detects a row deleted in the middle", async () => {
    await asSuperuserWithoutTriggers(database, "delete from audit_events where seq = 5");
    const report = await walkAuditChain(database, 2);
    expect(report).toMatchObject({ ok: false, brokenAtSeq: 5, count: 4 });
    if (!report.ok) expect(report.reason).toMatch(/missing/);
  });

  it("detects the last rows deleted, through the chain head", async () => {
    await asSuperuserWithoutTriggers(database, "delete from audit_events where seq >= 6");
    expect(await verifyAuditChain(database)).toMatchObject({ ok: false, brokenAtSeq: 6, count: 5 });
  });

  it("detects a forged row inserted without the trigger", async () => {
    await asSuperuserWithoutTriggers(
      database,
      `insert into audit_events (actor_kind, action, purpose, legal_basis, resource_type)
       values ('system', 'read', 'beveiliging', 'beveiliging', 'forged')`,
    );
    expect(await verifyAuditChain(database)).toMatchObject({ ok: false, brokenAtSeq: 0 });
  });

  it("stops at the chain head it read first (rows appended meanwhile wait for the next run)", async () => {
    // Stands in for a row committed after the walk began: it lies beyond the head that was read.
    await asSuperuserWithoutTriggers(
      database,
      `insert into audit_events (seq, actor_kind, action, purpose, legal_basis, resource_type)
       values (8, 'system', 'read', 'beveiliging', 'beveiliging', 'later')`,
    );
    expect(await verifyAuditChain(database)).toEqual({ ok: true, count: 7 });
  });
});
