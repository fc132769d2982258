-- The personal-data lifecycle (README "Personal data: how long it is kept"): a closed request's encrypted personal
-- data and its lookup hashes are erased once the retention period has passed; the masked trail and the figures stay.
-- Erased columns become NULL, so they may no longer be NOT NULL. Portable SQL: H2 and PostgreSQL.

-- set, in the transaction that erases, by the one node whose conditional UPDATE won the request
ALTER TABLE filing ADD COLUMN personal_data_erased_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE filing ALTER COLUMN entity_name_enc DROP NOT NULL;
-- the erasure job looks for closed requests past the period that are not erased yet
CREATE INDEX ix_filing_erasure_due ON filing (personal_data_erased_at, closed_at);

ALTER TABLE filing_person ALTER COLUMN name_enc DROP NOT NULL;
ALTER TABLE filing_person ALTER COLUMN phone_hash DROP NOT NULL;
ALTER TABLE filing_person ALTER COLUMN phone_enc DROP NOT NULL;
ALTER TABLE filing_person ALTER COLUMN id_number_enc DROP NOT NULL;
ALTER TABLE filing_person ALTER COLUMN id_suffix_hash DROP NOT NULL;

ALTER TABLE verifier ALTER COLUMN name_enc DROP NOT NULL;
ALTER TABLE verifier ALTER COLUMN phone_hash DROP NOT NULL;
ALTER TABLE verifier ALTER COLUMN phone_enc DROP NOT NULL;
ALTER TABLE verifier ALTER COLUMN id_suffix_hash DROP NOT NULL;

ALTER TABLE sms_code ALTER COLUMN code_hash DROP NOT NULL;

ALTER TABLE sms_outbox ALTER COLUMN to_hash DROP NOT NULL;
ALTER TABLE sms_outbox ALTER COLUMN to_enc DROP NOT NULL;
ALTER TABLE sms_outbox ALTER COLUMN text_enc DROP NOT NULL;
