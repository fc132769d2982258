package cn.beian.verify.filing.api;

import cn.beian.verify.filing.Filing;
import cn.beian.verify.filing.FilingEvent;
import cn.beian.verify.filing.FilingRepository;
import cn.beian.verify.filing.VerificationPort;
import cn.beian.verify.filing.VerificationPort.VerifierSummary;
import cn.beian.verify.kernel.BusinessZone;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Builds the provider's view of a request from the filing, its verifiers and its trail. */
@Component
class FilingViews {
  /** docs/http-contract.md §1 shows times in the business zone (Beijing), to the second, with their offset */
  private static final String TIME = "yyyy-MM-dd'T'HH:mm:ssXXX";

  private final DateTimeFormatter times;

  private final FilingRepository filings;
  private final VerificationPort verifiers;

  FilingViews(FilingRepository filings, VerificationPort verifiers, BusinessZone zone) {
    this.filings = filings;
    this.verifiers = verifiers;
    this.times = DateTimeFormatter.ofPattern(TIME).withZone(zone.id());
  }

  FilingView of(Filing filing) {
    List<VerifierSummary> people = verifiers.verifiersOf(filing.id());
    Map<String, String> phoneOf = people.stream()
        .collect(Collectors.toMap(VerifierSummary::id, VerifierSummary::phoneMasked));
    List<FilingView.Verifier> verifierViews = people.stream()
        .map(v -> new FilingView.Verifier(v.roles(), v.nameMasked(), v.phoneMasked(), v.status(),
            v.failedAttempts(), v.manualResends(), time(v.verifiedAt())))
        .toList();
    List<FilingView.HistoryEntry> history = filings.events(filing.id()).stream()
        .map(e -> new FilingView.HistoryEntry(time(e.at()), e.event(), phone(e, phoneOf::get)))
        .toList();
    return new FilingView(filing.id(), filing.requestNo(), filing.type().name(), filing.province(), filing.status().name(),
        time(filing.verificationDeadline()), verifierViews, name(filing.returnReason()), filing.reviewDecision(),
        filing.reviewComment(), history);
  }

  private static String phone(FilingEvent event, Function<String, String> phoneOfVerifier) {
    return event.verifierId() == null ? null : phoneOfVerifier.apply(event.verifierId());
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private String time(Instant instant) {
    return instant == null ? null : times.format(instant);
  }
}
