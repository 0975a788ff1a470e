-- The audit trail is append-only and tamper-evident (decision 0005).
-- Each row's hash covers its content and the previous row's hash; `koers audit:verify` recomputes it.
CREATE FUNCTION audit_row_hash(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    e.prev_hash,
    e.seq::text,
    floor(extract(epoch FROM e.at) * 1000000)::bigint::text,
    coalesce(e.actor_account_id::text, '-'),
    coalesce(e.actor_organisation_id::text, '-'),
    coalesce(e.actor_role, '-'),
    e.actor_kind,
    coalesce(e.subject_kind, '-'),
    coalesce(e.subject_id::text, '-'),
    coalesce(e.organisation_id::text, '-'),
    e.action,
    array_to_string(e.data_classes, ','),
    e.purpose,
    e.legal_basis,
    e.resource_type,
    coalesce(e.resource_id, '-'),
    coalesce(e.request_id, '-'),
    e.outcome,
    coalesce(e.details::text, '-')
  ), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head;
BEGIN
  -- The row lock on the single head row gives every insert one place in one chain,
  -- also when several app instances write at once.
  SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := audit_row_hash(NEW);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
