package cn.beian.verify.notify;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingEventRecorded;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.FilingStatusListener;
import cn.beian.verify.filing.VerificationPort;
import cn.beian.verify.filing.VerificationPort.VerifierSummary;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;

/**
 * Turns what happens to a request into the events of the providers' contract, in the transaction of the change:
 * each status change ({@code filing.status_changed}) and each per-person trail entry that {@link ProviderEvents}
 * maps ({@code verifier.*}) is appended to the change feed; the per-person ones also go to the callback outbox (the
 * status changes get there as {@link CallbackOutbox} hears them itself). Whatever rolls back leaves no event.
 */
public class FilingChangeRecorder implements FilingStatusListener {
  private final FilingChangeFeed feed;
  private final CallbackOutbox callbacks;
  private final ObjectProvider<FilingRepository> filings;
  private final ObjectProvider<VerificationPort> verifiers;

  /**
   * @param filings looked up when first needed, as {@code verifiers}: it tells this recorder of status changes;
   *     its row as the transaction of the trail entry reads it (read once per transaction)
   * @param verifiers looked up when first needed: the filing repository, which tells this recorder of status
   *     changes, is built before the verification step that builds on it
   */
  public FilingChangeRecorder(FilingChangeFeed feed, CallbackOutbox callbacks, ObjectProvider<FilingRepository> filings,
      ObjectProvider<VerificationPort> verifiers) {
    this.feed = feed;
    this.callbacks = callbacks;
    this.filings = filings;
    this.verifiers = verifiers;
  }

  @Override
  public void statusChanged(StatusChange change) {
    feed.append(new ProviderEvent(change.providerId(), change.filingId(), change.requestNo(),
        ProviderEvents.STATUS_CHANGED, change.status().name(),
        change.returnReason() == null ? null : change.returnReason().name(), null, null, change.at()));
  }

  /** synchronous, in the transaction that writes the trail entry */
  @EventListener
  public void onTrail(FilingEventRecorded recorded) {
    if (recorded.verifierId() == null) {
      return;
    }
    ProviderEvents.ofTrail(recorded.event()).ifPresent(event -> {
      Filing filing = filings.getObject().get(recorded.filingId());
      VerifierSummary verifier = verifiers.getObject().verifiersOf(recorded.filingId()).stream()
          .filter(v -> v.id().equals(recorded.verifierId())).findFirst()
          .orElseThrow(() -> new IllegalStateException("a trail entry names a verifier of its own request"));
      ProviderEvent providerEvent = new ProviderEvent(filing.providerId(),
          recorded.filingId(), filing.requestNo(), event, filing.status().name(), null, verifier.id(), new ProviderEvent.Person(verifier.roles(),
              verifier.nameMasked(), verifier.phoneMasked(), ProviderEvents.verifierStatusAfter(event, verifier.status())),
          recorded.at());
      feed.append(providerEvent);
      callbacks.personEvent(providerEvent);
    });
  }
}
