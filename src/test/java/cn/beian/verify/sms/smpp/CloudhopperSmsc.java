package cn.beian.verify.sms.smpp;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppProcessingException;
import com.cloudhopper.smpp.util.DeliveryReceipt;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.joda.time.DateTime;

/**
 * An SMSC that was not written here: Cloudhopper's ch-smpp server (Maven Central, test scope), bound on a free port of
 * 127.0.0.1. It keeps every submit_sm exactly as it decoded it (addresses, esm_class, data_coding, the raw short
 * message), answers with its own message ids, can answer ESME_RTHROTTLED, drop its sessions, and send delivery
 * receipts formatted by its own {@link DeliveryReceipt} (the SMPP 3.4 appendix B text) with the receipted_message_id
 * and message_state TLVs.
 */
public final class CloudhopperSmsc implements AutoCloseable {
  public static final String SYSTEM_ID = "beian";
  public static final String PASSWORD = "secret";

  /** one submit_sm as the SMSC decoded it */
  public record Submit(String messageId, String from, String to, byte esmClass, byte dataCoding,
      byte registeredDelivery, byte[] shortMessage) {}

  private final int port;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ch-smsc");
    t.setDaemon(true);
    return t;
  });
  private final DefaultSmppServer server;
  private final List<Submit> submits = new CopyOnWriteArrayList<>();
  private final List<SmppServerSession> sessions = new CopyOnWriteArrayList<>();
  private final Map<String, Submit> byId = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(0x5A000000L);
  private final AtomicInteger throttleNext = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger binds = new AtomicInteger();

  public CloudhopperSmsc() throws Exception {
    this.port = freePort();
    SmppServerConfiguration configuration = new SmppServerConfiguration();
    configuration.setHost("127.0.0.1");
    configuration.setPort(port);
    configuration.setSystemId("ch-smsc");
    configuration.setMaxConnectionSize(10);
    configuration.setNonBlockingSocketsEnabled(true);
    configuration.setDefaultRequestExpiryTimeout(5000);
    configuration.setDefaultWindowMonitorInterval(1000);
    configuration.setDefaultWindowSize(10);
    configuration.setDefaultWindowWaitTimeout(5000);
    configuration.setJmxEnabled(false);
    configuration.setReuseAddress(true);
    server = new DefaultSmppServer(configuration, new Handler(), executor);
    server.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public List<Submit> submits() {
    return List.copyOf(submits);
  }

  public List<Submit> submitsTo(String phone) {
    return submits.stream().filter(s -> s.to().equals(phone)).toList();
  }

  /** the next {@code n} submit_sm are answered ESME_RTHROTTLED */
  public void throttleNext(int n) {
    throttleNext.set(n);
  }

  public int throttledSubmits() {
    return throttled.get();
  }

  public int binds() {
    return binds.get();
  }

  public boolean hasBoundSession() {
    return sessions.stream().anyMatch(SmppServerSession::isBound);
  }

  /** drops every session without an unbind, as a broken link or an SMSC restart would */
  public void dropSessions() {
    for (SmppServerSession session : sessions) {
      session.close();
    }
  }

  /**
   * Sends a final delivery receipt of one message part to the bound session, as the SMSC would once the carrier
   * knows: the appendix B text (its own formatting), the receipted_message_id and message_state TLVs.
   *
   * @param state SmppConstants.STATE_DELIVERED, STATE_UNDELIVERABLE, ...
   * @param error the carrier's error code (0 when delivered)
   * @return the command_status the ESME answered
   */
  public int sendReceipt(String messageId, byte state, int error) throws Exception {
    return sendReceiptVia(-1, messageId, state, error);
  }

  /** the same, through the {@code session}-th bound session (in the order they bound; -1: the newest) */
  public int sendReceiptVia(int session, String messageId, byte state, int error) throws Exception {
    Submit submit = byId.get(messageId);
    String recipient = submit == null ? "13800000000" : submit.to();
    DeliveryReceipt receipt = new DeliveryReceipt(messageId, 1, state == SmppConstants.STATE_DELIVERED ? 1 : 0,
        DateTime.now(), DateTime.now(), state, error, "");
    return deliverVia(session, recipient, receipt.toShortMessage().getBytes(StandardCharsets.US_ASCII), List.of(
        new Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID, cString(messageId)),
        new Tlv(SmppConstants.TAG_MSG_STATE, new byte[] {state})));
  }

  public int boundSessions() {
    return (int) sessions.stream().filter(SmppServerSession::isBound).count();
  }

  /** sends a receipt-flagged deliver_sm with whatever text, TLVs and source address a test chooses */
  public int deliver(String sourceAddress, byte[] shortMessage, List<Tlv> tlvs) throws Exception {
    return deliverVia(-1, sourceAddress, shortMessage, tlvs);
  }

  private int deliverVia(int index, String sourceAddress, byte[] shortMessage, List<Tlv> tlvs) throws Exception {
    List<SmppServerSession> bound = sessions.stream().filter(SmppServerSession::isBound).toList();
    if (bound.isEmpty()) {
      throw new IllegalStateException("no bound session");
    }
    SmppServerSession session = bound.get(index < 0 ? bound.size() - 1 : index);
    DeliverSm deliver = new DeliverSm();
    deliver.setEsmClass(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT);
    deliver.setSourceAddress(new Address((byte) 0x01, (byte) 0x01, sourceAddress));
    deliver.setDestAddress(new Address((byte) 0x00, (byte) 0x00, "12381"));
    deliver.setShortMessage(shortMessage);
    tlvs.forEach(deliver::addOptionalParameter);
    var future = session.sendRequestPdu(deliver, 5000, true);
    if (!future.await() || !future.isSuccess()) {
      throw new IllegalStateException("no deliver_sm_resp: " + future.getCause());
    }
    return future.getResponse().getCommandStatus();
  }

  static byte[] cString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(bytes, bytes.length + 1);
  }

  @Override
  public void close() {
    server.destroy();
    executor.shutdownNow();
  }

  private final class Handler implements SmppServerHandler {
    @Override
    public void sessionBindRequested(Long sessionId, SmppSessionConfiguration configuration, BaseBind bindRequest)
        throws SmppProcessingException {
      if (!SYSTEM_ID.equals(bindRequest.getSystemId()) || !PASSWORD.equals(bindRequest.getPassword())) {
        throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD, null);
      }
    }

    @Override
    public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp preparedBindResponse) {
      binds.incrementAndGet();
      sessions.add(session);
      session.serverReady(new SessionHandler());
    }

    @Override
    public void sessionDestroyed(Long sessionId, SmppServerSession session) {
      sessions.remove(session);
      session.destroy();
    }
  }

  private final class SessionHandler extends DefaultSmppSessionHandler {
    @Override
    @SuppressWarnings("rawtypes")
    public PduResponse firePduRequestReceived(PduRequest request) {
      PduResponse response = request.createResponse();
      if (request instanceof SubmitSm submit) {
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          throttled.incrementAndGet();
          response.setCommandStatus(SmppConstants.STATUS_THROTTLED);
          return response;
        }
        String id = Long.toHexString(ids.incrementAndGet());
        Submit kept = new Submit(id, submit.getSourceAddress().getAddress(), submit.getDestAddress().getAddress(),
            submit.getEsmClass(), submit.getDataCoding(), submit.getRegisteredDelivery(), submit.getShortMessage());
        submits.add(kept);
        byId.put(id, kept);
        ((SubmitSmResp) response).setMessageId(id);
      }
      return response;
    }
  }

  /** the text of concatenated UCS-2 parts, reassembled by their UDH (IEI 0x00: reference, total, sequence) */
  public static String reassemble(List<Submit> parts) {
    List<Submit> ordered = new ArrayList<>(parts);
    ordered.sort((a, b) -> Integer.compare(a.shortMessage()[5] & 0xFF, b.shortMessage()[5] & 0xFF));
    StringBuilder text = new StringBuilder();
    for (Submit part : ordered) {
      byte[] sm = part.shortMessage();
      int udhLength = (part.esmClass() & SmppConstants.ESM_CLASS_UDHI_MASK) != 0 ? (sm[0] & 0xFF) + 1 : 0;
      text.append(new String(sm, udhLength, sm.length - udhLength, StandardCharsets.UTF_16BE));
    }
    return text.toString();
  }
}
