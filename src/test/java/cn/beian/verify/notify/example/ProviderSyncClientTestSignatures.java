package cn.beian.verify.notify.example;

import cn.beian.verify.notify.CallbackSignature;
import java.nio.charset.StandardCharsets;

/** signatures made with the product's own signer, to check the example client's check against it */
final class ProviderSyncClientTestSignatures {
  private ProviderSyncClientTestSignatures() {}

  static String signedWith(String secret, String body) {
    return CallbackSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8));
  }
}
