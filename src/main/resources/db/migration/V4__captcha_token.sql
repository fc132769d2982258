-- The slider-puzzle captcha (API.md §2), in the database so that every node of a cluster shares it.

-- a puzzle's expected answer while it is being solved (tianai-captcha's cache, one JSON map per key)
CREATE TABLE captcha_puzzle (
  cache_key   VARCHAR(200)  PRIMARY KEY,
  data        VARCHAR(4000) NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_captcha_puzzle_expires ON captcha_puzzle (expires_at);

-- a solved puzzle's captchaToken, only as SHA-256; single use (used_at), short-lived (expires_at)
CREATE TABLE captcha_token (
  token_hash  VARCHAR(64)   PRIMARY KEY,
  issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_captcha_token_expires ON captcha_token (expires_at);
