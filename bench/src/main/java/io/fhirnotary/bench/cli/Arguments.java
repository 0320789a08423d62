package io.fhirnotary.bench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one command: {@code --name value}, {@code --name=value} and bare {@code --flag}.
 *
 * <p>Every accepted name is declared up front, so a typo fails loudly instead of being ignored and
 * silently running a benchmark with defaults.
 */
public final class Arguments {

  private final Map<String, List<String>> values;

  private Arguments(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * @param valued names that take a value (may be repeated on the command line)
   * @param flags names that stand alone
   */
  public static Arguments parse(List<String> args, Set<String> valued, Set<String> flags)
      throws UsageException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      String inlineValue = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        inlineValue = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (flags.contains(name)) {
        if (inlineValue != null) {
          throw new UsageException("--" + name + " takes no value");
        }
        values.computeIfAbsent(name, n -> new ArrayList<>()).add("true");
      } else if (valued.contains(name)) {
        String value = inlineValue;
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("--" + name + " needs a value");
          }
          value = args.get(++i);
        }
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown option: --" + name);
      }
    }
    return new Arguments(values);
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  /** The last value given for {@code name}: later options override earlier ones. */
  public Optional<String> optional(String name) {
    List<String> given = values.get(name);
    return given == null ? Optional.empty() : Optional.of(given.get(given.size() - 1));
  }

  public String required(String name) throws UsageException {
    return optional(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** Every value of a repeatable option, in command-line order. */
  public List<String> all(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
  }

  public int positiveInt(String name, int defaultValue) throws UsageException {
    return intAtLeast(name, defaultValue, 1);
  }

  public int intAtLeast(String name, int defaultValue, int minimum) throws UsageException {
    Optional<String> given = optional(name);
    return given.isEmpty() ? defaultValue : parseInt(name, given.get(), minimum);
  }

  /** A comma-separated list of positive integers, e.g. {@code --concurrency 1,4,16}. */
  public List<Integer> positiveInts(String name, List<Integer> defaultValue) throws UsageException {
    Optional<String> given = optional(name);
    if (given.isEmpty()) {
      return defaultValue;
    }
    List<Integer> parsed = new ArrayList<>();
    for (String part : commaSeparated(name, given.get())) {
      parsed.add(parseInt(name, part, 1));
    }
    return List.copyOf(parsed);
  }

  /** A comma-separated list of words, e.g. {@code --modes plain,protected}. */
  public List<String> words(String name, List<String> defaultValue) throws UsageException {
    Optional<String> given = optional(name);
    return given.isEmpty() ? defaultValue : commaSeparated(name, given.get());
  }

  private static List<String> commaSeparated(String name, String value) throws UsageException {
    List<String> parts = Arrays.stream(value.split(",")).map(String::trim).toList();
    if (parts.isEmpty() || parts.stream().anyMatch(String::isEmpty)) {
      throw new UsageException("--" + name + " needs a comma-separated list, got '" + value + "'");
    }
    return parts;
  }

  private static int parseInt(String name, String value, int minimum) throws UsageException {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < minimum) {
        throw new UsageException("--" + name + " must be at least " + minimum + ", got " + parsed);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " needs a whole number, got '" + value + "'");
    }
  }
}
