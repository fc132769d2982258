-- The delivery state of every SMS as the provider and the desk see it: SUBMITTED once the carrier accepted every part,
-- then DELIVERED or UNDELIVERABLE from the carrier's receipts, or NO_RECEIPT when none came in time (a later receipt
-- still settles it). Receipts find their message through sms_outbox_part, in the database, so a receipt may arrive on
-- any node. Portable SQL: H2 and PostgreSQL.
ALTER TABLE sms_outbox ADD COLUMN delivery_state VARCHAR(16);
ALTER TABLE sms_outbox ADD COLUMN delivery_state_at TIMESTAMP WITH TIME ZONE;
-- the carrier's error code of an undeliverable message (the receipt's err:), never personal data
ALTER TABLE sms_outbox ADD COLUMN receipt_error VARCHAR(8);
-- a message re-sent over the unified sender 12381 because this earlier one was undeliverable (the same text and code)
ALTER TABLE sms_outbox ADD COLUMN rerouted_from VARCHAR(36);
ALTER TABLE sms_outbox_part ADD COLUMN receipt_error VARCHAR(8);
CREATE INDEX ix_sms_outbox_delivery ON sms_outbox (delivery_state, delivery_state_at);

-- messages sent before this version: what their receipts said, or submitted and waiting
UPDATE sms_outbox SET delivery_state = 'DELIVERED', delivery_state_at = delivered_at
  WHERE receipt = 'DELIVRD';
UPDATE sms_outbox SET delivery_state = 'UNDELIVERABLE', delivery_state_at = delivered_at
  WHERE receipt IS NOT NULL AND receipt <> 'DELIVRD';
UPDATE sms_outbox SET delivery_state = 'SUBMITTED', delivery_state_at = sent_at
  WHERE receipt IS NULL AND status = 'SENT' AND carrier_message_id IS NOT NULL;
