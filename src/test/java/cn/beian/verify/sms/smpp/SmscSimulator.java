package cn.beian.verify.sms.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An SMSC for tests, on 127.0.0.1 and a free port, built on jSMPP's server session: accepts transceiver binds with
 * one system id and password, records every submit_sm (UCS2 decoded, concatenated parts reassembled), and on
 * request throttles, drops the connection, or sends delivery receipts back.
 */
public final class SmscSimulator implements AutoCloseable {
  public static final String SYSTEM_ID = "beian", PASSWORD = "secret";

  /** one complete message as a phone would show it */
  public record Received(String from, String to, String text, List<String> messageIds) {}

  private record Part(String from, String to, int dataCoding, String text, String messageId) {}

  private final SMPPServerSessionListener listener;
  private final ServerSocket socket;
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Part> singles = new CopyOnWriteArrayList<>();
  private final Map<String, Part[]> pending = new HashMap<>();
  private final AtomicInteger messageIds = new AtomicInteger();
  private final AtomicInteger submits = new AtomicInteger();
  private final AtomicInteger throttleNext = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private volatile int dropAtSubmit = -1;
  private final AtomicInteger binds = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean open = true;

  public SmscSimulator() throws IOException {
    this(listen(0));
  }

  /** an SMSC on a given port, e.g. the one a test's transport was configured with, back after an outage */
  public static SmscSimulator on(int port) throws IOException {
    return new SmscSimulator(listen(port));
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return socket;
  }

  private SmscSimulator(ServerSocket socket) throws IOException {
    this.socket = socket;
    listener = new SMPPServerSessionListener(socket.getLocalPort(), new LoopbackFactory(socket));
    listener.setMessageReceiverListener(new Receiver());
    acceptor = new Thread(this::acceptLoop, "smsc-simulator");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** the texts received for one phone, oldest first */
  public List<String> textsTo(String phone) {
    return received.stream().filter(r -> r.to().equals(phone)).map(Received::text).toList();
  }

  public int binds() {
    return binds.get();
  }

  public int throttledSubmits() {
    return throttled.get();
  }

  /** answers the next {@code count} submits with ESME_RTHROTTLED */
  public void throttleNext(int count) {
    throttleNext.set(count);
  }

  /** the {@code n}-th submit from now is not accepted: the connection is dropped instead of answering it */
  public void dropConnectionAtSubmit(int n) {
    dropAtSubmit = submits.get() + n;
  }

  /** sends a delivery receipt for every part of every message received so far, over the bound session */
  public void sendReceipts(DeliveryReceiptState state) throws Exception {
    SMPPServerSession session = sessions.stream().filter(s -> s.getSessionState().isBound()).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException("no bound session"));
    for (Received r : received) {
      for (String id : r.messageIds()) {
        DeliveryReceipt receipt = new DeliveryReceipt(id, 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0, new Date(),
            new Date(), state, "000", "");
        session.deliverShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, r.to(),
            TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, r.from(),
            new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT), (byte) 0,
            (byte) 0, new RegisteredDelivery(0), GeneralDataCoding.DEFAULT,
            receipt.toString().getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  private void acceptLoop() {
    while (open) {
      try {
        SMPPServerSession session = listener.accept();
        BindRequest bind = session.waitForBind(5000);
        if (SYSTEM_ID.equals(bind.getSystemId()) && PASSWORD.equals(bind.getPassword())) {
          bind.accept("simulator");
          binds.incrementAndGet();
          sessions.add(session);
        } else {
          bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
        }
      } catch (SocketException e) {
        return;
      } catch (Exception e) {
        if (!open) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    open = false;
    sessions.forEach(SMPPServerSession::unbindAndClose);
    listener.close();
  }

  private SubmitSmResult accept(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
    int n = submits.incrementAndGet();
    if (n == dropAtSubmit) {
      source.close();
      throw new ProcessRequestException("connection dropped", SMPPConstant.STAT_ESME_RSYSERR);
    }
    if (throttleNext.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
      throttled.incrementAndGet();
      throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
    }
    String id = String.valueOf(messageIds.incrementAndGet());
    byte[] payload = submit.getShortMessage();
    boolean udh = (submit.getEsmClass() & 0x40) != 0;
    int dataCoding = submit.getDataCoding() & 0xFF;
    if (!udh) {
      record(List.of(new Part(submit.getSourceAddr(), submit.getDestAddress(), dataCoding, decode(payload, 0, dataCoding), id)));
    } else {
      int headerLength = (payload[0] & 0xFF) + 1;
      String key = submit.getSourceAddr() + "|" + submit.getDestAddress() + "|" + (payload[3] & 0xFF);
      int total = payload[4] & 0xFF;
      int seq = payload[5] & 0xFF;
      Part part = new Part(submit.getSourceAddr(), submit.getDestAddress(), dataCoding,
          decode(payload, headerLength, dataCoding), id);
      synchronized (pending) {
        Part[] parts = pending.computeIfAbsent(key, k -> new Part[total]);
        parts[seq - 1] = part;
        if (Arrays.stream(parts).allMatch(p -> p != null)) {
          pending.remove(key);
          record(Arrays.asList(parts));
        }
      }
    }
    try {
      return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
    } catch (PDUStringException e) {
      throw new ProcessRequestException("bad id", SMPPConstant.STAT_ESME_RSYSERR);
    }
  }

  private void record(List<Part> parts) {
    Part first = parts.get(0);
    if (parts.stream().anyMatch(p -> p.dataCoding() != 0x08)) {
      throw new IllegalStateException("expected UCS2 (data_coding 0x08)");
    }
    StringBuilder text = new StringBuilder();
    List<String> ids = new ArrayList<>();
    parts.forEach(p -> {
      text.append(p.text());
      ids.add(p.messageId());
    });
    received.add(new Received(first.from(), first.to(), text.toString(), ids));
  }

  private static String decode(byte[] payload, int offset, int dataCoding) {
    return new String(payload, offset, payload.length - offset,
        dataCoding == 0x08 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
  }

  private final class Receiver implements ServerMessageReceiverListener {
    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
      return accept(submitSm, source);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
        SMPPServerSession source) throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw unsupported();
    }

    private ProcessRequestException unsupported() {
      return new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }

  /** jSMPP's listener opens its own socket on all interfaces; the simulator listens on the loopback only */
  private record LoopbackFactory(ServerSocket socket) implements ServerConnectionFactory {
    @Override
    public ServerConnection listen(int port) {
      return new ServerSocketConnection(socket);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
      socket.setSoTimeout(timeout);
      return new ServerSocketConnection(socket);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
      return listen(port, timeout);
    }
  }
}
