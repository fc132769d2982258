package cn.beian.verify.filing;

import cn.beian.verify.filing.FilingSubmission.Person;
import cn.beian.verify.filing.FilingSubmission.Website;
import cn.beian.verify.filing.ValidFiling.Principal;
import cn.beian.verify.kernel.BusinessZone;
import cn.beian.verify.kernel.FieldError;
import cn.beian.verify.kernel.IdType;
import cn.beian.verify.kernel.IdentityDocuments;
import cn.beian.verify.kernel.PhoneNumbers;
import cn.beian.verify.kernel.Provinces;
import cn.beian.verify.kernel.Texts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks every field of a submission against docs/rules.md §2, §7 and §9 and against what its storage holds (V1
 * migration: request numbers and refs 64 characters, domains 255, encrypted names up to ~1,500 UTF-8 bytes); collects
 * all errors at once. Nothing here backtracks: the patterns are bounded, domains and names are scanned.
 */
@Component
public class FilingValidator {
  // bounded repetition over a character class: fails within 65 characters whatever the input's length
  private static final Pattern REQUEST_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern WEBSITE_REF = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** an entity's registered name: far longer than any Chinese enterprise name, far within its encrypted column */
  static final int MAX_ENTITY_NAME = 128;
  /** a person's name, in UTF-16 units: the masked name column holds 64 */
  static final int MAX_PERSON_NAME = 64;
  /** how much of a client's own value an error message repeats */
  private static final int ECHO = 32;

  private final UnsupportedPhonePrefixes refused;
  private final FilingProperties limits;
  private final BusinessZone zone;
  private final Clock clock;

  public FilingValidator(UnsupportedPhonePrefixes refused, FilingProperties limits, BusinessZone zone, Clock clock) {
    this.refused = refused;
    this.limits = limits;
    this.zone = zone;
    this.clock = clock;
  }

