package cn.beian.verify.sms.smpp;

import cn.beian.verify.sms.CarrierReceipt;
import cn.beian.verify.sms.OutgoingSms;
import cn.beian.verify.sms.SmsDeliveryException;
import cn.beian.verify.sms.SmsGateway;
import cn.beian.verify.sms.SmsSubmissionLog;
import cn.beian.verify.sms.SmsSubmissionLog.ReceiptOutcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The SMPP 3.4 transport: one bound transceiver session to the SMSC, bound in the background at start and again
 * whenever it drops, so neither startup nor a code's transaction ever waits for the carrier. Texts go out in UCS2,
 * concatenated when longer than one SMS, at the agreed rate, with delivery receipts requested; receipts are
 * recorded through the {@link SmsSubmissionLog}. Each acknowledged part is remembered at once, so a message handed
 * over again (a crash, a dropped connection) sends only the parts the SMSC has not acknowledged.
 */
public class SmppSmsGateway implements SmsGateway, SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(SmppSmsGateway.class);
  private static final RawDataCoding UCS2 = new RawDataCoding((byte) 0x08);
  private static final byte UDH_INDICATOR = 0x40;

  private final SmppProperties properties;
  private final SmsSubmissionLog log;
  private final SubmitPacer pacer;
  private final Object sessionLock = new Object();
  private final Object submitLock = new Object();
  private final MessageReceiverListener receipts = new ReceiptListener();
  private volatile SMPPSession session;
  private volatile ScheduledExecutorService reconnector;
  // wall-clock time since when no session has been bound (from the start until the first bind); null while bound
  private final AtomicReference<Instant> unboundSince = new AtomicReference<>(Instant.now());

  /** the SMSC connection as the health check sees it: bound now, or not bound since {@code unboundSince} */
  public record Connection(boolean bound, Instant unboundSince) {}

  public SmppSmsGateway(SmppProperties properties, SmsSubmissionLog log) {
    properties.requireConnection();
    this.properties = properties;
    this.log = log;
    this.pacer = new SubmitPacer(properties.maxSubmitsPerSecond());
  }

  @Override
  public List<String> send(OutgoingSms sms) {
    List<byte[]> parts = Ucs2Segments.of(sms.text(), Ucs2Segments.referenceOf(sms.id()));
    Map<Integer, String> acknowledged = log.acknowledgedParts(sms.id());
    List<String> carrierIds = new ArrayList<>(parts.size());
    // one submit at a time over the one session: the pacer's rate is the session's rate
    synchronized (submitLock) {
      for (int i = 0; i < parts.size(); i++) {
        int partNo = i + 1;
        String known = acknowledged.get(partNo);
        if (known == null) {
          known = submit(sms, parts.get(i), parts.size() > 1);
          log.partAcknowledged(sms.id(), partNo, parts.size(), known);
        }
        carrierIds.add(known);
      }
    }
    LOG.info("SMS {} from {} submitted to the SMSC in {} part(s): {}", sms.id(), sms.from(), parts.size(), carrierIds);
    return carrierIds;
  }

  private String submit(OutgoingSms sms, byte[] shortMessage, boolean concatenated) {
    Duration wait = properties.throttleBackoff();
    for (int throttled = 0; ; throttled++) {
      if (!pacer.acquire()) {
        throw new SmsDeliveryException("interrupted while waiting for the submit rate", false);
      }
      SMPPSession bound = boundSession();
      try {
        return bound.submitShortMessage(properties.serviceType(), properties.sourceTon(), properties.sourceNpi(),
            sms.from(), properties.destTon(), properties.destNpi(), sms.to(),
            new ESMClass(concatenated ? UDH_INDICATOR : 0), (byte) 0, (byte) 1, null, null,
            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, UCS2, (byte) 0, shortMessage)
            .getMessageId();
      } catch (NegativeResponseException e) {
        int status = e.getCommandStatus();
        if (status != SMPPConstant.STAT_ESME_RTHROTTLED && status != SMPPConstant.STAT_ESME_RMSGQFUL) {
          throw new SmsDeliveryException(String.format("SMSC refused the message: command_status 0x%08x", status), false);
        }
        if (throttled >= properties.throttleRetries()) {
          throw new SmsDeliveryException(String.format("SMSC throttling: command_status 0x%08x", status), true);
        }
        // the SMSC asks us to slow down: wait and submit again, the process is not held up beyond this message
        if (!pause(wait)) {
          throw new SmsDeliveryException("interrupted while throttled", true);
        }
        wait = wait.multipliedBy(2);
      } catch (ResponseTimeoutException | IOException e) {
        // the SMSC may or may not have the part: the outbox retries it (at least once, the same text)
        drop(bound);
        throw new SmsDeliveryException("SMSC connection lost: " + e.getClass().getSimpleName(), e);
      } catch (PDUException | InvalidResponseException e) {
        throw new SmsDeliveryException("SMSC exchange failed: " + e.getClass().getSimpleName(), e);
      }
    }
  }

  private SMPPSession boundSession() {
    synchronized (sessionLock) {
      SMPPSession current = session;
      if (current != null && current.getSessionState().isBound()) {
        return current;
      }
      if (current != null) {
        current.close();
      }
      SMPPSession fresh = new SMPPSession();
      fresh.setEnquireLinkTimer((int) properties.enquireLinkInterval().toMillis());
      fresh.setTransactionTimer(properties.responseTimeout().toMillis());
      fresh.setMessageReceiverListener(receipts);
      fresh.addSessionStateListener((newState, oldState, source) -> {
        if (source == session && !newState.isBound()) {
          markUnbound();
        }
        if (newState == SessionState.CLOSED && source == session) {
          scheduleReconnect();
        }
      });
      try {
        fresh.connectAndBind(properties.host(), properties.port(), new BindParameter(BindType.BIND_TRX,
            properties.systemId(), properties.password(), properties.systemType(), TypeOfNumber.UNKNOWN,
            NumberingPlanIndicator.UNKNOWN, null), properties.bindTimeout().toMillis());
      } catch (IOException e) {
        throw new SmsDeliveryException("cannot bind to the SMSC: " + e.getMessage(), e);
      }
      session = fresh;
      unboundSince.set(null);
      LOG.info("SMPP transceiver bound to {}:{} as {}", properties.host(), properties.port(), properties.systemId());
      return fresh;
    }
  }

  /** whether a transceiver session is bound now, and if not, since when none has been */
  public Connection connection() {
    SMPPSession current = session;
    if (current != null && current.getSessionState().isBound()) {
      return new Connection(true, null);
    }
    markUnbound();
    return new Connection(false, unboundSince.get());
  }

  private void markUnbound() {
    unboundSince.compareAndSet(null, Instant.now());
  }

  private void drop(SMPPSession broken) {
    markUnbound();
    synchronized (sessionLock) {
      if (session == broken) {
        session = null;
      }
    }
    broken.close();
    scheduleReconnect();
  }

  /** a bound session also receives the receipts: rebind soon after a drop, not only when the next code goes out */
  private void scheduleReconnect() {
    ScheduledExecutorService r = reconnector;
    if (r == null) {
      return;
    }
    try {
      r.schedule(() -> {
        try {
          boundSession();
        } catch (SmsDeliveryException e) {
          LOG.warn("SMPP rebind failed ({}); trying again in {}", e.getMessage(), properties.reconnectDelay());
          scheduleReconnect();
        }
      }, properties.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void start() {
    reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "smpp-bind");
      t.setDaemon(true);
      return t;
    });
    // bind in the background: the application starts even while the SMSC is unreachable
    reconnector.execute(() -> {
      try {
        boundSession();
      } catch (SmsDeliveryException e) {
        LOG.warn("SMPP bind at start failed ({}); trying again in {}", e.getMessage(), properties.reconnectDelay());
        scheduleReconnect();
      }
    });
  }

  @Override
  public void stop() {
    ScheduledExecutorService r = reconnector;
    reconnector = null;
    if (r != null) {
      r.shutdownNow();
    }
    synchronized (sessionLock) {
      SMPPSession current = session;
      session = null;
      if (current != null) {
        current.unbindAndClose();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return reconnector != null;
  }

  /** delivery receipts; mobile-originated messages are not expected and are acknowledged and dropped */
  private final class ReceiptListener implements MessageReceiverListener {
    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
      if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
        return;
      }
      Optional<CarrierReceipt> read = ReceiptPdus.read(deliverSm.getShortMessage(), deliverSm::getOptionalParameter,
          deliverSm.getSourceAddr());
      if (read.isEmpty()) {
        // acknowledged and dropped: asking for it again would bring the same garbage back
        LOG.warn("SMPP delivery receipt without a usable message id and state; ignored");
        return;
      }
      CarrierReceipt receipt = read.get();
      if (!receipt.isFinal()) {
        return;
      }
      if (log.receiptReceived(receipt) == ReceiptOutcome.UNKNOWN) {
        // not (yet) recorded as ours: a temporary error makes the SMSC deliver the receipt again later
        throw new ProcessRequestException("unknown message id", SMPPConstant.STAT_ESME_RX_T_APPN);
      }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw new ProcessRequestException("data_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }
}
