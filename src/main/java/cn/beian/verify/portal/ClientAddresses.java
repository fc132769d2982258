package cn.beian.verify.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;

/**
 * The client address a limit is keyed by: the connection's peer, unless that peer is a configured trusted proxy;
 * then the nearest X-Forwarded-For entry that is not itself a trusted proxy. A header from anyone else is ignored,
 * so a client cannot pick its own key.
 */
public final class ClientAddresses {
  private final Set<String> trustedProxies;

  public ClientAddresses(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies.stream().map(String::strip).toList());
  }

  public String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (!trustedProxies.contains(peer) || forwarded == null || forwarded.isBlank()) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }
}
