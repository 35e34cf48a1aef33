-- Kestra's execution kind: NULL for a normal execution, LOOP for an iteration of a Loop task (left out of searches).
ALTER TABLE executions ADD COLUMN kind TEXT;
