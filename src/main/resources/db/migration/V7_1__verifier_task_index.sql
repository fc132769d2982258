-- the verifier form's listener finds its verifier by the task it was attached to, never by a process variable
CREATE INDEX ix_verifier_task ON verifier (task_id);