  public ValidFiling validate(FilingSubmission s) {
    List<FieldError> errors = new ArrayList<>();
    if (s == null) {
      throw new InvalidFilingException(List.of(new FieldError("", Texts.text("filing.invalid.empty"))));
    }
    // before anything else: a request of 10,000 websites would be checked, stored and texted person by person
    if (s.websitesOrEmpty().size() > limits.maxWebsites()) {
      throw new InvalidFilingException(List.of(new FieldError("websites",
          Texts.text("filing.invalid.tooManyWebsites", limits.maxWebsites(), s.websitesOrEmpty().size()))));
    }
    if (s.requestNo() == null || !REQUEST_NO.matcher(s.requestNo()).matches()) {
      errors.add(new FieldError("requestNo", Texts.text("filing.invalid.requestNo")));
    }
    FilingType type = parse(FilingType.class, s.type(), "type", Texts.text("filing.field.type"), errors);
    ServiceType serviceType = parse(ServiceType.class, s.serviceType(), "serviceType", Texts.text("filing.field.serviceType"), errors);
    if (s.province() == null || !Provinces.isKnown(s.province())) {
      errors.add(new FieldError("province", Texts.text("filing.invalid.province")));
    }

    List<Principal> principals = new ArrayList<>();
    String entityName = null;
    if (s.entity() == null) {
      errors.add(new FieldError("entity", Texts.text("filing.invalid.entity")));
    } else {
      entityName = trimmed(s.entity().name());
      if (entityName == null) {
        errors.add(new FieldError("entity.name", Texts.text("filing.invalid.entityName.missing")));
      } else if (PlainText.hasForbiddenCharacter(s.entity().name())) {
        errors.add(new FieldError("entity.name", Texts.text("filing.invalid.entityName.characters")));
      } else if (PlainText.length(entityName) > MAX_ENTITY_NAME) {
        errors.add(new FieldError("entity.name", Texts.text("filing.invalid.entityName.tooLong", MAX_ENTITY_NAME)));
      }
      person(s.entity().principal(), "entity.principal", errors)
          .ifPresent(p -> principals.add(new Principal(
              PersonRole.ENTITY_PRINCIPAL, null, null, false, p.name(), p.phone(), p.idType(), p.idNumber())));
    }

    Set<String> changed = changedWebsites(s, type, errors);
    Set<String> refs = new HashSet<>();
    List<Website> websites = s.websitesOrEmpty();
    for (int i = 0; i < websites.size(); i++) {
      Website w = websites.get(i);
      String at = "websites[" + i + "]";
      if (w == null) {
        errors.add(new FieldError(at, Texts.text("filing.invalid.website")));
        continue;
      }
      if (w.ref() == null || !WEBSITE_REF.matcher(w.ref()).matches()) {
        errors.add(new FieldError(at + ".ref", Texts.text("filing.invalid.websiteRef")));
      } else if (!refs.add(w.ref())) {
        errors.add(new FieldError(at + ".ref", Texts.text("filing.invalid.websiteRef.duplicate", w.ref())));
      }
      String given = trimmed(w.domain());
      if (given != null && (PlainText.hasForbiddenCharacter(w.domain()) || !DomainNames.isValid(given))) {
        errors.add(new FieldError(at + ".domain", given.length() > DomainNames.MAX_LENGTH
            ? Texts.text("filing.invalid.domain.tooLong", DomainNames.MAX_LENGTH) : Texts.text("filing.invalid.domain")));
      }
      String domain = given == null ? null : given.toLowerCase(Locale.ROOT);
      boolean isChanged = w.ref() != null && changed.contains(w.ref());
      person(w.principal(), at + ".principal", errors)
          .ifPresent(p -> principals.add(new Principal(
              PersonRole.WEBSITE_PRINCIPAL, w.ref(), domain, isChanged, p.name(), p.phone(), p.idType(), p.idNumber())));
    }
    for (String ref : changed) {
      if (!refs.contains(ref)) {
        errors.add(new FieldError("change.changedWebsites", Texts.text("filing.invalid.changedWebsite.unknown", echo(ref))));
      }
    }
    if (type == FilingType.NEW_FILING && serviceType == ServiceType.WEBSITE && websites.isEmpty()) {
      errors.add(new FieldError("websites", Texts.text("filing.invalid.websites.none")));
    }
    if (type == FilingType.PHONE_CHANGE && s.change() != null
        && !Boolean.TRUE.equals(s.change().entityChanged()) && changed.isEmpty()) {
      errors.add(new FieldError("change", Texts.text("filing.invalid.change.phoneChangeWhose")));
    }
    samePhoneOneDocument(principals, websites, errors);

    if (!errors.isEmpty()) {
      throw new InvalidFilingException(errors);
    }
    boolean entityChanged = s.change() != null && Boolean.TRUE.equals(s.change().entityChanged());
    boolean remarksOnly = s.change() != null && Boolean.TRUE.equals(s.change().remarksOnly());
    return new ValidFiling(s.requestNo(), type, s.province(), serviceType, entityName,
        entityChanged, remarksOnly, List.copyOf(principals));
  }

  private Set<String> changedWebsites(FilingSubmission s, FilingType type, List<FieldError> errors) {
    if (s.change() == null) {
      if (type != null && type.hasChangeSection()) {
        errors.add(new FieldError("change", Texts.text("filing.invalid.change.missing")));
      }
      return Set.of();
    }
    if (type != null && !type.hasChangeSection()) {
      errors.add(new FieldError("change", Texts.text("filing.invalid.change.notAllowed")));
      return Set.of();
    }
    List<String> listed = s.change().changedWebsites() == null ? List.of() : s.change().changedWebsites();
    if (listed.size() > limits.maxWebsites()) {
      errors.add(new FieldError("change.changedWebsites", Texts.text("filing.invalid.changedWebsites.tooMany", limits.maxWebsites())));
      return Set.of();
    }
    return new HashSet<>(listed);
  }

