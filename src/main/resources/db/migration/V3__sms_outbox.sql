-- The SMS outbox: a message is written in the transaction that issues its code and delivered after the commit
-- by the dispatcher, so a rolled-back transaction sends nothing and a committed one is sent even if the node
-- dies right after. The id is the message id every transport deduplicates by. Portable SQL: H2 and PostgreSQL.
CREATE TABLE sms_outbox (
  id                  VARCHAR(36)   PRIMARY KEY,
  verifier_id         VARCHAR(36),
  filing_id           VARCHAR(36),
  to_hash             VARCHAR(64)   NOT NULL,
  to_masked           VARCHAR(16)   NOT NULL,
  to_enc              VARCHAR(2048) NOT NULL,
  sender              VARCHAR(20)   NOT NULL,
  -- the text carries the code: encrypted like every other secret
  text_enc            VARCHAR(4096) NOT NULL,
  -- PENDING until handed to the carrier (SENT) or given up (FAILED)
  status              VARCHAR(12)   NOT NULL,
  attempts            INT           DEFAULT 0 NOT NULL,
  next_attempt_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  -- a dispatcher owns a row until lease_until; a dead node's rows are taken over after that
  lease_owner         VARCHAR(64),
  lease_until         TIMESTAMP WITH TIME ZONE,
  -- technical reason of the last failure, never personal data
  last_error          VARCHAR(255),
  -- the carrier's id(s) of the message, one per part
  carrier_message_id  VARCHAR(1024),
  -- the delivery receipt's final state (DELIVRD, UNDELIV, EXPIRED, ...) when the transport gives one
  receipt             VARCHAR(12),
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at             TIMESTAMP WITH TIME ZONE,
  delivered_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_sms_outbox_due ON sms_outbox (status, next_attempt_at);
CREATE INDEX ix_sms_outbox_verifier ON sms_outbox (verifier_id);

-- each part the carrier acknowledged: a retry after a crash or a dropped connection sends only the missing parts,
-- and delivery receipts (one per part) find their message here
CREATE TABLE sms_outbox_part (
  outbox_id           VARCHAR(36)   NOT NULL REFERENCES sms_outbox (id),
  part_no             INT           NOT NULL,
  part_count          INT           NOT NULL,
  carrier_message_id  VARCHAR(65)   NOT NULL,
  submitted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  receipt             VARCHAR(12),
  receipt_at          TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (outbox_id, part_no)
);
CREATE INDEX ix_sms_outbox_part_carrier ON sms_outbox_part (carrier_message_id);
