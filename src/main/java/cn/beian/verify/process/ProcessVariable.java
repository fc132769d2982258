package cn.beian.verify.process;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;

/**
 * One process variable: its name and its Java type, declared once (in {@link FilingProcess.Variables} and
 * {@link SmsVerificationProcess.Variables}) and read and written only through here, so that no delegate casts or
 * coerces what the engine hands back. A value of another type than declared is a bug or an attack, never something
 * to convert: reading it fails loudly. Codes (enums) are stored as their name, a plain string that a gateway's
 * expression compares, Cockpit shows and the engine never deserializes.
 *
 * <p>The same idea as holunda-io's camunda-bpm-data (its {@code VariableFactory}); that library (2025.10.1 targets
 * Camunda 7.24) is not used because it brings the Kotlin runtime along and stores an enum as a serialized object,
 * which the engine's deserialization allow-list refuses and an expression cannot compare with a string.
 *
 * @param <T> the type the product works with
 */
public final class ProcessVariable<T> {
  private final String name;
  private final Class<?> stored;
  private final Function<Object, T> read;
  private final Function<T, Object> write;

  private ProcessVariable(String name, Class<?> stored, Function<Object, T> read, Function<T, Object> write) {
    this.name = Objects.requireNonNull(name);
    this.stored = stored;
    this.read = read;
    this.write = write;
  }

  /** a string, as stored */
  public static ProcessVariable<String> text(String name) {
    return new ProcessVariable<>(name, String.class, String.class::cast, value -> value);
  }

  /** a Boolean, as stored; never "true" the string */
  public static ProcessVariable<Boolean> flag(String name) {
    return new ProcessVariable<>(name, Boolean.class, Boolean.class::cast, value -> value);
  }

  /** an Integer, as stored */
  public static ProcessVariable<Integer> number(String name) {
    return new ProcessVariable<>(name, Integer.class, Integer.class::cast, value -> value);
  }

  /** a code, stored as its name */
  public static <E extends Enum<E>> ProcessVariable<E> code(String name, Class<E> type) {
    return new ProcessVariable<>(name, String.class, value -> Enum.valueOf(type, (String) value), Enum::name);
  }

  /**
   * a value the engine stores in its own form (e.g. a decision's result list), converted on reading
   *
   * @param stored the type the engine hands back
   * @param read how the product's value is made from it; the product never writes such a variable itself
   */
  public static <S, T> ProcessVariable<T> converted(String name, Class<S> stored, Function<S, T> read) {
    return new ProcessVariable<>(name, stored, value -> read.apply(stored.cast(value)), value -> {
      throw new UnsupportedOperationException(name + " is written by the engine, not by the product");
    });
  }

  public String name() {
    return name;
  }

  /** the type the engine stores the value as (a code's is String) */
  public Class<?> storedType() {
    return stored;
  }

  /** the value in {@code scope} (or a scope above it); fails when it is missing or not of the declared type */
  public T get(VariableScope scope) {
    return find(scope).orElseThrow(() -> new IllegalStateException("process variable " + name + " is not set"));
  }

  public Optional<T> find(VariableScope scope) {
    return Optional.ofNullable(scope.getVariable(name)).map(this::typed);
  }

  /** the value set on {@code scope} itself (a task's own variable) */
  public Optional<T> findLocal(VariableScope scope) {
    return Optional.ofNullable(scope.getVariableLocal(name)).map(this::typed);
  }

  public void set(VariableScope scope, T value) {
    scope.setVariable(name, value == null ? null : write.apply(value));
  }

  /**
   * a value that lives only in the current transaction: no runtime row, no history row. For a fact that only steps of
   * the same transaction read, such as a decision's input (the decision's own history keeps the value it was given).
   */
  public void setTransient(VariableScope scope, T value) {
    scope.setVariable(name, Variables.untypedValue(value == null ? null : write.apply(value), true));
  }

  /** declares the variable on {@code scope} itself, so that a value written there never reaches the scopes above */
  public void setLocal(VariableScope scope, T value) {
    scope.setVariableLocal(name, value == null ? null : write.apply(value));
  }

  public void remove(VariableScope scope) {
    scope.removeVariable(name);
  }

  private T typed(Object value) {
    if (!stored.isInstance(value)) {
      throw new IllegalStateException("process variable " + name + " holds a " + value.getClass().getSimpleName()
          + ", not a " + stored.getSimpleName());
    }
    try {
      return read.apply(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("process variable " + name + " holds an unknown code", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
