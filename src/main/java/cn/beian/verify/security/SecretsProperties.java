package cn.beian.verify.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys of the product: the HMAC key for codes, phones and ID suffixes, and the AES key for personal data.
 *
 * @param hmacKey base64 of at least 32 bytes, from the environment (BEIAN_SECRETS_HMAC_KEY)
 * @param dataKey base64 of 32 bytes, from the environment (BEIAN_SECRETS_DATA_KEY)
 * @param devKeyFile where a generated development key pair is kept when none is configured (demo profile)
 * @param requireConfigured refuse to start without configured keys (production)
 */
@ConfigurationProperties("beian.secrets")
public record SecretsProperties(
    String hmacKey, String dataKey, String devKeyFile, @DefaultValue("false") boolean requireConfigured) {}
