package cn.beian.verify.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data at rest (docs/rules.md §9: full document numbers, phone numbers) with AES-256-GCM. Tokens are
 * {@code v1:} + base64(12-byte IV || ciphertext and tag). Thread-safe.
 */
public class PersonalDataCipher {
  private static final String VERSION = "v1:";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public PersonalDataCipher(byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has exactly " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** A fresh random IV every time, so equal plain texts give different tokens; null stays null. */
  public String encrypt(String plain) {
    if (plain == null) {
      return null;
    }
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] token = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
      return VERSION + Base64.getEncoder().encodeToString(token);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM encryption failed", e);
    }
  }

  /** The plain text of a token; a tampered, truncated or foreign-key token is an {@link IllegalStateException}. */
  public String decrypt(String token) {
    if (token == null) {
      return null;
    }
    if (!token.startsWith(VERSION)) {
      throw new IllegalStateException("not a v1 personal data token");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(token.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("personal data token is not base64", e);
    }
    if (bytes.length < IV_BYTES + TAG_BITS / 8) {
      throw new IllegalStateException("personal data token is truncated");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // the GCM tag did not verify: the token was altered or sealed under another key
      throw new IllegalStateException("personal data token failed authentication", e);
    }
  }
}
