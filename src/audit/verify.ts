import type { Database } from "../platform/db/client.ts";

/** What `koers audit:verify` reports: the whole chain is intact, or where it first breaks. */
export type AuditChainReport =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAtSeq: number; reason: string };

/** The hash the chain starts from (migration 0002_audit_chain.sql seeds the head with it). */
const GENESIS_HASH = "0".repeat(64);
const BATCH_SIZE = 5_000;
/** Below every possible seq, so a forged row with seq 0 or less is still walked (and refused). */
const BEFORE_FIRST = "-9223372036854775808";

interface ChainRow {
  seq: string;
  prev_hash: string;
  hash: string;
  hash_ok: boolean;
}

/**
 * Walks the audit trail in seq order and checks that it is one unbroken hash chain: seq counts up
 * from 1 without gaps, each row names the previous row's hash, each row's hash matches its content
 * (recomputed in SQL with audit_row_hash, the function the insert trigger uses), and the chain head
 * points at the last row. Reads in batches, so memory stays flat for millions of rows.
 *
 * Rows appended while it runs are left for the next run: the walk stops at the head it read first
 * (decision 0005). It cannot catch a superuser who rewrites the whole chain and the head.
 */
export function verifyAuditChain(database: Database): Promise<AuditChainReport> {
  return walkAuditChain(database, BATCH_SIZE);
}

/** verifyAuditChain with a chosen batch size (tests use small batches to cross batch borders). */
export async function walkAuditChain(
  database: Database,
  batchSize: number,
): Promise<AuditChainReport> {
  const [head] = await database.query<{ seq: string; hash: string }>(
    "select seq::text as seq, hash from audit_chain_head where id = 1",
  );
  if (!head) return { ok: false, count: 0, brokenAtSeq: 0, reason: "the chain head is missing" };
  const headSeq = Number(head.seq);

  let count = 0;
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let after = BEFORE_FIRST;
  const broken = (seq: number, reason: string): AuditChainReport => ({
    ok: false,
    count,
    brokenAtSeq: seq,
    reason,
  });

  for (;;) {
    // Keyset on the unique seq index: each batch is an index range scan, never an OFFSET.
    const rows = await database.query<ChainRow>(
      `select e.seq::text as seq, e.prev_hash, e.hash, e.hash = audit_row_hash(e) as hash_ok
         from audit_events e
        where e.seq > $1::bigint and e.seq <= $2::bigint
        order by e.seq
        limit $3`,
      [after, head.seq, batchSize],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq > expectedSeq) {
        const range = seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}..${seq - 1}`;
        return broken(expectedSeq, `row ${range} is missing: the chain jumps to ${seq}`);
      }
      if (seq < expectedSeq) return broken(seq, `unexpected seq ${seq}, expected ${expectedSeq}`);
      if (row.prev_hash !== previousHash)
        return broken(seq, `prev_hash does not match the hash of row ${seq - 1}`);
      if (!row.hash_ok) return broken(seq, "the hash does not match the row's content");
      previousHash = row.hash;
      expectedSeq = seq + 1;
      count++;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) break;
    after = last.seq;
  }

  if (expectedSeq - 1 !== headSeq) {
    const range = expectedSeq === headSeq ? `${headSeq}` : `${expectedSeq}..${headSeq}`;
    return broken(expectedSeq, `row ${range} is missing: the chain head is at ${headSeq}`);
  }
  if (previousHash !== head.hash)
    return broken(headSeq, "the chain head's hash does not match the last row");
  return { ok: true, count };
}