  private record CheckedPerson(String name, String phone, IdType idType, String idNumber) {}

  private Optional<CheckedPerson> person(Person p, String at, List<FieldError> errors) {
    if (p == null) {
      errors.add(new FieldError(at, Texts.text("filing.invalid.principal")));
      return Optional.empty();
    }
    int before = errors.size();
    String name = trimmed(p.name());
    if (name == null || name.length() > MAX_PERSON_NAME) {
      errors.add(new FieldError(at + ".name", Texts.text("filing.invalid.principalName", MAX_PERSON_NAME)));
    } else if (PlainText.hasForbiddenCharacter(p.name())) {
      errors.add(new FieldError(at + ".name", Texts.text("filing.invalid.principalName.characters")));
    } else if (!PlainText.isPersonName(name)) {
      errors.add(new FieldError(at + ".name", Texts.text("filing.invalid.principalName.separators")));
    }
    Optional<String> phone = PhoneNumbers.normalize(p.phone());
    if (phone.isEmpty()) {
      errors.add(new FieldError(at + ".phone", Texts.text("input.phone.format")));
    } else if (PhoneNumbers.hasRefusedSegment(phone.get(), refused.unsupportedPrefixes())) {
      errors.add(new FieldError(at + ".phone",
          Texts.text("filing.invalid.phone.segment", String.join("、", refused.unsupportedPrefixes()))));
    }
    IdType idType = parse(IdType.class, p.idType(), at + ".idType", Texts.text("filing.field.idType"), errors);
    String idNumber = trimmed(p.idNumber());
    if (idNumber == null) {
      errors.add(new FieldError(at + ".idNumber", Texts.text("filing.invalid.idNumber.missing")));
    } else if (idType != null && !IdentityDocuments.isWellFormed(idType, idNumber, zone.today(clock))) {
      errors.add(new FieldError(at + ".idNumber", idType == IdType.RESIDENT_ID
          ? Texts.text("filing.invalid.idNumber.residentId")
          : Texts.text("filing.invalid.idNumber.format")));
    }
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new CheckedPerson(name, phone.get(), idType, idNumber.toUpperCase(Locale.ROOT)));
  }

  /** docs/rules.md §2: the same phone given with two different identity documents is invalid input */
  private static void samePhoneOneDocument(List<Principal> principals, List<Website> websites, List<FieldError> errors) {
    Map<String, String> documentOfPhone = new HashMap<>();
    for (Principal p : principals) {
      String document = p.idType() + ":" + p.idNumber();
      String earlier = documentOfPhone.putIfAbsent(p.phone(), document);
      if (earlier != null && !earlier.equals(document)) {
        errors.add(new FieldError(p.websiteRef() == null ? "entity.principal.phone" : "websites[" + indexOf(p.websiteRef(), websites) + "].principal.phone",
            Texts.text("filing.invalid.phone.twoDocuments", PhoneNumbers.mask(p.phone()))));
      }
    }
  }

  /** field paths name a website by its position in the request, like every other field error */
  private static int indexOf(String ref, List<Website> websites) {
    for (int i = 0; i < websites.size(); i++) {
      if (websites.get(i) != null && ref.equals(websites.get(i).ref())) {
        return i;
      }
    }
    return -1;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String label, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, Texts.text("filing.invalid.required", label)));
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim());
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, Texts.text("filing.invalid.value", label, echo(value))));
      return null;
    }
  }

  /** a client's value repeated in a message: short, and with nothing that could break a line or a screen */
  private static String echo(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > ECHO ? value.substring(0, ECHO) + "…" : value;
    return PlainText.hasForbiddenCharacter(shown) ? Texts.text("filing.echo.invisible") : shown;
  }

  /** surrounding spaces are a copy-paste accident; blank counts as missing (strip, not trim: trim eats controls) */
  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
